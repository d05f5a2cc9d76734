package analyze

import (
	"testing"

	"github.com/gcanalyze/gcanalyze/parser"
)

// TestClimbOnLine: set BO's ferry API on Node 14 held 6.4 MB for 17 s, then its rebooking
// notices leaked: 13.4, 21.9, 29.9, 38.8, 50.6 MB over 8 s at 4.8 MB/s. Cut at 80% of its
// life, the climb is a fifth of the log — under LeakMinSpanShare — and it was read
// insufficient-data, seven seconds before the crash. Five full GCs each above the last on a
// line, rising by half its 96 MB limit, are a leak; the same climb against a limit ten times
// larger is no fifth of it, and waits for more.
func TestClimbOnLine(t *testing.T) {
	const log = "../corpus/node-14/ferry-rebooking-notice-receipt-mismatch.96.log.gz"
	crash := *analyzeFile(t, log, Options{}).Processes[0].Crash.TimeMS
	for _, tc := range []struct {
		limit float64
		want  string
	}{
		{96, VerdictLeak},
		{960, VerdictInsufficientData},
	} {
		a := New(Options{HeapLimitMB: &tc.limit})
		for _, ev := range cutEvents(t, log, 0.8*crash) {
			a.Add(ev)
		}
		p := a.Report("ferry cut at 80%", parser.Stats{}).Processes[0]
		if p.Verdict != tc.want {
			t.Errorf("limit %.0f MB: verdict %s, want %s (evidence %q)", tc.limit, p.Verdict, tc.want, p.Evidence)
			continue
		}
		if tc.want == VerdictLeak {
			if p.PredictedOOMMS == nil || p.PredictedOOMIntervalMS[0] > crash || p.PredictedOOMIntervalMS[1] < crash {
				t.Errorf("limit %.0f MB: time-to-OOM %v %v does not hold the crash at %.0f ms", tc.limit, p.PredictedOOMMS, p.PredictedOOMIntervalMS, crash)
			}
		}
	}
}

// TestBreakThatDidNotSlow: set ED's e-book hold mailer on Node 12 parks notices each simulated
// weekend and never frees them. Cut at 80% of its life, its full GCs left 8 → 76 MB by 8 s,
// none while young GCs carried it to 19 s, then 93, 107, 134, 152, 148 MB by 26 s. The
// two-segment fit broke the line at 19 s, and its last segment — +7.4 MB/s over five full
// GCs, an interval from −2.9 to 17.6 — was read "HEALTHY — no significant growth" beside
// "+52.8 MB". A last segment that climbs no slower than the whole is no level: a leak, whose
// forecast holds the crash. The synthetic series checks the rule apart from the log: a climb
// that slows after the break stays read from its last segment.
func TestBreakThatDidNotSlow(t *testing.T) {
	const log = "../corpus/node-12/library-ebook-hold-notice-mailer-weekend-quiet-hours-leak.192.log.gz"
	p, crash := cutAt(t, log, 0.8, 192)
	if p.Verdict != VerdictLeak || says(p, "no significant growth") {
		t.Errorf("cut at 80%%: verdict %s, evidence %q; want a leak", p.Verdict, p.Evidence)
	} else if p.PredictedOOMMS == nil || p.PredictedOOMIntervalMS[0] > crash || p.PredictedOOMIntervalMS[1] < crash {
		t.Errorf("cut at 80%%: time-to-OOM %v %v does not hold the crash at %.0f ms", p.PredictedOOMMS, p.PredictedOOMIntervalMS, crash)
	}

	th := DefaultThresholds
	xs := []float64{1, 2, 3, 4, 5, 6, 14, 16, 18, 20, 22}
	slowing := []float64{10, 20, 30, 40, 50, 60, 66, 64, 69, 66, 70}
	if g, tr := readWindow(xs, slowing, &th); tr.Significant && g.lin.b > 5 {
		t.Errorf("a climb that slowed to a level after its break: %+.2f MB/s over %d points, want the level's", g.lin.b, tr.Points)
	}
}
