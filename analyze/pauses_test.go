package analyze

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// pauseStream is a process's pauses as a long trace gives them: mostly short young GCs at a
// steady beat, some long ones, bursts of back-to-back GCs, full GCs with spread marking,
// and idle stretches.
func pauseStream(n int, seed int64) []pause {
	rng := rand.New(rand.NewSource(seed))
	out := make([]pause, 0, n)
	t := 0.0
	for len(out) < n {
		gap := 5 + rng.ExpFloat64()*20
		switch r := rng.Float64(); {
		case r < 0.002:
			gap += 5000 * rng.Float64() // idle
		case r < 0.05:
			gap = 0.5 // a burst: back to back
		}
		atom := math.Round(rng.ExpFloat64()*30) / 100 // V8 prints two decimals
		ps := pause{atom: atom, ms: atom}
		if rng.Float64() < 0.01 {
			ps.full = true
			ps.atom = math.Round((5+rng.ExpFloat64()*40)*100) / 100
			incr := math.Round(rng.ExpFloat64()*50*10) / 10
			ps.ms = ps.atom + incr
			ps.wall = incr + rng.Float64()*200
		}
		t += gap + ps.length()
		ps.t = t
		out = append(out, ps)
	}
	return out
}

// TestStridedPauses holds a timeline kept at a stride to the whole one: counts, totals and
// longest pauses exact, quantiles to the histogram's bucket, and the MMU of every window it
// reports within the bound it promises.
func TestStridedPauses(t *testing.T) {
	for _, n := range []int{maxPauses - 1, maxPauses + 1, 3*maxPauses + 12345} {
		raw := pauseStream(n, int64(n))
		var l pauseLog
		for _, ps := range raw {
			l.add(ps)
		}
		if len(l.list) > maxPauses {
			t.Fatalf("n=%d: %d spans kept, more than %d", n, len(l.list), maxPauses)
		}
		if got := l.strided(); got != (n > maxPauses) {
			t.Errorf("n=%d: strided %v", n, got)
		}
		var young, full []float64
		var gc float64
		for _, ps := range raw {
			gc += ps.ms
			if ps.full {
				full = append(full, ps.atom)
			} else {
				young = append(young, ps.atom)
			}
		}
		if math.Abs(l.gcMS-gc) > 1e-6*gc {
			t.Errorf("n=%d: GC time %.3f, want %.3f", n, l.gcMS, gc)
		}
		if !l.strided() {
			if l.young != nil || l.full != nil {
				t.Errorf("n=%d: histograms kept for a timeline that holds every pause", n)
			}
			continue
		}
		for _, c := range []struct {
			name string
			h    *pauseHist
			xs   []float64
		}{{"young", l.young, young}, {"full", l.full, full}} {
			exact, got := quantiles(c.xs), c.h.stats()
			if got.Count != exact.Count || got.MaxMS != exact.MaxMS || math.Abs(got.TotalMS-exact.TotalMS) > 1e-6*exact.TotalMS {
				t.Errorf("n=%d %s: count/max/total %d/%v/%v, want %d/%v/%v", n, c.name, got.Count, got.MaxMS, got.TotalMS, exact.Count, exact.MaxMS, exact.TotalMS)
			}
			for _, q := range []struct{ got, want float64 }{{got.P50MS, exact.P50MS}, {got.P95MS, exact.P95MS}, {got.P99MS, exact.P99MS}} {
				// The bucket's longest pause: at or above the quantile, by one bucket at most.
				if q.got < q.want || q.got > q.want*math.Pow(2, 1.0/32)+1e-9 {
					t.Errorf("n=%d %s: quantile %v, want %v to a bucket", n, c.name, q.got, q.want)
				}
			}
		}
		exact, kept := newTimeline(raw), newTimeline(l.list)
		span0, span1 := raw[0].t-raw[0].length(), raw[len(raw)-1].t
		ce, ck := exact.candidates(), kept.candidates()
		checked := 0
		for _, w := range []float64{100, 1000, 5000, 20000, 60000, 300000} {
			if w < mmuGroupWindows*l.groupMS {
				continue
			}
			checked++
			want, got := exact.mmu(w, span0, span1, ce), kept.mmu(w, span0, span1, ck)
			if math.Abs(got-want) > 2.0/mmuGroupWindows+0.01 {
				t.Errorf("n=%d: MMU of %.0f ms windows %.3f, whole timeline %.3f", n, w, got, want)
			}
		}
		if checked < 2 {
			t.Errorf("n=%d: groups of %.1f ms leave %d of the windows to compare", n, l.groupMS, checked)
		}
	}
}

