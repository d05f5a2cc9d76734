package analyze

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestPointsMergeAsTheyCome holds the bounded series, which merges a group's points as they
// come, to what merging each complete group whole (mergeGroup) gives, ties of pauses included.
func TestPointsMergeAsTheyCome(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, capacity := range []int{2, 3, 8} {
		p := newPoints(capacity)
		var all []GCPoint
		for i := range 200 {
			g := GCPoint{
				TimeMS: float64(i), PauseMS: float64(rng.IntN(4)), BeforeMB: rng.Float64() * 100,
				AfterMB: rng.Float64() * 100, CommittedMB: rng.Float64() * 100, Full: rng.IntN(5) == 0,
				Collector: []string{"Scavenge", "Mark-Compact"}[rng.IntN(2)], Reason: "r" + string(rune('a'+i%26)),
			}
			all = append(all, g)
			p.add(&g)
		}
		// Replay the compactions: every kept point stands for stride consecutive points.
		want := reference(all, capacity)
		if got := p.all(); !reflect.DeepEqual(got, want) {
			t.Errorf("capacity %d: the series differs from merging whole groups:\n got %v\nwant %v", capacity, got, want)
		}
	}
}

// reference builds the bounded series by keeping each incomplete group whole.
func reference(all []GCPoint, capacity int) []GCPoint {
	var pts, pending []GCPoint
	stride := 1
	for _, g := range all {
		if stride > 1 {
			pending = append(pending, g)
			if len(pending) < stride {
				continue
			}
			g = mergeGroup(pending)
			pending = pending[:0]
		}
		pts = append(pts, g)
		if len(pts) >= 2*capacity {
			var out []GCPoint
			for i := 0; i+1 < len(pts); i += 2 {
				out = append(out, mergeGroup(pts[i:i+2]))
			}
			if len(pts)%2 == 1 {
				out = append(out, pts[len(pts)-1])
			}
			pts, stride = out, stride*2
		}
	}
	if len(pending) > 0 {
		pts = append(pts, mergeGroup(pending))
	}
	return pts
}

// TestTaperingGrowthHasNotStopped: a heap after full GCs that rose at every one of them, more
// slowly each time, has not stopped growing — its report may not say it held — while one that
// climbed and then wavered about a level has.
func TestTaperingGrowthHasNotStopped(t *testing.T) {
	th := &DefaultThresholds
	// taper returns 30 s at 1 MB/s, then 10 s of full GCs every 0.5 s rising 0.25 MB/s, or
	// held, with a ±0.3 MB jitter.
	taper := func(held bool) (xs, ys []float64) {
		for x := 1.0; x <= 30; x += 3 {
			xs, ys = append(xs, x), append(ys, 10+x)
		}
		for k := 1; k <= 20; k++ {
			x, rise := 30+0.5*float64(k), 0.25*0.5*float64(k)
			if held {
				rise = 0
			}
			xs, ys = append(xs, x), append(ys, 40+rise+0.3*float64(k%2*2-1))
		}
		return xs, ys
	}
	slowX, slowY := taper(false)
	heldX, heldY := taper(true)
	for _, tc := range []struct {
		name    string
		xs, ys  []float64
		stopped bool
	}{
		// A check-in kiosk's audit trail as its traffic tapers (set AE, Node 12).
		{"up at every full GC, ever slower", []float64{2.1, 4.8, 8.1, 12.1, 16.9, 22.8, 30.3, 38.5, 39.1, 44.1, 50.6},
			[]float64{14, 24.9, 34, 42.4, 50.4, 58, 64.9, 70.5, 70.8, 73.1, 75.7}, false},
		{"up, then about a level", []float64{2.1, 4.8, 8.1, 12.1, 16.9, 22.8, 30.3, 38.5, 39.1, 44.1, 50.6},
			[]float64{14, 24.9, 34, 42.4, 50.4, 58, 64.9, 70.5, 69.8, 71.1, 70.2}, true},
		// Many full GCs close together (V8 14 marking back to back), up 0.25 MB/s with a
		// jitter that breaks every run of rises, after a climb at 1 MB/s.
		{"many close full GCs about a slow rise", slowX, slowY, false},
		{"many close full GCs about a level", heldX, heldY, true},
	} {
		g, tr := readWindow(tc.xs, tc.ys, th)
		g.checkRecent(th, tr, math.NaN(), func(float64, float64, float64) (bool, bool) { return false, false })
		if stopped := tr.StoppedAtMS != nil; stopped != tc.stopped {
			t.Errorf("%s: stopped at %v, want stopped %v", tc.name, tr.StoppedAtMS, tc.stopped)
		}
	}
}

