package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/live"
	"github.com/gcanalyze/gcanalyze/parser"
)

// These tests run real Node: the machine's node. .ci/run makes sure there is one.

func needNode(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH: the tests of gcanalyze run and watch need a real Node (.ci/run installs one)")
	}
}

// readAlerts reads an --alerts file.
func readAlerts(t *testing.T, path string) []live.Alert {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []live.Alert
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var a live.Alert
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, a)
	}
	return out
}

func readJSONReport(t *testing.T, path string) *analyze.Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r analyze.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &r
}

var tickLines = regexp.MustCompile(`^(tick \d+\n)*(done\n)?$`)

// TestRunLeak: a leaking program run under gcanalyze is warned of at least a second before it
// dies, ends with the LEAK verdict and the child's exit code, and its own output comes through
// byte for byte; --log holds the whole trace, analyze on it agrees, and watch following it as
// it is written warns as run did. (The tests run one at a time: the CLI library's help flag is
// shared by every app.)
func TestRunLeak(t *testing.T) {
	needNode(t)
	dir := t.TempDir()
	alerts, logPath, report := filepath.Join(dir, "alerts.jsonl"), filepath.Join(dir, "gc.log"), filepath.Join(dir, "report.json")
	r := runCLI(t, "", "run", "--alerts", alerts, "--log", logPath, "--report", report, "--format", "json",
		"--", "node", "--max-old-space-size=96", "testdata/run/leak.js")
	ended := time.Now()
	if r.code != 134 {
		t.Errorf("exit code %d, want the child's 134 (V8's abort)\n%s", r.code, r.stderr)
	}
	if !tickLines.MatchString(r.stdout) || r.stdout == "" {
		t.Errorf("the program's standard output was not passed through as it printed it:\n%q", r.stdout)
	}
	rep := readJSONReport(t, report)
	if len(rep.Processes) != 1 || rep.Processes[0].Verdict != analyze.VerdictLeak || rep.Processes[0].HeapLimitSource != analyze.LimitProcess {
		t.Fatalf("want one LEAK process with its limit from the process itself: %+v", rep.Processes)
	}
	if c := rep.Processes[0].ExitCode; c == nil || *c != 134 {
		t.Errorf("exit code in the report %v, want the 134 run saw", c)
	}
	var oom *live.Alert
	for _, a := range readAlerts(t, alerts) {
		if a.Kind == live.AlertOOM {
			oom = &a
			break
		}
	}
	if oom == nil {
		t.Fatalf("no warning before the crash; stderr:\n%s", r.stderr)
	}
	lead := ended.Sub(oom.Time)
	t.Logf("warned %v before gcanalyze ended (%.1f s before the crash on the process's clock): %s",
		lead.Round(time.Millisecond), (*rep.Processes[0].Crash.TimeMS-oom.TimeMS)/1000, oom.Message)
	if lead < time.Second || *rep.Processes[0].Crash.TimeMS-oom.TimeMS < 1000 {
		t.Errorf("warned only %v before the end", lead)
	}
	if !strings.Contains(r.stderr, "gcanalyze: "+oom.Message) {
		t.Errorf("the warning is not on stderr")
	}
	again := runCLI(t, "", "analyze", "--format", "json", logPath)
	var fromLog analyze.Report
	if err := json.Unmarshal([]byte(again.stdout), &fromLog); err != nil || len(fromLog.Processes) != 1 ||
		fromLog.Processes[0].Verdict != analyze.VerdictLeak || *fromLog.Processes[0].HeapLimitMB != *rep.Processes[0].HeapLimitMB {
		t.Errorf("analyze --log's file does not give the same report: %v %s", err, again.stdout)
	}
	watchFollowsLikeRun(t, alerts, logPath)
}

// TestRunReadsReportFile: a program run with --report-on-fatalerror writes a diagnostic report
// as it dies; run reads the file Node names into the analysis, so the report of the leak holds
// the diagnostic report's facts (versions, heap spaces) beside the trace.
func TestRunReadsReportFile(t *testing.T) {
	needNode(t)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	r := runCLI(t, "", "run", "--report", report, "--format", "json",
		"--", "node", "--report-on-fatalerror", "--report-directory="+dir, "--max-old-space-size=24", "testdata/run/leak.js")
	if r.code != 134 {
		t.Fatalf("exit code %d, want V8's abort: %s", r.code, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "report.*.json"))
	if len(files) != 1 {
		t.Fatalf("Node wrote %d report files, want 1", len(files))
	}
	rep := readJSONReport(t, report)
	if len(rep.Processes) != 1 || rep.Processes[0].Verdict != analyze.VerdictLeak {
		t.Fatalf("want one LEAK process: %s", r.stderr)
	}
	var read bool
	for _, ev := range rep.Processes[0].Evidence {
		read = read || strings.HasPrefix(ev, "report: a diagnostic report of Node v")
	}
	if !read {
		t.Errorf("the diagnostic report Node wrote (%s) is not in the evidence: %q", files[0], rep.Processes[0].Evidence)
	}
}

