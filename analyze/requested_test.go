package analyze

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRequestedFullGCs: full GCs a program asks for itself — gc() under --expose-gc, heap
// snapshots — are its choice, not V8 running out of room nor V8's own scheduling. Set CL's real
// runs on Node 12, 18, 20 and 26: a benchmark harness calling gc() before every iteration
// (GC takes most of the time: thrashing, by the program's own hand), a memory probe calling it
// every 2 s and a diagnostics hook writing a heap snapshot every 6 s (healthy), a test runner
// calling it after every file while its registry leaks (a leak: every full GC asked for, and
// each measures what survives as well as V8's own would). The report must say that the program asked for them, and a
// thrashing report must not send the user to V8's scheduling or to the program's churn.
func TestRequestedFullGCs(t *testing.T) {
	for _, tc := range []struct {
		program, verdict string
		// mostly: the full GCs asked for are at least half of them.
		mostly bool
	}{
		{"bench-harness-gc-every-iteration", VerdictGCThrashing, true},
		{"memory-probe-gc-every-2s-healthy", VerdictHealthy, true},
		{"heap-snapshot-every-6s-healthy", VerdictHealthy, true},
		{"test-runner-gc-between-files-leak", VerdictLeak, true},
	} {
		logs, err := filepath.Glob("../corpus/node-*/" + tc.program + ".*.log.gz")
		if err != nil || len(logs) == 0 {
			t.Fatalf("no corpus run of %s", tc.program)
		}
		for _, log := range logs {
			p := analyzeFile(t, log, Options{}).Processes[0]
			said := slices.ContainsFunc(p.Evidence, func(ev string) bool { return strings.HasPrefix(ev, "requested GCs:") })
			if p.Verdict != tc.verdict || p.Requested == nil || said != tc.mostly {
				t.Errorf("%s: verdict %s, requested %+v, evidence of it %v; want %s, the evidence saying so: %v\n  %s",
					log, p.Verdict, p.Requested, said, tc.verdict, tc.mostly, strings.Join(p.Evidence, "\n  "))
			}
			if p.Verdict != VerdictGCThrashing {
				continue
			}
			advice := strings.Join(p.Recommendations, " ")
			if !strings.Contains(Headline(p), "asks for them itself") || !strings.Contains(advice, "asks for these full GCs itself") ||
				strings.Contains(advice, "scheduling") || strings.Contains(advice, "churn") {
				t.Errorf("%s: headline %q, advice %q: want both to name the program's own gc() calls, and no word of V8's scheduling or churn", log, Headline(p), advice)
			}
		}
	}
}
