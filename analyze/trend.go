package analyze

// This file reads the trend of the heap that survives full GCs: over the part of the log where
// the current trend holds, without the death spiral at the limit; whether its rate changes
// (a leak that speeds up, a growth that levels off); and whether the young GCs after the last
// full GC show the heap still growing or already flat.

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// Trend models.
const (
	ModelLinear       = "linear"
	ModelAccelerating = "accelerating"
	ModelDecelerating = "decelerating"
	// ModelAverage names a prediction, not a trend: the average rate of a leak whose curve
	// peaks inside the log while its floor still rises (averageForecast).
	ModelAverage = "average"
)

// growth is what the heap after full GCs did, read once per report and used by the verdict,
// the prediction and the evidence.
type growth struct {
	// xs, ys are the window of the trend: seconds and MB after full GC.
	xs, ys []float64
	lin    fit
	// timeWeighted is set when lin weighs each full GC by the time it stands for: the robust
	// line had rejected most of the window's time (fitWindow).
	timeWeighted bool
	// quad is set when the window holds enough points for a parabola.
	quad *quadFit
	// exp is set when the growth accelerates and a rate that grows in proportion to itself
	// fits the points better than the parabola does: it then models the growth.
	exp *expFit
	// expWeight is the exponential's Akaike weight against the parabola (both have three
	// parameters): how much of the prediction it makes.
	expWeight float64
	// model is ModelLinear, or the parabola's direction when its curvature is significant
	// and changes the rate materially over the window.
	model string
	// stopped is set when the young GCs after the last full GC show the heap flat where the
	// trend says it should have grown: the growth ended after the last full GC.
	stopped *stop
	// between is set when the window is every full GC of a heap that climbed in steps and
	// sits on a level no longer than it held the ones it left (betweenSteps).
	between *Steps
	// heldBeforeS is the longest the GCs held a level since the window began and then left
	// it (seconds; heldAndLeft): a hold no longer than that is no end to the growth.
	heldBeforeS float64
	// leftLevelMS is when the heap last climbed out of a level it held (ms; heldAndLeft): a
	// stop read from before it spans that step.
	leftLevelMS float64
	// transient is the most a later full GC found freed of what an earlier one had left
	// (MB): memory some full GCs caught in use — a burst of requests, a batch — and not
	// kept. Changes of the heap after full GCs smaller than it may be no more than that.
	transient float64
	// gcBent is set when the window's curve was a line on the program's own clock (gcBent):
	// the growth is read as a line.
	gcBent *pace
	// undercut is set when a full GC in the second half of the window left less than any
	// in its first half: what the heap gained was freed, so the line's rise is no growth.
	undercut *undercut
	// floorFrom is set when the window is the floor of the full GCs (floorOf): how many full
	// GCs it was read from.
	floorFrom int
	// thinnedFrom is set when back-to-back full GCs were thinned to one per stretch of time
	// (thinByTime): how many full GCs there were.
	thinnedFrom int
	thinCellS   float64
	// excessMB is, for a floor, the most any full GC of its time found above it: memory the
	// program holds now and then on top of what it keeps. It dies when the floor plus that
	// reaches the limit, not the floor alone.
	excessMB float64
	// before names what the window ends before, when it was read from the part of the log
	// before an event the trend must not run through (a burst, a level the leak paused at).
	before string
	// moments is set when the window's full GCs fall at fewer moments than a trend needs
	// (momentsOf): their line is not growth.
	moments int
}

// excessOver is the most a full GC (xs, ys) since the floor's first point left above the
// floor's line.
func excessOver(g *growth, xs, ys []float64) float64 {
	most := 0.0
	for i, x := range xs {
		if x >= g.xs[0] {
			most = math.Max(most, ys[i]-g.lin.at(x))
		}
	}
	return most
}

// undercut is a full GC that left the heap (heapMB at atMS) under fromMB, the least of the
// window's first half.
type undercut struct {
	atMS, heapMB, fromMB float64
	// backFromMB is set when the full GC fell back to fromMB, within half the noise, from
	// this much above it: the last full GC of the window gave back all it had gained.
	backFromMB float64
}

// undercutOf finds the lowest full GC of the window's second half that left less than every
// one of its first half, beyond the noise: retained memory only grows, so such a window did
// not retain what it gained.
func undercutOf(xs, ys []float64, th *Thresholds) *undercut {
	// A start-up load is no half of the window: full GCs come fast while a heap fills (a
	// reputation feed's first table, 14 -> 231 MB over five full GCs in 2 s of a 58 s run),
	// and its lowest point says nothing of what the running program kept.
	if l := loadEnd(xs, ys, th); l > 0 && len(ys)-l >= th.FewFullGCs {
		xs, ys = xs[l:], ys[l:]
	}
	half := len(ys) / 2
	from := math.Inf(1)
	for _, y := range ys[:half] {
		from = math.Min(from, y)
	}
	var u *undercut
	for i := half; i < len(ys); i++ {
		if ys[i] < from-th.noiseMB(from) && (u == nil || ys[i] < u.heapMB) {
			u = &undercut{atMS: xs[i] * 1000, heapMB: ys[i], fromMB: from}
		}
	}
	if n := len(ys); u == nil && half > 0 && half < n-1 && ys[n-1] <= from+th.noiseMB(from)/2 {
		// The last full GC left the heap back where the window's first half held it at
		// least, after the full GCs between climbed above that by twice the noise or more:
		// all the window gained was given back (a rate cache flushed by a 5-minute cron, seen
		// over one cycle: 5.3 -> 21.0 MB, then 5.4 MB, read as a leak on a robust line that
		// took the last full GC for an outlier).
		if top := floats.Max(ys[half : n-1]); top > from+2*th.noiseMB(from) {
			u = &undercut{atMS: xs[n-1] * 1000, heapMB: ys[n-1], fromMB: from, backFromMB: top}
		}
	}
	return u
}

// loadEnd is the index of the first full GC after a start-up load: the leading full GCs of
// the first tenth of the window's time, when the heap rose over them at five times the
// window's average rate or more (LoadRateRatio). 0 when there is none.
func loadEnd(xs, ys []float64, th *Thresholds) int {
	n := len(xs)
	span := xs[n-1] - xs[0]
	if n < 4 || span <= 0 {
		return 0
	}
	l := 0
	for l+1 < n && xs[l+1]-xs[0] < 0.1*span {
		l++
	}
	if l < 2 || xs[l] <= xs[0] {
		return 0
	}
	if (ys[l]-ys[0])/(xs[l]-xs[0]) < th.LoadRateRatio*(ys[n-1]-ys[0])/span {
		return 0
	}
	return l + 1
}

// stop is the evidence that the growth ended: at atMS a young GC left heapMB, under the trend
// minus the young generation's share.
type stop struct {
	// fromMS is when the heap stopped growing; atMS the GC that shows it held heapMB there.
	fromMS, atMS, heapMB, trendMB float64
	// unconfirmed is set when one full GC alone shows the slowing, having itself climbed
	// beyond the noise, and no young GCs after it show whether the heap then held: the growth
	// slowed, and only the next GCs can tell whether it stopped.
	unconfirmed bool
	// levelGCs, levelLoMB and levelHiMB are set when the last full GCs themselves show the
	// level: how many held it (each within levelTolMB of heapMB), the least and most they left.
	levelGCs             int
	levelLoMB, levelHiMB float64
	// paused is set when the young GCs after the last full GC show the heap held, but only
	// against their own scatter, not against all a young generation may hold: a level, or
	// the pause between two steps of a leak; only the next GCs can tell.
	paused bool
}

// rate is the growth rate at the end of the window, by the model that holds.
func (g *growth) rate() float64 {
	if g.exp != nil {
		return g.exp.slopeAt(g.xs[len(g.xs)-1])
	}
	if g.model != ModelLinear && g.quad != nil {
		return g.quad.slopeAt(g.xs[len(g.xs)-1])
	}
	return g.lin.b
}

// trend fits the heap after full GCs over the part of the log where the current trend holds.
func (a *Analyzer) trend(p *proc, out *Process) {
	th := &a.th
	p.keptNothing = keptNothingSince(p, th)
	n := len(p.fulls)
	if n < th.FewFullGCs {
		return
	}
	xs, ys := p.fullSeries()
	allX, allY := xs, ys
	if crashedAtLimit(p) {
		// The death spiral: at the limit V8 runs full GC after full GC, each freeing nothing,
		// in the last moments. Those points say where the limit is, not how fast the heap
		// grew; the trend is read from before them.
		xs, ys = trimDeathSpiral(xs, ys, th)
		if s := p.snapshotStill; len(p.snapshots) > 0 && s[1]-s[0] >= snapshotStillMinMS {
			// Node wrote a heap snapshot at the limit and raised it: where the process would
			// have died without the flag. What follows — the program stood still while the
			// snapshot was written, then ran a little past the old limit — is its death,
			// not its growth.
			k := sort.SearchFloat64s(xs, s[0]/1000+1e-9)
			if k >= th.FewFullGCs {
				xs, ys = xs[:k], ys[:k]
			}
		}
	}
	g, t := readWindow(xs, ys, th)
	if g == nil {
		return
	}
	if len(xs) < len(allX) && !t.Significant && climbedThroughSpiral(allX, allY, len(xs), th) {
		// The heap went on rising through the full GCs back to back at the limit, at the
		// pace it climbed before them: the growth did not stop there, V8 did. Too few full
		// GCs before the spiral to call it (an audit store's climb since it drained, three
		// full GCs, then 35 at the limit each leaving more, 72.5 -> 79 MB at 2 MB/s).
		// The spiral counts as one full GC, where it ended: crowded at the end, its points
		// would outweigh the climb that brought the heap there.
		ex, ey := append(slices.Clone(xs), allX[len(allX)-1]), append(slices.Clone(ys), allY[len(allY)-1])
		// Read as readWindow reads a climb since the heap last fell back when its line through
		// the fall is no growth; a heap that held a level and climbed again is read by the
		// rules for steps, which the spiral does not change.
		if r := steadyClimbSinceFall(ex, ey, th); r > 0 {
			if sg, st := fitWindow(ex[r:], ey[r:], transientMB(ey, th), th); st.Significant {
				st.Method += ", since the heap last fell back, through the full GCs back to back at the limit, each leaving more"
				g, t = sg, st
			}
		}
	}
	if pc := gcBent(p, g); pc != nil {
		g.straighten(t)
		g.gcBent = pc
	}
	if crashedAtLimit(p) && g.model == ModelDecelerating && t.SlopeNowMBPerS != nil && *t.SlopeNowMBPerS <= 0 {
		// A curve that has the heap shrinking as it died at its limit bent to the ceiling
		// (full GCs back to back under it, a climb cut short), not to the growth.
		g.straighten(t)
	}
	tx, ty := thinByTime(xs, ys, th)
	if !crashedAtLimit(p) && g.between == nil {
		// A heap that died at its limit did not stop growing: the limit stopped it, and the
		// points under that ceiling cannot rise as the trend would have them. Between two
		// steps the heap holds a level by design: these checks would read the pause as the
		// growth's end.
		rate := youngRate(p)
		if rate >= th.RecentRateShare*g.lin.b && youngRiseIsGarbage(p, th) {
			// Too fast to leave the growth slowed, and no more than garbage: no sign either way.
			rate = math.NaN()
		}
		g.checkRecent(th, t, rate, func(from, to, shortfallMB float64) (held, climbed bool) {
			// Young GCs vary by what the young generation holds, a semi-space at most: a
			// shortfall no larger than that they cannot show held (Node 15's 16 MB semi-space
			// against an A/B service's 5 MB shortfall, its leak read as ended 7 s into it).
			held, climbed = youngBetweenFulls(p, from, to, th)
			return math.Max(p.era.semiMB, 1) < shortfallMB && held, climbed
		})
		g.checkLastFellShort(th, t, rate)
		g.checkFlatTail(tx, ty, th, t)
		g.checkStop(p, th, t)
		g.heldBeforeS, g.leftLevelMS = heldAndLeft(p, p.fulls[0].TimeMS, th)
		g.checkHeldBefore(t)
		if s := g.stopped; s != nil && !s.unconfirmed && !s.paused && g.model == ModelAccelerating {
			// A curve's rate now says nothing of a growth that ended ("speeding up, the rate
			// doubles every 29 s" beside "growth ended" on an ad server's flat ledger).
			g.straighten(t)
		}
	}
	if t.Significant && g.stopped == nil {
		// The steps are read from every stretch of the window's time, not from its floor:
		// a level is what the full GCs left, caught in passing or not.
		k := sort.SearchFloat64s(tx, t.FromMS/1000)
		t.Steps = stepsOf(tx[k:], ty[k:], g.lin.b, th)
		if g.between != nil {
			t.Steps = g.between
		}
		if t.Steps == nil && !crashedAtLimit(p) {
			// Read from the first full GC, not the window's: a two-segment fit may start the
			// window on the last of several steps.
			t.OneStep = oneStepOf(tx, ty, g.lin.b, th, p.lastBelow)
		}
	}
	if t.OneStep == nil && t.Steps == nil && g.between == nil && p.crash == nil {
		t.OneStep = p.stepAtTheEnd(xs, ys, g.lin.b, th)
	}
	p.setTrend(out, g, t)
	if k := p.keptNothing; k != nil && !t.Significant {
		t.HeldSinceMS = &k.sinceMS
	}
}