// TestRunMaxHeapSize: a program given --max-heap-size reports that heap_size_limit; run takes
// the old space V8 left of it (the flag less a young generation sized from it, not the
// default's 48 MB), so the leak dies where the report says V8 gives up.
func TestRunMaxHeapSize(t *testing.T) {
	needNode(t)
	report := filepath.Join(t.TempDir(), "report.json")
	r := runCLI(t, "", "run", "--report", report, "--format", "json", "--", "node", "--max-heap-size=32", "testdata/run/leak.js")
	if r.code != 134 {
		t.Fatalf("exit code %d, want V8's abort: %s", r.code, r.stderr)
	}
	rep := readJSONReport(t, report)
	if len(rep.Processes) != 1 {
		t.Fatalf("%d processes: %s", len(rep.Processes), r.stderr)
	}
	p := rep.Processes[0]
	if p.HeapLimitSource != analyze.LimitProcess || p.HeapLimitMB == nil || *p.HeapLimitMB < 28 || *p.HeapLimitMB >= 32 {
		t.Fatalf("limit %v MB from %s, want 28–32 MB (a 32 MB heap less a young generation of a few MB) from the process", p.HeapLimitMB, p.HeapLimitSource)
	}
	if p.Verdict != analyze.VerdictLeak || p.OOMAtHeapRangeMB == nil {
		t.Fatalf("verdict %s, death range %v", p.Verdict, p.OOMAtHeapRangeMB)
	}
	if died, rng := p.HeapAfterFullGC.LastMB, *p.OOMAtHeapRangeMB; died < rng[0] || died > rng[1] {
		t.Errorf("died with %.1f MB after its last full GC, outside the death range %v", died, rng)
	}
}

// TestRunHealthy: a healthy program run as long is not warned of, and is HEALTHY.
func TestRunHealthy(t *testing.T) {
	needNode(t)
	dir := t.TempDir()
	alerts, report := filepath.Join(dir, "alerts.jsonl"), filepath.Join(dir, "report.json")
	r := runCLI(t, "", "run", "--alerts", alerts, "--report", report, "--format", "json",
		"--", "node", "--max-old-space-size=96", "testdata/run/healthy.js", "45")
	if r.code != 0 || !tickLines.MatchString(r.stdout) {
		t.Errorf("exit code %d, stdout %q", r.code, r.stdout)
	}
	for _, a := range readAlerts(t, alerts) {
		t.Errorf("warned of a healthy program: %s", a.Message)
	}
	rep := readJSONReport(t, report)
	if len(rep.Processes) != 1 || rep.Processes[0].Verdict != analyze.VerdictHealthy {
		t.Fatalf("want one HEALTHY process: %s", r.stderr)
	}
	if c := rep.Processes[0].ExitCode; c == nil || *c != 0 {
		t.Errorf("exit code in the report %v, want the 0 run saw", c)
	}
}

// TestRunForks: a program that forks a Node child and starts a worker gets a verdict for each
// process and isolate that did something, each named by what it ran (the child runs the same
// script with the argument "child").
func TestRunForks(t *testing.T) {
	needNode(t)
	report := filepath.Join(t.TempDir(), "report.json")
	r := runCLI(t, "", "run", "--report", report, "--format", "json", "--", "node", "testdata/run/forks.js")
	if r.code != 0 {
		t.Fatalf("exit code %d: %s", r.code, r.stderr)
	}
	rep := readJSONReport(t, report)
	pids, isolates := map[int64]bool{}, 0
	for _, p := range rep.Processes {
		pids[p.PID] = true
		isolates++
		if p.Verdict == "" {
			t.Errorf("pid %d isolate %s: no verdict", p.PID, p.Isolate)
		}
		if p.Program != "forks.js" && p.Program != "forks.js child" {
			t.Errorf("pid %d isolate %s: program %q, want forks.js or forks.js child", p.PID, p.Isolate, p.Program)
		}
	}
	if len(pids) != 2 || isolates != 3 || len(rep.Traced) != 2 {
		t.Errorf("want the parent (main thread and worker) and the child: %d pids, %d isolates, %d traced", len(pids), isolates, len(rep.Traced))
	}
}

