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
