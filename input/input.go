// Package input opens what users point gcanalyze at: files, standard input, directories,
// globs, logs compressed with gzip, zstd, xz or bzip2, and tar (compressed so too) and zip
// archives, each member of an archive a log of its own. Decompression is capped, so a bomb
// ends with a clear error instead of filling memory.
package input

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/bzip2"
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

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
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

// ErrTruncated is returned when compressed data ends before its stream does: a log copied
// or downloaded while it was still being written. What was read before it is good text.
var ErrTruncated = errors.New("the file is truncated")

// Visit is called for each log with its name ("-" for standard input,
// "archive.tgz:member/path.log" for an archive member) and its text. An error it returns is
// reported for that log, and the walk goes on.
type Visit func(name string, r io.Reader) error

// Each visits every log the arguments name, in order: files, "-", directories (walked, files
// in name order, symlinks not followed), globs, compressed logs, tar (plain, .tar.gz,
// .tar.zst, .tar.xz, .tar.bz2) and zip archives (each member a log, read in one pass). Inputs
// that cannot be read are returned as errors, and the walk goes on, so one bad file does not
// stop the rest.
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
			rc, err := decompress(stdin)
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
	return isTarName(l) || strings.HasSuffix(l, ".zip") || unopenedArchive(l) != ""
}

// tarNames are the endings of a tar archive's name, compressed or not.
var tarNames = []string{".tar", ".tgz", ".tar.gz", ".tar.zst", ".tzst", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tbz"}

func isTarName(lower string) bool {
	for _, ext := range tarNames {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// unopenedArchive returns the kind of an archive this package does not open, by its name, or "".
func unopenedArchive(lower string) string {
	for _, ext := range []string{".7z", ".rar"} {
		if strings.HasSuffix(lower, ext) {
			return ext[1:]
		}
	}
	return ""
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
	case isTarName(lower):
		eachTar(path, visit, report)
		return
	case unopenedArchive(lower) != "":
		report(path, fmt.Errorf("a %s archive is not opened; extract it, or make it a zip or tar (.tar.gz, .tar.zst, .tar.xz)", unopenedArchive(lower)))
		return
	}
	f, err := os.Open(path)
	if err != nil {
		report(path, friendly(err))
		return
	}
	defer f.Close()
	rc, err := decompress(f)
	if err != nil {
		report(path, err)
		return
	}
	report(path, visit(path, rc))
}

// compressions are the formats a log or an archive may be compressed with, known by the magic
// bytes they start with (a rotated log keeps its text's name whatever compressed it).
var compressions = []struct {
	name string
	is   func(head []byte) bool
	open func(io.Reader) (io.Reader, error)
}{
	{"gzip", magic(0x1f, 0x8b), func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	{"zstd", magic(0x28, 0xb5, 0x2f, 0xfd), func(r io.Reader) (io.Reader, error) {
		// One goroutine-free decoder per log; a window over 256 MiB is refused rather than
		// allocated.
		return zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(256<<20))
	}},
	{"xz", magic(0xfd, '7', 'z', 'X', 'Z', 0x00), func(r io.Reader) (io.Reader, error) { return xz.NewReader(r) }},
	{"bzip2", isBzip2, func(r io.Reader) (io.Reader, error) { return bzip2.NewReader(r), nil }},
}

// magic returns a test of a stream's first bytes for the given ones.
func magic(b ...byte) func(head []byte) bool {
	return func(head []byte) bool { return bytes.HasPrefix(head, b) }
}

// isBzip2 reports whether head, a stream's first bytes, is a bzip2 stream's start: "BZh", the
// block size, then the first block's magic (the digits of pi) or, for an empty stream, the
// end's (those of the square root of pi) — text starting "BZh9" is not bzip2.
func isBzip2(head []byte) bool {
	if len(head) < 10 || !bytes.HasPrefix(head, []byte("BZh")) || head[3] < '1' || head[3] > '9' {
		return false
	}
	m := head[4:10]
	return bytes.Equal(m, []byte{0x31, 0x41, 0x59, 0x26, 0x53, 0x59}) || bytes.Equal(m, []byte{0x17, 0x72, 0x45, 0x38, 0x50, 0x90})
}

// decompress returns r's text: decompressed and capped when r starts with the magic of
// gzip, zstd, xz or bzip2; as it is otherwise.
func decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(10)
	for _, c := range compressions {
		if !c.is(head) {
			continue
		}
		zr, err := c.open(br)
		if err != nil {
			return nil, fmt.Errorf("not a valid %s file: %v", c.name, err)
		}
		return &capped{r: zr, left: MaxDecompressed, format: c.name}, nil
	}
	return br, nil
}

// capped fails with ErrTooLarge once more than left bytes were read, and says ErrTruncated
// where the compressed stream of its format ends early.
type capped struct {
	r      io.Reader
	left   int64
	format string
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
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("%w, its %s data ending early", ErrTruncated, c.format)
	}
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
		r, err := decompress(rc)
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
	r, err := decompress(f)
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
		mr, err := decompress(tr)
		if err == nil {
			err = visit(name, &capped{r: mr, left: MaxDecompressed})
		}
		report(name, err)
	}
}

// Open opens one plain or compressed file for reading (decompressed and capped).
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Name: path, Err: friendly(err)}
	}
	r, err := decompress(f)
	if err != nil {
		f.Close()
		return nil, &Error{Name: path, Err: err}
	}
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil
}
