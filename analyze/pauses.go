package analyze

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// maxPauses bounds the pause timeline kept per process for the MMU curve, the utilization
// series and the windows the verdicts look at. Past it, the timeline is kept at a coarser
// stride: consecutive pauses are merged in groups of 2, 4, 8, … pauses, every group of one
// log the same size, each keeping its summed GC time spread over the interval it covers. The
// counts, totals, longest pauses and quantiles do not come from the timeline: pauseLog counts
// every pause.
const maxPauses = 1 << 16

// pause is one GC pause of the timeline, or a group of consecutive ones (n > 1) once the
// timeline is strided.
type pause struct {
	t, ms float64 // end time and length of the pause (plus incremental marking for full GCs)
	// atom is the atomic pause alone; for a group, its longest young GC's (the host stalls'
	// measure).
	atom float64
	// wall is the wall time the incremental marking before a full GC was spread over ("walltime
	// since start of marking"), 0 when the trace does not say: the marking's steps fall in it,
	// not in one block before the pause.
	wall float64
	// n is the number of pauses of a group (0 and 1: one pause); from is where a group's
	// first pause began. A group's GC time is spread evenly over [from, t]: where in it each
	// pause fell is not kept.
	from float64
	n    int32 // with full and unprinted, one word: the timeline holds up to maxPauses of these per process
	full bool
	// unprinted: a single pause whose line printed no length (0 here); the pause statistics
	// leave it out, the GC time counts it as none.
	unprinted bool
}

// length is how long the interval of a span lasts: a group's extent, a spread marking's wall
// time, else its GC time.
func (p pause) length() float64 {
	if p.n > 1 {
		return p.t - p.from
	}
	if p.wall > 0 {
		return p.wall
	}
	return p.ms
}

// start is where the interval of a span begins.
func (p pause) start() float64 { return p.t - p.length() }

// youngAtom is the longest young GC pause the span holds, 0 when it holds none.
func (p pause) youngAtom() float64 {
	if p.n <= 1 && p.full {
		return 0
	}
	return p.atom
}

// group merges b, which follows a, into one span.
func group(a, b pause) pause {
	g := a.asGroup()
	g.absorb(b)
	return g
}

// asGroup is the span as a group of its pauses: its interval explicit, its atom the longest
// young GC's.
func (p pause) asGroup() pause {
	if p.n > 1 {
		return p
	}
	return pause{t: p.t, ms: p.ms, full: p.full, atom: p.youngAtom(), n: 1, from: p.start()}
}

// absorb adds the span b, which follows, to the group g (made by asGroup). It runs once per
// pause of a long log: plain comparisons, no calls.
func (g *pause) absorb(b pause) {
	if b.n > 1 {
		if b.atom > g.atom {
			g.atom = b.atom
		}
		if b.from < g.from {
			g.from = b.from
		}
		g.n += b.n
	} else {
		if !b.full && b.atom > g.atom {
			g.atom = b.atom
		}
		if s := b.start(); s < g.from {
			g.from = s
		}
		g.n++
	}
	g.t, g.ms = b.t, g.ms+b.ms
	g.full = g.full || b.full
}

// appendDoubling appends e to s, doubling the capacity when it is full, up to limit. The
// timelines of a long log grow to their bound once; append's own growth (a quarter at a time
// past a few hundred elements) would write them five times over in fresh memory, whose page
// faults cost more than the copies on this kind of machine.
func appendDoubling[S ~[]E, E any](s S, e E, limit int) S {
	if len(s) == cap(s) && len(s) >= 256 { // below, append doubles too
		if n := min(2*len(s), limit); n > len(s) {
			s = slices.Grow(s, n-len(s))
		}
	}
	return append(s, e)
}

