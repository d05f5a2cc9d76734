package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/plotting"
	"gonum.org/v1/plot/vg"
)

const pixel = vg.Inch / 96

// writeAtomic writes a file through a temporary name in the same directory and renames it
// into place, so an existing file is replaced only by a complete one.
func writeAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// chartSize is the default size of a chart in pixels.
func chartSize(chart string, width, height int) (int, int) {
	if width <= 0 {
		width = defaultWidth
	}
	if height <= 0 {
		height = defaultHeight
		if chart == plotting.ChartDashboard {
			height = defaultDashboardHeight
		}
	}
	return width, height
}

// writeChart writes one chart of a process to path, atomically; width and height are pixels,
// 0 for the chart's default.
func writeChart(path, chart, format string, width, height int, source string, p *analyze.Process) error {
	w, h := chartSize(chart, width, height)
	err := writeAtomic(path, func(wr io.Writer) error {
		return plotting.Write(wr, chart, format, vg.Length(w)*pixel, vg.Length(h)*pixel, source, p)
	})
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// baseName makes a file name stem of an input name ("dir/app.log" → "app",
// "logs.tgz:x/a.log" → "logs-x-a").
func baseName(source string) string {
	if source == "-" {
		return "stdin"
	}
	s := filepath.Base(strings.ReplaceAll(strings.ReplaceAll(source, ":", "/"), "\\", "/"))
	if i := strings.Index(source, ":"); i > 0 {
		s = strings.TrimSuffix(filepath.Base(source[:i]), filepath.Ext(source[:i])) + "-" + strings.ReplaceAll(source[i+1:], "/", "-")
	}
	for _, ext := range []string{".gz", ".zst", ".xz", ".bz2", ".log", ".txt"} {
		s = strings.TrimSuffix(s, ext)
	}
	return fileSafe(s)
}

// maxStem bounds a file name stem: a command line `run` names its report after can be long.
const maxStem = 100

// fileSafe makes a stem safe to put in a file name and to paste into a shell or a Markdown
// link: each run of characters other than letters, digits, '.', '_', '+' and '-' becomes one
// '-' (a `run` of "node --max-old-space-size=112 app.js" wrote "node --max-old-space-size=112
// app.js-heap.png"), at most maxStem bytes, cut at a character.
func fileSafe(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._+-", r)
		switch {
		case r == '-' && dash:
		case ok:
			b.WriteRune(r)
			dash = r == '-'
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > maxStem {
		cut := maxStem
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = strings.TrimRight(out[:cut], "-")
	}
	if out == "" {
		return "gc"
	}
	return out
}

// processSuffix tells the processes of a log apart in file names.
func processSuffix(rep *analyze.Report, i int) string {
	if len(rep.Processes) < 2 {
		return ""
	}
	p := rep.Processes[i]
	return fmt.Sprintf("-%d-%s", p.PID, p.Isolate)
}

// writeCharts writes the given charts of every process of rep into dir, named
// <input>[-pid-isolate]-<chart>.<format>, and returns the paths by process.
func writeCharts(rep *analyze.Report, dir string, charts []string, format string, width, height int) (map[int][]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := map[int][]string{}
	for i, p := range rep.Processes {
		for _, chart := range charts {
			path := filepath.Join(dir, fmt.Sprintf("%s%s-%s.%s", baseName(rep.Source), processSuffix(rep, i), chart, format))
			if err := writeChart(path, chart, format, width, height, rep.Source, p); err != nil {
				return out, err
			}
			out[i] = append(out[i], path)
		}
	}
	return out, nil
}
