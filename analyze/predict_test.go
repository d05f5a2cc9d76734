package analyze

import (
	"slices"
	"strings"
	"testing"
)

// TestSlowingLeakSaysWhyNoForecast: a leak whose curve still rises at the log's end but levels
// off under where V8 dies, while the heap has held no level, is read LEAK without a
// time-to-OOM: it may be a cache filling up, which must not be warned of. The report must then
// say so, and what the average rate would give, rather than "the process will run out of
// heap" with no time. A schema registry pinning each reloaded schema's plan cache in steps
// (set BC), cut at 60% of its life on Node 20: 66 MB at 1.99 MB/s and slowing, 3.19 MB/s on
// average. The same with no limit known reads insufficient data.
func TestSlowingLeakSaysWhyNoForecast(t *testing.T) {
	p := readCutAt(t, "../corpus/node-20/graphql-schema-reload-plan-cache-pins-schemas.96.log.gz", 96, 0.6)
	said := slices.ContainsFunc(p.Evidence, func(ev string) bool {
		return strings.HasPrefix(ev, "time to OOM: none given:") && strings.Contains(ev, "At the average rate")
	})
	// The advice must not contradict it: a bigger heap helps if the heap levels off.
	conditional := slices.ContainsFunc(p.Recommendations, func(r string) bool {
		return strings.HasPrefix(r, "Whether a bigger heap helps depends")
	})
	flat := slices.ContainsFunc(p.Recommendations, func(r string) bool {
		return strings.HasPrefix(r, "A bigger heap only delays this")
	})
	if !conditional || flat {
		t.Errorf("advice %q: want it conditional on the level, not that a bigger heap only delays", p.Recommendations)
	}
	if p.Verdict != VerdictLeak || p.PredictedOOMMS != nil || !said || strings.Contains(Headline(p), "will run out of heap") {
		t.Errorf("verdict %s, time-to-OOM %v, headline %q: want a leak without one, saying why\n  %s", p.Verdict, p.PredictedOOMMS, Headline(p), strings.Join(p.Evidence, "\n  "))
	}
}
