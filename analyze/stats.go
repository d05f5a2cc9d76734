package analyze

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// This file holds the statistics: pause quantiles, the robust trend of the heap after full GCs
// and its segment, and the pause timeline behind mutator utilization and the MMU curve.

func quantiles(xs []float64) *PauseStats {
	if len(xs) == 0 {
		return nil
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	ps := &PauseStats{Count: len(s), MaxMS: s[len(s)-1]}
	ps.TotalMS = floats.Sum(s)
	ps.MeanMS = ps.TotalMS / float64(len(s))
	ps.P50MS = stat.Quantile(0.50, stat.Empirical, s, nil)
	ps.P95MS = stat.Quantile(0.95, stat.Empirical, s, nil)
	ps.P99MS = stat.Quantile(0.99, stat.Empirical, s, nil)
	return ps
}

// fit is a weighted straight line y = a + b·x (x in seconds, y in MB).
type fit struct {
	a, b float64
	se   float64 // standard error of b
	r2   float64
	n    int
	// s is the residual scale; mx and sxx the weighted mean and spread of x: with se they
	// give the prediction band.
	s, mx, sxx float64
	// w are the robust weights the points ended with (robustFit); 0 is a point the line
	// rejected.
	w []float64
	// dof, when set, is the degrees of freedom of the slope's interval, in place of n−2:
	// weights that make a few points carry the line leave fewer than their count.
	dof float64
}

// at is the fitted value at x.
func (f fit) at(x float64) float64 { return f.a + f.b*x }

// band is the half-width of the 95% prediction band at x: where a new point (the heap after a
// future full GC) falls, the uncertainty of the line and the scatter of the points together.
func (f fit) band(x float64) float64 {
	d := x - f.mx
	v := f.s * f.s
	if f.sxx > 0 {
		v += f.s * f.s * (1/math.Max(float64(f.n), 1) + d*d/f.sxx)
	}
	return tQuantile(f.n-2) * math.Sqrt(v)
}

// bisquare sets Tukey's bisquare weights for residuals res, with the residual scale from
// their median absolute deviation. It reports whether a weight changed: false when the
// weights have settled or the residuals are all but zero, and the reweighting is done.
func bisquare(res, w []float64) bool {
	abs := make([]float64, len(res))
	for i, r := range res {
		abs[i] = math.Abs(r)
	}
	sort.Float64s(abs)
	scale := 1.4826 * stat.Quantile(0.5, stat.Empirical, abs, nil)
	if scale < 1e-9 {
		return false
	}
	changed := false
	for i, r := range res {
		u := r / (4.685 * scale)
		nw := 0.0
		if math.Abs(u) < 1 {
			nw = (1 - u*u) * (1 - u*u)
		}
		changed = changed || math.Abs(nw-w[i]) > 1e-6
		w[i] = nw
	}
	return changed
}

// robustFit fits a line resistant to the odd outlier GC: iteratively reweighted least squares
// with Tukey's bisquare weights, the residual scale from the median absolute deviation.
func robustFit(xs, ys []float64) fit {
	n := len(xs)
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	var a, b float64
	res := make([]float64, n)
	for iter := 0; iter < 20; iter++ {
		a, b = stat.LinearRegression(xs, ys, w, false)
		for i := range xs {
			res[i] = ys[i] - (a + b*xs[i])
		}
		if !bisquare(res, w) {
			break
		}
	}
	if kept := countAbove(w, 1e-9); kept < 3 && n >= 3 {
		// The weights left two points or fewer: a line through them has no residual to
		// judge it by (a zero-width interval, R² 1 through four full GCs of which the two of a
		// start-up load got no weight). With too few points to tell outliers from the line,
		// all of them count.
		for i := range w {
			w[i] = 1
		}
		a, b = stat.LinearRegression(xs, ys, w, false)
	}
	return lineFit(xs, ys, w, a, b)
}

// weightedFit is the weighted least-squares line through the points with weights w.
func weightedFit(xs, ys, w []float64) fit {
	a, b := stat.LinearRegression(xs, ys, w, false)
	return lineFit(xs, ys, w, a, b)
}

// lineFit is the line a + b·x through the points with weights w, with the standard error of
// its slope from the weighted residuals.
func lineFit(xs, ys, w []float64, a, b float64) fit {
	n := len(xs)
	f := fit{a: a, b: b, n: n, w: w}
	// Standard error of the slope from the weighted residuals.
	var sw, swx float64
	for i := range xs {
		sw += w[i]
		swx += w[i] * xs[i]
	}
	if sw > 0 && n > 2 {
		mx := swx / sw
		var sxx, sse float64
		for i := range xs {
			d := xs[i] - mx
			sxx += w[i] * d * d
			r := ys[i] - (a + b*xs[i])
			sse += w[i] * r * r
		}
		if sxx > 0 {
			dof := math.Max(sw-2, 1)
			f.se = math.Sqrt(sse / dof / sxx)
			f.s, f.mx, f.sxx = math.Sqrt(sse/dof), mx, sxx
		}
	}
	f.r2 = stat.RSquared(xs, ys, w, a, b)
	if math.IsNaN(f.r2) {
		f.r2 = 0
	}
	return f
}

// interval95 returns the 95% interval of the slope.
func (f fit) interval95() [2]float64 {
	dof := float64(f.n - 2)
	if f.dof > 0 {
		dof = f.dof
	}
	if dof < 1 {
		dof = 1
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: dof}.Quantile(0.975)
	return [2]float64{f.b - t*f.se, f.b + t*f.se}
}

// countAbove counts the values above min.
func countAbove(xs []float64, min float64) int {
	n := 0
	for _, x := range xs {
		if x > min {
			n++
		}
	}
	return n
}

// sse returns the sum of squared residuals of an ordinary least-squares line through the
// points, the measure of how well one straight line explains a stretch of the log.
func sse(xs, ys []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	a, b := stat.LinearRegression(xs, ys, nil, false)
	var s float64
	for i := range xs {
		r := ys[i] - (a + b*xs[i])
		s += r * r
	}
	return s
}

// trendStart finds where the current trend of the heap after full GCs starts: the breakpoint
// of the best two-segment fit, when two segments explain the log much better than one and the
// last segment is long enough to stand on its own. A leak that starts late, or a growth
// that stopped (a cache filling up, then bounded), is then read from its last part.
func trendStart(xs, ys []float64, th *Thresholds) int {
	n := len(xs)
	minSeg := th.SegmentMinPoints
	if n < 2*minSeg {
		return 0
	}
	one := sse(xs, ys)
	best, bestSSE := 0, one
	for b := minSeg; b <= n-minSeg; b++ {
		s := sse(xs[:b], ys[:b]) + sse(xs[b:], ys[b:])
		if s < bestSSE {
			best, bestSSE = b, s
		}
	}
	// The last segment must cover a quarter of the time to count as the current trend.
	if best == 0 || bestSSE > th.SegmentSSEShare*one || xs[n-1]-xs[best] < th.SegmentMinTimeShare*(xs[n-1]-xs[0]) {
		return 0
	}
	return best
}

// timeline answers "how much GC time fell in [from, to]" in O(log n) from prefix sums. It
// holds the pauses (young GCs, and full GCs' atomic pauses) as intervals [t−ms, t] that do
// not overlap, and, apart, the incremental marking before each full GC whose trace says over
// how much wall time it ran, spread evenly over that time: V8 marks in small steps between the
// program's work, so a window shorter than the marking is not all GC. A full GC whose trace
// does not say is one block, its marking right before its pause.
type timeline struct {
	ps      spans // the pauses, in time order
	marking spans // the spread incremental marking, in time order
}

// spans are intervals [t−span, t] holding ms of GC each (ms ≤ span), in time order, with the
// prefix sums of ms.
type spans struct {
	ps     []pause
	prefix []float64
}

func newSpans(ps []pause) spans {
	if !sort.SliceIsSorted(ps, func(i, j int) bool { return ps[i].t < ps[j].t }) {
		// A log whose clock goes backwards (a restart with the same isolate address, a
		// garbled line): the timeline needs time order.
		ps = append([]pause(nil), ps...)
		slices.SortStableFunc(ps, func(a, b pause) int { return cmp.Compare(a.t, b.t) })
	}
	prefix := make([]float64, len(ps)+1)
	for i, p := range ps {
		prefix[i+1] = prefix[i] + p.ms
	}
	return spans{ps: ps, prefix: prefix}
}

func newTimeline(ps []pause) timeline {
	pauses := make([]pause, 0, len(ps))
	var marking []pause
	for _, p := range ps {
		if p.n > 1 {
			pauses = append(pauses, p) // a group: its time spread over its interval
			continue
		}
		incr := p.ms - p.atom
		if !p.full || p.wall <= 0 || incr <= 0 {
			pauses = append(pauses, pause{t: p.t, ms: p.ms})
			continue
		}
		pauses = append(pauses, pause{t: p.t, ms: p.atom})
		// The marking ends where the atomic pause begins; the wall time V8 prints runs to
		// the pause, and holds at least the marking itself.
		marking = append(marking, pause{t: p.t - p.atom, ms: incr, wall: math.Max(p.wall, incr)})
	}
	return timeline{ps: newSpans(pauses), marking: newSpans(marking)}
}

// overlap is the GC time of p within [from, to].
func overlap(p pause, from, to float64) float64 {
	l := p.length()
	if l <= 0 {
		return 0 // a GC whose line lost its pause (cut short) took no time the log shows
	}
	lo, hi := math.Max(p.t-l, from), math.Min(p.t, to)
	return math.Max(hi-lo, 0) * p.ms / l
}

// gcIn returns the GC time within [from, to].
func (tl timeline) gcIn(from, to float64) float64 {
	return tl.ps.gcIn(from, to) + tl.marking.gcIn(from, to)
}

// gcIn returns the GC time of the spans within [from, to].
func (sp spans) gcIn(from, to float64) float64 {
	n := len(sp.ps)
	i := sort.Search(n, func(k int) bool { return sp.ps[k].t > from }) // first ending after from
	j := sort.Search(n, func(k int) bool { return sp.ps[k].t >= to })  // first ending at or after to
	return sp.between(i, j, from, to)
}

// between returns the GC time within [from, to], given i, the first span ending after from,
// and j, the first ending at or after to.
func (sp spans) between(i, j int, from, to float64) float64 {
	n := len(sp.ps)
	if i >= j {
		if i < n {
			return overlap(sp.ps[i], from, to)
		}
		return 0
	}
	s := sp.prefix[j] - sp.prefix[i]
	s -= sp.ps[i].ms - overlap(sp.ps[i], from, to) // the first may have started before from
	if j < n {
		s += overlap(sp.ps[j], from, to) // the one ending after to may have started before it
	}
	return s
}

// cursor answers gcIn for windows that move forward, in amortised O(1): it remembers where
// the last window's spans began and ended.
type cursor struct {
	sp   spans
	i, j int
	from float64
}

func newCursor(sp spans) cursor { return cursor{sp: sp, from: math.Inf(-1)} }

func (c *cursor) gcIn(from, to float64) float64 {
	ps := c.sp.ps
	n := len(ps)
	if from < c.from { // moved backwards (overlapping merged pauses): search again
		c.i = sort.Search(n, func(k int) bool { return ps[k].t > from })
		c.j = c.i
	}
	c.from = from
	for c.i < n && ps[c.i].t <= from {
		c.i++
	}
	if c.j < c.i {
		c.j = c.i
	}
	for c.j < n && ps[c.j].t < to {
		c.j++
	}
	return c.sp.between(c.i, c.j, from, to)
}

// candidates are the intervals whose windows mmu tries, as [start, end] pairs, in order of
// their starts and of their ends.
type candidates struct {
	byStart, byEnd [][2]float64
}

// candidates returns the intervals whose windows mmu tries: every pause up to a few thousand
// (past that the 1,000 longest, where the worst short windows are, and every k-th of the
// rest, for long windows, where one pause more or less moves the share by ms/window), and
// every spread marking.
func (tl timeline) candidates() candidates {
	ps := tl.ps.ps
	n := len(ps)
	const dense = 6000
	pick := make([]bool, n)
	if n <= dense {
		for i := range pick {
			pick[i] = true
		}
	} else {
		byLen := make([]int, n)
		for i := range byLen {
			byLen[i] = i
		}
		sort.Slice(byLen, func(a, b int) bool { return ps[byLen[a]].ms > ps[byLen[b]].ms })
		for _, i := range byLen[:1000] {
			pick[i] = true
		}
		for i := 0; i < n; i += n / (dense - 1000) {
			pick[i] = true
		}
	}
	var out [][2]float64
	for i, ok := range pick {
		if ok {
			out = append(out, [2]float64{ps[i].t - ps[i].length(), ps[i].t})
		}
	}
	for _, m := range tl.marking.ps {
		out = append(out, [2]float64{m.t - m.length(), m.t})
	}
	slices.SortFunc(out, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	byEnd := slices.Clone(out)
	slices.SortFunc(byEnd, func(a, b [2]float64) int { return cmp.Compare(a[1], b[1]) })
	return candidates{byStart: out, byEnd: byEnd}
}

// mmu computes the minimum mutator utilization for a window: the smallest share of any
// window of that length not spent in GC. The worst window starts where an interval starts or
// ends where one ends; the candidates' windows are tried in two forward sweeps.
func (tl timeline) mmu(window, span0, span1 float64, cand candidates) float64 {
	if window <= 0 || span1-span0 < window || len(tl.ps.ps)+len(tl.marking.ps) == 0 {
		return math.NaN()
	}
	worst := 1.0
	for sweep, list := range [][][2]float64{cand.byStart, cand.byEnd} {
		cp, cm := newCursor(tl.ps), newCursor(tl.marking)
		for _, c := range list {
			from := c[0] // windows that start where an interval starts
			if sweep == 1 {
				from = c[1] - window // windows that end where an interval ends
			}
			from = math.Min(math.Max(from, span0), span1-window)
			if u := 1 - (cp.gcIn(from, from+window)+cm.gcIn(from, from+window))/window; u < worst {
				worst = u
			}
		}
	}
	return math.Max(worst, 0)
}

// quadFit is a weighted parabola y = a + b·(x−x0) + c·(x−x0)² through the points, x0 the first x:
// the model of a trend whose rate changes (a leak that speeds up, a growth that levels off).
type quadFit struct {
	x0, a, b, c float64
	// seC is the standard error of c; s the residual scale; n the points that carry weight.
	seC, s float64
	n      int
	// cov is the covariance of (a, b, c), for the prediction band.
	cov *mat.SymDense
}

// at is the fitted value at x.
func (q quadFit) at(x float64) float64 {
	d := x - q.x0
	return q.a + q.b*d + q.c*d*d
}

// slopeAt is the fitted rate of change at x.
func (q quadFit) slopeAt(x float64) float64 { return q.b + 2*q.c*(x-q.x0) }

// vertex is where the parabola turns (its slope is zero): the peak of one that bends down.
// It is meaningless for a straight line (c == 0); callers check the bend first.
func (q quadFit) vertex() float64 { return q.x0 - q.b/(2*q.c) }

// robustQuad fits a parabola resistant to the odd outlier, as robustFit fits a line: least
// squares reweighted with Tukey's bisquare until the weights settle. ok is false when the
// points cannot determine a parabola (fewer than five, or all at two times).
func robustQuad(xs, ys []float64) (quadFit, bool) {
	n := len(xs)
	if n < 5 {
		return quadFit{}, false
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	var q quadFit
	res := make([]float64, n)
	for iter := 0; iter < 20; iter++ {
		next, ok := weightedQuad(xs, ys, w)
		if !ok {
			// Too few points kept their weight for a parabola: the last fit stands, or none
			// if even the unweighted one failed.
			return q, iter > 0
		}
		q = next
		for i := range xs {
			res[i] = ys[i] - q.at(xs[i])
		}
		if !bisquare(res, w) {
			break
		}
	}
	return q, true
}

// weightedQuad solves the weighted least-squares parabola with gonum's QR.
func weightedQuad(xs, ys, w []float64) (quadFit, bool) {
	n := len(xs)
	x0 := xs[0]
	X := mat.NewDense(n, 3, nil)
	y := mat.NewVecDense(n, nil)
	used := 0
	for i := range xs {
		sw := math.Sqrt(w[i])
		if sw > 0 {
			used++
		}
		d := xs[i] - x0
		X.SetRow(i, []float64{sw, sw * d, sw * d * d})
		y.SetVec(i, sw*ys[i])
	}
	if used < 5 {
		return quadFit{}, false
	}
	var qr mat.QR
	qr.Factorize(X)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, y); err != nil {
		return quadFit{}, false
	}
	q := quadFit{x0: x0, a: beta.AtVec(0), b: beta.AtVec(1), c: beta.AtVec(2), n: used}
	var sse float64
	for i := range xs {
		r := ys[i] - q.at(xs[i])
		sse += w[i] * r * r
	}
	q.s = math.Sqrt(sse / math.Max(float64(used-3), 1))
	// cov = s²·(XᵀWX)⁻¹
	var xtx mat.SymDense
	xtx.SymOuterK(1, X.T())
	var inv mat.SymDense
	var chol mat.Cholesky
	if !chol.Factorize(&xtx) || chol.InverseTo(&inv) != nil {
		return quadFit{}, false
	}
	inv.ScaleSym(q.s*q.s, &inv)
	q.cov = &inv
	q.seC = math.Sqrt(math.Max(inv.At(2, 2), 0))
	return q, true
}

// band is the half-width of the 95% prediction band of the parabola at x: where a new point
// (the heap after a future full GC) falls, the fit's own uncertainty and the scatter together.
func (q quadFit) band(x float64) float64 {
	d := x - q.x0
	v := []float64{1, d, d * d}
	var varFit float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			varFit += v[i] * q.cov.At(i, j) * v[j]
		}
	}
	return tQuantile(q.n-3) * math.Sqrt(q.s*q.s+math.Max(varFit, 0))
}

