package analyze

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAbridgedLines: GC lines a blog or a hand-trimmed report quotes without their committed
// sizes or pause ("46463 ms: Mark-Compact (reduce) 62.4 → 61.9 MB") are the GCs V8 measured:
// the report reads their heap, and says nothing it would need the left-out pauses for — no
// utilization computed from them, no GC overhead, no "GC takes little time", and no "this
// trace prints no mutator utilization" of a V8 whose lines were cut by hand.
func TestAbridgedLines(t *testing.T) {
	for _, tc := range []struct{ glob, verdict string }{
		// Two mark-compacts at a 64 MB flag, then V8's ineffective-mark-compacts death.
		{"../corpus/heldout-al/al017-*.log", VerdictHeapTooSmall},
		// Five mark-compacts of a JSON parse, one of them with its pause.
		{"../corpus/heldout-ar/ar008-*.log", VerdictHealthy},
	} {
		logs, _ := filepath.Glob(tc.glob)
		if len(logs) != 1 {
			t.Fatalf("%s: %d logs", tc.glob, len(logs))
		}
		r := analyzeFile(t, logs[0], Options{})
		if len(r.Processes) != 1 {
			t.Fatalf("%s: %d processes, want 1", tc.glob, len(r.Processes))
		}
		p := r.Processes[0]
		if p.Verdict != tc.verdict || p.FullGCs < 2 {
			t.Errorf("%s: %s with %d full GCs read, want %s", tc.glob, p.Verdict, p.FullGCs, tc.verdict)
		}
		if p.GCOverhead != nil || p.MutatorUtilization != nil && p.MutatorUtilization.ComputedOverall != nil {
			t.Errorf("%s: GC time read from lines that left their pauses out", tc.glob)
		}
		for _, ev := range append(p.Evidence, Headline(p)) {
			if strings.HasPrefix(ev, "old V8:") || strings.Contains(ev, "GC takes little time") || strings.Contains(ev, "computed from the pauses") {
				t.Errorf("%s: %q", tc.glob, ev)
			}
		}
	}
}

// TestStackBeforeBlockIsAnEarlierDeath: V8 prints a crash dump's native stack last, after its
// last few GCs; the tail of one that ends before a crash block begins is an earlier process's
// death (a build's previous run: its stack's last frames, npm's error, then the next run's
// block an hour in), not the block's own, and a process manager's word of a crash before a
// restart is one too.
func TestStackBeforeBlockIsAnEarlierDeath(t *testing.T) {
	for _, glob := range []string{"../corpus/heldout-bo/bo020-*.log", "../corpus/heldout-bo/bo019-*.log", "../corpus/heldout-bo/bo011-*.log"} {
		logs, _ := filepath.Glob(glob)
		if len(logs) != 1 {
			t.Fatalf("%s: %d logs", glob, len(logs))
		}
		r := analyzeFile(t, logs[0], Options{})
		if len(r.Processes) != 2 {
			t.Fatalf("%s: %d processes, want the earlier death and the block's", glob, len(r.Processes))
		}
		first := r.Processes[0]
		if first.GCEvents != 0 || first.Crash == nil || first.Verdict != VerdictInsufficientData {
			t.Errorf("%s: first process %s, %d GCs, crash %v: want a death shown by nothing but its word", glob, first.Verdict, first.GCEvents, first.Crash)
		}
	}
}