// fullSeries returns the heap after each full GC (ys, MB) and when (xs, seconds).
func (p *proc) fullSeries() (xs, ys []float64) {
	xs, ys = make([]float64, len(p.fulls)), make([]float64, len(p.fulls))
	for i, f := range p.fulls {
		xs[i], ys[i] = f.TimeMS/1000, f.AfterMB
	}
	return xs, ys
}

// setTrend makes g and t the process's reading of its heap after full GCs.
func (p *proc) setTrend(out *Process, g *growth, t *Trend) {
	p.growth = g
	out.Trend = t
	out.Swing = swingOf(p, t)
	slope := t.SlopeMBPerS
	out.LiveHeapSlopeMBPerS = &slope
}

// trendBefore reads the trend again from the full GCs up to untilMS, when there are enough of
// them: an allocation burst's report shows the heap as it was before the burst (a level held
// for 20 s), not a line through the burst's own full GCs that rises all the way (+1.9 MB/s
// through a flat heap, beside "the heap held ~77 MB").
func (a *Analyzer) trendBefore(p *proc, out *Process, untilMS float64, when string) {
	var xs, ys []float64
	for _, f := range p.fulls {
		if f.TimeMS > untilMS {
			break
		}
		xs, ys = append(xs, f.TimeMS/1000), append(ys, f.AfterMB)
	}
	if len(xs) < a.th.FewFullGCs {
		return
	}
	// Each stretch of time once, however few the full GCs: what the heap did before a level
	// or a burst is a rate over time (170 back-to-back full GCs at one level between two steps
	// of a leak made its line flat).
	xs, ys = thinCells(xs, ys, &a.th)
	g, t := readWindow(xs, ys, &a.th)
	if g == nil {
		return
	}
	t.Method += ", before " + when
	g.before = when
	p.setTrend(out, g, t)
}

// readWindow reads the trend of the heap after full GCs xs, ys (seconds, MB): back-to-back
// full GCs counted once, the window where the current trend holds, and the floor under what
// full GCs caught in passing when that hides or bends the line. The report and each cut
// predictableFrom replays read a stretch of the log alike. nil when the window spans no time.
func readWindow(xs, ys []float64, th *Thresholds) (*growth, *Trend) {
	all, span := len(xs), xs[len(xs)-1]-xs[0]
	// Memory caught in passing is read from every full GC: thinning keeps the median ones.
	everyX, everyY := xs, ys
	transient := transientMB(ys, th)
	floorX, floorY := thinByTime(xs, ys, th)
	// Where the troughs under what full GCs caught in passing recur on a clock (a cache
	// flushed by a timer, a batch every few seconds), the floor is read from the lowest full
	// GC of each stretch, not the median one: V8 14 ran 258 full GCs through a rate shop's
	// saw-tooth, and the one after each 8-s flush — what the flush left behind — was never a
	// stretch's median (set AH, Node 26: troughs 8 → 9 → 11.6 → 14.5 → 16.8 → 19.3 → 21.8
	// MB read "no significant growth"). Troughs at no period are the work in flight ebbing
	// (renders finishing at random), whose lowest points say nothing of what is kept.
	xs, ys = floorX, floorY
	if len(xs) == all && crowded(xs, span/float64(th.ThinCells), th.ThinCrowd) {
		// Back-to-back full GCs among few: the window and the line count each stretch of
		// time once; the floor is still read from every full GC (thinning keeps the median
		// of a stretch, and a floor is its lowest).
		xs, ys = thinCells(xs, ys, th)
	}
	start := trendStart(xs, ys, th)
	sx, sy := xs[start:], ys[start:]
	if sx[len(sx)-1]-sx[0] <= 0 {
		return nil, nil
	}
	g, t := fitWindow(sx, sy, transient, th)
	if start > 0 && !t.Significant && len(sy) >= th.LeakMinPoints && risesThroughout(sy) && releasedOnceBefore(xs, ys, start, (sy[len(sy)-1]-sy[0])/(sx[len(sx)-1]-sx[0]), th) {
		// The memory the full GCs caught in passing was one load, freed once before the
		// window, that came far faster than the heap climbs now: a start-up's, not this
		// climb's cycle. The climb is read with what its own full GCs caught (an air-quality
		// service whose boot held 49 MB until a full GC at 7 s left 16 MB, then from 21 s
		// 19 -> 44 MB on a line at 1.55 MB/s, read healthy under the boot's 33.5 MB freed).
		// A saw-tooth's earlier tooth rose at the pace of its current one, and stays unread.
		if og, ot := fitWindow(sx, sy, transientMB(sy, th), th); ot.Significant {
			ot.Method += ", the memory freed before it a start-up load's"
			g, t = og, ot
		}
	}
	if start > 0 {
		t.Method += ", last segment of a two-segment fit"
	}
	if (!t.Significant || 2*g.transient >= t.GrowthMB) && g.transient > th.noiseMB(stat.Mean(sy, nil)) {
		// The full GCs caught memory in passing — an export, a batch — enough to hide a leak
		// beneath it, or to bend the line (half its rise or more): what is retained only
		// grows, and the floor shows it. The window too is read again from the floor:
		// transients mislead a two-segment fit.
		lowX, lowY := floorX, floorY
		if len(floorX) < all {
			if lx, ly := pickCells(everyX, everyY, th, lowestOf); periodicTroughs(lx, ly, th) {
				lowX, lowY = lx, ly
			}
		}
		if fx, fy, ok := confirmedFloor(lowX, lowY, th); ok {
			fs := trendStart(fx, fy, th)
			if low := lowestOf(fy, 0, len(fy)); fs > low && risesThroughout(fy[low:]) {
				// A floor that rose at every point from its lowest is one growth: a
				// two-segment fit splits it where the batches left a little more, and the
				// last part alone rose too little to be called (set AH's rate shop, Node 26:
				// 8 → 21.8 MB over seven flushes, read from the last four).
				fs = low
			}
			// The floor must itself be a line: what a program keeps, measured where it held
			// nothing in passing, rises steadily; a floor that scatters (a working set that
			// follows the work in flight and never drains) still holds memory in passing.
			if fg, ft := fitWindow(fx[fs:], fy[fs:], 0, th); ft.Significant && ft.RSquared >= th.FloorMinR2 && !floorRevisited(xs, ys, fx[fs], fy[len(fy)-1], th) && !floorWithinEarlierLows(xs, ys, fx[fs], fy[fs], fy[len(fy)-1], th) && !floorRestsOnLoad(lowX, lowY, fx[fs:], fy[fs:], th) {
				ft.Method += ", over the floor: the full GCs no later one undercut"
				if fs > 0 {
					ft.Method += ", last segment of a two-segment fit"
				}
				g, t = fg, ft
				g.floorFrom = len(xs)
				g.excessMB = excessOver(g, everyX, everyY)
			}
		}
	}
	if start > 0 && !t.Significant && g.floorFrom == 0 && climbsAgain(xs, ys, transient, th) {
		// The last segment is a level and a climb off it, too short to be significant on its
		// own; the segment before it grew. A heap that grew, held, and grows again grows in
		// steps (an audit trail paused by a maintenance window, resumed 7 s before the cut:
		// 9.5 → 43.7 MB, held 44.7 for 11 s, then 46.4, 53.6 — read "no significant growth").
		// The rate over every step is the line through every full GC.
		if wg, wt := fitWindow(xs, ys, transient, th); wt.Significant {
			wt.Method += ", over every full GC: the heap grew, held a level, and climbs again"
			g, t = wg, wt
		}
	}
	if start > 0 && !t.Significant && t.Interval95[0] <= 0 && g.floorFrom == 0 && g.undercut == nil && grew(xs[:start], ys[:start], th) {
		// The two-segment fit split a climb that never slowed: the full GCs before the break
		// grew, and the last segment, too few to clear zero on its own (not one its swings
		// or a later full GC undercut), climbs at least at the pace of the line through
		// every full GC (an e-book mailer whose parked notices leak each simulated weekend:
		// 8 → 76 MB by 8 s, no full GC while young GCs held it to 19 s, then 93, 107, 134,
		// 152, 148 MB by 26 s, +7.4 MB/s with an interval of −2.9–17.6, read "no significant
		// growth" beside its +53 MB). A break says where a rate changed; one that did not
		// slow is no level, and the rate of the climb is the line through every full GC.
		if wg, wt := fitWindow(xs, ys, transient, th); wt.Significant && g.lin.b >= wg.lin.b {
			wt.Method += ", over every full GC: the last segment climbs no slower than the whole"
			g, t = wg, wt
		}
	}
	if !t.Significant && g.floorFrom == 0 {
		// The window is a level, and the heap climbed to it in steps, each level before it
		// held at least as long: the rate over every step is the line through every full GC.
		if wg, wt := fitWindow(xs, ys, transient, th); wt.Significant {
			if st := betweenSteps(xs, ys, wg.lin.b, th); st != nil {
				wt.Method += ", over every full GC: the heap climbed in steps and has held its level no longer than one it left"
				g, t = wg, wt
				g.between = st
			}
		}
	}
	if !t.Significant && start == 0 && g.floorFrom == 0 {
		if r := steadyClimbSinceFall(xs, ys, th); r > 0 {
			// The heap drained, then rose at every full GC since, at one pace, for longer than
			// the log ran before: the line through both reads the drain against the climb (an
			// audit store archiving its boot backlog, 45 -> 27.7 MB over 6 s, then 38.7, 61.1,
			// 73.9 MB to its death at the limit — read "heap too small" over a line of no
			// significant growth). What is kept now grows at the climb's rate.
			if rg, rt := fitWindow(xs[r:], ys[r:], transient, th); rt.Significant {
				rt.Method += ", since the heap last fell back"
				g, t = rg, rt
			}
		}
	}
	if len(xs) < all {
		g.thinnedFrom, g.thinCellS = all, span/float64(th.ThinCells)
	}
	if g.between == nil {
		// Steps bend no curve: where the log ends on one, a parabola through them peaks.
		g.curvature(th, t)
	}
	if g.model == ModelAccelerating && g.floorFrom == 0 {
		// The level is read from every full GC before the window too: a leak that paused
		// held its level from before where the two-segment fit starts the window.
		if k, b := climbOffLevel(xs, ys, th); b > 0 && b >= start && hingeFitsBetter(g, xs[max(k, start):], ys[max(k, start):], b-max(k, start)) {
			// A level, then a straight climb: one curve through both reads a leak speeding up
			// (a parabola, or a rate doubling every 2 s), where the heap grows at the climb's
			// rate since it left the level (an order service that lost its broker acks at a
			// reconnect 20 s in: flat at 6.4 MB, then +2.6 MB/s; a parabola put its death at
			// 47 s, the climb at 55 s, when it died at 53 s). The climb began after the
			// level's last full GC, not at it: the line is the climb's own.
			cg, ct := fitWindow(xs[b+1:], ys[b+1:], transient, th)
			ct.Method += ", since the heap left the level it held"
			cg.thinnedFrom, cg.thinCellS = g.thinnedFrom, g.thinCellS
			cg.curvature(th, ct)
			if cg.model != ModelDecelerating {
				// A climb that itself slows is not read apart from the level: near its
				// limit V8 collects back to back and the program runs less, and the
				// climb's own bend says that, not how the growth goes on.
				g, t = cg, ct
			}
		}
	}
	return g, t
}