// TestLoneFullGCAfterYoungClimb: a full GC that left less than the earlier rate gives, with
// nothing after it, is a stop when the young GCs before it held a level, a slowing to be
// confirmed when they show nothing, and neither when they climbed all the way to it — a load
// at 40 MB/s, then a leak of 7 MB/s (set BD's tax-rates service on Node 10).
func TestLoneFullGCAfterYoungClimb(t *testing.T) {
	th := &DefaultThresholds
	xs, ys := []float64{0.349, 0.684, 0.950, 2.074}, []float64{14, 25.3, 45.9, 60.9}
	for _, tc := range []struct {
		name            string
		held, climbed   bool
		stopped, slowed bool
	}{
		{"young GCs held a level", true, false, true, false},
		{"no young GC shows", false, false, false, true},
		{"young GCs climbed to it", false, true, false, false},
	} {
		g, tr := readWindow(xs, ys, th)
		g.checkRecent(th, tr, math.NaN(), func(float64, float64, float64) (bool, bool) { return tc.held, tc.climbed })
		if got := tr.StoppedAtMS != nil; got != tc.stopped {
			t.Errorf("%s: stopped at %v, want stopped %v", tc.name, tr.StoppedAtMS, tc.stopped)
		}
		if got := tr.SlowedAtMS != nil; got != tc.slowed {
			t.Errorf("%s: slowed at %v, want slowed %v", tc.name, tr.SlowedAtMS, tc.slowed)
		}
	}
}

// TestCrowdedOutOfOrder: full GCs whose times do not rise — a crash block's ring repeating,
// out of order, lines the live trace printed — crowd no stretch of time and do not panic.
func TestCrowdedOutOfOrder(t *testing.T) {
	for _, xs := range [][]float64{{5.820, 5.839, 5.801}, {5.8, 5.8, 5.8}, {5.839, 5.820}} {
		span := xs[len(xs)-1] - xs[0]
		if crowded(xs, span/100, 2) {
			t.Errorf("%v: crowded", xs)
		}
	}
}

// TestClimbingTroughsAreAFloor: under batches that fill and free most of the heap, four
// troughs each above the last are a floor to read a leak from; three are not enough — a
// saw-tooth sampled later in each cycle climbs three times too.
func TestClimbingTroughsAreAFloor(t *testing.T) {
	th := &DefaultThresholds
	cycles := func(troughs []float64) (xs, ys []float64) {
		for c, low := range troughs {
			for k, add := range []float64{0, 20, 40, 60} {
				xs, ys = append(xs, float64(10*c)+float64(2*k)), append(ys, low+add)
			}
		}
		return xs, ys
	}
	for _, tc := range []struct {
		troughs []float64
		ok      bool
	}{
		{[]float64{9, 18, 28, 38, 46}, true},
		{[]float64{9, 18, 28, 38}, true},
		{[]float64{3, 11, 21}, false},
		{[]float64{9, 38, 12, 13, 46}, false},
	} {
		xs, ys := cycles(tc.troughs)
		fx, _ := floorOf(xs, ys, th)
		if _, _, ok := climbingTroughs(xs, ys, fx, th); ok != tc.ok {
			t.Errorf("troughs %v: a floor %v, want %v", tc.troughs, ok, tc.ok)
		}
	}
}

