package analyze

// This file fits the trend of the heap that survives full GCs: over the part of the log where
// the current trend holds, without the death spiral at the limit.

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// trend fits the heap after full GCs over the part of the log where the current trend holds.
func (a *Analyzer) trend(p *proc, out *Process) {
	th := &a.th
	n := len(p.fulls)
	if n < th.FewFullGCs {
		return
	}
	xs, ys := make([]float64, n), make([]float64, n)
	for i, f := range p.fulls {
		xs[i], ys[i] = f.TimeMS/1000, f.AfterMB
	}
	if crashedAtLimit(p) {
		// The death spiral: at the limit V8 runs full GC after full GC, each freeing nothing,
		// in the last moments. Those points say where the limit is, not how fast the heap
		// grew; the trend is read from before them.
		xs, ys = trimDeathSpiral(xs, ys, th)
	}
	start := trendStart(xs, ys, th)
	sx, sy := xs[start:], ys[start:]
	if sx[len(sx)-1]-sx[0] <= 0 {
		return
	}
	f := robustFit(sx, sy)
	iv := f.interval95()
	dur := sx[len(sx)-1] - sx[0]
	growth := f.b * dur
	mean := stat.Mean(sy, nil)
	t := &Trend{
		Method: "robust (Tukey bisquare IRLS)", FromMS: sx[0] * 1000, ToMS: sx[len(sx)-1] * 1000, Points: len(sx),
		SlopeMBPerS: f.b, Interval95: iv, InterceptMB: f.a, RSquared: f.r2, GrowthMB: growth,
	}
	if start > 0 {
		t.Method += ", last segment of a two-segment fit"
	}
	t.Significant = iv[0] > 0 && growth > math.Max(th.TrendNoiseMB, th.TrendNoiseShare*mean)
	out.Trend = t
	slope := f.b
	out.LiveHeapSlopeMBPerS = &slope
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
