package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gcanalyze/gcanalyze/input"
)

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func noStackTrace(t *testing.T, r result) {
	t.Helper()
	for _, s := range []string{"panic", "goroutine ", ".go:"} {
		if strings.Contains(r.stderr, s) || strings.Contains(r.stdout, s) {
			t.Errorf("output holds %q:\n%s%s", s, r.stdout, r.stderr)
		}
	}
}

// TestBadInputs runs the battery of hostile inputs, each with its exact outcome.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(leakLog)
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 1<<16)
	rnd.Read(random)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random[:4096]...)
	withNUL := bytes.Replace(good, []byte("Scavenge"), []byte("Scav\x00enge"), 3)
	invalidUTF8 := append([]byte("\xff\xfe\xc3(\n"), good...)
	cutMidLine := good[:len(good)/2]
	gzGood := gz(good)
	cases := []struct {
		name, file string
		data       []byte
		code       int
		stderr     string // what stderr must say ("" for nothing)
		stdout     string // what stdout must say
	}{
		{"empty", "empty.log", nil, exitInput, "empty.log: no V8 garbage-collector output found (expected node --trace-gc output or a 'JavaScript heap out of memory' crash log); the input is empty", ""},
		{"whitespace", "blank.log", []byte("  \n\t\n\r\n   \n"), exitInput, "blank.log: no V8 garbage-collector output found", ""},
		{"random bytes", "random.bin", random, exitInput, "random.bin: no V8 garbage-collector output found", ""},
		{"an image", "chart.png", png, exitInput, "chart.png: no V8 garbage-collector output found", ""},
		{"NUL bytes inside a log", "nul.log", withNUL, exitOK, "", "LEAK —"},
		{"invalid UTF-8", "utf8.log", invalidUTF8, exitOK, "", "LEAK —"},
		{"cut mid-line", "cut.log", cutMidLine, exitOK, "", "GCs over"},
		{"cut mid-gzip-stream", "cut.log.gz", gzGood[:len(gzGood)/2], exitInput, "cut.log.gz: line ", ""},
		{"corrupt zip", "bad.zip", append([]byte("PK\x03\x04"), random[:2000]...), exitInput, "bad.zip: not a readable zip archive", ""},
		{"corrupt tar.gz", "bad.tgz", gz(random[:3000]), exitInput, "bad.tgz: not a readable tar archive", ""},
		{"JVM GC log", "jvm.log", []byte("[0.004s][info][gc] Using G1\n[0.120s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.1ms\n"), exitInput, "jvm.log: no V8 garbage-collector output found (expected node --trace-gc output or a 'JavaScript heap out of memory' crash log); it looks like a JVM garbage-collector log", ""},
		{"Go gctrace", "go.log", []byte("gc 1 @0.012s 2%: 0.015+0.45+0.003 ms clock, 0.060+0.20/0.41/0.13+0.012 ms cpu, 4->4->0 MB, 5 MB goal, 4 P\n"), exitInput, "it looks like a Go runtime gctrace", ""},
		{"numbers out of range", "range.log", []byte("[1:0x1]     100 ms: Mark-Compact 1e400 (2.0) -> 1.0 (2.0) MB, 1.00 / 0.00 ms  allocation failure; \n" +
			"[1:0x1]     200 ms: Mark-Compact -5.0 (2.0) -> 1.0 (2.0) MB, 1.00 / 0.00 ms  allocation failure; \n" +
			"[1:0x1]     150 ms: Scavenge 3.0 (4.0) -> 1.0 (4.0) MB, 0.50 / 0.00 ms  allocation failure; \n" +
			"[123456789012345678901234567890123456789012345678901:0x1]     300 ms: Scavenge 3.0 (4.0) -> 1.0 (4.0) MB, 0.50 / 0.00 ms  allocation failure; \n"), exitOK, "", "INSUFFICIENT DATA"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := write(t, dir, tc.file, tc.data)
			r := runCLI(t, "", "analyze", p)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout %s\nstderr %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.stderr != "" && !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.stderr)
			}
			if tc.stderr == "" && r.stderr != "" {
				t.Errorf("unexpected stderr %q", r.stderr)
			}
			if !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, r.stdout)
			}
			noStackTrace(t, r)
		})
	}
}

