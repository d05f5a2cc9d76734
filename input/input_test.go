package input

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func seedArchives() map[string][]byte {
	log := []byte("[1:0x1]      100 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  allocation failure; \n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(log)
	zw.Close()
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
	return map[string][]byte{".gz": gz.Bytes(), ".tar": tb.Bytes(), ".zip": zb.Bytes(), ".log": log}
}

// FuzzOpen feeds arbitrary bytes to the openers as a .gz, .tar, .tgz, .zip and plain file:
// they must return errors, never panic, and never read past the cap.
func FuzzOpen(f *testing.F) {
	for ext, b := range seedArchives() {
		f.Add(ext, b)
	}
	f.Add(".tgz", seedArchives()[".gz"])
	MaxDecompressed = 1 << 20
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		switch ext {
		case ".gz", ".tar", ".tgz", ".zip", ".log":
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
	want := []string{"x.gz", "x.log", "x.tar:a.log", "x.zip:a.log", "-"}
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
