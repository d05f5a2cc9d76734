package analyze

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/parser"
)

// TestYoungClimbAfterALevel: set BC's search service (real runs on Node 11, 15, 20 and 24
// under --max-old-space-size=64) holds its heap flat at ~5 MB for 16 s, then a flag turns on
// a leak of ~4.5 MB/s. Read before the flag, it is healthy; read at its last young GC before
// the first full GC after the flag, the young GCs have climbed off the level and no full GC
// has weighed the climb: not healthy (it read "no significant growth of the heap after full
// GCs" from a log with no full GC).
func TestYoungClimbAfterALevel(t *testing.T) {
	limit := 64.0
	for _, v := range []string{"11", "15", "20", "24"} {
		log := fmt.Sprintf("../corpus/node-%s/catalog-search-query-capture-flag-no-uploader.64.log.gz", v)
		evs := cutEvents(t, log, 40000)
		read := func(until float64) *Process {
			a := New(Options{HeapLimitMB: &limit})
			for _, ev := range evs {
				if ev.Type == parser.TypeGC && ev.GC.TimeMS != nil && *ev.GC.TimeMS > until {
					break
				}
				a.Add(ev)
			}
			return target(a.Report(log, parser.Stats{}))
		}
		if p := read(15000); p.Verdict != VerdictHealthy {
			t.Errorf("Node %s before the flag: %s, want healthy\n%s", v, p.Verdict, strings.Join(p.Evidence, "\n"))
		}
		// The last young GC before the first full GC after the flag (16 s).
		lastYoung := 0.0
		for _, ev := range evs {
			if ev.Type != parser.TypeGC || ev.GC.TimeMS == nil || *ev.GC.TimeMS <= 16000 {
				continue
			}
			if *ev.GC.Kind == parser.KindFull {
				break
			}
			lastYoung = *ev.GC.TimeMS
		}
		if lastYoung == 0 {
			continue // a full GC came first: the trend reads it
		}
		if p := read(lastYoung); p.Verdict == VerdictHealthy {
			t.Errorf("Node %s at %.0f ms, the young GCs climbing off their level: healthy\n%s", v, lastYoung, strings.Join(p.Evidence, "\n"))
		}
	}
}

func TestOneAllocationFits(t *testing.T) {
	for _, tc := range []struct {
		name        string
		limit, heap float64
		source      string
		fits        bool
	}{
		{"2.9 GB under a 16 GB flag on the command line", 16384, 2893, LimitCommandLine, false},
		{"4.3 GB under a 12 GB flag given with --heap-limit", 12288, 4318, LimitUser, false},
		{"192 MB under a 488 MB flag", 488, 192, LimitCommandLine, true},
		{"22 MB under the 4 GB the process printed", 4144, 21.9, LimitHeapStats, true},
	} {
		out := &Process{HeapLimitMB: &tc.limit, HeapLimitSource: tc.source}
		if got := oneAllocationFits(out, tc.heap); got != tc.fits {
			t.Errorf("%s: one allocation fits the room: %v, want %v", tc.name, got, tc.fits)
		}
	}
}

// TestClimbWithFullGCsInIt: set BD's newsletter renderer on Node 19 (a real run under
// --max-old-space-size=96) holds 5.2 MB for 16 s until a config switch unbounds its memo; 3.8 s
// later young GCs and two full GCs a second apart have climbed to 14 MB. Two full GCs are too
// few for a trend, and the full GCs, each under the young GCs around it, break the young GCs'
// run: it read healthy. Before the switch it is healthy.
func TestClimbWithFullGCsInIt(t *testing.T) {
	limit := 96.0
	log := "../corpus/node-19/newsletter-renderer-ab-variant-memo.96.log.gz"
	read := func(until float64) *Process {
		a := New(Options{HeapLimitMB: &limit})
		for _, ev := range cutEvents(t, log, until) {
			a.Add(ev)
		}
		return target(a.Report(log, parser.Stats{}))
	}
	if p := read(15000); p.Verdict != VerdictHealthy {
		t.Errorf("before the switch: %s, want healthy\n%s", p.Verdict, strings.Join(p.Evidence, "\n"))
	}
	if p := read(19800); p.Verdict == VerdictHealthy || p.PredictedOOMMS != nil {
		t.Errorf("3.8 s into the climb: %s (time-to-OOM %v), want neither healthy nor a forecast from two full GCs\n%s", p.Verdict, p.PredictedOOMMS, strings.Join(p.Evidence, "\n"))
	}
}