// climbOffLevel is the index of the last full GC of a level the heap held — three full GCs or
// more, over two seconds or more, within half the noise — before it climbed above it at every
// full GC after, LeakMinPoints or more (fewer would not be called a leak on their own), by the
// noise or more at the end, when the level was held longer than it took to get there from the
// first full GC: growth that began after a warm-up (a feature switched on, a reconnect, a
// cron), or work outgrowing a level. k is the level's first full GC; b is 0 when there is none.
func climbOffLevel(xs, ys []float64, th *Thresholds) (k, b int) {
	n := len(xs)
	k, b = lastLevel(xs, ys, n-1-th.LeakMinPoints, 2, th)
	if k < 0 {
		return 0, 0
	}
	level := median(ys[k : b+1])
	if xs[b]-xs[k] < xs[k]-xs[0] || ys[n-1]-level < th.noiseMB(level) {
		return 0, 0
	}
	for _, y := range ys[b+1:] {
		if y-level <= th.noiseMB(level)/2 {
			return 0, 0
		}
	}
	return k, b
}

// climbsAgain reports a heap after full GCs (xs, ys) whose last two rose above the level the
// ones before them held (two or more within the noise of each other) — each by half the noise
// or more, the last by the noise and by the memory full GCs catch in passing, and above the
// one before (one alone may be a spike) — where the level was held no longer than the growth
// to it took. A level held longer is a warm-up, and the climb after it is read on its own
// (climbOffLevel) once it has the points for that: a line through the warm-up says nothing of
// the climb (a token cache whose sweeper died at 25 s, 17 MB held for 16 s, then 3 MB/s: that
// line put its death 3 min late).
// The last step must also keep the pace of the growth to the level, within CycleRateRatio.
func climbsAgain(xs, ys []float64, transient float64, th *Thresholds) bool {
	n := len(ys)
	if n < 5 {
		return false
	}
	k := n - 3
	lo, hi := ys[k], ys[k]
	for k > 0 {
		l, h := math.Min(lo, ys[k-1]), math.Max(hi, ys[k-1])
		if h-l > th.noiseMB(l) {
			break
		}
		k, lo, hi = k-1, l, h
	}
	if k == n-3 || k == 0 || xs[n-3]-xs[k] > xs[k]-xs[0] {
		return false
	}
	level := median(ys[k : n-2])
	noise := th.noiseMB(level)
	if ys[n-2]-level <= noise/2 || ys[n-1] <= ys[n-2] || ys[n-1]-level <= math.Max(noise, transient) {
		return false
	}
	// Resumed: the last full GCs climb at the pace of the growth to the level, within
	// CycleRateRatio, as a job run again does. A creep at a fraction of it is the level's
	// own drift (a TTL cache filled at 2.9 MB/s, then 62 → 65 → 65 → 68.5 MB over 20 s, its
	// last step at 0.6 MB/s), read from the last segment alone.
	growth := (level - ys[0]) / (xs[k] - xs[0])
	now := (ys[n-1] - ys[n-2]) / (xs[n-1] - xs[n-2])
	return now*th.CycleRateRatio >= growth
}

// grew reports whether the full GCs xs, ys grew on a line of their own.
func grew(xs, ys []float64, th *Thresholds) bool {
	return grows(robustFit(xs, ys), xs, ys, th)
}

// hingeFitsBetter reports whether a level over xs[:b+1] and a line through the climb after it
// leave less squared error than the curve g chose does over the same points.
func hingeFitsBetter(g *growth, xs, ys []float64, b int) bool {
	curve := g.lin.at
	switch {
	case g.exp != nil:
		curve = g.exp.at
	case g.quad != nil:
		curve = g.quad.at
	}
	level := median(ys[:b+1])
	hinge := sseOf(robustFit(xs[b+1:], ys[b+1:]).at, xs[b+1:], ys[b+1:])
	for _, y := range ys[:b+1] {
		hinge += (y - level) * (y - level)
	}
	return hinge < sseOf(curve, xs, ys)
}

// thinByTime keeps one full GC — the one of median heap — in each ThinCells-th of the time the
// full GCs span. V8 runs full GCs back to back when the heap is near its limit or a buffer is
// being rebuilt: 300 of them in 12 s at one level outweigh, point for point, the ten a leak
// left over the 45 s before, and a robust line through all of them takes the ten for
// outliers. The trend is of the heap over time, so each stretch of time counts once.
func thinByTime(xs, ys []float64, th *Thresholds) ([]float64, []float64) {
	if len(xs) < 2*th.ThinCells {
		return xs, ys
	}
	return thinCells(xs, ys, th)
}

// thinCells is thinByTime for any number of full GCs: a rate read from them, not a trend
// whose floor needs each, counts each stretch of time once however few they are.
func thinCells(xs, ys []float64, th *Thresholds) ([]float64, []float64) {
	return pickCells(xs, ys, th, medianOf)
}

// medianOf picks the full GC of median heap among ys[i:j] (the later of two).
func medianOf(ys []float64, i, j int) int {
	switch {
	case j-i > 2:
		idx := make([]int, j-i)
		for m := range idx {
			idx[m] = i + m
		}
		slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(ys[a], ys[b]) })
		return idx[len(idx)/2]
	case j-i == 2:
		return j - 1
	}
	return i
}

// lowestOf picks the full GC of least heap among ys[i:j].
func lowestOf(ys []float64, i, j int) int {
	k := i
	for m := i + 1; m < j; m++ {
		if ys[m] < ys[k] {
			k = m
		}
	}
	return k
}

// pickCells keeps one full GC, the one pick chooses, in each ThinCells-th of the time the full
// GCs span.
func pickCells(xs, ys []float64, th *Thresholds, pick func(ys []float64, i, j int) int) ([]float64, []float64) {
	n := len(xs)
	if n < 2 {
		return xs, ys
	}
	cell := (xs[n-1] - xs[0]) / float64(th.ThinCells)
	if cell <= 0 {
		return xs, ys
	}
	var tx, ty []float64
	for i := 0; i < n; {
		j := i + 1
		for j < n && xs[j] < xs[i]+cell {
			j++
		}
		k := pick(ys, i, j)
		tx, ty = append(tx, xs[k]), append(ty, ys[k])
		i = j
	}
	return tx, ty
}

// crowded reports whether some stretch of cell seconds holds crowd full GCs or more.
func crowded(xs []float64, cell float64, crowd int) bool {
	if cell <= 0 {
		return false // no time between the first full GC and the last: nothing to crowd
	}
	for i, j := 0, 0; j < len(xs); j++ {
		for i < j && xs[j]-xs[i] >= cell {
			i++
		}
		if j-i+1 >= crowd {
			return true
		}
	}
	return false
}

// fitWindow fits a line through the heap after full GCs xs, ys (seconds, MB) and says whether
// it grew: its interval excludes zero, its rise is beyond the noise, no later full GC undercut
// the first half's, and the rise is more than the transient memory (MB) full GCs caught.
func fitWindow(xs, ys []float64, transient float64, th *Thresholds) (*growth, *Trend) {
	g := &growth{xs: xs, ys: ys, lin: robustFit(xs, ys), model: ModelLinear, transient: transient}
	if !grows(g.lin, xs, ys, th) && rejectedTimeShare(xs, g.lin.w) > 0.5 {
		// The robust line found no growth by rejecting most of the window's time as
		// outliers: full GCs back to back on one level outnumbered the rest (a schema cache
		// pinned in steps on Node 24, where a 64 MB young generation under a 96 MB limit
		// turns every GC into a full GC: 68 on one level in 7 s against 9 over the other
		// 9 s read "+0.00 MB/s" through 20 → 39 → 57 MB). Each full GC then counts for the
		// time it stands for, if that shows growth.
		tw := weightedFit(xs, ys, timeWeights(xs))
		tw.dof = math.Max(floats.Sum(tw.w)-2, 1) // the interval is as wide as the stretches of time that carry the line
		if grows(tw, xs, ys, th) {
			g.lin, g.timeWeighted = tw, true
		}
	}
	f := g.lin
	iv := f.interval95()
	growthMB := f.b * (xs[len(xs)-1] - xs[0])
	method := "robust (Tukey bisquare IRLS)"
	if g.timeWeighted {
		method = "weighted by the time each full GC stands for"
	}
	t := &Trend{
		Method: method, FromMS: xs[0] * 1000, ToMS: xs[len(xs)-1] * 1000, Points: len(xs),
		SlopeMBPerS: f.b, Interval95: iv, InterceptMB: f.a, RSquared: f.r2, GrowthMB: growthMB, Model: ModelLinear,
	}
	t.Significant = grows(f, xs, ys, th)
	if kept, ok := fellBackKept(ys, th); ok && kept < growthMB {
		t.FellBackKeptMB = &kept
	}
	if t.Significant {
		if g.undercut = undercutOf(xs, ys, th); g.undercut != nil {
			t.Significant = false
		}
		// A rise smaller than memory the full GCs caught in passing may be no more than that
		// — unless it is a climb since the last return far slower than the rise that was
		// freed: not the same work again.
		if t.risenMB() <= g.transient && !slowerSinceReturn(xs, ys, th) {
			t.Significant = false
		}
		if g.moments = momentsOf(xs); g.moments < th.FewFullGCs {
			t.Significant = false
		}
	}
	return g, t
}

