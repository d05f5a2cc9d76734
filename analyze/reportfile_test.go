package analyze

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// The two files of one real run (Node 20.20.2 on this project's machine, 2026-12-04):
//
//	env -i PATH=/usr/bin:/bin HOME=/tmp node --trace-gc --report-on-fatalerror \
//	    --report-directory=. --max-old-space-size=64 keep-orders.js > gc.log 2>&1
//
// where keep-orders.js pushes 150 small records every 5 ms into an array it never trims, with
// short-lived garbage beside them. gc.log is gzipped; the report is the file Node wrote, as it
// wrote it (run with a bare environment so that it holds no variable of the machine's).
const (
	reportFileLog    = "testdata/real-run-node20-report-on-fatalerror.64.gc.log.gz"
	reportFileReport = "testdata/real-run-node20-report-on-fatalerror.64.report.json"
)

// TestDiagnosticReportFile: the file --report-on-fatalerror writes is one report of one
// process, whole, however many sections it has (it was read as one report per section, a
// second process without a pid, "the log holds only part of it"); read alone it says what
// died and points to reading it with the run's GC log, and read with that log (joined) it is
// the leak the log shows, with the report's facts in the evidence; the log alone points to the
// report file its "Writing Node.js report to file" line names.
func TestDiagnosticReportFile(t *testing.T) {
	alone := analyzeFile(t, reportFileReport, Options{})
	if len(alone.Processes) != 1 {
		t.Fatalf("the report alone: %d processes, want 1", len(alone.Processes))
	}
	p := alone.Processes[0]
	if p.PID != 5777 || p.Crash == nil || !p.Crash.HeapOOM || p.Verdict != VerdictInsufficientData {
		t.Errorf("the report alone: pid %d, crash %+v, verdict %s; want pid 5777, a heap OOM, insufficient-data", p.PID, p.Crash, p.Verdict)
	}
	if ev := evidenceOf(p, "report"); strings.Contains(ev, "only part") || !strings.Contains(ev, "v20.20.2") {
		t.Errorf("the report alone: evidence %q, want the whole report of Node v20.20.2", ev)
	}
	if !slices.ContainsFunc(p.Recommendations, func(r string) bool { return strings.Contains(r, "--join") }) {
		t.Errorf("the report alone: advice %q does not say how to read it with its GC log", p.Recommendations)
	}

	logAlone := analyzeFile(t, reportFileLog, Options{})
	const file = "report.20261204.062218.5777.0.001.json"
	if len(logAlone.Processes) != 1 || !slices.ContainsFunc(logAlone.Processes[0].Recommendations, func(r string) bool { return strings.Contains(r, "--join gc.log "+file) }) {
		t.Errorf("the log alone: its advice does not point to the report file its 'Writing Node.js report to file' line names")
	}

	var both bytes.Buffer
	for _, name := range []string{reportFileLog, reportFileReport} {
		f, err := corpustest.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(&both, f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	joined, err := FromReader(&both, "gc.log+report.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(joined.Processes) != 1 {
		t.Fatalf("log and report: %d processes, want 1", len(joined.Processes))
	}
	q := joined.Processes[0]
	if q.Verdict != VerdictLeak || q.Crash == nil || q.Crash.Kind != parser.FatalIneffective {
		t.Errorf("log and report: verdict %s, crash %+v; want a leak ended by ineffective mark-compacts", q.Verdict, q.Crash)
	}
	if ev := evidenceOf(q, "report"); !strings.Contains(ev, "v20.20.2") {
		t.Errorf("log and report: evidence %q, want the report's versions", ev)
	}
	if slices.ContainsFunc(q.Recommendations, func(r string) bool { return strings.Contains(r, "--join") }) {
		t.Errorf("log and report: the advice still asks to read the report it has read")
	}
}

// evidenceOf is the text of a process's evidence line of that label ("" when it has none).
func evidenceOf(p *Process, label string) string {
	for _, ev := range p.Evidence {
		if strings.HasPrefix(ev, label+": ") {
			return ev
		}
	}
	return ""
}

// TestDiagnosticReportFilesByVersion: the report files of Node 13, 17, 21 and 23 (report
// versions 2, 3 and 5), written by --report-on-fatalerror for set CN's transit feed leak under
// --max-old-space-size=96 (staging/behaviours-CN of 2026-12-04, run under env -i), each read
// alone: one process, its pid, whole, its Node version and the limit it ran under.
func TestDiagnosticReportFilesByVersion(t *testing.T) {
	for _, c := range []struct {
		file    string
		pid     int64
		version string
	}{
		{"testdata/real-run-node13-report-on-fatalerror.96.report.json", 26370, "v13.14.0"},
		{"testdata/real-run-node17-report-on-fatalerror.96.report.json", 26395, "v17.9.1"},
		{"testdata/real-run-node21-report-on-fatalerror.96.report.json", 26587, "v21.7.3"},
		{"testdata/real-run-node23-report-on-fatalerror.96.report.json", 26806, "v23.11.1"},
	} {
		r := analyzeFile(t, c.file, Options{})
		if len(r.Processes) != 1 {
			t.Errorf("%s: %d processes, want 1", c.file, len(r.Processes))
			continue
		}
		p := r.Processes[0]
		if ev := evidenceOf(p, "report"); p.PID != c.pid || strings.Contains(ev, "only part") || !strings.Contains(ev, c.version) {
			t.Errorf("%s: pid %d, report evidence %q; want pid %d, the whole report of Node %s", c.file, p.PID, ev, c.pid, c.version)
		}
		if p.HeapLimitMB == nil || *p.HeapLimitMB != 96 || p.HeapLimitSource != LimitReport {
			t.Errorf("%s: heap limit %v from %s, want 96 MB from the report", c.file, p.HeapLimitMB, p.HeapLimitSource)
		}
	}
}