// TestLoadThenLeakIsNoStop: set BD's tax-rates service on Node 10 (a real run under
// --max-old-space-size=96) loads its table at ~40 MB/s for a second, then leaks ~7 MB/s to its
// death at 7.2 s. Against the load's rate the leak looks like a stop: at 40% of its life three
// young GCs each above the one before (52.6, 57.8, 63.2 MB) up to the last full GC were read as
// a level held, "HEALTHY … grew, then stopped growing". (At 60% two full GCs 88 ms apart, 72.2
// and 71.9 MB, still read as a level: the young GCs after them climb as the young GCs after
// any full GC of a steady heap do, so they cannot tell.)
func TestLoadThenLeakIsNoStop(t *testing.T) {
	if p := readCutAt(t, "../corpus/node-10/tax-rates-slowlog-threshold-units.96.log.gz", 96, 0.4); p.Verdict == VerdictHealthy {
		t.Errorf("cut at 40%%: healthy\n%s", strings.Join(p.Evidence, "\n"))
	}
}

// TestPauseNoLongerThanEarlierLevels: set BD's data-quality job on Node 14 (a real run under
// --max-old-space-size=64) keeps 9–11 MB of run history every 6 s, its young GCs holding each
// level for 5.4 s before the next step. Cut at 60% of its life it is 4.1 s into its fourth
// level, thirteen full GCs back to back on it outnumbering the three that climbed: it read
// "HEALTHY … stopped growing". A hold no longer than the levels held and left before is a
// pause, not a stop.
func TestPauseNoLongerThanEarlierLevels(t *testing.T) {
	p := readCutAt(t, "../corpus/node-14/dq-checks-run-history-size-typo.64.log.gz", 64, 0.6)
	if p.Verdict == VerdictHealthy || p.Trend != nil && p.Trend.StoppedAtMS != nil {
		t.Errorf("cut at 60%%: %s, read as stopped\n%s", p.Verdict, strings.Join(p.Evidence, "\n"))
	}
}

// TestFullGCsRiseWithYoungAfter: set BD's newsletter renderer on Node 14 (a real run under
// --max-old-space-size=96), cut at 60% of its life, 3 s after a config switch unbounded its
// memo: its first two full GCs left 6.0, then 11.6 MB 1.3 s later, and a young GC since left
// 18.6 MB. Two full GCs are too few for a trend, and the first left what the young GCs had
// held before the switch, so no climb off a level showed: it read healthy.
func TestFullGCsRiseWithYoungAfter(t *testing.T) {
	if p := readCutAt(t, "../corpus/node-14/newsletter-renderer-ab-variant-memo.96.log.gz", 96, 0.6); p.Verdict == VerdictHealthy || p.PredictedOOMMS != nil {
		t.Errorf("cut at 60%%: %s (time-to-OOM %v)\n%s", p.Verdict, p.PredictedOOMMS, strings.Join(p.Evidence, "\n"))
	}
}

// readCutAt reads a corpus run, given its flag as the limit, cut at frac of its life: of the
// time to its crash, or to its last GC when it lived.
func readCutAt(t *testing.T, log string, limit, frac float64) *Process {
	t.Helper()
	whole := target(analyzeFile(t, log, Options{HeapLimitMB: &limit}))
	end := whole.LastMS
	if c := whole.Crash; c != nil {
		end = c.TimeMS
	}
	if end == nil {
		t.Fatalf("%s: neither the run's crash nor its last GC is read", log)
	}
	a := New(Options{HeapLimitMB: &limit})
	for _, ev := range cutEvents(t, log, frac**end) {
		a.Add(ev)
	}
	return target(a.Report(log, parser.Stats{}))
}

// TestCurveFollowsTheHeap: where the trend is a curve, the report carries it sampled over the
// window for a chart to draw. Set BG's call-centre monitor on Node 18 (a leak only while a
// feature is on, slowing as it goes) has an average line that ends 17 MB above where its
// full GCs left the heap, over the 96 MB limit: the curve ends within the noise of them.
func TestCurveFollowsTheHeap(t *testing.T) {
	limit := 96.0
	p := target(analyzeFile(t, "../corpus/node-18/callcenter-supervisor-monitor-on-off.96.log.gz", Options{HeapLimitMB: &limit}))
	tr := p.Trend
	if tr == nil || tr.Model == ModelLinear || len(tr.Curve) < 2 {
		t.Fatalf("trend %+v: want a curve", tr)
	}
	first, last := tr.Curve[0], tr.Curve[len(tr.Curve)-1]
	if first.TimeMS != tr.FromMS || last.TimeMS != tr.ToMS {
		t.Errorf("the curve spans %.0f–%.0f ms, the window %.0f–%.0f ms", first.TimeMS, last.TimeMS, tr.FromMS, tr.ToMS)
	}
	var at float64 // the heap after the last full GC in the window
	for _, f := range p.Series.FullGCs {
		if f.TimeMS <= tr.ToMS {
			at = f.AfterMB
		}
	}
	if d := math.Abs(last.MB - at); d > math.Max(2, 0.05*at) {
		t.Errorf("the curve ends at %.1f MB, the full GCs at %.1f MB", last.MB, at)
	}
}