// slowerSinceReturn reports a window whose full GCs since its last return (the last one that
// left less than the one before, beyond the noise) rise on a line of their own — LeakMinPoints
// or more over half the window or more, its interval clear of zero — at under 1/CycleRateRatio
// of the pace of the rise that return freed. Memory caught in passing and freed says what a
// batch or a burst holds; a climb that much slower, with nothing given back since, is not the
// next run of it (an IoT gateway whose first 17 MB snapshot rose in 4 s and was freed, then
// a session cache's leak at 1.2 MB/s over 18 s, read "no more than the ~20 MB full GCs caught
// in passing").
func slowerSinceReturn(xs, ys []float64, th *Thresholds) bool {
	r := -1
	for i := len(ys) - 1; i > 0; i-- {
		if fellBack(ys, i, th) {
			r = i
			break
		}
	}
	n := len(ys)
	if r < 1 || n-r < th.LeakMinPoints || xs[n-1]-xs[r] < (xs[n-1]-xs[0])/2 {
		return false
	}
	// The freed rise: within the cycle the return ended (from the return before it), its
	// highest full GC and the lowest before that.
	start := 0
	for i := r - 1; i > 0; i-- {
		if fellBack(ys, i, th) {
			start = i
			break
		}
	}
	peak := r - 1
	for i := r - 2; i >= start; i-- {
		if ys[i] > ys[peak] {
			peak = i
		}
	}
	low := peak
	for i := peak - 1; i >= start; i-- {
		if ys[i] < ys[low] {
			low = i
		}
	}
	if low == peak || xs[peak] <= xs[low] {
		return false
	}
	freedPace := (ys[peak] - ys[low]) / (xs[peak] - xs[low])
	f := robustFit(xs[r:], ys[r:])
	return grows(f, xs[r:], ys[r:], th) && f.b*th.CycleRateRatio < freedPace
}

// fellBackKept is what the last of a window's full GCs ys left above the window's lowest,
// when it fell back (left less than the one before, beyond the noise).
func fellBackKept(ys []float64, th *Thresholds) (float64, bool) {
	n := len(ys)
	if !fellBack(ys, n-1, th) {
		return 0, false
	}
	return ys[n-1] - slices.Min(ys), true
}

// risenMB is how much the window rose, as compared with the memory full GCs caught in
// passing: the line's rise over it, or, where its last full GC fell back to less, what that
// one kept (FellBackKeptMB). A robust line takes such a fall for an outlier and runs on over
// it; the fall is the memory caught in passing found freed, and what the last full GC kept is
// all the window shows kept (a fare-gate service's open journeys following a day's traffic:
// 27 -> 71 MB over the afternoon peak, then 56 MB as it ebbed, read a leak "growing faster
// and faster" beside a morning peak of 62 MB the log showed given back).
func (t *Trend) risenMB() float64 {
	if t.FellBackKeptMB != nil {
		return *t.FellBackKeptMB
	}
	return t.GrowthMB
}

// grows reports a line through the full GCs at xs whose slope's interval excludes zero and
// whose rise over them is beyond the noise.
func grows(f fit, xs, ys []float64, th *Thresholds) bool {
	return f.interval95()[0] > 0 && f.b*(xs[len(xs)-1]-xs[0]) > th.noiseMB(stat.Mean(ys, nil))
}

// rejectedTimeShare is the share of the time the full GCs at xs span that those a fit gave
// (almost) no weight w stand for, each standing for half the time to its neighbours.
func rejectedTimeShare(xs, w []float64) float64 {
	n := len(xs)
	if n < 3 || xs[n-1] <= xs[0] {
		return 0
	}
	rejected := 0.0
	for i := range xs {
		if w[i] < 0.05 {
			rejected += (xs[min(i+1, n-1)] - xs[max(i-1, 0)]) / 2
		}
	}
	return rejected / (xs[n-1] - xs[0])
}

// timeWeights weighs each of the full GCs at xs by the time it stands for — half the time to
// the one before and half to the one after — scaled so that the weights sum to their
// effective number, (Σw)²/Σw²: sixty full GCs within a second say about that second what one
// would, and the line's interval is as wide as the few stretches of time that carry it.
func timeWeights(xs []float64) []float64 {
	n := len(xs)
	w := make([]float64, n)
	span := xs[n-1] - xs[0]
	if n < 2 || span <= 0 {
		for i := range w {
			w[i] = 1
		}
		return w
	}
	var sum, sq float64
	for i := range xs {
		w[i] = (xs[min(i+1, n-1)] - xs[max(i-1, 0)]) / 2
		sum, sq = sum+w[i], sq+w[i]*w[i]
	}
	for i := range w {
		w[i] *= sum / sq // Σw becomes sum²/sq
	}
	return w
}

// momentsOf counts the moments the full GCs at times xs fall at: a full GC closer to the one
// before than a tenth of the window's mean spacing falls at the same moment. A line through the
// full GCs of two moments has no residual to judge it by, whatever its interval says (four
// forced gc() calls within 17 ms and one full GC 0.3 s later read LEAK, "+89.5 MB/s, R² 1.00").
func momentsOf(xs []float64) int {
	n := len(xs)
	if n < 2 {
		return n
	}
	near := (xs[n-1] - xs[0]) / float64(n-1) / 10
	moments := 1
	for i := 1; i < n; i++ {
		if xs[i]-xs[i-1] >= near {
			moments++
		}
	}
	return moments
}

// retained is what a process kept of a stretch of its heap after full GCs (xs, ys): the
// floor under what the full GCs caught in passing, when its trend was read from the floor
// (the rate before the limit, the growth before a burst are read as the trend was); else the
// points as they are.
func retained(p *proc, xs, ys []float64, th *Thresholds) ([]float64, []float64) {
	if p.growth == nil || p.growth.floorFrom == 0 || len(xs) == 0 {
		return xs, ys
	}
	return floorOf(xs, ys, th)
}

// floorRevisited reports a floor whose end, at levelMB, is a level the heap had already
// bottomed out at, and later gone under, at least twice before the floor's window began at
// fromS: troughs (full GCs that left less than the ones either side) at levelMB or more, less
// the noise, undercut by a later full GC. A batch job whose cycles
// end at one of two levels (all freed, or a partial drop) has a floor that ends wherever the
// log ends in the cycle: 3.2 MB for 30 s, then 17.8 MB for its last two troughs, a level it
// had reached and left at four troughs before — not memory newly kept.
func floorRevisited(xs, ys []float64, fromS, levelMB float64, th *Thresholds) bool {
	later := make([]float64, len(ys)+1) // later[i]: the least of ys[i:]
	later[len(ys)] = math.Inf(1)
	for i := len(ys) - 1; i >= 0; i-- {
		later[i] = math.Min(ys[i], later[i+1])
	}
	visits := 0
	for i := 1; i+1 < len(xs) && xs[i] < fromS; i++ {
		trough := ys[i-1]-ys[i] > th.noiseMB(ys[i]) && ys[i+1]-ys[i] > th.noiseMB(ys[i])
		if trough && ys[i] >= levelMB-th.noiseMB(levelMB) && later[i+1] < ys[i]-th.noiseMB(ys[i]) {
			visits++
		}
	}
	return visits >= 2
}

// floorWithinEarlierLows reports a floor that begins at a new low — under every earlier full
// GC by more than the noise — and ends no higher than a low the heap had fallen back to
// before it (a full GC that left less than the one before, beyond the noise), within the
// noise. After its lowest point a floor rises by construction (each of its points is under
// every later one): from a new low it shows growth only once it passes the lows the heap
// showed before (a wave planner building and dropping 40 MB every 4 s, its full GCs leaving
// 24.1 and 28.7 MB, then 13.8, then 17.3 → 30.4 MB as their phase drifted, read a leak of
// 0.73 MB/s).
func floorWithinEarlierLows(xs, ys []float64, fromS, fromMB, levelMB float64, th *Thresholds) bool {
	k := sort.SearchFloat64s(xs, fromS)
	if k == 0 || slices.Min(ys[:k])-fromMB <= th.noiseMB(fromMB) {
		return false
	}
	for i := 1; i < k; i++ {
		if fellBack(ys, i, th) && levelMB <= ys[i]+th.noiseMB(ys[i]) {
			return true
		}
	}
	return false
}

// confirmedFloor returns the floor (floorOf) of a window up to its last return — the last full
// GC that left less than the one before, beyond the noise: memory caught in passing, found
// freed. What follows it no full GC has yet shown to be kept: a log that ends inside a batch,
// or in the climb of a buffer being rebuilt, would lift the floor's end. The floor must hold
// FewFullGCs+2 points over half the window or more: a saw-tooth caught by four or five full
// GCs a cycle leaves a floor of a few points at whatever phase of its cycle the last full GCs
// fell, which climbs as a leak would. Twice FewFullGCs asked too much of a steady leak under
// periodic bursts cut just after its first burst (9.3, 19.1, 29.3, 39.3, then 38.5 MB as the
// burst's memory went), which then read healthy. A floor of fewer than twice FewFullGCs
// points must rise without its first point: a rise that rests on one point is a start-up
// load's climb, and the troughs of a saw-tooth after it a level (set Q's VaR engine on Node
// 18, 33.7 MB at its load, then 84.5, 83.5, 85.3, 86.2 MB 19–21 s later, read live as a leak
// of 2.5 MB/s).
func confirmedFloor(xs, ys []float64, th *Thresholds) (fx, fy []float64, ok bool) {
	last := -1
	for i := len(ys) - 1; i > 0; i-- {
		if ys[i-1]-ys[i] > th.noiseMB(ys[i]) {
			last = i
			break
		}
	}
	if last < 0 {
		return nil, nil, false
	}
	fx, fy = floorOf(xs[:last+1], ys[:last+1], th)
	if len(fx) < th.FewFullGCs+2 || len(fx) < 2*th.FewFullGCs && fy[len(fy)-1]-slices.Min(fy[1:]) <= th.noiseMB(fy[len(fy)-1]) {
		if fx, fy, ok = climbingTroughs(xs, ys, fx, th); !ok {
			return nil, nil, false
		}
	}
	if fx[len(fx)-1]-fx[0] < (xs[len(xs)-1]-xs[0])/2 {
		return nil, nil, false
	}
	return fx, fy, true
}

