package input

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
)

func seedArchives() map[string][]byte {
	log := []byte("[1:0x1]      100 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  allocation failure; \n")
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	tw.WriteHeader(&tar.Header{Name: "a.log", Mode: 0o644, Size: int64(len(log)), Typeflag: tar.TypeReg})
	tw.Write(log)
	tw.Close()
	var zb bytes.Buffer
	zz := zip.NewWriter(&zb)
	w, _ := zz.Create("a.log")
	w.Write(log)
	zz.Close()
	// bzip2 has no writer in Go's library: the same line, compressed by bzip2(1).
	bz, err := os.ReadFile("testdata/handwritten-scavenge.log.bz2")
	if err != nil {
		panic(err)
	}
	return map[string][]byte{".gz": compressed(".gz", log), ".tar": tb.Bytes(), ".zip": zb.Bytes(), ".log": log,
		".zst": compressed(".zst", log), ".xz": compressed(".xz", log), ".bz2": bz, ".tar.zst": compressed(".zst", tb.Bytes())}
}

// compressors write the compressions the openers read that Go or a library can write.
var compressors = map[string]func(io.Writer) io.WriteCloser{
	".gz": func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) },
	".zst": func(w io.Writer) io.WriteCloser {
		e, _ := zstd.NewWriter(w)
		return e
	},
	".xz": func(w io.Writer) io.WriteCloser {
		x, _ := xz.NewWriter(w)
		return x
	},
}

// compressed returns b compressed as the file ending ext would be.
func compressed(ext string, b []byte) []byte {
	var out bytes.Buffer
	w := compressors[ext](&out)
	if _, err := w.Write(b); err != nil {
		panic(err)
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return out.Bytes()
}

// FuzzOpen feeds arbitrary bytes to the openers as a .gz, .zst, .xz, .bz2, .tar, .tgz, .tar.zst,
// .zip and plain file:
// they must return errors, never panic, and never read past the cap.
func FuzzOpen(f *testing.F) {
	for ext, b := range seedArchives() {
		f.Add(ext, b)
	}
	f.Add(".tgz", seedArchives()[".gz"])
	MaxDecompressed = 1 << 20
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		switch ext {
		case ".gz", ".tar", ".tgz", ".zip", ".log", ".zst", ".xz", ".bz2", ".tar.zst":
		default:
			ext = ".log"
		}
		dir := t.TempDir()
		p := filepath.Join(dir, "in"+ext)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		Each([]string{p}, bytes.NewReader(nil), func(name string, r io.Reader) error {
			n, err := io.Copy(io.Discard, r)
			if n > MaxDecompressed {
				t.Fatalf("%s: read %d bytes past the cap", name, n)
			}
			return err
		})
	})
}

func TestEachReportsAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	for ext, b := range seedArchives() {
		os.WriteFile(filepath.Join(dir, "x"+ext), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "broken.zip"), []byte("PK garbage"), 0o644)
	var names []string
	errs := Each([]string{dir, filepath.Join(dir, "nope.log"), "-"}, bytes.NewReader([]byte("stdin text\n")), func(name string, r io.Reader) error {
		names = append(names, filepath.Base(name))
		_, err := io.Copy(io.Discard, r)
		return err
	})
	want := []string{"x.bz2", "x.gz", "x.log", "x.tar:a.log", "x.tar.zst:a.log", "x.xz", "x.zip:a.log", "x.zst", "-"}
	if len(names) != len(want) {
		t.Fatalf("visited %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("visit %d = %s, want %s", i, names[i], want[i])
		}
	}
	if len(errs) != 2 {
		t.Errorf("errors %v, want broken.zip and nope.log", errs)
	}
}

// TestCompressedLogsReadAsTheirText compresses a real log every way a rotated log or an archive
// may be, and holds what Each reads of it to the log's own bytes.
func TestCompressedLogsReadAsTheirText(t *testing.T) {
	plain, err := os.ReadFile("../corpus/node-22/leak-linear.log")
	if err != nil {
		t.Fatal(err)
	}
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	tw.WriteHeader(&tar.Header{Name: "app/gc.log", Mode: 0o644, Size: int64(len(plain)), Typeflag: tar.TypeReg})
	tw.Write(plain)
	tw.Close()
	dir := t.TempDir()
	files := map[string][]byte{}
	for ext := range compressors {
		// A rotated log keeps a plain name: the magic bytes tell, not the name.
		files["rotated.log.1"+ext] = compressed(ext, plain)
		files["renamed"+ext+".log"] = compressed(ext, plain)
		files["logs.tar"+ext] = compressed(ext, tb.Bytes())
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := 0
	errs := Each([]string{dir}, nil, func(name string, r io.Reader) error {
		got, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, plain) {
			t.Errorf("%s: read %d bytes, not the log's %d", name, len(got), len(plain))
		}
		read++
		return nil
	})
	if len(errs) > 0 || read != len(files) {
		t.Fatalf("read %d of %d logs; errors %v", read, len(files), errs)
	}
}

// TestCompressionBombsStopAtTheCap holds every compression to MaxDecompressed.
func TestCompressionBombsStopAtTheCap(t *testing.T) {
	defer func(old int64) { MaxDecompressed = old }(MaxDecompressed)
	MaxDecompressed = 1 << 20
	zeros := make([]byte, 4<<20)
	dir := t.TempDir()
	for _, ext := range []string{".zst", ".xz"} {
		os.WriteFile(filepath.Join(dir, "bomb"+ext), compressed(ext, zeros), 0o644)
	}
	errs := Each([]string{dir}, nil, func(name string, r io.Reader) error {
		_, err := io.Copy(io.Discard, r)
		return err
	})
	if len(errs) != 2 {
		t.Fatalf("errors %v, want both bombs stopped", errs)
	}
	for _, err := range errs {
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%v, want ErrTooLarge", err)
		}
	}
}

func TestSevenZipIsNamedNotParsed(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "logs.7z")
	os.WriteFile(p, []byte("7z\xbc\xaf\x27\x1c"), 0o644)
	errs := Each([]string{p}, nil, func(string, io.Reader) error {
		t.Error("a 7z archive was read as a log")
		return nil
	})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "7z archive is not opened") {
		t.Errorf("errors %v, want one that says the 7z archive is not opened", errs)
	}
}