// tQuantile is the two-sided 95% quantile of Student's t with dof degrees of freedom. The
// prediction bands ask for it at every point they try, so the first values are kept.
func tQuantile(dof int) float64 {
	dof = max(dof, 1)
	if dof < len(tQuantiles) {
		return tQuantiles[dof]
	}
	// Past 255 degrees of freedom t is the normal quantile with Cornish–Fisher's first
	// correction, exact to four digits.
	const z = 1.959963984540054
	return z + (z*z*z+z)/(4*float64(dof))
}

// tQuantiles holds tQuantile for 1–255 degrees of freedom.
var tQuantiles = func() [256]float64 {
	var q [256]float64
	for dof := 1; dof < len(q); dof++ {
		q[dof] = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(dof)}.Quantile(0.975)
	}
	return q
}()

// crossing returns the first x in [from, to] at which rises(x) reaches level, found by
// scanning and then bisecting; ok is false when it does not within the range.
func crossing(rises func(float64) float64, level, from, to float64) (float64, bool) {
	const steps = 400
	prev := from
	if rises(from) >= level {
		return from, true
	}
	for i := 1; i <= steps; i++ {
		x := from + (to-from)*float64(i)/steps
		if rises(x) >= level {
			lo, hi := prev, x
			for k := 0; k < 60; k++ {
				mid := (lo + hi) / 2
				if rises(mid) >= level {
					hi = mid
				} else {
					lo = mid
				}
			}
			return hi, true
		}
		prev = x
	}
	return 0, false
}