// floorRestsOnLoad reports a floor (fx, fy) that starts inside a start-up load (loadEnd of
// the full GCs xs, ys) and, without the load's points, no longer holds over half the time
// after the load (as confirmedFloor asks of any floor) or shows no significant growth: its
// rise is the load's climb (set DO's route optimizer on Node 10: a matrix loaded in 0.5 s,
// then a thrashing level whose floor held 83.5 MB from 30.6 s and stepped to 92.4 by 41 s,
// read a leak of 0.82 MB/s on a line from the load's 60.8 MB).
func floorRestsOnLoad(xs, ys, fx, fy []float64, th *Thresholds) bool {
	l := loadEnd(xs, ys, th)
	if l == 0 || fx[0] >= xs[l] {
		return false
	}
	k := sort.SearchFloat64s(fx, xs[l])
	if len(fx)-k < th.FewFullGCs || fx[len(fx)-1]-fx[k] < (xs[len(xs)-1]-xs[l])/2 {
		return true
	}
	_, t := fitWindow(fx[k:], fy[k:], 0, th)
	return !t.Significant
}

// fellBack reports a full GC that left less than the one before it, beyond the noise: a
// return of the floor, one per cycle of a batch.
func fellBack(ys []float64, i int, th *Thresholds) bool {
	return i > 0 && ys[i-1]-ys[i] > th.noiseMB(ys[i])
}

// periodicTroughs reports a floor whose returns — its points the full GC before left more
// than, beyond the noise — recur at a period: more than FewFullGCs of them, the time between
// them varying by at most TroughPeriodCV of its mean.
func periodicTroughs(xs, ys []float64, th *Thresholds) bool {
	fx, _ := floorOf(xs, ys, th)
	var at []float64
	for _, x := range fx {
		if i := sort.SearchFloat64s(xs, x); i < len(xs) && fellBack(ys, i, th) {
			at = append(at, x)
		}
	}
	if len(at) <= th.FewFullGCs {
		return false
	}
	gaps := make([]float64, len(at)-1)
	for i := range gaps {
		gaps[i] = at[i+1] - at[i]
	}
	mean, sd := stat.MeanStdDev(gaps, nil)
	return mean > 0 && sd <= th.TroughPeriodCV*mean
}

// climbingTroughs returns the troughs of a floor (at times fx) — its first point and its
// returns, points the full GC before left more than, beyond the noise: one per cycle of a
// batch — when they are more than FewFullGCs and each lies above the one before, beyond the
// noise (three such troughs a rollup's saw-tooth sampled later in each cycle shows too). Such
// troughs show what the batches leave behind, as the phase-scattered floor of a saw-tooth
// would not (claims acknowledged batch by batch and kept: troughs at 9, 28 and 44 MB under
// batches of 60 MB read "HEALTHY — no significant growth"); the floor's other points, in a
// climb no later full GC undercut, say nothing of it.
func climbingTroughs(xs, ys, fx []float64, th *Thresholds) (tx, ty []float64, ok bool) {
	for k, x := range fx {
		i := sort.SearchFloat64s(xs, x)
		if i >= len(xs) || xs[i] != x {
			return nil, nil, false
		}
		if k > 0 && !fellBack(ys, i, th) {
			continue
		}
		if n := len(ty); n > 0 && ys[i]-ty[n-1] <= th.noiseMB(ty[n-1]) {
			return nil, nil, false
		}
		tx, ty = append(tx, x), append(ty, ys[i])
	}
	return tx, ty, len(tx) > th.FewFullGCs
}

// curvature decides whether the rate of a significant growth changes over the window: a
// parabola whose curvature is significant (its 95% interval excludes zero) and material (the rate at the end differs from
// the straight line's by at least CurvatureShare of it).
func (g *growth) curvature(th *Thresholds, t *Trend) {
	if !t.Significant {
		// Without growth there is no rate to change: a parabola through a sawtooth (batches
		// built and freed, caught by some full GCs) bends to the scatter, not to a trend.
		return
	}
	if len(g.xs) < th.CurvatureMinPoints {
		if !g.speedsUp(th, t) {
			g.slowsDown(th, t)
		}
		return
	}
	// A start-up load — the first full GCs, well under the line, that the robust line gave no
	// weight — does not bend the curve: a program that loads its base state in the first
	// half second, then keeps 0.5 MB/s, grows steadily, not ever more slowly.
	from := 0
	for from < len(g.lin.w) && g.lin.w[from] == 0 && g.ys[from] < g.lin.at(g.xs[from]) {
		from++
	}
	if len(g.xs)-from < th.CurvatureMinPoints {
		from = 0
	}
	q, ok := robustQuad(g.xs[from:], g.ys[from:])
	if !ok {
		return
	}
	g.quad = &q
	end := g.xs[len(g.xs)-1]
	now := q.slopeAt(end)
	significant := math.Abs(q.c) > tQuantile(q.n-3)*q.seC
	material := math.Abs(now-g.lin.b) >= th.CurvatureShare*math.Abs(g.lin.b)
	if !significant && q.c > 0 && from == 0 {
		// Five or six full GCs leave a parabola too few degrees of freedom to be significant
		// where four already show a rate that rose at every step (a map growing with the
		// square of its users: 2.4, 3.0, 3.6, 5.7 MB/s): the steps decide, as for four, and
		// the parabola they did not confirm is not the forecast's.
		if g.speedsUp(th, t) {
			g.quad = nil
		}
		return
	}
	// Where full GCs caught transient memory, the bend may be theirs: the floor decides.
	if !significant || !material || g.lin.b <= 0 || q.c < 0 && (g.transient > 0 && floorKeepsRate(g.xs, g.ys, th) || g.lastClimbKeepsRate(th)) {
		return
	}
	if q.c > 0 {
		g.model = ModelAccelerating
	} else {
		g.model = ModelDecelerating
	}
	t.Model = g.model
	acc := 2 * q.c
	t.AccelerationMBPerS2 = &acc
	cx, cy := g.xs[from:], g.ys[from:]
	if e, ok := robustExp(cx, cy); ok && q.c > 0 && sseOf(e.at, cx, cy) < sseOf(q.at, cx, cy) {
		// Both have three parameters: the one that leaves less error models the growth, and
		// the prediction is the two models' average by their Akaike weights. A parabola bends
		// too little for a rate that doubles, and predicts its end late.
		g.exp = &e
		g.expWeight = 1 / (1 + math.Pow(sseOf(e.at, cx, cy)/math.Max(sseOf(q.at, cx, cy), 1e-12), float64(len(cx))/2))
		now = e.slopeAt(end)
		doubling := math.Ln2 / e.k
		t.RateDoublesEveryS = &doubling
	}
	t.SlopeNowMBPerS = &now
}

// straighten takes the growth back to the line: the curve that fitted it better is not its
// model.
func (g *growth) straighten(t *Trend) {
	g.model, g.exp = ModelLinear, nil
	t.Model, t.AccelerationMBPerS2, t.SlopeNowMBPerS, t.RateDoublesEveryS = ModelLinear, nil, nil, nil
}

// lastClimbKeepsRate reports a last full GC that climbed from the one before, beyond the noise,
// at half the window's rate or more: a parabola bent down by an early jump says the heap
// slows while it still rises (84, 101, 111 MB: +8 MB/s at the end of a window of +14 MB/s).
func (g *growth) lastClimbKeepsRate(th *Thresholds) bool {
	n := len(g.xs)
	if n < 2 || g.xs[n-1] <= g.xs[n-2] {
		return false
	}
	climb := g.ys[n-1] - g.ys[n-2]
	return climb > th.noiseMB(g.ys[n-2]) && climb/(g.xs[n-1]-g.xs[n-2]) >= th.RecentRateShare*g.lin.b
}

// speedsUp reads acceleration where too few full GCs for a parabola's significance show it
// consistently: the rate between each full GC and the next above the one before it, the last
// at least SpeedUpRatio times the first. A leak whose rate doubles shows it by its fourth full
// GC, when a straight line still puts its death several times too late; a steady leak's
// scatter rarely rises two intervals in a row by that much. The growth is then modelled as a
// rate that grows with itself when that beats the line by Akaike's criterion (the line has
// two parameters, the exponential three), and the forecast's interval keeps the line's end.
func (g *growth) speedsUp(th *Thresholds, t *Trend) bool {
	xs, ys := g.xs, g.ys
	n := len(xs)
	if n < th.SpeedUpMinPoints || g.lin.b <= 0 {
		return false
	}
	if _, ok := g.stepsRate(th, func(earlier, later float64) bool { return later >= th.SpeedUpStep*earlier }, th.SpeedUpRatio); !ok {
		return false
	}
	if rise := ys[n-1] - ys[n-2]; rise <= th.noiseMB(ys[n-2])/2 {
		// The last interval decides the speed-up; a rise within the noise of what full GCs
		// leave is no rate (an API gateway's fourth full GC, 0.9 MB over 0.4 s after 2.2 MB
		// over 1.9 s: a steady leak of ~1 MB/s read as one doubling every 2 s).
		return false
	}
	e, ok := robustExp(xs, ys)
	if !ok {
		return false
	}
	aic := func(sse float64, params int) float64 {
		return float64(n)*math.Log(math.Max(sse, 1e-12)/float64(n)) + 2*float64(params)
	}
	expAIC, linAIC := aic(sseOf(e.at, xs, ys), 3), aic(sseOf(g.lin.at, xs, ys), 2)
	if expAIC >= linAIC {
		return false
	}
	g.exp, g.expWeight, g.model = &e, 1/(1+math.Exp((expAIC-linAIC)/2)), ModelAccelerating
	t.Model = g.model
	now := e.slopeAt(xs[n-1])
	doubling := math.Ln2 / e.k
	t.SlopeNowMBPerS, t.RateDoublesEveryS = &now, &doubling
	return true
}

// stepsRate reads the rates of the heap after full GCs from each full GC of the window to the
// next: ok when each later rate steps from the one before as step says and the last is at
// least ratio times the first (at most, for a ratio under one), the first positive. It returns
// the last rate.
func (g *growth) stepsRate(th *Thresholds, step func(earlier, later float64) bool, ratio float64) (float64, bool) {
	if len(g.xs) < th.SpeedUpMinPoints {
		return 0, false
	}
	rate := func(i int) float64 { return (g.ys[i] - g.ys[i-1]) / (g.xs[i] - g.xs[i-1]) }
	for i := 2; i < len(g.xs); i++ {
		if !step(rate(i-1), rate(i)) {
			return 0, false
		}
	}
	first, last := rate(1), rate(len(g.xs)-1)
	if first <= 0 || ratio >= 1 && last < ratio*first || ratio < 1 && last > ratio*first {
		return 0, false
	}
	return last, true
}

// slowsDown is speedsUp's mirror: with too few full GCs for a parabola, a growth whose rate
// fell from each interval to the next by the same steps (the last at most 1/SlowDownRatio of
// the first) decelerates. Such a heap may still level off under the limit (a cache filling
// up from a finite set of keys): the verdict waits for more full GCs, and no time-to-OOM is
// given from a line through it.
func (g *growth) slowsDown(th *Thresholds, t *Trend) {
	if len(g.xs) < th.SpeedUpMinPoints || g.lin.b <= 0 {
		return
	}
	last, ok := g.stepsRate(th, func(earlier, later float64) bool { return later*th.SpeedUpStep <= earlier }, 1/th.SlowDownRatio)
	if !ok {
		return
	}
	g.model, t.Model = ModelDecelerating, ModelDecelerating
	t.SlopeNowMBPerS = &last
}

