package analyze

import (
	"strings"
	"testing"
)

// TestHeadlineSaysWhatTheEvidenceSays: the headline is the first line a reader sees; it must not
// contradict the evidence under it — "steadily" above a rate that speeds up, a bare GC share
// beside "nothing to fix" when the machine, not GC, took most of it.
func TestHeadlineSaysWhatTheEvidenceSays(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name         string
		p            Process
		want, forbid string
	}{
		{"accelerating leak", Process{Verdict: VerdictLeak, Trend: &Trend{Model: ModelAccelerating}}, "faster and faster", "steadily"},
		{"accelerating leak that died", Process{Verdict: VerdictLeak, Trend: &Trend{Model: ModelAccelerating}, Crash: &Crash{}}, "grew faster and faster until", "steadily"},
		{"decelerating leak", Process{Verdict: VerdictLeak, Trend: &Trend{Model: ModelDecelerating}}, "more slowly over time; it has not levelled off", "steadily"},
		{"linear leak", Process{Verdict: VerdictLeak, Trend: &Trend{Model: ModelLinear}}, "grows steadily", "faster"},
		{"healthy, host stalls", Process{Verdict: VerdictHealthy, GCOverhead: f(0.38), FirstMS: f(0), LastMS: f(19000), HostStalls: &HostStalls{TotalMS: 2700}},
			"38% of the time, of which 14 points are the machine", ""},
		{"healthy, no stalls", Process{Verdict: VerdictHealthy, GCOverhead: f(0.38), FirstMS: f(0), LastMS: f(19000)}, "GC takes 38% of the time.", "machine"},
		{"growth slowed", Process{Verdict: VerdictInsufficientData, Trend: &Trend{SlowedAtMS: f(2070), Interval95: [2]float64{1, 2}}}, "slowed at the last full GC", "rises, but"},
	} {
		h := Headline(&tc.p)
		if !strings.Contains(h, tc.want) || tc.forbid != "" && strings.Contains(h, tc.forbid) {
			t.Errorf("%s: %q; want %q in it and not %q", tc.name, h, tc.want, tc.forbid)
		}
	}
}