// expFit is the heap of a leak whose rate grows in proportion to itself: y = a + b·e^(k·(x−x0)),
// the rate doubling every ln 2 / k seconds (a retry queue that retains more the longer it
// is, a cache keyed by a set that doubles). For its k it is a straight line in u = e^(k·(x−x0)),
// and lin is that line; its band is the line's, given k.
type expFit struct {
	x0, k float64
	lin   fit
}

// at is the fitted value at x.
func (e expFit) at(x float64) float64 { return e.lin.at(e.u(x)) }

// band is the half-width of the 95% prediction band at x, given k.
func (e expFit) band(x float64) float64 { return e.lin.band(e.u(x)) }

// slopeAt is the fitted rate of change at x.
func (e expFit) slopeAt(x float64) float64 { return e.lin.b * e.k * e.u(x) }

func (e expFit) u(x float64) float64 { return math.Exp(e.k * (x - e.x0)) }

// robustExp fits an expFit: for each rate constant k on a grid from a rate that doubles once
// over the window to one that doubles forty times, the robust line in e^(k·(x−x0)); the k whose
// line leaves the least squared error is kept. ok is false with fewer than four points or no
// growing fit.
func robustExp(xs, ys []float64) (expFit, bool) {
	n := len(xs)
	if n < 4 {
		return expFit{}, false
	}
	span := xs[n-1] - xs[0]
	if span <= 0 {
		return expFit{}, false
	}
	var best expFit
	bestSSE := math.Inf(1)
	us := make([]float64, n)
	const steps = 120
	for i := 0; i <= steps; i++ {
		doublings := math.Pow(40, float64(i)/steps) // 1 … 40 doublings over the window
		e := expFit{x0: xs[0], k: doublings * math.Ln2 / span}
		for j, x := range xs {
			us[j] = e.u(x)
		}
		e.lin = robustFit(us, ys)
		if e.lin.b <= 0 {
			continue
		}
		if s := sseOf(e.at, xs, ys); s < bestSSE {
			best, bestSSE = e, s
		}
	}
	return best, !math.IsInf(bestSSE, 1)
}

// median returns the middle of xs (the empirical quantile at 0.5).
func median(xs []float64) float64 {
	return stat.Quantile(0.5, stat.Empirical, sortedCopy(xs), nil)
}
