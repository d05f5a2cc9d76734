package analyze

// This file holds the time-to-OOM: the trend of the heap after full GCs carried forward, by the
// model that fits it (a straight line, or a parabola when the rate changes), to where this V8
// dies against its limit; its interval is where the 95% prediction band of the heap meets the
// range V8 dies in. For a crashed log it also says how early the prediction was right.

import (
	"math"
	"sort"
)

// forecast is a predicted crash: when, the 95% interval, and the model it comes from.
type forecast struct {
	ms     float64
	lo, hi float64
	model  string
}

// predict extrapolates the trend to where V8 dies. Only a leak gets a prediction: a plateau or
// a healthy heap has no time-to-OOM, and neither has a heap that went past a limit this V8
// does not enforce.
func (a *Analyzer) predict(p *proc, out *Process) {
	g := p.growth
	if out.Verdict != VerdictLeak || g == nil || out.Trend == nil || !out.Trend.Significant {
		return
	}
	if out.Trend.Resumed != nil {
		// The trend is the growth before a level the heap held for a while: carried over
		// the level, it puts the limit where the heap had not gone (a chart with an OOM line
		// through 5 s of flat heap). When a paused leak dies is the pause's length, which
		// no line tells.
		return
	}
	d := deathPointOf(p, out)
	if d == nil || d.ignored {
		return
	}
	alive := 0.0
	if p.crash == nil {
		alive = p.last / 1000 // the log shows the process alive until its last line
	}
	fc, ok := g.forecast(d, alive)
	if !ok && g.model == ModelDecelerating && g.transient > 0 {
		fc, ok = g.averageForecast(d, alive)
	}
	if !ok {
		return
	}
	out.PredictedOOMMS, out.PredictedOOMIntervalMS = &fc.ms, &[2]float64{fc.lo, fc.hi}
	out.PredictionModel = fc.model
	if g.excessMB > 0 {
		onTop := g.excessMB
		out.PredictionOnTopMB = &onTop
	}
	if p.crash != nil && p.crash.TimeMS != nil {
		out.PredictableFromMS = predictableFrom(p, d, *p.crash.TimeMS, a.th.PredictableWithin, &a.th)
		out.Predictable10FromMS = predictableFrom(p, d, *p.crash.TimeMS, 0.1, &a.th)
	}
}

