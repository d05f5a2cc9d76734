package analyze

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gcanalyze/gcanalyze/parser"
)

// TestFastLeakUnderItsOwnFlag runs a real Node: a leak of ~25 MB/s under
// --max-old-space-size=64 dies within seconds, before V8 has grown its new space to its
// cap, at a heap after full GC of about 72 MB (the young generation's survivors count in what
// --trace-gc prints). Given that flag as the limit, the report must not say the flag was not
// the process's, and the heap it died at must lie in the death range it states (it said
// "51–66 MB" and "the stated limit was not this process's" while the 1 MB fills the log had
// shown stood for the semi-space).
func TestFastLeakUnderItsOwnFlag(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH: this test needs a real Node (.ci/run installs one)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	const leak = `const keep = []; setInterval(() => { for (let i = 0; i < 2000; i++) keep.push({ id: i, s: 'x'.repeat(100) + i }); }, 20);`
	out, _ := exec.CommandContext(ctx, "node", "--trace-gc", "--max-old-space-size=64", "-e", leak).CombinedOutput()
	limit := 64.0
	a := New(Options{HeapLimitMB: &limit})
	p := parser.New(bytes.NewReader(out))
	for {
		ev, err := p.Next()
		if err != nil {
			break
		}
		a.Add(ev)
	}
	r := a.Report("fast leak", parser.Stats{})
	if len(r.Processes) != 1 || r.Processes[0].Crash == nil {
		t.Fatalf("want one process that crashed, got %d processes:\n%s", len(r.Processes), out)
	}
	pr := r.Processes[0]
	// Small records kept at ~25 MB/s, dead within seconds with GC busy from the start: a leak,
	// or a load as diedBusyLoading reads it (the same curve); never a burst or want of data.
	if pr.Verdict != VerdictLeak && pr.Verdict != VerdictHeapTooSmall {
		t.Errorf("verdict %s, want leak (or heap-too-small: a load draws the same curve)", pr.Verdict)
	}
	for _, ev := range pr.Evidence {
		if strings.HasPrefix(ev, "limit in effect:") {
			t.Errorf("the flag it ran with read as not its own: %q", ev)
		}
	}
	if h, rg := pr.HeapAfterFullGC, pr.OOMAtHeapRangeMB; h == nil || rg == nil || h.LastMB > rg[1] {
		t.Errorf("died with %+v after its last full GC, outside the death range it states %v", h, rg)
	}
}