// pauseLog keeps the pauses of a process: a timeline of at most maxPauses spans, and counts
// of every pause by kind.
type pauseLog struct {
	list []pause
	// stride is the number of pauses of each group of list, 1 until the timeline first
	// fills; the last group may hold fewer.
	stride int
	// young and full count and measure every pause by kind once the timeline is strided
	// (nil before: the timeline holds every pause, and a batch of small logs does not pay
	// for two histograms per process).
	young, full *pauseHist
	// firstAtom is the first pause's atomic part (the wall time of the log begins there).
	firstAtom float64
	// groupMS is the GC time of the timeline's heaviest group: how far spreading a group's
	// time over its interval can move the GC time counted in a window.
	groupMS float64
	// gcMS is the GC time of every pause, incremental marking included.
	gcMS float64
}

// add appends a pause, which ends at or after the last one.
func (l *pauseLog) add(ps pause) {
	l.gcMS += ps.ms
	if len(l.list) == 0 {
		l.firstAtom = ps.atom
	}
	if l.stride > 1 {
		if last := &l.list[len(l.list)-1]; int(last.n) < l.stride {
			if last.n <= 1 {
				*last = last.asGroup()
			}
			last.absorb(ps)
			if last.ms > l.groupMS {
				l.groupMS = last.ms
			}
			l.count(ps)
			return
		}
	}
	if len(l.list) == maxPauses {
		l.coarsen() // counts every pause of the list the first time
	}
	l.list = appendDoubling(l.list, ps, maxPauses)
	if l.young != nil {
		l.count(ps)
	}
}

// coarsen halves the timeline by merging neighbours, doubling the stride: every group keeps
// the same number of pauses, so no stretch of the log is seen finer than another.
func (l *pauseLog) coarsen() {
	if l.young == nil {
		// The first time: every pause so far is in the list, one by one.
		l.young, l.full = new(pauseHist), new(pauseHist)
		for _, ps := range l.list {
			l.count(ps)
		}
	}
	out := l.list[:0]
	for i := 0; i+1 < len(l.list); i += 2 {
		g := group(l.list[i], l.list[i+1])
		l.groupMS = math.Max(l.groupMS, g.ms)
		out = append(out, g)
	}
	l.list = out
	l.stride = max(l.stride, 1) * 2
}

// count adds a single pause to the histogram of its kind.
func (l *pauseLog) count(ps pause) {
	if ps.unprinted {
		return
	}
	if ps.full {
		l.full.add(ps.atom)
	} else {
		l.young.add(ps.atom)
	}
}

// longest is the longest atomic pause of a strided timeline.
func (l *pauseLog) longest() float64 { return math.Max(l.young.max, l.full.max) }

// strided reports whether the timeline holds groups rather than single pauses.
func (l *pauseLog) strided() bool { return l.stride > 1 }

// pauseHist counts pauses by length in buckets a thirty-second of an octave wide (about 2%):
// the quantiles of a log too long to keep every pause, within that.
type pauseHist struct {
	count  int
	total  float64
	max    float64
	zero   int // pauses printed as 0.0 ms
	bucket [histBuckets]int
	top    [histBuckets]float64 // the longest pause counted in each bucket
}

const (
	histSubBits   = 5   // 32 buckets an octave
	histMinOctave = -20 // 2^-20 ms, under V8's printed precision
	histOctaves   = 42  // up to 2^22 ms, over an hour
	histBuckets   = histOctaves << histSubBits
)

func histIndex(x float64) int {
	bits := math.Float64bits(x)
	exp := int(bits>>52&0x7ff) - 1023
	sub := int(bits >> (52 - histSubBits) & (1<<histSubBits - 1))
	i := (exp-histMinOctave)<<histSubBits | sub
	return min(max(i, 0), histBuckets-1)
}

func (h *pauseHist) add(ms float64) {
	if !(ms >= 0) {
		return
	}
	h.count++
	h.total += ms
	if ms > h.max {
		h.max = ms
	}
	if ms == 0 {
		h.zero++
		return
	}
	i := histIndex(ms)
	h.bucket[i]++
	if ms > h.top[i] {
		h.top[i] = ms
	}
}