// sseOf is the sum of squared residuals of the points about a model.
func sseOf(at func(float64) float64, xs, ys []float64) float64 {
	var s float64
	for i := range xs {
		r := ys[i] - at(xs[i])
		s += r * r
	}
	return s
}

// checkRecent asks whether the growth went on to the end of the window. A heap that grew, then
// stayed flat for a quarter of the time or more — a cache that filled up, then V8's memory
// reducer collecting a steady heap now and then — has stopped growing, whatever a line through
// all the points says. For each split of the window into an earlier part that grew (three
// points or more) and a recent part that spans at least RecentWindowShare of the time since
// the earlier part's end, the heap after full GCs over the recent part must have risen by at
// least RecentRateShare of what the earlier rate implies; the longest recent part decides.
//
// youngRate is how fast the heap after young GCs rose since the last full GC (NaN when too few
// show it): a lone recent full GC that rose less than the early rate stopped only if the young
// GCs after it do not go on rising at the rate it came up at. young reports whether the young
// GCs between two full GCs (seconds) held a level — without them or GCs after it, a lone
// recent full GC that climbed shows a slowing, not a stop — and whether they climbed all the
// way: then the lone full GC at the end of their climb shows a growth that goes on.
func (g *growth) checkRecent(th *Thresholds, t *Trend, youngRate float64, young func(from, to, shortfallMB float64) (held, climbed bool)) {
	if !t.Significant {
		return
	}
	xs, ys := g.xs, g.ys
	n := len(xs)
	if n < 4 {
		return
	}
	end := xs[n-1]
	for b := n - 1; b >= 3; b-- {
		since := end - xs[b-1]
		if since < th.RecentWindowShare*(end-xs[0]) {
			continue
		}
		early := robustFit(xs[:b], ys[:b])
		if early.b <= 0 {
			return
		}
		// The recent points' mean against the rise the earlier rate gives at their mean time.
		// The shortfall must also stand out of the scatter about the line: in a leak with
		// spikes, two low points in a row are luck, not a stop.
		rose := stat.Mean(ys[b:], nil) - early.at(xs[b-1])
		want := early.b * (stat.Mean(xs[b:], nil) - xs[b-1])
		// The scatter is the early line's or, if larger, the recent points' own: a heap that
		// levelled off sits still, one whose spikes some full GCs caught does not.
		scatter := early.s
		if n-b >= 2 {
			scatter = math.Max(scatter, stat.StdDev(ys[b:], nil))
		}
		noise := math.Max(2*scatter/math.Sqrt(float64(n-b)), g.transient)
		held, climbed := young(xs[b-1], end, want-rose)
		if g.holds(b, since, early.b, youngRate, climbed, th) && rose < th.RecentRateShare*want && want-rose > noise && !g.floorWentOn(b, noise, th) {
			g.stopped = &stop{fromMS: xs[b-1] * 1000, atMS: end * 1000, heapMB: ys[n-1], trendMB: early.at(end),
				unconfirmed: n-b == 1 && math.IsNaN(youngRate) && !g.within(ys[n-1]-ys[b-1], ys[b-1], th) && !held}
			if g.stopped.unconfirmed {
				t.SlowedAtMS = &g.stopped.fromMS
			} else {
				t.StoppedAtMS = &g.stopped.fromMS
			}
		}
		return
	}
}

// floorWentOn reports a shortfall that only a transient made: the last earlier full GC (b-1)
// caught memory a recent one found freed, so the early line through it rose too steeply, while
// the floor under the transients (floorOf; three points or more before b) rose on, and the
// recent points reached its line. A leak under a periodic report (a trade-surveillance desk
// keeping 2.8 MB/s while a 24 MB report came and went: 8.1, 16.4, 16.8, then 54.6 MB with a
// report live, then 46.3 MB) read "growth ended" at the report's fall.
func (g *growth) floorWentOn(b int, noise float64, th *Thresholds) bool {
	xs, ys := g.xs, g.ys
	if slices.Min(ys[b:]) >= ys[b-1]-th.noiseMB(ys[b-1]) {
		return false // the last earlier full GC held no transient a later one freed
	}
	fx, fy := floorOf(xs, ys, th)
	k := sort.SearchFloat64s(fx, xs[b])
	if k < 3 {
		return false
	}
	floor := robustFit(fx[:k], fy[:k])
	if floor.b <= 0 {
		return false
	}
	last := fx[k-1]
	rose := stat.Mean(ys[b:], nil) - floor.at(last)
	want := floor.b * (stat.Mean(xs[b:], nil) - last)
	return rose >= th.RecentRateShare*want || want-rose <= noise
}

// checkLastFellShort marks as slowed (unconfirmed) a growth whose newest full GC, too recent
// to make a recent part of its own, the robust line gave no weight for lying far under it,
// where full GCs catch no transient memory: the growth slowed there (a pool that stopped
// growing with its traffic's high-water mark, 63 then 65 MB after climbing 12 to 63 at
// 2.5 MB/s, read a steady leak with a time-to-OOM), and nothing after it shows whether it
// stopped — unless young GCs since go on rising at half the rate or more.
func (g *growth) checkLastFellShort(th *Thresholds, t *Trend, youngRate float64) {
	xs, ys := g.xs, g.ys
	n := len(xs)
	b := n - 1
	if !t.Significant || g.stopped != nil || g.transient > 0 || n < th.CurvatureMinPoints || b >= len(g.lin.w) || g.lin.w[b] != 0 {
		return
	}
	if g.lin.at(xs[b])-ys[b] > math.Max(2*g.lin.s, th.noiseMB(ys[b])) && (math.IsNaN(youngRate) || youngRate < th.RecentRateShare*g.lin.b) {
		g.stopped = &stop{fromMS: xs[b-1] * 1000, atMS: xs[b] * 1000, heapMB: ys[b], trendMB: g.lin.at(xs[b]), unconfirmed: true}
		t.SlowedAtMS = &g.stopped.fromMS
	}
}

// floorRisesSince reports a floor (floorOf) that climbed beyond the noise over its points at
// or after from, when two or more lie there: where full GCs catch spikes, the points that held
// none of them show whether the heap under the spikes still grows.
func floorRisesSince(xs, ys []float64, from float64, th *Thresholds) bool {
	fx, fy := floorOf(xs, ys, th)
	k := sort.SearchFloat64s(fx, from)
	if len(fx)-k < 2 {
		return false
	}
	first := fy[k]
	return fy[len(fy)-1]-first > th.noiseMB(first)
}

// floorOf returns the floor of a heap after full GCs: the points no later one undercut by
// more than the noise. They held no transient memory that a later full GC found freed.
func floorOf(xs, ys []float64, th *Thresholds) (fx, fy []float64) {
	least := math.Inf(1)
	for i := len(ys) - 1; i >= 0; i-- {
		if ys[i] <= least+th.noiseMB(least) {
			fx, fy = append(fx, xs[i]), append(fy, ys[i])
		}
		least = math.Min(least, ys[i])
	}
	slices.Reverse(fx)
	slices.Reverse(fy)
	return fx, fy
}

// holds reports whether the points from b on held the heap, as a stop must: they may not climb
// beyond the noise (a leak whose early rate a jump inflated still rises, only slower than that
// rate). Several recent points are held to the first of them (the growth may have gone on past
// the last earlier point before it stopped); a lone one to the last earlier point, or, when it
// climbed, to the young GCs after it, which must not go on rising at half the rate it came up
// at (since is the time from the last earlier point to the end). Where full GCs catch spikes,
// the floor under them must not climb either. Recent points that rose at every full GC, or
// lie on a robust line that rises (interval clear of zero), at a quarter of the earlier rate
// (early, MB/s) or more, did not hold, however small their rise against the noise.
func (g *growth) holds(b int, since, early, youngRate float64, youngClimbed bool, th *Thresholds) bool {
	xs, ys, n := g.xs, g.ys, len(g.xs)
	within := func(climb, from float64) bool { return g.within(climb, from, th) }
	if g.transient > 0 && floorRisesSince(xs, ys, xs[b], th) {
		return false // the spikes fall back; the floor under them still climbs
	}
	switch climb := ys[n-1] - ys[b-1]; {
	case n-b >= 2 && climb > th.noiseMB(ys[b-1]) && risesThroughout(ys[b-1:]) && climb/since >= th.RecentRateShare/2*early:
		return false // slower, but up at every full GC: a leak that tapers, not a level
	case n-b >= 3 && stillRising(xs[b-1:], ys[b-1:], th.RecentRateShare/2*early):
		return false // slower, but the recent full GCs lie on a line that rises
	case n-b >= 2:
		return within(ys[n-1]-ys[b], ys[b])
	case within(climb, ys[b-1]):
		return true
	case youngClimbed && climb/since >= th.RecentRateShare/2*early:
		return false // slower, but the young GCs climbed all the way to it: a leak that tapers
	case !math.IsNaN(youngRate):
		return youngRate < th.RecentRateShare*climb/since
	}
	return true // one point, nothing after it: the shortfall decides
}

// stillRising reports full GCs whose robust line rises at least at rate MB/s, its 95%
// interval clear of zero: many full GCs close about a slow rise (a tapering leak on Node 26,
// 49 of them at +0.25 MB/s over its last 10 s) rise, however little of the noise a heap of
// their size may show that rise is.
func stillRising(xs, ys []float64, rate float64) bool {
	f := robustFit(xs, ys)
	return f.b >= rate && f.interval95()[0] > 0
}

// steadyClimbSinceFall is the index of the full GC where the heap last fell back, when every
// full GC since left more than the one before, LeakMinPoints of them or more counting that
// return, each step within CycleRateRatio of the climb's mean pace either way (no burst: a
// report built after a quiet climbs 9 MB/s, then 490), over longer than the log ran up to the
// return; 0 otherwise.
func steadyClimbSinceFall(xs, ys []float64, th *Thresholds) int {
	n, r := len(ys), returnOf(ys, th)
	if r < 1 || n-r < th.LeakMinPoints || xs[n-1]-xs[r] <= xs[r]-xs[0] || !risesThroughout(ys[r:]) {
		return 0
	}
	mean := (ys[n-1] - ys[r]) / (xs[n-1] - xs[r])
	for i := r + 1; i < n; i++ {
		if xs[i] <= xs[i-1] {
			return 0
		}
		pace := (ys[i] - ys[i-1]) / (xs[i] - xs[i-1])
		if pace > th.CycleRateRatio*mean || th.CycleRateRatio*pace < mean {
			return 0
		}
	}
	return r
}

// climbedThroughSpiral reports a death spiral — the full GCs from k-1 on, k the length
// trimDeathSpiral kept — that rose over its span by the noise or more, on a robust line clear
// of zero, within CycleRateRatio of the pace of the climb's last LeakMinPoints full GCs before
// it.
func climbedThroughSpiral(xs, ys []float64, k int, th *Thresholds) bool {
	n := len(xs)
	if k < th.LeakMinPoints || n-k+1 < th.LeakMinPoints || xs[n-1] <= xs[k-1] || ys[n-1]-ys[k-1] < th.noiseMB(ys[k-1]) {
		return false
	}
	before := robustFit(xs[k-th.LeakMinPoints:k], ys[k-th.LeakMinPoints:k]).b
	spiral := robustFit(xs[k-1:], ys[k-1:])
	return before > 0 && spiral.interval95()[0] > 0 && spiral.b*th.CycleRateRatio >= before && spiral.b <= th.CycleRateRatio*before
}