// TestPeriodicTroughs tells troughs on a clock (a cache flushed every 8 s, each flush leaving
// a little more) from troughs at no period (work in flight ebbing as jobs end at random),
// which say nothing of what a program keeps.
func TestPeriodicTroughs(t *testing.T) {
	th := &DefaultThresholds
	series := func(at []float64, lows []float64) (xs, ys []float64) {
		for i, x := range at {
			// The heap climbs from each trough to a peak before the next.
			for k, add := range []float64{0, 15, 25} {
				xs, ys = append(xs, x+float64(k)*0.5), append(ys, lows[i]+add)
			}
		}
		return xs, ys
	}
	lows := []float64{8, 9, 11.6, 14.5, 16.8, 19.3, 21.8}
	for _, tc := range []struct {
		name string
		at   []float64
		want bool
	}{
		{"every 8 s", []float64{8, 16, 24.1, 32, 39.9, 48, 56}, true},
		{"every 8 s, a second late or early", []float64{8, 17, 24, 33, 40, 47, 56}, true},
		{"at no period", []float64{2, 5, 10.5, 12.5, 20, 23.5, 26}, false},
	} {
		xs, ys := series(tc.at, lows)
		if got := periodicTroughs(xs, ys, th); got != tc.want {
			t.Errorf("%s: periodic %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestClimbOffLevel finds where a heap left a level it held longer than it took to reach,
// when every full GC after climbed above it: the climb is read on its own, not as one curve
// through the level.
func TestClimbOffLevel(t *testing.T) {
	th := &DefaultThresholds
	for _, tc := range []struct {
		name   string
		xs, ys []float64
		wantB  int
	}{
		{"flat from the start, then a climb",
			[]float64{12.5, 14, 19.4, 24.5, 28.7, 33.7, 38.8}, []float64{6.4, 6.3, 6.5, 18, 29.3, 43, 57.4}, 2},
		{"a load, a long level, then a climb",
			[]float64{0.2, 1, 5, 8, 11, 14, 17, 18, 19, 20, 21}, []float64{14, 75, 82, 82, 82, 82, 82, 88, 93, 99, 104}, 6},
		{"a steady line", []float64{0, 2, 4, 6, 8, 10, 12, 14}, []float64{10, 14, 18, 22, 26, 30, 34, 38}, 0},
		{"a level shorter than the growth before it",
			[]float64{0, 2, 4, 6, 8, 9, 10, 11, 13, 15, 17, 19}, []float64{10, 14, 18, 22, 26, 26, 26, 26, 30, 34, 38, 42}, 0},
		{"a climb that fell back into the level",
			[]float64{0, 3, 6, 9, 11, 13, 15, 17}, []float64{20, 20, 20, 20, 26, 20.5, 30, 34}, 0},
		{"three full GCs of climb: too few to be read alone",
			[]float64{0, 3, 6, 9, 11, 13, 15}, []float64{20, 20, 20, 20, 26, 30, 34}, 0},
	} {
		if _, b := climbOffLevel(tc.xs, tc.ys, th); b != tc.wantB {
			t.Errorf("%s: the level ends at %d, want %d", tc.name, b, tc.wantB)
		}
	}
}

// TestClimbsAgain finds a heap that grew, held a level no longer than the growth took, and
// left it at its last two full GCs: a growth in steps, resumed.
func TestClimbsAgain(t *testing.T) {
	th := &DefaultThresholds
	for _, tc := range []struct {
		name      string
		xs, ys    []float64
		transient float64
		want      bool
	}{
		{"an audit trail paused for maintenance, resumed (Node 20, cut at 80%)",
			[]float64{1.58, 3.57, 6.25, 9.71, 14.89, 20.45, 25.78, 30.9, 34.71},
			[]float64{9.5, 17.9, 29.1, 37.2, 43.7, 44.7, 44.7, 46.4, 53.6}, 0, true},
		{"a warm-up held longer than it took, then a climb (a token cache's sweeper died)",
			[]float64{2.22, 5.06, 8.91, 12.8, 16.68, 20.52, 24.51, 28.83, 33.26},
			[]float64{10.5, 16.2, 18.9, 18.6, 18.3, 17.2, 17.1, 30, 43.6}, 0, false},
		{"a level, one full GC of climb", []float64{0, 2, 4, 6, 8, 10, 12}, []float64{10, 20, 30, 30, 30, 30, 40}, 0, false},
		{"a level whose last full GCs rose within the noise", []float64{0, 2, 4, 6, 8, 10}, []float64{10, 20, 30, 30.5, 31.2, 31.9}, 0, false},
		{"a climb smaller than what full GCs catch in passing", []float64{0, 2, 4, 6, 8, 10}, []float64{10, 20, 30, 30, 33, 36}, 8, false},
		{"the last full GC fell back", []float64{0, 2, 4, 6, 8, 10}, []float64{10, 20, 30, 30, 38, 36}, 0, false},
		{"a TTL cache's level creeping at a fifth of its fill (set BO, Node 11)",
			[]float64{2.4, 5.45, 9.47, 13.85, 20.39, 26.92, 34.86, 40.87},
			[]float64{9.6, 18.9, 30.4, 43.6, 62.2, 65.2, 64.8, 68.5}, 0, false},
	} {
		if got := climbsAgain(tc.xs, tc.ys, tc.transient, th); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestLoadEnd tells a start-up load — full GCs crowded into the first tenth of the time while
// the heap filled — from the first full GCs of a growth that goes on at its pace.
func TestLoadEnd(t *testing.T) {
	for _, tc := range []struct {
		name   string
		xs, ys []float64
		want   int
	}{
		{"a table loaded in 2 s, then rebuilt every 12 s",
			[]float64{0.235, 0.509, 0.773, 1.33, 2.267, 15.825, 27.735, 39.538, 41.665, 53.969},
			[]float64{13.6, 35.7, 68.9, 127.2, 230.8, 434.4, 416, 379, 674.5, 719.8}, 5},
		{"a steady leak", []float64{0, 0.5, 1, 1.5, 10, 20, 30, 40, 50}, []float64{10, 11, 12, 13, 30, 50, 70, 90, 110}, 0},
		{"one full GC early, the rest spread", []float64{0.2, 10, 20, 30, 40}, []float64{10, 60, 61, 60, 62}, 0},
	} {
		if got := loadEnd(tc.xs, tc.ys, &DefaultThresholds); got != tc.want {
			t.Errorf("%s: the load ends at %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestRateAfterLoad(t *testing.T) {
	for _, tc := range []struct {
		name   string
		xs, ys []float64
		ok     bool
	}{
		// corpus/node-22/dns-blocklist-…: the full GCs before its band at the limit.
		{"a block list loaded in 2.9 s, then a leak (seven full GCs)",
			[]float64{0.294, 0.74, 1.259, 1.96, 2.876, 7.011, 13.503},
			[]float64{18.1, 55.8, 99.7, 153.5, 222.1, 258, 275.1}, true},
		{"a steady climb", []float64{1, 2, 3, 4, 5, 6}, []float64{10, 20, 30, 40, 50, 60}, false},
		{"a load, then a settling under the noise", []float64{0.3, 0.7, 1.2, 6, 12, 18},
			[]float64{20, 60, 100, 104, 106, 107}, false},
		{"too few full GCs", []float64{0.3, 0.7, 5, 10}, []float64{20, 80, 90, 100}, false},
	} {
		rate, ok := rateAfterLoad(tc.xs, tc.ys, &DefaultThresholds)
		if ok != tc.ok {
			t.Errorf("%s: a load split: %v (rate after %.2f MB/s), want %v", tc.name, ok, rate, tc.ok)
		}
		if ok && (rate <= 0 || rate*DefaultThresholds.LoadRateRatio > (tc.ys[1]-tc.ys[0])/(tc.xs[1]-tc.xs[0])) {
			t.Errorf("%s: the rate after the load is %.2f MB/s, not a fifth of the load's or less", tc.name, rate)
		}
	}
}

func TestFitWindowCountsTimeNotFullGCs(t *testing.T) {
	// A heap that grew in steps, 20 → 39 → 57 MB over 16 s, with sixty full GCs back to back
	// on its middle level (made by hand after corpus/node-24/graphql-schema-reload-…).
	xs, ys := []float64{0.5, 7.8}, []float64{20, 39.4}
	for x := 7.9; x < 14.5; x += 0.1 {
		xs, ys = append(xs, x), append(ys, 38.7)
	}
	xs, ys = append(xs, 14.6, 15.1, 15.3, 15.6, 16.8), append(ys, 41.2, 56.5, 56.5, 56.5, 56.5)
	g, tr := fitWindow(xs, ys, 0, &DefaultThresholds)
	if !tr.Significant || !g.timeWeighted || tr.SlopeMBPerS < 1 {
		t.Errorf("steps under back-to-back full GCs: significant %v, time-weighted %v, %.2f MB/s; want growth of about 2 MB/s", tr.Significant, g.timeWeighted, tr.SlopeMBPerS)
	}
	if iv := tr.Interval95; iv[1]-iv[0] < 0.5 {
		t.Errorf("the interval %.2f–%.2f MB/s is as narrow as if every full GC were a moment of its own", iv[0], iv[1])
	}
	// A flat heap whose full GCs crowd one stretch reads no growth either way.
	flat := make([]float64, len(ys))
	for i := range flat {
		flat[i] = 38.7 + 0.1*float64(i%2)
	}
	if _, tr := fitWindow(xs, flat, 0, &DefaultThresholds); tr.Significant {
		t.Errorf("a flat heap read as growing at %.2f MB/s", tr.SlopeMBPerS)
	}
}

// TestClimbAfterADrain: a heap that drained, then rose at every full GC since at one pace, for
// longer than the log ran before, grows at the climb's rate — set BV's audit store archiving
// its boot backlog (Node 23), read "heap too small" from a line through the drain and the
// climb together. A climb that ends in a burst, or is shorter than the log before it, is not
// read apart.
func TestClimbAfterADrain(t *testing.T) {
	th := &DefaultThresholds
	xs := []float64{0.282, 0.648, 4.496, 10.355, 16.283, 26.967, 33.001}
	for _, tc := range []struct {
		name      string
		xs, ys    []float64
		sinceFall bool
	}{
		{"drained, then a steady climb", xs, []float64{21.5, 54.4, 45.1, 27.7, 38.7, 61.1, 73.9}, true},
		{"drained, then a quiet climb and a burst", xs, []float64{21.5, 54.4, 45.1, 27.7, 29.7, 31.4, 73.9}, false},
		{"a climb shorter than the log before it", []float64{0.3, 4.0, 8.0, 12.0, 16.0, 17.0, 18.0, 19.0},
			[]float64{20, 40, 45, 50, 30, 32, 34, 36}, false},
	} {
		_, tr := readWindow(tc.xs, tc.ys, th)
		got := strings.Contains(tr.Method, "since the heap last fell back")
		if got != tc.sinceFall {
			t.Errorf("%s: read %q (significant %v), want the climb read apart: %v", tc.name, tr.Method, tr.Significant, tc.sinceFall)
		}
		if got && (!tr.Significant || tr.FromMS != 1000*tc.xs[3]) {
			t.Errorf("%s: window from %.0f ms, significant %v; want from the drain's end, %.0f ms, significant", tc.name, tr.FromMS, tr.Significant, 1000*tc.xs[3])
		}
	}
}

// TestClimbUnderABootLoad: memory a start-up loaded far faster than the heap climbs now, and
// freed once before the climb, is not this climb's memory caught in passing — set BW's
// air-quality service (Node 16): its boot held 49.4 MB until 7.1 s, then from 20.6 s the
// heap climbed on a line at 1.55 MB/s, read healthy under the boot's 33.5 MB freed. A
// saw-tooth's earlier tooth, which rose at the pace of the current one (a nightly ledger
// export's second pass, cut at 60% on Node 20), and a load freed twice, are still read under what was freed.
func TestClimbUnderABootLoad(t *testing.T) {
	th := &DefaultThresholds
	for _, tc := range []struct {
		name   string
		xs, ys []float64
		leak   bool
	}{
		{"a boot load freed once, then a climb", []float64{0.56, 0.9, 7.1, 14.6, 20.6, 23.1, 27.1, 31.1, 35.1, 39.1},
			[]float64{20.5, 49.4, 16.0, 15.9, 15.9, 19.2, 25.4, 31.7, 37.9, 44.1}, true},
		{"a saw-tooth's second tooth", []float64{1.2, 2.6, 5.5, 7.1, 12.1, 15.7, 18.6, 21.9, 23.1},
			[]float64{9.5, 17.8, 36.3, 44.6, 72.9, 16.6, 32.6, 54.0, 59.0}, false},
		{"a load freed twice, then a climb", []float64{0.56, 0.9, 4.0, 7.1, 8.0, 14.6, 20.6, 23.1, 27.1, 31.1, 35.1, 39.1},
			[]float64{20.5, 49.4, 16.0, 49.0, 16.0, 15.9, 15.9, 19.2, 25.4, 31.7, 37.9, 44.1}, false},
	} {
		_, tr := readWindow(tc.xs, tc.ys, th)
		if got := tr.Significant && strings.Contains(tr.Method, "a start-up load's"); got != tc.leak {
			t.Errorf("%s: read %q (significant %v), want the climb read apart from the load: %v", tc.name, tr.Method, tr.Significant, tc.leak)
		}
	}
}

// TestSpiralThatClimbs: set BV's audit store on Node 12 drained to 30.6 MB, climbed 52.1,
// 71.6 MB, then V8 ran 34 full GCs back to back at the limit, each leaving more, 72.5 -> 79.0
// MB at 2 MB/s — the climb's pace. That spiral says the growth went on until V8 stopped it. A
// spiral held at one level (the same run's GCs made flat by hand), or one rising ten times the
// climb's pace (likewise by hand), says no such thing.
func TestSpiralThatClimbs(t *testing.T) {
	th := &DefaultThresholds
	xs := []float64{0.43, 0.852, 1.865, 6.295, 13.654, 23.943, 32.122}
	ys := []float64{16.9, 52.4, 51.3, 38.4, 30.6, 52.1, 71.6}
	spiralX := []float64{33.7, 33.8, 33.9, 34.0, 34.1, 34.2, 34.3, 34.4, 34.5, 34.6, 34.7, 34.8, 34.9, 35.0, 35.1, 35.2, 35.25,
		35.4, 35.5, 35.6, 35.7, 35.8, 35.9, 36.0, 36.1, 36.2, 36.3, 36.4, 36.5, 36.6, 36.7, 36.8, 36.9, 37.0}
	spiralY := []float64{72.5, 72.6, 72.6, 72.8, 73.0, 73.2, 73.4, 73.6, 73.8, 74.0, 74.4, 74.6, 74.7, 75.0, 75.0, 75.4, 75.4,
		75.8, 76.0, 76.1, 76.5, 76.5, 76.9, 77.1, 77.1, 77.5, 77.5, 77.9, 77.9, 78.4, 78.3, 78.3, 78.7, 79.0}
	flat := make([]float64, len(spiralY))
	steep := make([]float64, len(spiralY))
	for i := range flat {
		flat[i] = 72.5 + 0.01*float64(i%2)
		steep[i] = 72.5 + 10*(spiralY[i]-72.5)
	}
	for _, tc := range []struct {
		name    string
		spiral  []float64
		climbed bool
	}{
		{"the run's spiral", spiralY, true},
		{"a spiral held at one level", flat, false},
		{"a spiral ten times the climb's pace", steep, false},
	} {
		allX, allY := append(slices.Clone(xs), spiralX...), append(slices.Clone(ys), tc.spiral...)
		if got := climbedThroughSpiral(allX, allY, len(xs), th); got != tc.climbed {
			t.Errorf("%s: climbed through the spiral %v, want %v", tc.name, got, tc.climbed)
		}
	}
}