// quantile is the smallest pause at least the share q of all pauses are no longer than, as
// stat.Empirical reads it, to the bucket: the longest pause of the bucket it falls in.
func (h *pauseHist) quantile(q float64) float64 {
	k := int(math.Ceil(q * float64(h.count)))
	seen := h.zero
	if k <= seen {
		return 0
	}
	for i, c := range h.bucket {
		seen += c
		if seen >= k {
			return h.top[i]
		}
	}
	return h.max
}

// stats are the pause statistics of the counted pauses, nil when there are none.
func (h *pauseHist) stats() *PauseStats {
	if h.count == 0 {
		return nil
	}
	return &PauseStats{
		Count: h.count, TotalMS: h.total, MeanMS: h.total / float64(h.count), MaxMS: h.max,
		P50MS: h.quantile(0.50), P95MS: h.quantile(0.95), P99MS: h.quantile(0.99),
	}
}

// atLeast counts the pauses of floor ms or more and sums them, to the bucket: a bucket
// that straddles floor counts whole when its longest pause reaches it.
func (h *pauseHist) atLeast(floor float64) (int, float64) {
	if floor <= 0 {
		return h.count, h.total
	}
	n, sum := 0, 0.0
	for i := histIndex(floor); i < histBuckets; i++ {
		if h.bucket[i] > 0 && h.top[i] >= floor {
			n += h.bucket[i]
			// The bucket's pauses lie within 2% of its longest.
			sum += float64(h.bucket[i]) * h.top[i]
		}
	}
	return n, sum
}

// mmuGroupWindows is how many times its heaviest group's GC time a window must last for the
// MMU of a strided timeline: only the two groups a window's ends cut through are placed
// wrong, which moves its utilization by at most 2/mmuGroupWindows (0.04).
const mmuGroupWindows = 50

// MMUWindows are the window lengths of the MMU curve, in ms. A log of more GCs than the
// pause timeline keeps (see maxPauses) leaves out those too short for its merged pauses to
// say: the curve then skips from the windows one pause fills to the first it can say.
var MMUWindows = []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000}

// mmuParallelSpans is the timeline length from which the windows of the MMU curve are
// computed on all cores: each costs a pass over the timeline, and a long log's report
// waits for them after the parse is done.
const mmuParallelSpans = 8192

// mmuCurve is the MMU of each window of MMUWindows the log spans and its timeline can say
// (see mmuGroupWindows), in window order.
func mmuCurve(p *proc, span, first, last float64) []MMUPoint {
	tl := p.timeline()
	cand := tl.candidates()
	var windows []float64
	var out []MMUPoint
	for _, w := range MMUWindows {
		if w > span {
			break
		}
		if p.pauses.strided() && w < mmuGroupWindows*p.pauses.groupMS {
			// Too short for a timeline of groups to say, but for a window no longer than
			// the longest pause, which one pause fills.
			if w <= p.pauses.longest() {
				out = append(out, MMUPoint{WindowMS: w, MMU: 0})
			}
			continue
		}
		windows = append(windows, w)
	}
	mmus := make([]float64, len(windows))
	if len(tl.ps.ps)+len(tl.marking.ps) < mmuParallelSpans {
		for i, w := range windows {
			mmus[i] = tl.mmu(w, first, last, cand)
		}
	} else {
		mmuParallel(tl, cand, windows, first, last, mmus)
	}
	for i, w := range windows {
		if !math.IsNaN(mmus[i]) {
			out = append(out, MMUPoint{WindowMS: w, MMU: mmus[i]})
		}
	}
	return out
}

// mmuParallel computes the MMU of each window into mmus on all cores.
func mmuParallel(tl timeline, cand candidates, windows []float64, first, last float64, mmus []float64) {
	workers := min(runtime.GOMAXPROCS(0), len(windows))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(windows); i = int(next.Add(1)) - 1 {
				mmus[i] = tl.mmu(windows[i], first, last, cand)
			}
		}()
	}
	wg.Wait()
}