// risesThroughout reports heaps after full GCs each above the one before.
func risesThroughout(ys []float64) bool {
	for i := 1; i < len(ys); i++ {
		if ys[i] <= ys[i-1] {
			return false
		}
	}
	return true
}

// youngBetweenFulls reads the young GCs between the full GCs at from and to (seconds), when
// two or more span at least half the time between them. held: the heap they left climbs by no
// more than the young generation and the noise — a cache that filled up, then ran on
// scavenges for seconds before its next full GC, shows its stop there. climbed: each left
// more than the one before, by more than the noise in all and by half the noise over the
// second half of their span — a climb that went on, however much of it the young generation
// could hold (a tax-rates table loaded at 40 MB/s, then 52.6, 57.8, 63.2 MB in a second of a
// 7 MB/s leak, read "stopped growing"), not the end of a load and then a level (86.0, 90.2 MB
// as a feature store finished loading, then 96.6, 96.9, 97.3 MB over 10 s). A climb is no
// level held.
func youngBetweenFulls(p *proc, from, to float64, th *Thresholds) (held, climbed bool) {
	var xs, ys []float64
	for _, pt := range p.livePoints() {
		if t := pt.TimeMS / 1000; !pt.Full && t > from && t < to {
			xs, ys = append(xs, t), append(ys, pt.AfterMB)
		}
	}
	n := len(xs)
	if n < 2 || xs[n-1]-xs[0] < (to-from)/2 {
		return false, false
	}
	if risesThroughout(ys) && ys[n-1]-ys[0] > th.noiseMB(ys[0]) {
		mid := sort.SearchFloat64s(xs, xs[0]+(xs[n-1]-xs[0])/2) // the first young GC of the second half
		climbed = ys[n-1]-ys[max(mid-1, 0)] >= th.noiseMB(ys[0])/2
	}
	lo, hi := slices.Min(ys), slices.Max(ys)
	return !climbed && hi-lo <= math.Max(p.era.semiMB, 1)+th.noiseMB(lo), climbed
}

// within reports a climb from a heap of from MB no larger than the noise or the memory the full
// GCs catch in passing: a heap that climbed no more than that held.
func (g *growth) within(climb, from float64, th *Thresholds) bool {
	return climb <= math.Max(g.transient, th.noiseMB(from))
}

// youngRate returns the slope of the heap after the young GCs since the last full GC, NaN with
// fewer than three of them.
func youngRate(p *proc) float64 {
	if p.youngSinceFull == nil {
		return math.NaN()
	}
	f, ok := fitAfter(p.youngSinceFull.all(), 3)
	if !ok {
		return math.NaN()
	}
	return f.b
}

// youngRiseIsGarbage reports young GCs since the last full GC that rose past the noise but
// no more than the process's recent full GCs freed: promoted objects gather in the old
// generation between full GCs, and the next full GC takes them, so such a rise says nothing
// of the live heap (a leaderboard's sort buffers, 106 → 145 MB in 3 s after a full GC, where
// each full GC freed 35–49 MB, read as a leak's growth going on after its warm-up had slowed
// to a stop). Young GCs that held flat still show the heap held.
func youngRiseIsGarbage(p *proc, th *Thresholds) bool {
	if p.youngSinceFull == nil || len(p.fulls) < 2 {
		return false
	}
	last := p.fulls[len(p.fulls)-1]
	top := 0.0
	for _, g := range p.youngSinceFull.all() {
		top = math.Max(top, g.AfterMB)
	}
	freed := 0.0
	for _, f := range p.fulls[max(0, len(p.fulls)-3):] {
		freed = math.Max(freed, f.BeforeMB-f.AfterMB)
	}
	rise := top - last.AfterMB
	return rise > th.noiseMB(last.AfterMB) && rise <= freed
}

// fitAfter fits a robust line through what the GCs pts left over time (seconds), when there are
// at least atLeast of them over some time.
func fitAfter(pts []GCPoint, atLeast int) (fit, bool) {
	if len(pts) < atLeast || pts[len(pts)-1].TimeMS <= pts[0].TimeMS {
		return fit{}, false
	}
	xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
	for i, g := range pts {
		xs[i], ys[i] = g.TimeMS/1000, g.AfterMB
	}
	return robustFit(xs, ys), true
}

// checkHeldBefore makes a stop a pause when the heap has held its level for no longer than
// it held a level before, since the window began, and then climbed again: a stepwise leak
// between two steps (a job history growing 9–11 MB every 6 s, each level held 5.4 s by its
// young GCs, read "HEALTHY … stopped growing" 4.1 s into its fourth level — its full GCs,
// back to back on that level, outnumbering the three climbs).
func (g *growth) checkHeldBefore(t *Trend) {
	s := g.stopped
	// The hold is the level's the heap ends at: a stop read from an earlier level spans the
	// step out of it (a ruleset kept at each reload, 55 MB for 7.6 s, then 66 MB for 3.5 s,
	// read as stopped from the first).
	if s == nil || s.unconfirmed || (s.atMS-math.Max(s.fromMS, g.leftLevelMS))/1000 >= g.heldBeforeS {
		return
	}
	s.fromMS = math.Max(s.fromMS, g.leftLevelMS)
	s.paused, s.unconfirmed = true, true
	t.StoppedAtMS, t.PausedAtMS = nil, &s.fromMS
}

// heldAndLeft is the longest stretch (seconds) since fromMS over which the GCs, young and full,
// held a level — QuietYoungGCs or more, each within the noise of the others — before the heap
// climbed out of it, past its top by the noise within half that time: a pause in the growth,
// not its end. leftMS is when the heap last climbed out of such a level.
func heldAndLeft(p *proc, fromMS float64, th *Thresholds) (longestS, leftMS float64) {
	if p.chart == nil {
		return 0, 0
	}
	pts := p.livePoints()
	// climbedOut reports the heap passing a level's top by the noise within half the time it
	// held the level: a step out of it, not young GCs creeping up as promoted garbage gathers
	// between full GCs (a bidder's store loaded at 114 MB, then young GCs only, 114.8 → 129 MB
	// over 85 s).
	climbedOut := func(j int, hi, heldMS float64) bool {
		for k := j + 1; k < len(pts) && pts[k].TimeMS-pts[j].TimeMS <= heldMS/2; k++ {
			if pts[k].AfterMB-hi > th.noiseMB(hi) {
				return true
			}
		}
		return false
	}
	longest := 0.0
	for i := sort.Search(len(pts), func(i int) bool { return pts[i].TimeMS >= fromMS }); i < len(pts); {
		lo, hi, j := pts[i].AfterMB, pts[i].AfterMB, i
		for j+1 < len(pts) && math.Max(hi, pts[j+1].AfterMB)-math.Min(lo, pts[j+1].AfterMB) <= th.noiseMB(math.Min(lo, pts[j+1].AfterMB)) {
			j++
			lo, hi = math.Min(lo, pts[j].AfterMB), math.Max(hi, pts[j].AfterMB)
		}
		if held := pts[j].TimeMS - pts[i].TimeMS; j+1 < len(pts) && j-i+1 >= th.QuietYoungGCs && pts[j+1].AfterMB > hi && climbedOut(j, hi, held) {
			longest = math.Max(longest, held/1000)
			leftMS = pts[j+1].TimeMS
		}
		i = j + 1
	}
	return longest, leftMS
}

// checkFlatTail looks at all the full GCs, not only the trend's window: a heap that grew and
// has then held one level — within a megabyte and 2% — over its last full GCs for at least
// RecentWindowShare of the time they cover has stopped growing, however few points the
// window's last segment left to checkRecent.
func (g *growth) checkFlatTail(xs, ys []float64, th *Thresholds, t *Trend) {
	n := len(xs)
	if g.stopped != nil || !t.Significant || n < 3 {
		return
	}
	level := ys[n-1]
	tol := levelTolMB(level)
	from := n - 1
	for from > 0 && math.Abs(ys[from-1]-level) <= tol {
		from--
	}
	if from == 0 || n-from < 2 || ys[from-1] > level-tol {
		return // no tail of two, or it did not grow into it
	}
	held := xs[n-1] - xs[from]
	lo, hi := floats.Min(ys[from:]), floats.Max(ys[from:])
	switch climbS, climbMB := climbInto(xs, ys, from, tol, th); {
	case held >= th.RecentWindowShare*(xs[n-1]-xs[0]):
		g.stopped = &stop{fromMS: xs[from] * 1000, atMS: xs[n-1] * 1000, heapMB: level, trendMB: g.lin.at(xs[n-1]), levelGCs: n - from, levelLoMB: lo, levelHiMB: hi}
	case n-from >= 3 && climbS > 0 && held >= th.LevelHeldShare*climbS:
		// The step ended: the curve that bent up to it says nothing of a rate now.
		g.straighten(t)
		g.stopped = &stop{fromMS: xs[from] * 1000, atMS: xs[n-1] * 1000, heapMB: level, trendMB: ys[from] + climbMB/climbS*held, levelGCs: n - from, levelLoMB: lo, levelHiMB: hi}
	default:
		return
	}
	t.StoppedAtMS = &g.stopped.fromMS
}

// levelTolMB is how far (MB) a full GC may lie from the last one's level and still count as
// holding it: a megabyte, or 2% of the level.
func levelTolMB(level float64) float64 { return math.Max(1, 0.02*level) }

// climbInto is how long (s) the heap took to climb into the level that begins at point from,
// and by how much (MB): back from it, the points that each lie under the next (within a
// quarter of tol), when they rose by three times tol or more; 0, 0 when they did not. A flat
// tail held half as long as the step up into it shows the step ended, even in a window whose
// first 30 s were flat (a hub that stepped from 63 to 71 MB in 4.3 s and held 72 MB for 4.4 s
// read "speeding up, the rate doubles every 4.9 s").
//
// The heap must have held its level before the climb, or climbed only into it from the
// start: a climb after earlier growth is one step of several, and a level after it may be the
// pause before the next (a leak that grows only while a batch runs).
func climbInto(xs, ys []float64, from int, tol float64, th *Thresholds) (float64, float64) {
	k := from - 1
	for k > 0 && ys[k-1] < ys[k]+tol/4 {
		k--
	}
	if ys[from]-ys[k] < 3*tol {
		return 0, 0
	}
	if k+1 >= th.FewFullGCs {
		if before := robustFit(xs[:k+1], ys[:k+1]); before.interval95()[0] > 0 && before.b*(xs[k]-xs[0]) > th.noiseMB(ys[0]) {
			return 0, 0
		}
	}
	return xs[from] - xs[k], ys[from] - ys[k]
}