// forecast carries the growth forward to the death point d. The horizon is generous — a slow
// leak may have days left — and the interval's far end is left at ten times the predicted
// time ahead when the lower band never reaches the limit. alive is the last time (seconds)
// the log shows the process alive, 0 for a process that died: a heap that the trend puts at
// the death point already may die at any full GC from then on, not before.
func (g *growth) forecast(d *deathPoint, alive float64) (forecast, bool) {
	end := g.xs[len(g.xs)-1]
	rate := g.rate()
	if rate <= 0 {
		return forecast{}, false
	}
	now := g.at(end)
	horizon := end + 100*math.Max(end-g.xs[0], 1) + 10*math.Max(d.hi-now, 1)/rate
	// A floor dies when it plus what the program holds on top of it now and then reaches
	// the limit: the estimate and the early end assume the next such hold comes as the
	// floor gets there, the late end that none does.
	mid, ok := crossing(g.at, d.mb-g.excessMB, end, horizon)
	if !ok {
		return forecast{}, false
	}
	lo, ok := crossing(func(x float64) float64 { return g.at(x) + g.band(x) }, d.lo-g.excessMB, end, horizon)
	if !ok {
		lo = end
	}
	hi, ok := crossing(func(x float64) float64 { return g.at(x) - g.band(x) }, d.hi, end, horizon)
	if !ok || d.open() {
		hi = end + 10*(mid-end) // open-ended: the band never reaches the limit, or V8 may not enforce it
	}
	if q := g.quad; g.model == ModelLinear && q != nil && q.c > 0 {
		// The straight line was preferred, but a curve that bends up fits the points too:
		// the interval holds the earlier death it would bring.
		if qlo, ok := crossing(func(x float64) float64 { return q.at(x) + q.band(x) }, d.lo, end, horizon); ok {
			lo = math.Min(lo, qlo)
		}
	}
	if q := g.quad; g.exp != nil && q != nil {
		// Two models of an accelerating growth: the estimate is their average by Akaike
		// weight, and the interval holds both (the exponential's band is given its rate
		// constant; the parabola dies later).
		if qmid, ok := crossing(q.at, d.mb, end, horizon); ok {
			mid = g.expWeight*mid + (1-g.expWeight)*qmid
		}
		if qhi, ok := crossing(func(x float64) float64 { return q.at(x) - q.band(x) }, d.hi, end, horizon); ok && !d.open() {
			hi = math.Max(hi, qhi)
		}
	}
	if g.model == ModelAccelerating && !d.open() {
		// If the rate stops rising — a leak in steps whose last step read as a bend — the
		// line's end is the later bound.
		if lhi, ok := crossing(g.lin.at, d.hi, end, horizon); ok {
			hi = math.Max(hi, lhi)
		}
	}
	if g.exp != nil && g.quad == nil && !d.open() {
		// Too few full GCs for a parabola: the acceleration is read from its consistency
		// alone.
		if lmid, ok := crossing(g.lin.at, d.mb-g.excessMB, end, horizon); ok {
			mid = g.expWeight*mid + (1-g.expWeight)*lmid
		}
	}
	// V8 dies at a full GC, not at the moment the trend crosses the line: on average half
	// the time between full GCs later (unless the point is the heap the crash's GC left).
	w := g.gcGap() / 2
	if d.reached {
		w = 0
	}
	if ahead, span := mid-end, end-g.xs[0]; ahead > 0 && span > 0 {
		// The band is the line's: past the window it was fitted on, the rate itself may
		// change (a leak in steps pauses, a spiky one has quiet spells), the more so the
		// further ahead of what the log shows.
		reach := unseenRateShare * math.Min(ahead/span, unseenRateCap)
		hi = math.Max(hi, mid+ahead*reach)
		lo = math.Min(lo, end+ahead/(1+reach))
	}
	if st := g.between; st != nil {
		// Between two steps the heap climbs by the next one whenever it comes: the line
		// through the steps crosses the death point up to a step's period before or after
		// the step that does.
		lo, hi = lo-st.EveryS, hi+st.EveryS
	}
	mid = math.Max(mid, alive)
	lo = math.Max(math.Min(lo, mid), alive)
	return forecast{ms: (mid + w) * 1000, lo: lo * 1000, hi: (math.Max(hi, mid) + 2*w) * 1000, model: g.model}, true
}

// unseenRateShare and unseenRateCap widen a forecast's interval for a horizon past the
// trend's window: ahead of it by a times the window, the late end is at least (1 +
// unseenRateShare·min(a, unseenRateCap)) times as far ahead as the estimate, the early end
// that many times nearer.
const (
	unseenRateShare = 0.5
	unseenRateCap   = 4
)

// averageForecast is the forecast of a leak whose full GCs caught transient memory and whose
// curve bends down to a peak while the verdict found the growth going on (the floor under
// what they caught still rises): a parabola bends to whichever full GCs caught a burst, and
// reaches no limit; the average rate does. Its late end is left open, in case the slowing is
// the growth's own.
//
// A growth without transients whose curve levels off under the limit gets none: it may be a
// cache filling up. Giving it the average rate's (2026-12-04) forecast eight more steady cuts
// of the evaluation, most within 20%, but warned live of a bounded memo cache on Node 22
// while it filled ("heap limit reached in ~10 s"); the report says what the average rate
// would give instead (slowingNoForecast), and a warning waits for the curve to stop slowing.
func (g *growth) averageForecast(d *deathPoint, alive float64) (forecast, bool) {
	line := *g
	line.model, line.exp = ModelLinear, nil
	fc, ok := line.forecast(d, alive)
	if !ok {
		return forecast{}, false
	}
	end := 1000 * g.xs[len(g.xs)-1]
	fc.hi = math.Max(fc.hi, end+10*(fc.ms-end))
	fc.model = ModelAverage
	return fc, true
}

