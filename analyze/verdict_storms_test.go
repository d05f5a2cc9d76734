package analyze

import (
	"strings"
	"testing"
)

// TestGCStormsNearTheLimit: a chess engine (set AM, a real run on Node 10 under
// --max-old-space-size=128, kept in testdata as it was recorded) whose transposition table
// holds 96 MB sheds requests whenever it sees a major GC: six to eight full GCs in 0.2 s at
// V8's mu 0.01–0.06, each freeing under 1%, every second for 30 s, yet 14.5% of the time in
// GC overall. No window starves it on the whole, and it read HEALTHY, "nothing to fix". With
// its limit known it is thrashing in bursts; without one, bursts on a heap that may be far
// from its limit are V8's own scheduling (node-24's wind-farm saw-tooth: 192 full GCs on 30 MB
// under 128), and stay healthy.
func TestGCStormsNearTheLimit(t *testing.T) {
	limit := 128.0
	log := "testdata/real-run-set-am-chess-engine-gc-storms-node10-max-old-128.log.gz"
	p := target(analyzeFile(t, log, Options{HeapLimitMB: &limit}))
	if p.Verdict != VerdictGCThrashing || p.GCStorms == nil || p.GCStorms.Count < stormMinCount {
		t.Fatalf("with its limit: %s, storms %+v, want gc-thrashing read by its storms\n%s", p.Verdict, p.GCStorms, strings.Join(p.Evidence, "\n"))
	}
	if h := Headline(p); !strings.Contains(h, "again and again") || strings.Contains(strings.Join(p.Recommendations, " "), "GC takes most of the time") {
		t.Errorf("a program that gets most of the time between bursts is told otherwise: %q %q", h, p.Recommendations)
	}
	if q := target(analyzeFile(t, log, Options{})); q.Verdict == VerdictGCThrashing {
		t.Errorf("without a limit: %s, want the bursts left unread", q.Verdict)
	}
	far := target(analyzeFile(t, "../corpus/node-24/windfarm-scada-window-aggregate-flush.128.log.gz", Options{HeapLimitMB: &limit}))
	if far.Verdict != VerdictHealthy || far.GCStorms != nil {
		t.Errorf("storms on 30 MB under 128: %s %+v, want healthy", far.Verdict, far.GCStorms)
	}
}