func TestOverlongLineIsSkippedAndCounted(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(leakLog)
	long := bytes.Repeat([]byte("x"), 3<<20) // no newline for 3 MB
	p := write(t, dir, "long.log", append(append(long, '\n'), good...))
	r := runCLI(t, "", "events", p)
	if r.code != 0 || !strings.Contains(r.stdout, `"oversize":true,"bytes":3145729`) {
		t.Errorf("code %d, oversize line not reported: %.300s", r.code, r.stdout)
	}
	r = runCLI(t, "", "analyze", p)
	if r.code != 0 || !strings.Contains(r.stdout, "LEAK —") {
		t.Errorf("the log after the long line was not analysed: %s", r.stderr)
	}
}

func TestDecompressionBombsAreCapped(t *testing.T) {
	old := input.MaxDecompressed
	input.MaxDecompressed = 1 << 20
	defer func() { input.MaxDecompressed = old }()
	dir := t.TempDir()
	zeros := bytes.Repeat([]byte("0000000000000000000000000000000\n"), 1<<17) // 4 MB of one line shape
	bomb := write(t, dir, "bomb.log.gz", gz(zeros))
	r := runCLI(t, "", "analyze", bomb)
	if r.code != exitInput || !strings.Contains(r.stderr, "bomb.log.gz: line ") || !strings.Contains(r.stderr, "decompressed size exceeds the cap") {
		t.Errorf("gzip bomb: code %d stderr %q", r.code, r.stderr)
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("big.log")
	w.Write(zeros)
	zw.Close()
	zbomb := write(t, dir, "bomb.zip", zb.Bytes())
	r = runCLI(t, "", "analyze", zbomb)
	if r.code != exitInput || !strings.Contains(r.stderr, "bomb.zip:big.log") || !strings.Contains(r.stderr, "decompressed size exceeds the cap") {
		t.Errorf("zip bomb: code %d stderr %q", r.code, r.stderr)
	}
}

func TestArchiveWithThousandsOfMembersAndNesting(t *testing.T) {
	dir := t.TempDir()
	small, _ := os.ReadFile("../../corpus/realworld/024-node18-macos-nextdev-mark-sweep-reduce.log")
	var tb bytes.Buffer
	tw := tar.NewWriter(&tb)
	const n = 3000
	for i := 0; i < n; i++ {
		tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("logs/%04d.log", i), Mode: 0o644, Size: int64(len(small)), Typeflag: tar.TypeReg})
		tw.Write(small)
	}
	tw.WriteHeader(&tar.Header{Name: "inner.zip", Mode: 0o644, Size: 4, Typeflag: tar.TypeReg})
	tw.Write([]byte("PK\x05\x06"))
	tw.Close()
	archive := write(t, dir, "many.tar", tb.Bytes())
	out := filepath.Join(dir, "rows.csv")
	r := runCLI(t, "", "batch", archive, "-o", out)
	if r.code != exitInput || !strings.Contains(r.stdout, fmt.Sprintf("%d logs, %d processes", n+1, n)) {
		t.Errorf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "many.tar:inner.zip: an archive inside an archive is not opened; extract it first") {
		t.Errorf("nested archive not reported: %s", r.stderr)
	}
}

