package main

import (
	"errors"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gcanalyze/gcanalyze/input"
	"github.com/gcanalyze/gcanalyze/parser"
)

// joinInputs opens rotated pieces of one log (app.log app.log.1.gz …) and returns them as one
// reader in time order: each piece is placed by the time of its first GC line, since the
// pieces of one process share the isolate's clock. Pieces without a GC line keep their order,
// after the others.
func joinInputs(args []string) (name string, r io.Reader, closers []io.Closer, err error) {
	var paths []string
	for _, a := range args {
		if a == "-" {
			return "", nil, nil, usageError{"--join reads files, not standard input"}
		}
		if m, _ := filepath.Glob(a); len(m) > 0 && strings.ContainsAny(a, "*?[") {
			paths = append(paths, m...)
		} else {
			paths = append(paths, a)
		}
	}
	type piece struct {
		path  string
		first float64
		has   bool
	}
	var pieces []piece
	for _, p := range paths {
		if input.IsArchiveName(p) {
			return "", nil, nil, usageError{"--join takes log files (plain or compressed), not archives: " + p}
		}
		t, ok, err := firstTime(p)
		if err != nil {
			return "", nil, nil, err
		}
		pieces = append(pieces, piece{p, t, ok})
	}
	sort.SliceStable(pieces, func(i, j int) bool {
		a, b := pieces[i], pieces[j]
		if a.has != b.has {
			return a.has
		}
		return a.has && a.first < b.first
	})
	var readers []io.Reader
	var names []string
	for _, pc := range pieces {
		rc, err := input.Open(pc.path)
		if err != nil {
			for _, c := range closers {
				c.Close()
			}
			return "", nil, nil, err
		}
		closers = append(closers, rc)
		readers = append(readers, rc, strings.NewReader("\n")) // a piece may end without a newline
		names = append(names, pc.path)
	}
	return strings.Join(names, "+"), io.MultiReader(readers...), closers, nil
}

// firstTime returns the time of the first GC of a log piece.
func firstTime(path string) (float64, bool, error) {
	rc, err := input.Open(path)
	if err != nil {
		return 0, false, err
	}
	defer rc.Close()
	p := parser.New(rc)
	for {
		ev, err := p.Next()
		if errors.Is(err, io.EOF) {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, &input.Error{Name: path, Err: err}
		}
		switch {
		case ev.Type == parser.TypeGC && ev.GC.TimeMS != nil && !ev.GC.InCrashDump:
			return *ev.GC.TimeMS, true, nil
		case ev.Type == parser.TypeNVP && ev.NVP.TimeMS != nil:
			return *ev.NVP.TimeMS, true, nil
		}
	}
}