// TestLongLogPauses analyses a trace of more GCs than the timeline keeps: the report's pause
// counts are the log's, and its MMU curve says nothing a merged timeline cannot (a healthy
// beat of short pauses does not read as windows with no mutator time).
func TestLongLogPauses(t *testing.T) {
	var b strings.Builder
	rng := rand.New(rand.NewSource(7))
	tm := 100.0
	n := maxPauses*2 + 5000
	for i := 0; i < n; i++ {
		tm += 8 + rng.Float64()*10
		p := 0.1 + float64(rng.Intn(30))/100
		if i%500 == 499 {
			fmt.Fprintf(&b, "[4242:0x2d3f8000] %8.0f ms: Mark-Compact 9.1 (16.0) -> 5.0 (16.0) MB, %.2f / 0.00 ms  (average mu = 0.990, current mu = 0.990) allocation failure; GC in old space requested\n", tm, p*20)
			continue
		}
		fmt.Fprintf(&b, "[4242:0x2d3f8000] %8.0f ms: Scavenge 8.6 (16.0) -> 4.7 (16.0) MB, %.2f / 0.00 ms  (average mu = 0.990, current mu = 0.990) allocation failure; \n", tm, p)
	}
	rep, err := FromReader(strings.NewReader(b.String()), "synthetic-long-trace", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Processes) != 1 {
		t.Fatalf("%d processes", len(rep.Processes))
	}
	p := rep.Processes[0]
	young, full := p.Pauses["scavenge"], p.Pauses["full"]
	if young == nil || full == nil || young.Count != p.YoungGCs || full.Count != p.FullGCs || young.Count+full.Count != n {
		t.Fatalf("pause counts %+v / %+v, want %d young and %d full GCs", young, full, p.YoungGCs, p.FullGCs)
	}
	if young.P50MS < 0.1 || young.P50MS > 0.42 || young.MaxMS > 0.39+1e-9 {
		t.Errorf("young pauses %+v: not the log's 0.10–0.39 ms", young)
	}
	for _, m := range p.MMU {
		if m.WindowMS >= 1000 && m.MMU < 0.9 {
			t.Errorf("MMU of %.0f ms windows %.3f in a trace that spends about 2%% of its time in GC", m.WindowMS, m.MMU)
		}
		longest := math.Max(young.MaxMS, full.MaxMS)
		if m.WindowMS <= longest && m.MMU != 0 {
			t.Errorf("MMU of %.0f ms windows %.3f: one %.2f ms pause fills such a window", m.WindowMS, m.MMU, longest)
		}
		if m.WindowMS > longest && m.WindowMS < 50 {
			t.Errorf("MMU of %.0f ms windows reported from a merged timeline", m.WindowMS)
		}
	}
	if len(p.MMU) == 0 || p.MMU[len(p.MMU)-1].WindowMS < 10000 {
		t.Errorf("MMU curve %+v: no long windows", p.MMU)
	}
}

// TestGCTimeWithALineCutShort holds the GC time of a window to a number when one of its GCs
// lost its pause (a crash block's line cut before "ms"): heldout-f's external-pressure
// mark-sweeps and an embedder's forced GCs read a utilization of NaN, and the NaN passed the
// thrashing rule's comparisons (realworld/104 read GC THRASHING at 9% of the time in GC).
func TestGCTimeWithALineCutShort(t *testing.T) {
	ps := []pause{{t: 100, ms: 50, full: true}, {t: 200, ms: 30, full: true}, {t: 250, full: true}}
	tl := newTimeline(ps)
	if got := tl.gcIn(0, 250); math.IsNaN(got) || math.Abs(got-80) > 1e-9 {
		t.Errorf("GC time over [0, 250] = %v, want 80", got)
	}
	if got := overlap(pause{t: 250}, 0, 300); got != 0 {
		t.Errorf("overlap of a pause of no length = %v, want 0", got)
	}
}

// TestPausesNotPrinted leaves the GCs whose lines print no pause (a paste's elided fields, a
// line cut after "MB") out of the pause statistics: "full GC pauses 1, p50 0.0 ms" would state
// a pause the log never showed (pastes-AK ak024, journald's wrapped crash block).
func TestPausesNotPrinted(t *testing.T) {
	log := "<--- Last few GCs --->\n" +
		"[1:0x1]    40000 ms: Mark-Compact (reduce) 2801.7 (2825.0) -> 2801.7 (2824.7) MB, 912.4 / 0.0 ms  last resort; GC in old space requested\n" +
		"[1:0x1]    45010 ms: Mark-Compact (reduce) 2801.7 (2825.0) -> 2801.7 (2824.7) MB\n" +
		"FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory\n"
	r, err := FromReader(strings.NewReader(log), "handwritten", Options{})
	if err != nil || len(r.Processes) != 1 {
		t.Fatalf("err %v, %d processes", err, len(r.Processes))
	}
	p := r.Processes[0]
	if p.FullGCs != 2 {
		t.Errorf("full GCs %d, want 2", p.FullGCs)
	}
	if ps := p.Pauses["full"]; ps == nil || ps.Count != 1 || ps.P50MS != 912.4 {
		t.Errorf("full pauses %+v, want the one printed (912.4 ms)", ps)
	}
}
