package analyze

// pace is the trend window read on the program's own clock: the seconds it ran, wall time
// less GC pauses and incremental marking (mutatorClock). Near its limit a leak's full GCs come
// back to back, and how much that slows its growth on the wall clock depends on the program:
// one that computes without pause (a batch, a busy loop) does less work for every second GC
// takes, and keeps memory at a steady rate of its own running time; one that waits on timers
// or I/O between bursts of work absorbs GC into its idle time, and keeps memory at a steady
// rate of the wall clock. Which clock the heap after full GCs rises on steadily tells them
// apart, where GC took enough of the window for the two to differ.
type pace struct {
	// rate is the line's slope on the program's clock (MB per second it ran).
	rate float64
	// share is the share of the window's wall time the program ran.
	share float64
	// fromMS is where the window starts.
	fromMS float64
	// ownSSE and wallSSE are the squared errors of a straight line through the window on
	// the program's clock and on the wall clock.
	ownSSE, wallSSE float64
}

// paceOf reads the window of g on the program's clock; nil with fewer than three full GCs, or
// where the young GCs were left out of the log (their time would be missing from GC's).
func paceOf(p *proc, g *growth) *pace {
	if g == nil || len(g.xs) < 3 || p.youngLeftOut() {
		return nil
	}
	own := onMutatorClock(p, g.xs)
	n := len(own)
	wall, ranFor := g.xs[n-1]-g.xs[0], own[n-1]-own[0]
	if wall <= 0 || ranFor <= 0 {
		return nil
	}
	return &pace{rate: robustFit(own, g.ys).b, share: ranFor / wall, fromMS: 1000 * g.xs[0],
		ownSSE: sse(own, g.ys), wallSSE: sse(g.xs, g.ys)}
}

// The bounds of gcBent.
const (
	// paceMinGCShare is the least share of the window's time GC must take for the two
	// clocks to differ by more than the scatter of the heap after full GCs.
	paceMinGCShare = 0.2
	// paceFitRatio is the most of a wall-clock line's squared error a line on the program's
	// clock may leave for the program's clock to be the one its growth keeps.
	paceFitRatio = 0.5
)

// gcBent reports a window whose rate speeds up that is a straight line on the program's own
// clock, at least twice as close: the program kept memory at a steady rate of the time it ran,
// and the speeding up is GC taking less of the time (a memory-reducing full GC that gave the
// program room again after stretches of full GCs back to back). A leak at a steady rate, not
// one that takes off. nil otherwise. A rate that slows is not read this way: a warm-up
// settling into its level under GC that takes a fifth of the time is a line on the program's
// clock too (a dev server's module graph, read as a leak with a time-to-OOM 4 s before it
// held its level).
func gcBent(p *proc, g *growth) *pace {
	if g == nil || g.model != ModelAccelerating {
		return nil
	}
	pc := paceOf(p, g)
	if pc == nil || pc.share > 1-paceMinGCShare || pc.ownSSE > paceFitRatio*pc.wallSSE {
		return nil
	}
	return pc
}