// TestRunWorkerLimit: a worker's heap is bounded by its Worker's resourceLimits, not by the
// process's default limit; run reads each thread's own limit, so a leaking worker's time-to-OOM
// is told against its 64 MB and the main thread's against the default — whether the worker
// dies of it (Node terminates it) or the program exits first (the isolates told apart by
// their clocks alone). With --max-old-space-size given to the process, the flag overrides the
// resourceLimits in every thread, and both read it.
func TestRunWorkerLimit(t *testing.T) {
	needNode(t)
	for _, c := range []struct {
		name             string
		args             []string
		crashed          bool
		workerMB, mainMB [2]float64
	}{
		{"worker dies", []string{"node", "testdata/run/worker.js"}, true, [2]float64{63, 65}, [2]float64{1000, 1 << 20}},
		{"program exits first", []string{"node", "testdata/run/worker.js", "5"}, false, [2]float64{63, 65}, [2]float64{1000, 1 << 20}},
		{"idle main thread", []string{"node", "testdata/run/worker.js", "5", "idle"}, false, [2]float64{63, 65}, [2]float64{1000, 1 << 20}},
		{"flag overrides", []string{"node", "--max-old-space-size=80", "testdata/run/worker.js", "5"}, false, [2]float64{79, 81}, [2]float64{79, 81}},
	} {
		t.Run(c.name, func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "report.json")
			r := runCLI(t, "", append([]string{"run", "--report", report, "--format", "json", "--"}, c.args...)...)
			if r.code != 0 {
				t.Fatalf("exit code %d: %s", r.code, r.stderr)
			}
			rep := readJSONReport(t, report)
			if c.name == "idle main thread" {
				// Its main thread prints no GC: the worker is the one isolate, placed by when
				// it started, as the preload's lines among its GCs bound it.
				if len(rep.Processes) != 1 || rep.Processes[0].HeapLimitMB == nil || *rep.Processes[0].HeapLimitMB < c.workerMB[0] || *rep.Processes[0].HeapLimitMB > c.workerMB[1] {
					// Seen once on a loaded machine (2026-12-05, a whole go test ./... beside
					// it): say what was read, so a rare failure tells which part failed.
					var got []string
					for _, p := range rep.Processes {
						lim := "none"
						if p.HeapLimitMB != nil {
							lim = fmt.Sprintf("%.1f MB (%s)", *p.HeapLimitMB, p.HeapLimitSource)
						}
						got = append(got, fmt.Sprintf("pid %d isolate %s: %d GCs, limit %s", p.PID, p.Isolate, p.GCEvents, lim))
					}
					t.Fatalf("want the worker alone, told against its own limit of %v MB: %s\nstderr:\n%s", c.workerMB, strings.Join(got, "; "), r.stderr)
				}
				return
			}
			if len(rep.Processes) != 2 {
				t.Fatalf("%d isolates, want the main thread and the worker: %s", len(rep.Processes), r.stderr)
			}
			kept := func(p *analyze.Process) float64 {
				if p.HeapAfterFullGC == nil {
					return 0
				}
				return p.HeapAfterFullGC.LastMB
			}
			worker := rep.Processes[0] // the one that kept more: the main thread keeps a few MB
			if kept(rep.Processes[1]) > kept(worker) {
				worker = rep.Processes[1]
			}
			if crashed := worker.Crash != nil && worker.Crash.Kind == parser.FatalWorkerOOM; crashed != c.crashed || crashed && worker.Verdict != analyze.VerdictLeak {
				t.Errorf("worker: %s, crash %+v; want dead of its memory %v (a leak then)", worker.Verdict, worker.Crash, c.crashed)
			}
			if c.crashed && !slices.ContainsFunc(worker.Evidence, func(ev string) bool { return strings.Contains(ev, "the worker thread with threadId 1") }) {
				t.Errorf("the evidence does not say which worker died: %q", worker.Evidence)
			}
			for _, p := range rep.Processes {
				want, who := c.mainMB, "main thread"
				if p == worker {
					want, who = c.workerMB, "worker"
				}
				if p.HeapLimitSource != analyze.LimitProcess || p.HeapLimitMB == nil || *p.HeapLimitMB < want[0] || *p.HeapLimitMB > want[1] {
					t.Errorf("%s (isolate %s, %s): limit %v MB from %s, want %v MB from the process", who, p.Isolate, p.Verdict, p.HeapLimitMB, p.HeapLimitSource, want)
				}
			}
		})
	}
}