// checkStop looks at the young GCs after the last full GC. After a young GC the heap holds the
// old generation whole — what survived the last full GC plus all that was promoted since — so
// if the program still retained memory at the trend's rate, the heap after young GCs would
// have to rise with it (less at most the young generation, which may still hold some of it).
// Where V8 stopped running full GCs (a cache that filled up, then an idle service), this is
// the only sign that the growth ended. Young GCs under the trend by less than a young
// generation may hold, but by more than their own scatter, show the heap paused: a level, or
// a stepwise leak between steps, which the next GCs tell apart.
func (g *growth) checkStop(p *proc, th *Thresholds, t *Trend) {
	// A growth that slowed at its last full GC (unconfirmed, not paused: too few young GCs
	// after it for a rate of their own) is asked again here: one young GC long after, far
	// under the line, shows the heap stopped (a VIN decoder's cache on Node 25: its last
	// full GC at 13 s left 45 MB, its one young GC at 33 s 52 MB, where the line said 101).
	slowed := g.stopped != nil && g.stopped.unconfirmed && !g.stopped.paused
	if p.youngSinceFull == nil || !t.Significant && !((t.Points < th.SpeedUpMinPoints || risesThroughout(g.ys)) && g.lin.b > 0) || g.stopped != nil && !slowed {
		// Too few full GCs for a significant line may still rise at every one (a metrics
		// service building its rollup tiers: 11 -> 22 -> 38 MB over 18 s, then no full GC for
		// 31 s while its young GCs held 45 MB), or over more of them slowing at each (a build
		// cache's lazy index, 61 -> 80 -> 94 -> 96 MB, then no full GC for 15 s while its
		// young GCs crept 97 -> 103 MB): the young GCs after them tell whether it stopped, as
		// they do after a line that is.
		return
	}
	last := p.fulls[len(p.fulls)-1]
	ys := p.youngSinceFull.all()
	if len(ys) == 0 {
		return
	}
	// The young GCs must show a heap that stopped, not one that grew more slowly than the
	// trend (a machine short of memory slows the program down, and its leak with it), and
	// for a quarter of the time as checkRecent asks of full GCs: a leak that grows in steps
	// holds between them. Too few young GCs for a rate of their own rise at most from the
	// last full GC to the latest of them.
	r := youngRate(p)
	if y := ys[len(ys)-1]; math.IsNaN(r) && y.TimeMS > last.TimeMS {
		r = (y.AfterMB - last.AfterMB) / ((y.TimeMS - last.TimeMS) / 1000)
	}
	if r >= th.RecentRateShare*g.rate() || youngRoseThroughout(ys, th) && r >= th.RecentRateShare/2*g.rate() {
		// Young GCs that left more at every one, at a quarter of the trend's rate or more,
		// show a growth that tapers, not a heap that stopped (as holds asks of full GCs): a
		// cache of user agents growing like √t, whose V8 ran no full GC for its last 22 s
		// while the young GCs rose 34.3 → 42.5 MB, was told "growth ended".
		return
	}
	// The heap has held since the first of the last full GCs that left what the last one
	// left: a level reached at 32 s, found again by a full GC at 41 s and held by the young
	// GCs to 51 s has held for 19 s, not 10.
	held := len(p.fulls) - 1
	for held > 0 && p.fulls[held-1].TimeMS >= g.xs[0]*1000 && math.Abs(p.fulls[held-1].AfterMB-last.AfterMB) <= th.noiseMB(last.AfterMB) {
		held--
	}
	level := p.fulls[held]
	since := ys[len(ys)-1].TimeMS - level.TimeMS
	if since < th.RecentWindowShare*(ys[len(ys)-1].TimeMS-g.xs[0]*1000) {
		return
	}
	if !t.Significant && since < level.TimeMS-g.xs[0]*1000 {
		// Over a few full GCs, a hold no longer than the rise took is no end to it: a tick
		// store whose columns double held 36 MB for 7 s, then 67 MB for 9.5 s, before its next
		// doubling.
		return
	}
	// What a young GC leaves varies by what the young generation still holds, a semi-space
	// at most. Below the trend by more than that, the heap stopped; by more than the young
	// GCs' own scatter only, it paused — a level, or a leak between two steps.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		lo, hi = math.Min(lo, y.AfterMB), math.Max(hi, y.AfterMB)
	}
	var slowedStop *stop
	if slowed {
		// Only a stop the young GCs confirm replaces the slowing; a pause says no more.
		slowedStop, g.stopped = g.stopped, nil
	}
	base, semi := 2*g.lin.s+th.TrendNoiseMB+g.transient, semiSince(p.era.semiMB, ys)
	for _, paused := range []bool{false, true} {
		slack := base + math.Max(semi, 1)
		if paused {
			slack = base + math.Max(math.Min(semi, hi-lo), 1)
		}
		for _, y := range ys {
			dt := (y.TimeMS - level.TimeMS) / 1000
			want := level.AfterMB + g.rate()*dt - slack
			// The latest young GC under the line is the evidence: it shows the longest hold.
			if y.TimeMS > last.TimeMS && y.AfterMB < want && (g.stopped == nil || y.TimeMS > g.stopped.atMS) {
				g.stopped = &stop{fromMS: level.TimeMS, atMS: y.TimeMS, heapMB: y.AfterMB, trendMB: want + slack, paused: paused, unconfirmed: paused}
			}
		}
		if g.stopped != nil || slowed {
			break
		}
	}
	if slowed {
		if g.stopped == nil {
			g.stopped = slowedStop
			return
		}
		t.SlowedAtMS = nil
	}
	switch {
	case g.stopped != nil && g.stopped.paused:
		t.PausedAtMS = &g.stopped.fromMS
	case g.stopped != nil:
		t.StoppedAtMS = &g.stopped.fromMS
	}
}

// youngRoseThroughout reports young GCs, three or more, each of which left more than the one
// before, rising beyond the noise in all.
func youngRoseThroughout(ys []GCPoint, th *Thresholds) bool {
	if len(ys) < 3 || ys[len(ys)-1].AfterMB-ys[0].AfterMB <= th.noiseMB(ys[0].AfterMB) {
		return false
	}
	return risesThroughout(afterOf(ys))
}

// transientMB is the most any full GC left that a later one found freed, when more than the
// noise: the size of the transient memory the full GCs of this process catch.
func transientMB(ys []float64, th *Thresholds) float64 {
	least, most := math.Inf(1), 0.0
	for i := len(ys) - 1; i >= 0; i-- {
		least = math.Min(least, ys[i])
		if d := ys[i] - least; d > th.noiseMB(ys[i]) {
			most = math.Max(most, d)
		}
	}
	return most
}

// trimDeathSpiral drops the trailing points that sit within 10% of the highest heap and fall
// in the last 15% of the time, keeping at least four points.
func trimDeathSpiral(xs, ys []float64, th *Thresholds) ([]float64, []float64) {
	n := len(xs)
	top := 0.0
	for _, y := range ys {
		top = math.Max(top, y)
	}
	cutT := xs[0] + th.SpiralTimeShare*(xs[n-1]-xs[0])
	k := n
	for k > th.SegmentMinPoints && ys[k-1] >= th.SpiralTopShare*top && xs[k-1] >= cutT {
		k--
	}
	if k < n {
		k++ // keep the first point at the limit: the line must reach it
	}
	return xs[:k], ys[:k]
}

// swingOf reads a heap after full GCs that did not grow but swings: far between its floor (the
// 10th percentile) and its peak, falling back near the floor from high up at least twice (a
// heap that grew and then held is a plateau, not a swing). Nil otherwise.
func swingOf(p *proc, t *Trend) *Swing {
	if t == nil || t.Significant || len(p.fulls) < 6 {
		return nil
	}
	ys := make([]float64, len(p.fulls))
	for i, f := range p.fulls {
		ys[i] = f.AfterMB
	}
	sorted := append([]float64(nil), ys...)
	sort.Float64s(sorted)
	floor, peak := stat.Quantile(0.1, stat.Empirical, sorted, nil), sorted[len(sorted)-1]
	if peak-floor < math.Max(32, floor) {
		return nil
	}
	returns, high := 0, false
	for _, y := range ys {
		switch {
		case y >= floor+0.5*(peak-floor):
			high = true
		case high && y <= floor+0.25*(peak-floor):
			returns, high = returns+1, false
		}
	}
	if returns < 2 {
		return nil
	}
	return &Swing{FloorMB: floor, PeakMB: peak}
}

// releasedOnceBefore reports memory the full GCs caught in passing (a full GC left more than a
// later one, by the noise) in one episode only, over before the full GC at start, that had
// risen more than CycleRateRatio times faster than the heap has climbed since (paceMBs).
func releasedOnceBefore(xs, ys []float64, start int, paceMBs float64, th *Thresholds) bool {
	least := math.Inf(1)
	caught := make([]bool, len(ys))
	for i := len(ys) - 1; i >= 0; i-- {
		least = math.Min(least, ys[i])
		caught[i] = ys[i]-least > th.noiseMB(ys[i])
	}
	episodes, peak := 0, -1
	for i, c := range caught {
		if !c {
			continue
		}
		if i >= start {
			return false
		}
		if i == 0 || !caught[i-1] {
			episodes++
		}
		if peak < 0 || ys[i] > ys[peak] {
			peak = i
		}
	}
	if episodes != 1 || peak == 0 {
		return false
	}
	low := lowestOf(ys, 0, peak)
	return xs[peak] > xs[low] && (ys[peak]-ys[low])/(xs[peak]-xs[low]) > th.CycleRateRatio*paceMBs
}

// semiSince is the semi-space the young GCs ys show: the most the heap grew between two of
// them, as a young GC comes when the young generation has filled; semiMB, the most it grew
// over the whole log, bounds it. V8 grows the young generation under a high allocation rate
// and shrinks it when few objects survive, so the largest semi-space of a cache's fill says
// little of what a young GC holds once the cache is full (a VIN decoder's on Node 11: the
// heap grew up to 16 MB between GCs while its cache filled, 2 MB between its young GCs
// after).
func semiSince(semiMB float64, ys []GCPoint) float64 {
	if len(ys) < 3 {
		return semiMB
	}
	grew := 0.0
	for i := 1; i < len(ys); i++ {
		grew = math.Max(grew, ys[i].BeforeMB-ys[i-1].AfterMB)
	}
	return math.Min(grew, semiMB)
}

// promotedGarbageRate is how fast (MB/s) the young GCs promoted objects that the next full GC
// freed, over the last PromotedGarbageIntervals stretches between full GCs: the last young GC
// before a full GC left the live heap plus the garbage promoted since the full GC before it,
// and the full GC took that garbage. The young GCs after the last full GC rise by it as well,
// whatever the live heap does. NaN when no stretch shows it.
func promotedGarbageRate(p *proc) float64 {
	var mb, s float64
	n := 0
	for i := len(p.fulls) - 1; i >= 1 && n < 3; i-- {
		f, prev := p.fulls[i], p.fulls[i-1]
		y := f.youngBefore
		if y.TimeMS <= prev.TimeMS || y.TimeMS > f.TimeMS {
			continue
		}
		mb += math.Max(0, y.AfterMB-f.AfterMB)
		s += (y.TimeMS - prev.TimeMS) / 1000
		n++
	}
	if n == 0 || s <= 0 {
		return math.NaN()
	}
	return mb / s
}
