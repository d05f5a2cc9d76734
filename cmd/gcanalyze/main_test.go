package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const leakLog = "../../corpus/node-22/leak-linear.log"
const tableLog = "../../corpus/node-22/table-size.log"

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"gcanalyze"}, args...), strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func TestAnalyzeFormats(t *testing.T) {
	r := runCLI(t, "", "analyze", leakLog)
	if r.code != 0 || !strings.Contains(r.stdout, "LEAK —") || !strings.Contains(r.stdout, "What to do") {
		t.Fatalf("text: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, "", "analyze", "--format", "markdown", leakLog)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "## GC analysis of") || !strings.Contains(r.stdout, "| evidence |") {
		t.Fatalf("markdown: code %d\n%s", r.code, r.stdout)
	}
	r = runCLI(t, "", "analyze", "--format", "json", leakLog, tableLog)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 {
		t.Fatalf("json: code %d, %d lines", r.code, len(lines))
	}
	var rep struct {
		Source    string `json:"source"`
		Processes []struct {
			Verdict        string   `json:"verdict"`
			PredictedOOMMS *float64 `json:"predicted_oom_ms"`
			Crash          *struct {
				Kind string `json:"kind"`
			} `json:"crash"`
		} `json:"processes"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Source != tableLog || rep.Processes[0].Verdict != "structure-limit" || rep.Processes[0].Crash.Kind != "invalid-table-size" {
		t.Errorf("second report = %+v", rep)
	}
}

func TestAnalyzeStdin(t *testing.T) {
	b, err := os.ReadFile(leakLog)
	if err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, string(b), "analyze", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "- · pid 26105") {
		t.Errorf("stdin: code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestAnalyzeHeapLimitAndFailOn(t *testing.T) {
	r := runCLI(t, "", "analyze", "--heap-limit", "512MB", "--fail-on", "leak,heap-too-small", leakLog)
	if r.code != exitVerdict || !strings.Contains(r.stdout, "~512.0 MB (given with --heap-limit)") {
		t.Errorf("code %d\n%s", r.code, r.stdout)
	}
	for _, c := range []struct {
		in    string
		mb    float64
		bytes bool
	}{
		{"4GB", 4096, false}, {"512m", 512, false}, {"1.5 GiB", 1536, false},
		{"4096", 4096, false},                          // the MB of --max-old-space-size
		{"4345298944", 4345298944.0 / (1 << 20), true}, // heap_size_limit in bytes
		{"4345298944B", 4345298944.0 / (1 << 20), false},
	} {
		v, bytes, err := parseSize(c.in)
		if err != nil || math.Abs(v-c.mb) > 1e-6 || bytes != c.bytes {
			t.Errorf("parseSize(%q) = %v MB, bytes %v, %v; want %v MB, bytes %v", c.in, v, bytes, err, c.mb, c.bytes)
		}
	}
	// heap_size_limit in bytes is turned into old space: 128 here, with the 16 MB semi-spaces
	// the log shows (128 + 3·16 = 176 MB = 184549376 bytes).
	r = runCLI(t, "", "analyze", "--format", "json", "--heap-limit", "184549376", leakLog)
	if !strings.Contains(r.stdout, `"heap_limit_mb":128,`) {
		t.Errorf("heap_size_limit in bytes not read as such: %.300s", r.stdout)
	}
	r = runCLI(t, "", "analyze", "--format", "json", "--heap-limit", "176", "--heap-limit-kind", "heap-size-limit", leakLog)
	if !strings.Contains(r.stdout, `"heap_limit_mb":128,`) {
		t.Errorf("--heap-limit-kind heap-size-limit not applied: %.300s", r.stdout)
	}
	r = runCLI(t, "", "analyze", "--heap-limit", "lots", leakLog)
	if r.code != exitUsage || !strings.Contains(r.stderr, "--heap-limit") {
		t.Errorf("bad limit: code %d %s", r.code, r.stderr)
	}
}

func TestInputErrors(t *testing.T) {
	dir := t.TempDir()
	notV8 := filepath.Join(dir, "jvm.log")
	os.WriteFile(notV8, []byte("[0.004s][info][gc] Using G1\n[0.120s][info][gc] GC(0) Pause Young (Normal) 24M->3M(256M) 2.1ms\n"), 0o644)
	missing := filepath.Join(dir, "missing.log")
	r := runCLI(t, "", "analyze", missing, notV8, leakLog)
	if r.code != exitInput {
		t.Errorf("code %d, want %d", r.code, exitInput)
	}
	if !strings.Contains(r.stderr, missing+": no such file or directory") || !strings.Contains(r.stderr, notV8+": no V8 garbage-collector output") {
		t.Errorf("stderr does not name the bad files:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "LEAK —") {
		t.Errorf("the good file was not analysed:\n%s", r.stdout)
	}
	if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
		t.Errorf("stack trace on stderr:\n%s", r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"analyze"}, {"analyze", "--format", "xml", leakLog}, {"events", "--format", "xml", leakLog}, {"analyze", "--nope", leakLog}, {"frobnicate"}} {
		r := runCLI(t, "", args...)
		if r.code != exitUsage {
			t.Errorf("%v: code %d, want %d (stderr %s)", args, r.code, exitUsage, r.stderr)
		}
	}
	r := runCLI(t, "", "--version")
	if r.code != 0 || !strings.Contains(r.stdout, version) {
		t.Errorf("--version: %d %q", r.code, r.stdout)
	}
}

func TestDirectoryAndArchives(t *testing.T) {
	dir := t.TempDir()
	log, _ := os.ReadFile(leakLog)
	table, _ := os.ReadFile(tableLog)
	// A directory with two logs and one file that cannot be opened (a dangling symlink is
	// skipped by the walk, so use a file inside an unreadable directory when not root, else
	// a FIFO-free case: a broken gzip).
	sub := filepath.Join(dir, "logs")
	os.MkdirAll(sub, 0o755)
	os.WriteFile(filepath.Join(sub, "a.log"), log, 0o644)
	os.WriteFile(filepath.Join(sub, "b.log"), table, 0o644)
	os.WriteFile(filepath.Join(sub, "c.log.gz"), []byte{0x1f, 0x8b, 0x08, 0x00, 1, 2, 3}, 0o644)
	r := runCLI(t, "", "analyze", "--format", "json", sub)
	if r.code != exitInput || strings.Count(r.stdout, "\n") != 2 || !strings.Contains(r.stderr, "c.log.gz") {
		t.Errorf("dir: code %d, %d reports, stderr %q", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}

	// .gz, .tar.gz, .zip built here.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(log)
	zw.Close()
	os.WriteFile(filepath.Join(dir, "one.log.gz"), gz.Bytes(), 0o644)

	var tgz bytes.Buffer
	gw := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(gw)
	for name, body := range map[string][]byte{"x/leak.log": log, "x/table.log": table} {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg})
		tw.Write(body)
	}
	tw.Close()
	gw.Close()
	os.WriteFile(filepath.Join(dir, "logs.tgz"), tgz.Bytes(), 0o644)

	var zb bytes.Buffer
	zwr := zip.NewWriter(&zb)
	w, _ := zwr.Create("leak.log")
	w.Write(log)
	zwr.Close()
	os.WriteFile(filepath.Join(dir, "logs.zip"), zb.Bytes(), 0o644)

	r = runCLI(t, "", "analyze", "--format", "json", filepath.Join(dir, "one.log.gz"), filepath.Join(dir, "logs.tgz"), filepath.Join(dir, "logs.zip"))
	if r.code != 0 {
		t.Fatalf("archives: code %d %s", r.code, r.stderr)
	}
	var sources []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var rep struct {
			Source string `json:"source"`
		}
		json.Unmarshal([]byte(l), &rep)
		sources = append(sources, rep.Source)
	}
	want := []string{filepath.Join(dir, "one.log.gz"), filepath.Join(dir, "logs.tgz") + ":x/", filepath.Join(dir, "logs.tgz") + ":x/", filepath.Join(dir, "logs.zip") + ":leak.log"}
	if len(sources) != 4 {
		t.Fatalf("sources = %v", sources)
	}
	for i := range want {
		if !strings.HasPrefix(sources[i], want[i]) {
			t.Errorf("source %d = %q, want prefix %q", i, sources[i], want[i])
		}
	}
}

func TestEvents(t *testing.T) {
	r := runCLI(t, "", "events", leakLog)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) < 50 {
		t.Fatalf("code %d, %d lines", r.code, len(lines))
	}
	var ev map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &ev); err != nil || ev["type"] != "gc" || ev["source"] != leakLog || ev["line"] != 1.0 {
		t.Errorf("first event = %v (%v)", ev, err)
	}
	r = runCLI(t, "", "events", "--format", "csv", leakLog)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || r.code != 0 {
		t.Fatalf("csv: %v code %d", err, r.code)
	}
	if len(rows) != len(lines)+1 || len(rows[0]) != len(csvColumns) || rows[1][1] != "gc" {
		t.Errorf("csv: %d rows (want %d), header %v", len(rows), len(lines)+1, rows[0])
	}
	// An Azure Pipelines log prints its fatal line twice, marked "##[error]" and plain: the
	// second row is marked a repeat, the first is not.
	r = runCLI(t, "", "events", "--format", "csv", "../../corpus/heldout-bu/bu005-sonar-css-azure-devops-node8-12-timestamped-doubled-error-lines-call-and-retry-last-no-gc-cut.log")
	rows, err = csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || r.code != 0 {
		t.Fatalf("csv: %v code %d", err, r.code)
	}
	var repeats []string
	for _, row := range rows[1:] {
		if row[csvIndex["type"]] == "fatal" {
			repeats = append(repeats, row[csvIndex["repeat"]])
		}
	}
	if !slices.Equal(repeats, []string{"", "true"}) {
		t.Errorf("Azure's echoed fatal line: repeat column %q, want [\"\" \"true\"]", repeats)
	}
}

func TestPlot(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "crash.png")
	r := runCLI(t, "", "plot", leakLog, "-o", out)
	if r.code != 0 || strings.TrimSpace(r.stdout) != out {
		t.Fatalf("code %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("%s is not a PNG (%v)", out, err)
	}
	r = runCLI(t, "", "plot", "--chart", "all", "-o", filepath.Join(dir, "c.svg"), "../../corpus/node-22/workers.log")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 4*5 {
		t.Errorf("all charts of 4 isolates: code %d, %d files\n%s", r.code, strings.Count(r.stdout, "\n"), r.stderr)
	}
	for _, args := range [][]string{{"plot", leakLog, "-o", "x.bmp"}, {"plot", leakLog, "--chart", "pie"}} {
		if r := runCLI(t, "", args...); r.code != exitUsage {
			t.Errorf("%v: code %d", args, r.code)
		}
	}
	// A temporary file is never left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s", e.Name())
		}
	}
}

func TestAnalyzeCharts(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, "", "analyze", leakLog, "--format", "markdown", "--charts", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "![leak-linear-dashboard.png]("+filepath.Join(dir, "leak-linear-dashboard.png")+")") {
		t.Fatalf("code %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, c := range []string{"dashboard", "heap", "pauses", "mu", "mmu"} {
		if _, err := os.Stat(filepath.Join(dir, "leak-linear-"+c+".png")); err != nil {
			t.Error(err)
		}
	}
}

// TestBatchMatchesAnalyze packs every corpus log into a .tar.gz and checks that the batch
// gives each log the same result as analysing it alone.
func TestBatchMatchesAnalyze(t *testing.T) {
	dir := t.TempDir()
	var logs []string
	filepath.WalkDir("../../corpus", func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".log") {
			logs = append(logs, p)
		}
		return err
	})
	var tgz bytes.Buffer
	gw := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(gw)
	for _, l := range logs {
		b, _ := os.ReadFile(l)
		tw.WriteHeader(&tar.Header{Name: strings.TrimPrefix(l, "../../"), Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg})
		tw.Write(b)
	}
	tw.Close()
	gw.Close()
	archive := filepath.Join(dir, "corpus.tgz")
	os.WriteFile(archive, tgz.Bytes(), 0o644)

	out := filepath.Join(dir, "summary.jsonl")
	r := runCLI(t, "", "batch", archive, "--format", "jsonl", "-o", out, "--jobs", "2")
	if !strings.Contains(r.stdout, fmt.Sprintf("%d logs", len(logs))) {
		t.Fatalf("summary:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Source, Isolate, Verdict, CrashKind string
		PID                                 int64
		PredictedOOMMS                      *float64 `json:"predicted_oom_ms"`
		Error                               string
	}
	got := map[string][]row{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var x struct {
			Source         string   `json:"source"`
			PID            int64    `json:"pid"`
			Isolate        string   `json:"isolate"`
			Verdict        string   `json:"verdict"`
			CrashKind      string   `json:"crash_kind"`
			PredictedOOMMS *float64 `json:"predicted_oom_ms"`
			Error          string   `json:"error"`
		}
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatal(err)
		}
		member := strings.TrimPrefix(x.Source, archive+":")
		got[member] = append(got[member], row{x.Source, x.Isolate, x.Verdict, x.CrashKind, x.PID, x.PredictedOOMMS, x.Error})
	}
	for _, l := range logs {
		alone := runCLI(t, "", "analyze", "--format", "json", l)
		var rep struct {
			Processes []struct {
				PID            int64    `json:"pid"`
				Isolate        string   `json:"isolate"`
				Verdict        string   `json:"verdict"`
				PredictedOOMMS *float64 `json:"predicted_oom_ms"`
				Crash          *struct {
					Kind string `json:"kind"`
				} `json:"crash"`
			} `json:"processes"`
		}
		json.Unmarshal([]byte(alone.stdout), &rep)
		rows := got[strings.TrimPrefix(l, "../../")]
		if len(rep.Processes) == 0 {
			if len(rows) != 1 || rows[0].Error == "" && rows[0].Verdict != "insufficient-data" {
				t.Errorf("%s: analyze found no process, batch gave %+v", l, rows)
			}
			continue
		}
		if len(rows) != len(rep.Processes) {
			t.Errorf("%s: %d rows, %d processes", l, len(rows), len(rep.Processes))
			continue
		}
		for i, p := range rep.Processes {
			kind := ""
			if p.Crash != nil {
				kind = p.Crash.Kind
			}
			w := rows[i]
			same := w.PID == p.PID && w.Isolate == p.Isolate && w.Verdict == p.Verdict && w.CrashKind == kind &&
				(w.PredictedOOMMS == nil) == (p.PredictedOOMMS == nil) && (w.PredictedOOMMS == nil || *w.PredictedOOMMS == *p.PredictedOOMMS)
			if !same {
				t.Errorf("%s process %d: batch %+v, analyze %+v", l, i, w, p)
			}
		}
	}
}

// TestJoinRotatedPieces cuts a log in three, stores the pieces rotated (newest first, one
// gzipped) and checks that --join gives the verdict of the whole.
func TestJoinRotatedPieces(t *testing.T) {
	dir := t.TempDir()
	log, _ := os.ReadFile(leakLog)
	lines := strings.SplitAfter(string(log), "\n")
	third := len(lines) / 3
	os.WriteFile(filepath.Join(dir, "app.log.2"), []byte(strings.Join(lines[:third], "")), 0o644)
	os.WriteFile(filepath.Join(dir, "app.log.1.gz"), gz([]byte(strings.Join(lines[third:2*third], ""))), 0o644)
	os.WriteFile(filepath.Join(dir, "app.log"), []byte(strings.Join(lines[2*third:], "")), 0o644)
	whole := runCLI(t, "", "analyze", "--format", "json", leakLog)
	joined := runCLI(t, "", "analyze", "--format", "json", "--join", filepath.Join(dir, "app.log"), filepath.Join(dir, "app.log.1.gz"), filepath.Join(dir, "app.log.2"))
	if joined.code != 0 {
		t.Fatalf("code %d %s", joined.code, joined.stderr)
	}
	var w, j struct {
		Processes []struct {
			Verdict  string `json:"verdict"`
			GCEvents int    `json:"gc_events"`
			Crash    *struct {
				TimeMS float64 `json:"time_ms"`
			} `json:"crash"`
		} `json:"processes"`
	}
	json.Unmarshal([]byte(whole.stdout), &w)
	json.Unmarshal([]byte(joined.stdout), &j)
	if len(j.Processes) != 1 || j.Processes[0].Verdict != w.Processes[0].Verdict || j.Processes[0].GCEvents != w.Processes[0].GCEvents ||
		j.Processes[0].Crash == nil || j.Processes[0].Crash.TimeMS != w.Processes[0].Crash.TimeMS {
		t.Errorf("joined %+v, whole %+v", j, w)
	}
}

// TestBatchNamesFailedInputs: a log that holds nothing of V8's is named on standard error with
// its reason, listed in the summary, and the others are analysed.
func TestBatchNamesFailedInputs(t *testing.T) {
	dir := t.TempDir()
	leak, err := os.ReadFile(leakLog)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.log"), leak, 0o644)
	os.WriteFile(filepath.Join(dir, "b.log"), []byte("just the application's output\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.log"), nil, 0o644)
	out := filepath.Join(dir, "rows.csv")
	r := runCLI(t, "", "batch", dir, "-o", out, "--jobs", "2")
	if r.code != exitInput {
		t.Errorf("exit %d, want %d", r.code, exitInput)
	}
	for _, name := range []string{"b.log", "c.log"} {
		if !strings.Contains(r.stderr, filepath.Join(dir, name)+": no V8") {
			t.Errorf("stderr does not name %s with its reason:\n%s", name, r.stderr)
		}
		if !strings.Contains(r.stdout, "Could not be analysed\n") || !strings.Contains(r.stdout, filepath.Join(dir, name)+": ") {
			t.Errorf("summary does not list %s:\n%s", name, r.stdout)
		}
	}
	if !strings.Contains(r.stdout, "3 logs, 1 processes, 1 crashed, 2 could not be analysed") {
		t.Errorf("summary:\n%s", r.stdout)
	}
}
