// Package input opens what users point gcanalyze at: files, standard input, directories,
// globs, gzip files and tar, tar.gz and zip archives, each member of an archive a log of its
// own. Decompression is capped, so a bomb ends with a clear error instead of filling memory.
package input

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// MaxDecompressed caps what one compressed log or archive member may expand to.
var MaxDecompressed int64 = 16 << 30

// Error is an input that could not be read, with the name it was given by.
type Error struct {
	Name string
	Err  error
}

// Error names the input, then what went wrong.
func (e *Error) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is returned when a compressed input expands past MaxDecompressed.
var ErrTooLarge = errors.New("decompressed size exceeds the cap (a zip or gzip bomb?)")

// Visit is called for each log with its name ("-" for standard input,
// "archive.tgz:member/path.log" for an archive member) and its text. An error it returns is
// reported for that log, and the walk goes on.
type Visit func(name string, r io.Reader) error

// Each visits every log the arguments name, in order: files, "-", directories (walked, files
// in name order, symlinks not followed), globs, gzip files, tar, tar.gz and zip archives (each
// member a log, read in one pass). Inputs that cannot be read are returned as errors, and the
// walk goes on, so one bad file does not stop the rest.
func Each(args []string, stdin io.Reader, visit Visit) []error {
	var errs []error
	report := func(name string, err error) {
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) {
				err = &Error{Name: name, Err: err}
			}
			errs = append(errs, err)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			rc, err := maybeGunzip(io.NopCloser(stdin))
			if err != nil {
				report("-", err)
				continue
			}
			report("-", visit("-", rc))
			continue
		}
		paths := []string{arg}
		if strings.ContainsAny(arg, "*?[") {
			if m, err := filepath.Glob(arg); err == nil && len(m) > 0 {
				paths = m
			}
		}
		for _, p := range paths {
			eachPath(p, visit, report)
		}
	}
	return errs
}

func eachPath(path string, visit Visit, report func(string, error)) {
	fi, err := os.Stat(path)
	if err != nil {
		report(path, friendly(err))
		return
	}
	if !fi.IsDir() {
		eachFile(path, fi, visit, report)
		return
	}
	var files []string
	walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			report(p, friendly(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type().IsRegular():
			files = append(files, p)
		case d.Type()&fs.ModeSymlink != 0:
			// Followed when it leads to a file; a loop or a dangling link is reported. Links to
			// directories are not followed, so a walk cannot go round in circles.
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				report(p, friendly(err))
			case fi.Mode().IsRegular():
				files = append(files, p)
			}
		}
		return nil
	})
	if walkErr != nil {
		report(path, walkErr)
	}
	sort.Strings(files)
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			report(f, friendly(err))
			continue
		}
		eachFile(f, fi, visit, report)
	}
}

var errNested = errors.New("an archive inside an archive is not opened; extract it first")

// IsArchiveName reports whether a file name is that of an archive (zip, tar, tar.gz and the
// kinds this package does not open), by its extension.
func IsArchiveName(name string) bool {
	l := strings.ToLower(name)
	for _, ext := range []string{".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".7z", ".rar"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

func friendly(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	case errors.Is(err, syscall.ELOOP):
		return errors.New("a symbolic link loop")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func eachFile(path string, fi fs.FileInfo, visit Visit, report func(string, error)) {
	if !fi.Mode().IsRegular() && fi.Mode()&fs.ModeNamedPipe == 0 {
		report(path, errors.New("not a regular file"))
		return
	}
	lower := strings.ToLower(path)
	switch {
	case strings.HasSuffix(lower, ".zip"):
		eachZip(path, visit, report)
		return
	case strings.HasSuffix(lower, ".tar"), strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		eachTar(path, visit, report)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		report(path, friendly(err))
		return
	}
	defer f.Close()
	rc, err := maybeGunzip(f)
	if err != nil {
		report(path, err)
		return
	}
	report(path, visit(path, rc))
}

// maybeGunzip returns rc decompressed when it starts with the gzip magic, capped.
func maybeGunzip(rc io.ReadCloser) (io.Reader, error) {
	br := bufio.NewReader(rc)
	head, _ := br.Peek(2)
	if !bytes.Equal(head, []byte{0x1f, 0x8b}) {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("not a valid gzip file: %v", err)
	}
	return &capped{r: zr, left: MaxDecompressed}, nil
}

// capped fails with ErrTooLarge once more than left bytes were read.
type capped struct {
	r    io.Reader
	left int64
}

// Read reads on until the cap, then fails with the error that says so.
func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func eachZip(path string, visit Visit, report func(string, error)) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		report(path, fmt.Errorf("not a readable zip archive: %v", err))
		return
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		name := path + ":" + f.Name
		if IsArchiveName(f.Name) {
			report(name, errNested)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			report(name, err)
			continue
		}
		r, err := maybeGunzip(rc)
		if err == nil {
			err = visit(name, &capped{r: r, left: MaxDecompressed})
		}
		rc.Close()
		report(name, err)
	}
}

func eachTar(path string, visit Visit, report func(string, error)) {
	f, err := os.Open(path)
	if err != nil {
		report(path, friendly(err))
		return
	}
	defer f.Close()
	r, err := maybeGunzip(f)
	if err != nil {
		report(path, err)
		return
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			report(path, fmt.Errorf("not a readable tar archive (or cut short): %v", err))
			return
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := path + ":" + h.Name
		if IsArchiveName(h.Name) {
			report(name, errNested)
			continue
		}
		mr, err := maybeGunzip(io.NopCloser(tr))
		if err == nil {
			err = visit(name, &capped{r: mr, left: MaxDecompressed})
		}
		report(name, err)
	}
}

// Open opens one plain or gzipped file for reading (decompressed and capped).
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Name: path, Err: friendly(err)}
	}
	r, err := maybeGunzip(f)
	if err != nil {
		f.Close()
		return nil, &Error{Name: path, Err: err}
	}
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil
}