// slowing is a live leak's growth that slows towards a level under where V8 dies, without a
// time-to-OOM: the level the curve reaches and when, the rates at the end and on average, and
// when the average rate would reach the death point (deathMB; the range where V8 may end it
// starts at earlyMB).
type slowing struct {
	levelMB, levelMS            float64
	rateNow, rateAverage        float64
	deathMB, earlyMB, averageMS float64
}

// slowingNoForecast reads a live process read LEAK whose curve, without transients, levels off
// under where V8 dies, so that it got no time-to-OOM (averageForecast says why): the report
// says what the average rate would give, as a condition, not as a forecast. Nil otherwise.
func slowingNoForecast(p *proc, out *Process) *slowing {
	g := p.growth
	if out.Verdict != VerdictLeak || out.PredictedOOMMS != nil || p.crash != nil || out.LastMS == nil || g == nil ||
		g.model != ModelDecelerating || g.transient > 0 || g.quad == nil || g.quad.c >= 0 || g.rate() <= 0 {
		return nil
	}
	d := deathPointOf(p, out)
	if d == nil || d.ignored {
		return nil
	}
	fc, ok := g.averageForecast(d, p.last/1000)
	if !ok {
		return nil
	}
	q := g.quad
	peakX := q.vertex()
	return &slowing{levelMB: q.at(peakX), levelMS: 1000 * peakX, rateNow: g.rate(), rateAverage: g.lin.b, deathMB: d.mb, earlyMB: d.lo, averageMS: fc.ms}
}

// buys is how many seconds more the growth's model takes to reach the heap bigger than to
// reach limit, both in MB after full GC; ok is false when it reaches neither.
func (g *growth) buys(limit, bigger float64) (float64, bool) {
	if g == nil || len(g.xs) == 0 || g.rate() <= 0 {
		return 0, false
	}
	end := g.xs[len(g.xs)-1]
	horizon := end + 100*math.Max(end-g.xs[0], 1) + 10*bigger/g.rate()
	t1, ok1 := crossing(g.at, limit, end, horizon)
	t2, ok2 := crossing(g.at, bigger, end, horizon)
	return t2 - t1, ok1 && ok2 && t2 >= t1
}

// gcGap is the typical time between the last full GCs of the window.
func (g *growth) gcGap() float64 {
	n := len(g.xs)
	if n < 2 {
		return 0
	}
	var gaps []float64
	for i := max(1, n-3); i < n; i++ {
		gaps = append(gaps, g.xs[i]-g.xs[i-1])
	}
	sort.Float64s(gaps)
	return gaps[len(gaps)/2]
}

// at is the heap the model expects after a full GC at time x (seconds).
func (g *growth) at(x float64) float64 {
	if g.exp != nil {
		return g.exp.at(x)
	}
	if g.model != ModelLinear && g.quad != nil {
		return g.quad.at(x)
	}
	return g.lin.at(x)
}

// band is the half-width of the model's 95% prediction band at x.
func (g *growth) band(x float64) float64 {
	if g.exp != nil {
		return g.exp.band(x)
	}
	if g.model != ModelLinear && g.quad != nil {
		return g.quad.band(x)
	}
	return g.lin.band(x)
}

// predictableFrom finds the earliest cut of the log from which the prediction made with the
// full GCs up to the cut stayed within the share within of the real crash time.
func predictableFrom(p *proc, d *deathPoint, crashMS, within float64, th *Thresholds) *float64 {
	n := len(p.fulls)
	step := max(1, n/60)
	xsAll, ysAll := p.fullSeries()
	var from *float64
	for k := n; k >= th.SegmentMinPoints; k -= step {
		// Each cut is read as the report reads a log: a cut whose trend the report would not
		// call growth gives no prediction.
		g, t := readWindow(xsAll[:k], ysAll[:k], th)
		if g == nil || !t.Significant {
			break
		}
		fc, ok := g.forecast(d, 0)
		if !ok || math.Abs(fc.ms-crashMS) > within*crashMS {
			break
		}
		v := p.fulls[k-1].TimeMS
		from = &v
	}
	return from
}