func TestDirectoryWithBadEntries(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(leakLog)
	write(t, dir, "a.log", good)
	os.Symlink("loop2", filepath.Join(dir, "loop1"))
	os.Symlink("loop1", filepath.Join(dir, "loop2"))
	os.Symlink("missing.log", filepath.Join(dir, "dangling.log"))
	os.Symlink(filepath.Join(dir, "a.log"), filepath.Join(dir, "link.log"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "analyze", "--format", "json", dir)
	if r.code != exitInput {
		t.Errorf("code %d", r.code)
	}
	for _, want := range []string{"loop1: a symbolic link loop", "loop2: a symbolic link loop", "dangling.log: no such file or directory"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// a.log and the link to it are analysed; the FIFO inside a directory is passed over (it
	// could block the walk forever).
	if got := strings.Count(r.stdout, `"source"`); got != 2 {
		t.Errorf("%d reports, want 2", got)
	}
	noStackTrace(t, r)
}

func TestNamedFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(leakLog)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			f.Write(good)
			f.Close()
		}
	}()
	r := runCLI(t, "", "analyze", fifo)
	if r.code != 0 || !strings.Contains(r.stdout, "LEAK —") {
		t.Errorf("fifo: code %d %s", r.code, r.stderr)
	}
}

func TestOutputReplacedOnlyWhenComplete(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "heap.png")
	write(t, dir, "heap.png", []byte("previous"))
	// A failing run (no V8 in the input) must leave the previous file as it was.
	bad := write(t, dir, "x.log", []byte("hello\n"))
	runCLI(t, "", "plot", bad, "-o", out)
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Errorf("a failed plot replaced the output")
	}
	runCLI(t, "", "plot", leakLog, "-o", out)
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("a good plot did not replace the output")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestBatchInterrupted runs a batch whose context is already cancelled (Ctrl-C): it stops
// before the next log, says so, exits 1, and still writes a complete output file.
func TestBatchInterrupted(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rows.csv")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := runContext(ctx, []string{"gcanalyze", "batch", "../../corpus/node-22", "-o", out}, strings.NewReader(""), &stdout, &stderr)
	if code != exitInput || !strings.Contains(stderr.String(), "interrupted; the rows of the logs finished so far are written") {
		t.Errorf("code %d stderr %q", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "source,pid,") {
		t.Errorf("output %q (%v)", b, err)
	}
}

// TestTruncatedCompressedLog: a gzip log cut short (copied or downloaded while it was being
// written) is analysed as far as it goes, with the report and stderr saying where it broke
// off; batch gives its process's row and an error row.
func TestTruncatedCompressedLog(t *testing.T) {
	dir := t.TempDir()
	whole, err := os.ReadFile(leakLog)
	if err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(whole)
	zw.Close()
	cut := write(t, dir, "cut.log.gz", zb.Bytes()[:zb.Len()*2/3])

	r := runCLI(t, "", "analyze", cut)
	if r.code != exitInput || !strings.Contains(r.stderr, "cut.log.gz: line ") || !strings.Contains(r.stderr, "the file is truncated") {
		t.Errorf("analyze: code %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "LEAK") || !strings.Contains(r.stdout, "the input breaks off at line ") {
		t.Errorf("analyze: the report of what was read, and where it broke off, missing:\n%s", r.stdout)
	}

	r = runCLI(t, "", "batch", cut, "--format", "jsonl")
	var rows, errorRows int
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		switch {
		case strings.Contains(line, `"verdict":"leak"`):
			rows++
		case strings.Contains(line, "the file is truncated"):
			errorRows++
		}
	}
	if rows != 1 || errorRows != 1 || r.code != exitInput {
		t.Errorf("batch: %d leak rows and %d error rows (want 1 and 1), code %d\n%s%s", rows, errorRows, r.code, r.stdout, r.stderr)
	}

	png := filepath.Join(dir, "cut.png")
	r = runCLI(t, "", "plot", cut, "-o", png)
	if _, err := os.Stat(png); err != nil || r.code != exitInput || !strings.Contains(r.stderr, "the file is truncated") {
		t.Errorf("plot: code %d, stderr %q, chart: %v", r.code, r.stderr, err)
	}
}
