package analyze

import (
	"math"
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
	full  bool
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
	n    int
	from float64
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
	return pause{
		t: b.t, ms: a.ms + b.ms, full: a.full || b.full,
		atom: math.Max(a.youngAtom(), b.youngAtom()),
		n:    max(a.n, 1) + max(b.n, 1), from: math.Min(a.start(), b.start()),
	}
}

// pauseLog keeps the pauses of a process: a timeline of at most maxPauses spans, and counts
// of every pause by kind.
type pauseLog struct {
	list []pause
	// stride is the number of pauses of each group of list, 1 until the timeline first
	// fills; the last group may hold fewer.
	stride int
	// young and full count and measure every pause by kind, the timeline strided or not.
	young, full pauseHist
	// firstAtom is the first pause's atomic part (the wall time of the log begins there).
	firstAtom float64
	// groupMS is the GC time of the timeline's heaviest group: how far spreading a group's
	// time over its interval can move the GC time counted in a window.
	groupMS float64
}

// add appends a pause, which ends at or after the last one.
func (l *pauseLog) add(ps pause) {
	if ps.full {
		l.full.add(ps.atom)
	} else {
		l.young.add(ps.atom)
	}
	if len(l.list) == 0 {
		l.firstAtom = ps.atom
	}
	if l.stride > 1 {
		if last := &l.list[len(l.list)-1]; last.n < l.stride {
			*last = group(*last, ps)
			l.groupMS = math.Max(l.groupMS, last.ms)
			return
		}
	}
	if len(l.list) == maxPauses {
		l.coarsen()
	}
	l.list = append(l.list, ps)
}

// coarsen halves the timeline by merging neighbours, doubling the stride: every group keeps
// the same number of pauses, so no stretch of the log is seen finer than another.
func (l *pauseLog) coarsen() {
	out := l.list[:0]
	for i := 0; i+1 < len(l.list); i += 2 {
		g := group(l.list[i], l.list[i+1])
		l.groupMS = math.Max(l.groupMS, g.ms)
		out = append(out, g)
	}
	l.list = out
	l.stride = max(l.stride, 1) * 2
}

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
	h.max = math.Max(h.max, ms)
	if ms == 0 {
		h.zero++
		return
	}
	i := histIndex(ms)
	h.bucket[i]++
	h.top[i] = math.Max(h.top[i], ms)
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

// gcMS is the GC time of every pause, incremental marking included.
func (l *pauseLog) gcMS() float64 {
	var sum float64
	for _, ps := range l.list {
		sum += ps.ms
	}
	return sum
}

// mmuGroupWindows is how many times its heaviest group's GC time a window must last for the
// MMU of a strided timeline: only the two groups a window's ends cut through are placed
// wrong, which moves its utilization by at most 2/mmuGroupWindows (0.04).
const mmuGroupWindows = 50
