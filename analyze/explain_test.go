package analyze

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
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
		{"decelerating leak flat by the end", Process{Verdict: VerdictLeak, Trend: &Trend{Model: ModelDecelerating, SlopeMBPerS: 1.08, SlopeNowMBPerS: new(float64)}}, "flat by the log's end: unless it levels off", "has not levelled off"},
		{"linear leak", Process{Verdict: VerdictLeak, Trend: &Trend{Model: ModelLinear}}, "grows steadily", "faster"},
		{"healthy, host stalls", Process{Verdict: VerdictHealthy, GCOverhead: f(0.38), FirstMS: f(0), LastMS: f(19000), HostStalls: &HostStalls{TotalMS: 2700}},
			"38% of the time, of which 14 points are the machine", ""},
		{"healthy, no stalls", Process{Verdict: VerdictHealthy, GCOverhead: f(0.38), FirstMS: f(0), LastMS: f(19000)}, "GC takes 38% of the time.", "machine"},
		{"growth slowed", Process{Verdict: VerdictInsufficientData, Trend: &Trend{SlowedAtMS: f(2070), Interval95: [2]float64{1, 2}}}, "slowed at the last full GC", "rises, but"},
		// A worker run's main thread: 24 young GCs over 45 s after two full GCs at 10 s.
		{"many young GCs, few full", Process{Verdict: VerdictInsufficientData, GCEvents: 26, FullGCs: 2, FirstMS: f(1045), LastMS: f(46232)},
			"26 GCs over 45.2 s, but only 2 full GCs", "too few GC events"},
		// Set AU's payments gateway cut at 40% on Node 10: 7.0, 7.2, 8.1, 7.5, then 12.7 MB.
		{"a level, then a climb at the last full GC", Process{Verdict: VerdictInsufficientData, GCEvents: 51, FullGCs: 5, Trend: &Trend{Points: 5, Interval95: [2]float64{-0.24, 1.02}}, climbedOffLevel: true},
			"held a level, then the last full GC left more", "too few GC events"},
		// Set BH's checkout webhook on Node 22 cut at 20%: 6.0 -> 15.3 MB on four full GCs
		// at R² 1.00, 9.4 MB of the 9.6 MB a leak must gain under its 96 MB limit.
		{"a clear line, too little growth", Process{Verdict: VerdictInsufficientData, GCEvents: 44, FullGCs: 4, Trend: &Trend{Points: 4, Significant: true, Interval95: [2]float64{1.85, 2.27}}, grewTooLittle: true},
			"by too little yet", "too few full GCs"},
		{"few GCs", Process{Verdict: VerdictInsufficientData, GCEvents: 4, FullGCs: 1, FirstMS: f(0), LastMS: f(900)}, "too few GC events", "full GCs"},
	} {
		h := Headline(&tc.p)
		if !strings.Contains(h, tc.want) || tc.forbid != "" && strings.Contains(h, tc.forbid) {
			t.Errorf("%s: %q; want %q in it and not %q", tc.name, h, tc.want, tc.forbid)
		}
	}
}

