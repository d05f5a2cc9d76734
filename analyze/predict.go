package analyze

// This file holds the time-to-OOM: the trend of the heap after full GCs extrapolated to the
// heap limit, and how early in a crashed log that prediction would have been right.

import "math"

// predict extrapolates the trend to the heap limit. Only a leak gets a prediction: a plateau
// or a healthy heap has no time-to-OOM.
func (a *Analyzer) predict(p *proc, out *Process) {
	if out.Verdict != VerdictLeak || out.HeapLimitMB == nil || out.Trend == nil || !out.Trend.Significant {
		return
	}
	pred, iv, ok := extrapolate(out.Trend, *out.HeapLimitMB)
	if !ok {
		return
	}
	out.PredictedOOMMS, out.PredictedOOMIntervalMS = &pred, &iv
	if p.crash != nil && p.crash.TimeMS != nil {
		out.PredictableFromMS = predictableFrom(p, *out.HeapLimitMB, *p.crash.TimeMS, &a.th)
	}
}

// extrapolate returns when the fitted line reaches limit, with the interval the slope's 95%
// interval gives.
func extrapolate(t *Trend, limit float64) (float64, [2]float64, bool) {
	if t.SlopeMBPerS <= 0 {
		return 0, [2]float64{}, false
	}
	tEnd := t.ToMS / 1000
	h := t.InterceptMB + t.SlopeMBPerS*tEnd
	left := limit - h
	if left <= 0 {
		return t.ToMS, [2]float64{t.ToMS, t.ToMS}, true
	}
	pred := (tEnd + left/t.SlopeMBPerS) * 1000
	lo, hi := t.Interval95[0], t.Interval95[1]
	iv := [2]float64{(tEnd + left/hi) * 1000, math.Inf(1)}
	if lo > 0 {
		iv[1] = (tEnd + left/lo) * 1000
	}
	if math.IsInf(iv[1], 1) {
		iv[1] = pred * 10
	}
	return pred, iv, true
}

// predictableFrom finds the earliest cut of the log from which the prediction made with the
// full GCs up to the cut stayed within Thresholds.PredictableWithin of the real crash time.
func predictableFrom(p *proc, limit, crashMS float64, th *Thresholds) *float64 {
	n := len(p.fulls)
	step := max(1, n/60)
	all := make([]float64, 2*n)
	xsAll, ysAll := all[:n], all[n:]
	for i, f := range p.fulls {
		xsAll[i], ysAll[i] = f.TimeMS/1000, f.AfterMB
	}
	var from *float64
	for k := n; k >= th.SegmentMinPoints; k -= step {
		xs, ys := xsAll[:k], ysAll[:k]
		s := trendStart(xs, ys, th)
		if xs[k-1]-xs[s] <= 0 {
			break
		}
		f := robustFit(xs[s:], ys[s:])
		t := &Trend{SlopeMBPerS: f.b, InterceptMB: f.a, ToMS: xs[k-1] * 1000, Interval95: f.interval95()}
		pred, _, ok := extrapolate(t, limit)
		if !ok || math.Abs(pred-crashMS) > th.PredictableWithin*crashMS {
			break
		}
		v := p.fulls[k-1].TimeMS
		from = &v
	}
	return from
}