// TestRunInterrupt: Ctrl-C (SIGINT to gcanalyze) stops the program and still leaves the report
// and a complete --log.
func TestRunInterrupt(t *testing.T) {
	needNode(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "gcanalyze")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	logPath, report := filepath.Join(dir, "gc.log"), filepath.Join(dir, "report.txt")
	cmd := exec.Command(bin, "run", "--log", logPath, "--report", report, "--", "node", "testdata/run/leak.js")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * time.Second)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 {
		t.Errorf("exit: %v, want 130 (the child's death by SIGINT)\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(report)
	if err != nil || !bytes.Contains(b, []byte("testdata/run/leak.js")) {
		t.Errorf("no report after Ctrl-C: %v\n%s", err, b)
	}
	log, err := os.ReadFile(logPath)
	if err != nil || !bytes.HasSuffix(log, []byte("\n")) || !bytes.Contains(log, []byte("[gcanalyze] {")) ||
		!regexp.MustCompile(`(?m)^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: Scavenge`).Match(log) {
		t.Errorf("--log is not a complete trace: %v\n%.500s", err, log)
	}
}

// watchFollowsLikeRun: watch on a file that a test writes line by line, from a real run's
// --log, gives the warnings run gave on it, at the same GC lines.
func watchFollowsLikeRun(t *testing.T, runAlerts, logPath string) {
	dir := t.TempDir()
	src, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	growing, watchAlerts := filepath.Join(dir, "growing.log"), filepath.Join(dir, "watch.jsonl")
	f, err := os.Create(growing)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer f.Close()
		for _, line := range bytes.SplitAfter(src, []byte("\n")) {
			f.Write(line)
			time.Sleep(time.Millisecond)
		}
	}()
	r := runCLI(t, "", "watch", "--until-exit", "--alerts", watchAlerts, growing)
	if !strings.Contains(r.stdout, "LEAK") {
		t.Errorf("watch's report: %s", r.stdout)
	}
	// The same warnings, of the same processes, at the same full GCs: a check runs at a full
	// GC once the process's clock has moved on by a second (the wall clock only wakes a check
	// when the input has gone quiet), so a replay checks where the live run did. One check
	// apart is allowed for such a quiet spell in the live run.
	want, got := readAlerts(t, runAlerts), readAlerts(t, watchAlerts)
	if len(want) == 0 || len(got) == 0 {
		t.Fatalf("run warned %d times, watch %d", len(want), len(got))
	}
	kinds := func(as []live.Alert) map[string]bool {
		m := map[string]bool{}
		for _, a := range as {
			m[fmt.Sprint(a.Kind, "|", a.PID)] = true
		}
		return m
	}
	if w, g := kinds(want), kinds(got); !maps.Equal(w, g) {
		t.Errorf("run warned of %v, watch of %v", w, g)
	}
	if len(got) != len(want) {
		t.Fatalf("run warned %d times, watch %d", len(want), len(got))
	}
	for i := range want {
		// A run that warned first may have checked at a quiet spell the replay has none of,
		// where a time-to-OOM near the warning's threshold held (a loaded machine stalls the
		// traced program): the replay may warn up to 15% of the time later, never earlier (a
		// tenth was exceeded once, 10.2%, with the other packages' tests beside it).
		late := got[i].TimeMS - want[i].TimeMS
		if got[i].Kind != want[i].Kind || got[i].PID != want[i].PID || late < -max(1000, 0.005*want[i].TimeMS) || late > max(1000, 0.15*want[i].TimeMS) {
			t.Errorf("warning %d: run %s at %.0f ms, watch %s at %.0f ms", i, want[i].Kind, want[i].TimeMS, got[i].Kind, got[i].TimeMS)
		}
	}
}

// TestRunPassesPartialLines: what a program writes without a newline (a prompt, a progress bar
// redrawn with \r) comes through byte for byte.
func TestRunPassesPartialLines(t *testing.T) {
	needNode(t)
	prog := filepath.Join(t.TempDir(), "prompt.js")
	os.WriteFile(prog, []byte(`process.stdout.write("Name: "); setTimeout(() => { process.stdout.write("\r10%"); setTimeout(() => console.log("\rdone"), 200) }, 200)`), 0o644)
	r := runCLI(t, "", "run", "--", "node", prog)
	if r.code != 0 || r.stdout != "Name: \r10%\rdone\n" {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
}
