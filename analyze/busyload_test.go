package analyze

import (
	"strings"
	"testing"
)

// TestDiedBusyLoading: a process that died at its limit within seconds of its start, its heap
// rising from its first GCs, reads as a load outgrowing its limit when GC was busy from the
// start (a route collector's RIB, a registry's manifest graph, a sonar grid: 10–60% of their
// first half), and as a leak when GC was idle between the program's requests (the listener
// and array leaks, 2–5%), however fast it died. GC time a busy host added (young GCs of
// 0.1–0.45 s where the usual one took 4 ms, a leak restarted in a loaded container) is not
// the program's.
func TestDiedBusyLoading(t *testing.T) {
	for _, tc := range []struct {
		log  string
		want string
	}{
		{"../corpus/node-24/bgp-route-collector-rib-too-small.96.log.gz", VerdictHeapTooSmall},
		{"../corpus/node-26/container-registry-gc-manifest-graph-too-small.96.log.gz", VerdictHeapTooSmall},
		{"../corpus/node-19/sonar-multibeam-cube-grid-too-small.128.log.gz", VerdictHeapTooSmall},
		{"../corpus/node-22/leak-listeners.log", VerdictLeak},
		{"../corpus/node-20/leak-linear.semi-space-1.log", VerdictLeak},
		// Three runs of a leak: the third reads heap-too-small from its last full GCs, not as
		// a load.
		{"../corpus/node-22/restarts.plain.log.gz", ""},
	} {
		r := analyzeFile(t, tc.log, Options{})
		for _, p := range r.Processes {
			if p.Crash == nil {
				continue
			}
			if tc.want != "" && p.Verdict != tc.want {
				t.Errorf("%s (pid %d): verdict %s, want %s\n  %s", tc.log, p.PID, p.Verdict, tc.want, strings.Join(p.Evidence, "\n  "))
				continue
			}
			loading := says(p, "loading")
			if tc.want == VerdictHeapTooSmall && (!loading || !strings.Contains(strings.Join(p.Evidence, "\n"), "GC took") ||
				!strings.Contains(Headline(p), "after it started")) {
				t.Errorf("%s: a load that GC was busy under, without saying so: %q\n  %s", tc.log, Headline(p), strings.Join(p.Evidence, "\n  "))
			}
			if advice := strings.Join(p.Recommendations, "\n"); tc.want == VerdictHeapTooSmall &&
				(strings.Contains(advice, "record the whole life") || !strings.Contains(advice, "snapshot")) {
				// The log holds the whole life already: more of the trace settles nothing.
				t.Errorf("%s: advice for a load whose whole life is traced:\n%s", tc.log, advice)
			}
			if tc.want != VerdictHeapTooSmall && loading {
				t.Errorf("%s: a leak told as a load", tc.log)
			}
		}
	}
}

// TestTypicalGCIn: a pause counts for at most stallCapRatio times the median of its kind.
func TestTypicalGCIn(t *testing.T) {
	ps := []pause{
		{t: 100, ms: 4}, {t: 200, ms: 4}, {t: 300, ms: 400}, {t: 400, ms: 20, full: true},
		{t: 500, ms: 30, full: true}, {t: 600, ms: 4},
	}
	// Young median 4: the 400 ms stall counts 16. Full median 25: 20 and 30 count whole.
	if got, want := typicalGCIn(ps, 550), 4+4+16+20+30.0; got != want {
		t.Errorf("typicalGCIn = %v, want %v", got, want)
	}
	if got := typicalGCIn(nil, 1000); got != 0 {
		t.Errorf("typicalGCIn of no pauses = %v, want 0", got)
	}
}