// TestShortBusyLogSaysSo: a short log of young GCs that took most of its time heads its report
// with that share, not with "too few GC events to tell what is going on"; a few forced GCs in
// milliseconds do not.
func TestShortBusyLogSaysSo(t *testing.T) {
	var busy strings.Builder
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&busy, "[5046:0x3730920]   %d ms: Scavenge %.1f (1931.4) -> %.1f (1931.4) MB, 22.0 / 0.0 ms  allocation failure \n", 552343+25*i, 1779.7+0.5*float64(i), 1779.6+0.5*float64(i))
	}
	r, err := FromReader(strings.NewReader(busy.String()), "handwritten", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h := Headline(r.Processes[0]); !strings.Contains(h, "GC took 8") {
		t.Errorf("ten 22 ms scavenges 25 ms apart: %q", h)
	}
	forced := "[7:0x1]       10 ms: Mark-sweep 2.0 (4.0) -> 1.0 (4.0) MB, 4.0 / 0.0 ms  (average mu = 1.000, current mu = 0.200) testing; GC in old space requested\n" +
		"[7:0x1]       15 ms: Mark-sweep 1.0 (4.0) -> 1.0 (4.0) MB, 4.0 / 0.0 ms  (average mu = 0.600, current mu = 0.200) testing; GC in old space requested\n"
	r, err = FromReader(strings.NewReader(forced), "handwritten", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h := Headline(r.Processes[0]); strings.Contains(h, "GC took") {
		t.Errorf("two forced GCs in 5 ms: %q", h)
	}
}

// TestTwoFullGCsThatRoseSaySo: two full GCs far apart in size head an insufficient-data report
// with the rise they show, not with "too few GC events to tell what is going on".
func TestTwoFullGCsThatRoseSaySo(t *testing.T) {
	log := "[9188:0x1045d8000]      219 ms: Mark-sweep 57.2 (85.2) -> 56.1 (84.6) MB, 54.6 / 0.0 ms  (average mu = 1.000, current mu = 1.000) allocation failure GC in old space requested\n" +
		"[9188:0x1045d8000]      703 ms: Mark-sweep 234.4 (263.2) -> 229.5 (263.2) MB, 238.5 / 0.0 ms  (average mu = 0.506, current mu = 0.506) allocation failure GC in old space requested\n"
	r, err := FromReader(strings.NewReader(log), "handwritten", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h := Headline(r.Processes[0]); !strings.Contains(h, "rose from 56.1 MB to 229.5 MB") {
		t.Errorf("two full GCs, 56 then 230 MB: %q", h)
	}
}

// TestOverheadSaysYoungGCsLeftOut: a log of full GCs only, under a heap that grew between
// them, left the young GCs out (--trace-gc-ignore-scavenger, or a paste of full GCs) and the
// GC overhead does not count them: the evidence must say so. A heap whose full GCs external
// memory started, and that did not grow between them, ran no young GC to leave out.
func TestOverheadSaysYoungGCsLeftOut(t *testing.T) {
	for _, tc := range []struct {
		log  string
		want bool
	}{
		{"../corpus/node-22/leak-linear.ignore-scavenger.log", true},
		{"../corpus/node-11/loyalty-quote-cache-rotation-stops-after-statsd-error.80.log.gz", true},
		{"../corpus/node-26/thumbnail-render-offheap-bitmap-churn.64.log.gz", false},
		{"../corpus/node-24/raster-mosaic-corrupt-header-alloc.96.log.gz", false},
		{"../corpus/node-22/leak-linear.log", false},
	} {
		p := analyzeFile(t, tc.log, Options{}).Processes[0]
		said := false
		for _, ev := range p.Evidence {
			said = said || strings.HasPrefix(ev, "GC overhead:") && strings.Contains(ev, "shows no young GC")
		}
		if said != tc.want {
			t.Errorf("%s: evidence says young GCs were left out: %v, want %v\n  %s", tc.log, said, tc.want, strings.Join(p.Evidence, "\n  "))
		}
	}
}

// TestMBRange: a range is written in the unit of its upper end, so that a range across the
// switch to GB does not read "9000.0–10.5 GB", and as one size when both ends write alike.
func TestMBRange(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{4.6, 6.2, "4.6–6.2 MB"},
		{62.71, 62.74, "62.7 MB"},
		{9000, 10752, "8.8–10.5 GB"},
	} {
		if got := mbRange(tc.lo, tc.hi); got != tc.want {
			t.Errorf("mbRange(%v, %v) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

// TestMutatorLowOnlyAtDeath: a process whose utilization stayed high at its full GCs until the
// one V8 gave up at is not told "collapsed" (a stepwise leak on Node 24 with 3% of its time in
// GC: 0.973 → 0.955 → 0.964 → 0.970 → 0.037); one whose last full GCs starved it is.
func TestMutatorLowOnlyAtDeath(t *testing.T) {
	for _, tc := range []struct {
		log  string
		want string
	}{
		{"../corpus/node-14/leak-stepwise.256.b20.log.gz", "mutator utilization: high until the last full GC:"},
		{"../corpus/node-20/memo-request-key.128.log.gz", "mutator utilization: collapsed:"},
	} {
		p := target(analyzeFile(t, tc.log, Options{}))
		if !slices.ContainsFunc(p.Evidence, func(e string) bool { return strings.HasPrefix(e, tc.want) }) {
			t.Errorf("%s: no %q in\n  %s", tc.log, tc.want, strings.Join(p.Evidence, "\n  "))
		}
	}
}

// TestHeadlineOfALaterFasterWindow: a crashed leak read on a line over the last part of its
// life, where the heap grew at under three quarters of that rate before it, is not headed
// "grew steadily": set DG's lockfile solver, whose edges grow with the square of its packages
// (10 → 78 MB in 11.5 s, then 11.3 MB/s for 10 s). A steady leak read from its first full GC
// keeps "steadily". The advice's time a bigger heap buys at the last rate is then the most it
// buys.
func TestHeadlineOfALaterFasterWindow(t *testing.T) {
	for _, tc := range []struct {
		log  string
		want string
	}{
		{"../corpus/node-18/lockfile-solver-candidate-graph-accel.192.log.gz", "LEAK — the heap that survives full GCs grew faster from "},
		{"../corpus/node-22/leak-linear.log", "LEAK — the heap that survives full GCs grew steadily"},
	} {
		p := target(analyzeFile(t, tc.log, Options{}))
		if h := Headline(p); !strings.HasPrefix(h, tc.want) {
			t.Errorf("%s: headline %q, want it to start %q", tc.log, h, tc.want)
		}
		// What a bigger heap buys at the last rate is then the most it buys.
		atMost := slices.ContainsFunc(p.Recommendations, func(r string) bool { return strings.Contains(r, "buys at most about") })
		if atMost != strings.Contains(tc.want, "faster") {
			t.Errorf("%s: \"buys at most\" in the advice %v; want it with the faster headline only\n  %s", tc.log, atMost, strings.Join(p.Recommendations, "\n  "))
		}
	}
}

// TestClimbBeforeABurstSaysSo: where the only full GCs before a burst came in a start-up climb,
// then the heap held a level with young GCs only, the trend line is the climb's: beside ALLOCATION
// BURST its rate (+234 MB/s over 0.3 s, on a CSV export that then held 112 MB for 25 s) must
// say it is the climb to the level, or it reads as a leak's.
func TestClimbBeforeABurstSaysSo(t *testing.T) {
	log := "../corpus/node-26/csv-export-join-burst.256.log.gz"
	p := analyzeFile(t, log, Options{}).Processes[0]
	if p.Verdict != VerdictAllocationBurst {
		t.Fatalf("%s: verdict %s, want allocation-burst", log, p.Verdict)
	}
	for _, ev := range p.Evidence {
		if strings.HasPrefix(ev, "heap after full GC:") && !strings.Contains(ev, "the climb to the level it then held") {
			t.Errorf("%s: %q does not say the line is the climb to the level", log, ev)
		}
	}
}

// TestFlatCurveBesideLeakSaysWhy: a slowing leak whose curve is flat by the log's end while its
// last full GCs still rise (set DU's seed bank cache on Node 24, read LEAK) does not print
// "slowing down: 0.00 MB/s at the end" beside LEAK, a level the verdict denies: its rate line
// says the last full GCs still rise.
func TestFlatCurveBesideLeakSaysWhy(t *testing.T) {
	log := "../corpus/node-24/seed-bank-accession-cache-decel-semispace8.256.log.gz"
	p := analyzeFile(t, log, Options{}).Processes[0]
	if p.Verdict != VerdictLeak {
		t.Skipf("%s: verdict %s; the test is of its rate line beside LEAK", log, p.Verdict)
	}
	for _, ev := range p.Evidence {
		if strings.HasPrefix(ev, "rate: slowing down: 0.00 MB/s") {
			t.Errorf("%s: %q beside LEAK", log, ev)
		}
		if strings.HasPrefix(ev, "rate:") && !strings.Contains(ev, "still rise") {
			t.Errorf("%s: %q does not say the last full GCs still rise", log, ev)
		}
	}
}

// TestDiedWhereInItsRange holds the "dies at" line of every crashed corpus run given its flag
// to the death it reports: the heap its last full GC left, and whether that is before, inside
// or past the range the same line gives.
func TestDiedWhereInItsRange(t *testing.T) {
	said := regexp.MustCompile(`about ([\d.]+) MB \(([\d.]+)–([\d.]+) MB\).*this one died at ([\d.]+) MB, (before|inside|past) that range`)
	var checked int
	where := map[string]int{}
	for _, log := range corpustest.Logs(t) {
		m, ok := corpustest.ReadMeta(log)
		if !ok || !m.Crashed || m.HeapLimitMB == nil {
			continue
		}
		for _, p := range analyzeFile(t, log, Options{HeapLimitMB: m.HeapLimitMB}).Processes {
			for _, ev := range p.Evidence {
				if !strings.HasPrefix(ev, "dies at:") || !strings.Contains(ev, "this one died") {
					continue
				}
				g := said.FindStringSubmatch(strings.Join(strings.Fields(ev), " "))
				if g == nil {
					t.Errorf("%s: %q does not say where in its range it died", corpustest.Name(log), ev)
					continue
				}
				lo, _ := strconv.ParseFloat(g[2], 64)
				hi, _ := strconv.ParseFloat(g[3], 64)
				at, _ := strconv.ParseFloat(g[4], 64)
				want := "inside"
				switch {
				case at < lo-0.5: // lo is printed rounded to the MB
					want = "before"
				case at > hi+0.05:
					want = "past"
				}
				if g[5] != want && math.Abs(at-lo) > 0.5 {
					t.Errorf("%s: died at %.1f MB against %s–%s MB, said %s that range", corpustest.Name(log), at, g[2], g[3], g[5])
				}
				if last := p.HeapAfterFullGC; last == nil || math.Abs(last.LastMB-at) > 0.05 {
					t.Errorf("%s: died at %.1f MB, but the heap after its last full GC was %+v", corpustest.Name(log), at, last)
				}
				checked++
				where[g[5]]++
			}
		}
	}
	if checked < 500 {
		t.Errorf("%d crashed runs said where in their death range they died, want 500 or more", checked)
	}
	t.Logf("%d crashed runs say where in their death range they died: %d before it, %d inside, %d past", checked, where["before"], where["inside"], where["past"])
}
