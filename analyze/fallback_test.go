package analyze

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// TestFallBackAtTheLastFullGC holds the comparison of a window's rise with the memory full GCs
// caught in passing to what the window's last full GC kept when it fell back (risenMB): a
// heap that follows traffic is no leak for rising over an afternoon the log shows ebbing,
// beside a morning peak it shows given back; leaks whose last full GC fell back out of a
// saw-tooth or a spike still read as leaks, their floor risen past what the swings free.
func TestFallBackAtTheLastFullGC(t *testing.T) {
	for _, tc := range []struct {
		log  string
		leak bool
	}{
		// Set DO's fare-gate: the heap after full GCs 6 → 62 → 27 → 71 → 56 MB over a
		// service day of 40 s.
		{"node-17/metro-faregate-open-journeys-day-cycle.320.log.gz", false},
		{"node-23/metro-faregate-open-journeys-day-cycle.320.log.gz", false},
		// Leaks whose last full GC fell back: a rate shop's pinned entries under 8-s
		// flushes, a redirect map under pacing spikes.
		{"node-17/hotel-rate-shop-pinned-flush-sawtooth.96.log.gz", true},
		{"node-20/click-redirect-token-map-pacing-spikes.144.log.gz", true},
	} {
		p := target(analyzeFile(t, filepath.Join(corpustest.Dir(), tc.log), Options{}))
		if p == nil {
			t.Fatalf("%s: no process", tc.log)
		}
		if got := p.Verdict == VerdictLeak; got != tc.leak {
			t.Errorf("%s: verdict %s, want leak %v\nevidence:\n  %s", tc.log, p.Verdict, tc.leak, strings.Join(p.Evidence, "\n  "))
		}
		said := slices.ContainsFunc(p.Evidence, func(ev string) bool { return strings.HasPrefix(ev, "trend:") && strings.Contains(ev, "fell back to") })
		if said == tc.leak {
			t.Errorf("%s: the evidence says the last full GC fell back within the swings: %v, want %v: %q", tc.log, said, !tc.leak, p.Evidence)
		}
		if tr := p.Trend; !tc.leak && (tr == nil || tr.FellBackKeptMB == nil || *tr.FellBackKeptMB >= tr.GrowthMB) {
			// The report's JSON and the chart's legend read what the last full GC kept.
			t.Errorf("%s: no fell_back_kept_mb under the line's rise in the trend: %+v", tc.log, tr)
		}
		if !tc.leak && p.PredictedOOMMS != nil {
			t.Errorf("%s: a time-to-OOM for a heap that follows its traffic", tc.log)
		}
	}
}
