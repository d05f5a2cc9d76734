package analyze

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/parser"
)

// TestOneDeathToldByOthers: one process that V8's fatal error ended is one process, however
// many others tell of its death and wherever they do — a wrapper's "Code 134" or the prose
// above a paste before the trace, execa quoting the child's stderr (crash block and all) twice
// as a JavaScript string after it, V8's own "Fatal process out of memory" line right before
// the crash block Node prints, the prose quoting the FATAL line above or below the
// paste (logs written by hand in the shape of such issues). Each read as a second process (or a second and
// third run of the same pid) before; the labels count one.
func TestOneDeathToldByOthers(t *testing.T) {
	for _, c := range []struct {
		prefix string
		kind   parser.FatalKind
	}{
		{"al001", parser.FatalHeapLimit},                                               // "Gemini CLI Error (Code 134):" before the crash block
		{"al002", parser.FatalIneffective},                                             // "crashes with SIGABRT" in the prose
		{"al004", parser.FatalIneffective},                                             // the crash block again, twice, as '…\n' + strings
		{"al018", parser.FatalZone},                                                    // "Fatal process out of memory: Zone Allocation failed" first
		{"handwritten-issue-prose-quotes-the-fatal-line-above", parser.FatalHeapLimit}, // "When I run the build I get `FATAL ERROR: …`", then the paste
		{"handwritten-issue-prose-quotes-the-fatal-line-below", parser.FatalHeapLimit}, // the paste, 45 lines, then "So the error is `FATAL ERROR: …` again"
	} {
		logs, _ := filepath.Glob("../corpus/heldout-al/" + c.prefix + "-*.log")
		if strings.HasPrefix(c.prefix, "handwritten") {
			logs, _ = filepath.Glob("testdata/" + c.prefix + "-*.log")
		}
		if len(logs) != 1 {
			t.Fatalf("%s: %d logs", c.prefix, len(logs))
		}
		r := analyzeFile(t, logs[0], Options{})
		if len(r.Processes) != 1 {
			var got []string
			for _, p := range r.Processes {
				got = append(got, p.Verdict)
			}
			t.Errorf("%s: %d processes (%s), want the one that died", c.prefix, len(r.Processes), strings.Join(got, ", "))
			continue
		}
		if p := r.Processes[0]; p.Crash == nil || p.Crash.Kind != c.kind || p.PID == 0 {
			t.Errorf("%s: crash %+v, want the traced process dead of %s", c.prefix, p.Crash, c.kind)
		}
	}
}

// TestLoadThenLevelAtTheLimit: a translation-memory server loads its segments to 127 MB in
// 1.2 s, waits 0.66 s for its next full GC, then runs eleven in 0.64 s at 133 ± 1.5 MB (82% of
// its 160 MB flag) until V8's ineffective-mark-compacts rule ends it. The wait after the load
// read as a pause between two steps of a leak, so the stay at the limit did not count and the
// report said LEAK beside full GCs that fell. The full GCs after the arrival held one level:
// the working set does not fit (its Node 24 run, without the wait, read so already). A worker
// that ran out of its own heap is read against its own limit, not the process's flag.
func TestLoadThenLevelAtTheLimit(t *testing.T) {
	limit := 160.0
	for _, v := range []string{"12", "24"} {
		r := analyzeFile(t, "../corpus/node-"+v+"/translation-memory-fuzzy-match-88pct-thrash.160.log.gz", Options{HeapLimitMB: &limit})
		if len(r.Processes) != 1 || r.Processes[0].Verdict != VerdictHeapTooSmall {
			t.Errorf("node %s: want one HEAP-TOO-SMALL process, got %+v", v, r.Processes)
		}
	}
	doubled := 128.0
	r := analyzeFile(t, "../corpus/node-12/dental-pacs-dicom-worker-private-tag-spikes.64.log.gz", Options{HeapLimitMB: &doubled})
	for _, p := range r.Processes {
		if p.Crash != nil && p.Crash.Kind == parser.FatalWorkerOOM && (p.Verdict != VerdictLeak || !says(p, "limit in effect") || !strings.Contains(strings.Join(p.Evidence, " "), "resourceLimits.maxOldGenerationSizeMb")) {
			t.Errorf("the worker that died at 47 MB under a stated 128: verdict %s, evidence %v", p.Verdict, p.Evidence)
		}
	}
}

// TestDeathsThatNameNoProcess: a README of four test programs, each run until the address
// space ran out — two traced crash blocks, an uncaught RangeError, V8's banners of several
// threads failing together ("Fatal process OOM in CodeRange setup", "Check failed", "… in New
// space setup", only their "#" lines between), an empty crash block. A death that names no
// process, after the process printing last had died and printed no GC since, is another
// process the log does not name, not a further run of that one; V8's banners one after
// another are one death. Before, the first pid had six runs and the second two.
func TestDeathsThatNameNoProcess(t *testing.T) {
	logs, _ := filepath.Glob("../corpus/heldout-am/am014-*.log")
	if len(logs) != 1 {
		t.Fatalf("%d logs", len(logs))
	}
	r := analyzeFile(t, logs[0], Options{})
	byPID := map[int64]int{}
	var unnamed []parser.FatalKind
	for _, p := range r.Processes {
		byPID[p.PID]++
		if p.PID == 0 && p.Crash != nil {
			unnamed = append(unnamed, p.Crash.Kind)
		}
	}
	for _, pid := range []int64{3091, 19760, 10466} {
		if byPID[pid] != 1 {
			t.Errorf("pid %d: %d processes, want one", pid, byPID[pid])
		}
	}
	want := []parser.FatalKind{parser.FatalOther, parser.FatalProcessOOM, parser.FatalSemiSpace}
	if !slices.Equal(unnamed, want) {
		t.Errorf("deaths naming no process: %v, want %v (the RangeError, the banners as one, the empty block's)", unnamed, want)
	}
}
