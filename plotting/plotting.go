// Package plotting draws the charts of an analyze.Process with gonum/plot: heap over time with
// the trend and the time-to-OOM extrapolation, pauses, mutator utilization, the MMU curve, and a
// dashboard that stacks them under a title line. It parses nothing and computes no statistics
// of its own: every number it draws comes from the report.
package plotting

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/internal/units"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	_ "gonum.org/v1/plot/vg/vgpdf" // registers the pdf format
	_ "gonum.org/v1/plot/vg/vgsvg" // registers the svg format
)

// Chart names.
const (
	ChartHeap      = "heap"
	ChartPauses    = "pauses"
	ChartMu        = "mu"
	ChartMMU       = "mmu"
	ChartDashboard = "dashboard"
)

// Charts lists the single charts, in dashboard order.
var Charts = []string{ChartHeap, ChartPauses, ChartMu, ChartMMU}

// AllCharts lists every chart Write draws: the dashboard, then the single charts.
var AllCharts = append([]string{ChartDashboard}, Charts...)

// Formats lists the image formats Write writes, the default first.
var Formats = []string{"png", "svg", "pdf"}

// Palette: colour-blind-safe (Okabe–Ito).
var (
	colScavenge  = color.RGBA{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff} // sky blue
	colFull      = color.RGBA{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff} // vermillion
	colCommitted = color.RGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	colTrend     = color.RGBA{R: 0x00, G: 0x72, B: 0xb2, A: 0xff} // blue
	colLimit     = color.RGBA{R: 0xcc, G: 0x00, B: 0x00, A: 0xff}
	colPredict   = color.RGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}  // orange
	colBand      = color.NRGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0x50} // translucent: not premultiplied
	colMuAvg     = color.RGBA{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}  // green
	colMuCur     = color.RGBA{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff}  // purple
	colComputed  = color.RGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff}
)

// timeUnit picks seconds, minutes or hours for a span in milliseconds. When the span is
// short against the time the isolate had lived (a crash block from a process that ran for
// hours), times are drawn from an origin, so the axis reads 0–0.3 s and not 76983.1–76983.4.
type timeUnit struct {
	units.Unit
	origin float64
}

func axisFor(t0, t1 float64) timeUnit {
	tu := timeUnit{Unit: units.TimeUnit(t1 - t0)}
	if t0 > 10*(t1-t0) {
		tu.origin = t0
	}
	return tu
}

// x maps a time in ms to the axis.
func (tu timeUnit) x(ms float64) float64 { return (ms - tu.origin) / tu.Div }

func (tu timeUnit) label() string {
	if tu.origin > 0 {
		return fmt.Sprintf("time since %s after isolate start (%s)", units.Duration(tu.origin), tu.Name)
	}
	return "time since isolate start (" + tu.Name + ")"
}

// setX sets the time axis range with a margin, so points and the crash line at the edges
// stay visible.
func setX(pl *plot.Plot, tu timeUnit, t0, t1 float64) {
	m := 0.03 * (t1 - t0)
	pl.X.Min, pl.X.Max = tu.x(t0-m), tu.x(t1+m)
}

// heapLegendRoom is the heap chart's y range over the top of its data when the legend is on
// top, as built, before the size it is drawn at is known: room for the legend in a default
// dashboard tile, where it is some 40% of the height.
const heapLegendRoom = 1.7

// fitLegendRoom makes the room above the heap chart's data as tall as its legend drawn on c,
// plus a margin: enough in a small tile, no waste in a tall single chart. Where the legend
// would take more than half the height, its font shrinks first.
func fitLegendRoom(pl *plot.Plot, c draw.Canvas) {
	if !pl.Legend.Top {
		return
	}
	data := (pl.Y.Max - pl.Y.Min) / heapLegendRoom // the height of the data over the axis's floor
	share := shrinkLegend(pl, c, 0.5)
	pl.Y.Max = pl.Y.Min + math.Max(data*1.12, data/(1-math.Min(share, 0.6)))
}

// fewGCs is the most GCs a chart labels one by one: a crash block ("Last few GCs") and little
// more. Such a log is too short for curves; each GC is what there is to see.
const fewGCs = 8

// fewOnly reports whether a process shows only a handful of GCs.
func fewOnly(p *analyze.Process) bool {
	return p.Series != nil && len(p.Series.GCs) > 0 && len(p.Series.GCs) <= fewGCs
}

// labels writes a short text beside each point: to its right, or to its left for the points
// in the right part of the x range [xmin, xmax], so that no text runs off the chart or over
// the crash line at its right edge.
func labels(xys plotter.XYs, texts []string, c color.Color, xmin, xmax float64) []plot.Plotter {
	var out []plot.Plotter
	for _, left := range []bool{false, true} {
		var pts plotter.XYs
		var ts []string
		for i, p := range xys {
			if (p.X > xmin+0.6*(xmax-xmin)) == left {
				pts, ts = append(pts, p), append(ts, texts[i])
			}
		}
		if len(pts) == 0 {
			continue
		}
		l, _ := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: ts})
		for i := range l.TextStyle {
			l.TextStyle[i].Color = c
			l.TextStyle[i].Font.Size = vg.Points(9)
			if left {
				l.TextStyle[i].XAlign = draw.XRight
			}
		}
		l.Offset = vg.Point{X: vg.Points(6), Y: vg.Points(3)} // above the point: lines through it (the limit, a mean) do not strike the text
		if left {
			l.Offset.X = -vg.Points(6)
		}
		out = append(out, l)
	}
	return out
}

// shrinkLegend makes the legend's font smaller, down to 7 pt, until the legend and a margin
// take at most maxShare of the height of the plot's data area on c, and returns the share
// they take.
func shrinkLegend(pl *plot.Plot, c draw.Canvas, maxShare float64) float64 {
	data := pl.DataCanvas(c)
	height := data.Max.Y - data.Min.Y
	if height <= 0 {
		return 0
	}
	share := func() float64 { return float64(pl.Legend.Rectangle(c).Size().Y/height) + 0.05 }
	for share() > maxShare && pl.Legend.TextStyle.Font.Size > vg.Points(7) {
		pl.Legend.TextStyle.Font.Size -= vg.Points(0.5)
	}
	return share()
}

// fitLegend readies a chart's legend for the canvas it is drawn on: the heap chart gets room
// above its data; the mu chart's legend, at the bottom left, must stay under the 0.4 line
// (at 38% of the height).
func fitLegend(name string, pl *plot.Plot, c draw.Canvas) {
	switch name {
	case ChartHeap:
		fitLegendRoom(pl, c)
	case ChartMu:
		shrinkLegend(pl, c, 0.36)
	}
}

// placeLegend keeps the legend at the top left, in the room made above the data, unless the
// data reach into the part of the top left corner the legend covers (a heap near its limit
// from the start, committed memory that swelled early): then at the top right, when no data
// reach there and no crash line stands at the right edge; else at the bottom left, when no
// data lie there either; else at the top left still, over all the data, the chart's room
// above them made as tall as the legend (fitLegendRoom): a chart attached to a bug report
// must not hide the points it is about. It says whether the legend stays on top.
func placeLegend(pl *plot.Plot, pts plotter.XYs, xmin, xmax, ymax float64, crashed bool) bool {
	// The legend of the heap chart covers about a third of the width and under half of the
	// height of a dashboard tile; the margins are generous so no marker hides under it.
	clear := func(left, top bool) bool {
		// At the bottom, the chart keeps only a margin above the data (1.12 of them).
		bottomTop := 0.45 * ymax / heapLegendRoom * 1.12
		for _, p := range pts {
			inX := p.X < xmin+0.35*(xmax-xmin)
			if !left {
				inX = p.X > xmax-0.35*(xmax-xmin)
			}
			if inX && (top && p.Y > 0.55*ymax || !top && p.Y < bottomTop) {
				return false
			}
		}
		return true
	}
	switch {
	case clear(true, true):
		return true
	case !crashed && clear(false, true):
		pl.Legend.Top, pl.Legend.Left = true, false
		return true
	case clear(true, false):
		pl.Legend.Top, pl.Legend.Left = false, true
		return false
	}
	pl.Legend.Top, pl.Legend.Left = true, true
	return true
}

// logSpan is the time the log covers, for the charts that draw no prediction.
func logSpan(p *analyze.Process) (t0, t1 float64) {
	if p.FirstMS == nil {
		return 0, 1
	}
	return *p.FirstMS, math.Max(*p.LastMS, *p.FirstMS+1)
}

// maxAheadSpans is how far past the log's end, in lengths of the log, the heap chart runs to
// show a prediction.
const maxAheadSpans = 3

// span is the time the heap chart covers: the log, and the predicted OOM when it lies ahead.
func span(p *analyze.Process) (t0, t1 float64) {
	if p.FirstMS == nil {
		return 0, 1
	}
	t0, t1 = *p.FirstMS, *p.LastMS
	if p.PredictedOOMMS != nil && p.Verdict == analyze.VerdictLeak && *p.PredictedOOMMS > t1 {
		// Show the extrapolation and its band, but not a band so wide it squeezes the data.
		ahead := *p.PredictedOOMMS - t1
		t1 = math.Max(*p.PredictedOOMMS, math.Min(p.PredictedOOMIntervalMS[1], *p.PredictedOOMMS+2*ahead))
		// Nor a horizon so far that the log is a sliver at its left edge (a 15-minute slow
		// leak given 5 hours): the chart ends maxAheadSpans logs' lengths ahead, the
		// extrapolation running off its edge, the legend and title telling when it arrives.
		t1 = math.Min(t1, *p.LastMS+maxAheadSpans*math.Max(*p.LastMS-t0, 1))
	}
	if t1 <= t0 {
		t1 = t0 + 1
	}
	return t0, t1
}

// plainTicks are gonum's default ticks with labels that drop trailing zeros ("250", not
// "250.00").
type plainTicks struct{}

// Ticks returns the ticks of an axis from lo to hi.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	// A step of 1, 2 or 5 × 10^k that gives five to ten labelled ticks.
	raw := (hi - lo) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	decimals := max(0, int(-math.Floor(math.Log10(step))))
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		val := math.Round(v/step) * step
		if math.Abs(val) < step*1e-9 {
			val = 0 // not "-0"
		}
		ticks = append(ticks, plot.Tick{Value: val, Label: strconv.FormatFloat(val, 'f', decimals, 64)})
		if minor := val + step/2; minor < hi {
			ticks = append(ticks, plot.Tick{Value: minor})
		}
	}
	return ticks
}

func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.X.Tick.Marker, p.Y.Tick.Marker = plainTicks{}, plainTicks{}
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.Padding = vg.Points(2)
	p.Add(plotter.NewGrid())
	return p
}

// noData marks an empty chart with a message in place of data.
type noData struct{ msg string }

// Plot draws the note in the middle of the canvas.
func (n noData) Plot(c draw.Canvas, _ *plot.Plot) {
	sty := text.Style{Color: color.Gray{Y: 0x60}, Font: font.From(plot.DefaultFont, vg.Points(12)),
		XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	c.FillText(sty, c.Center(), n.msg)
}

func emptyPlot(p *plot.Plot, msg string) *plot.Plot {
	p.Add(noData{msg})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.HideAxes()
	return p
}

func scatter(xys plotter.XYs, c color.Color, shape draw.GlyphDrawer, radius vg.Length) *plotter.Scatter {
	s, _ := plotter.NewScatter(xys)
	s.GlyphStyle.Color, s.GlyphStyle.Shape, s.GlyphStyle.Radius = c, shape, radius
	return s
}

func line(xys plotter.XYs, c color.Color, width vg.Length, dashes ...vg.Length) *plotter.Line {
	l, _ := plotter.NewLine(xys)
	l.Color, l.Width, l.Dashes = c, width, dashes
	return l
}

// lineColumns is how many columns of a chart a line is drawn at, more than it has pixels
// across.
const lineColumns = 1024

// envelope returns the top and bottom edges of a line over increasing x, in columns of equal
// x range — the highest and lowest point of each column, at the column's first and last x —,
// the bottom edge backwards so that the two close a polygon. ok is false for a line of at most
// four points a column: it draws as it is.
func envelope(xys plotter.XYs, columns int) (top, bottom plotter.XYs, ok bool) {
	x0, x1 := xys[0].X, xys[len(xys)-1].X
	if len(xys) <= 4*columns || !(x1 > x0) {
		return nil, nil, false
	}
	column := func(x float64) int { return min(int((x-x0)/(x1-x0)*float64(columns)), columns-1) }
	for i := 0; i < len(xys); {
		c, lo, hi := column(xys[i].X), xys[i].Y, xys[i].Y
		j := i
		for ; j < len(xys) && column(xys[j].X) == c; j++ {
			lo, hi = math.Min(lo, xys[j].Y), math.Max(hi, xys[j].Y)
		}
		from, to := xys[i].X, xys[j-1].X
		top = append(top, plotter.XY{X: from, Y: hi}, plotter.XY{X: to, Y: hi})
		bottom = append(bottom, plotter.XY{X: from, Y: lo}, plotter.XY{X: to, Y: lo})
		i = j
	}
	slices.Reverse(bottom)
	return top, bottom, true
}

// Heap draws the heap over time: before and after each GC by collector kind, the committed
// heap, the trend of the heap after full GCs, the limit, the crash and the extrapolation.
func Heap(p *analyze.Process) *plot.Plot {
	t0, t1 := span(p)
	tu := axisFor(t0, t1)
	maxMB := 1.0
	if s := p.Series; s != nil {
		for _, g := range s.GCs {
			maxMB = math.Max(maxMB, math.Max(g.BeforeMB, g.CommittedMB))
		}
	}
	if p.HeapLimitMB != nil {
		maxMB = math.Max(maxMB, *p.HeapLimitMB)
	}
	su := units.SizeUnit(maxMB)
	pl := newPlot("Heap over time", tu.label(), "heap ("+su.Name+")")
	if p.Series == nil || len(p.Series.GCs) == 0 {
		return emptyPlot(pl, "no GC lines in this log: nothing to draw")
	}
	xy := func(tms, mb float64) plotter.XY { return plotter.XY{X: tu.x(tms), Y: mb / su.Div} }
	var committed, youngBefore, youngAfter, fullBefore, fullAfter plotter.XYs
	for _, g := range p.Series.GCs {
		if g.CommittedMB > 0 {
			committed = append(committed, xy(g.TimeMS, g.CommittedMB))
		}
		if g.Full {
			fullBefore = append(fullBefore, xy(g.TimeMS, g.BeforeMB))
			fullAfter = append(fullAfter, xy(g.TimeMS, g.AfterMB))
		} else {
			youngBefore = append(youngBefore, xy(g.TimeMS, g.BeforeMB))
			youngAfter = append(youngAfter, xy(g.TimeMS, g.AfterMB))
		}
	}
	if len(committed) > 1 {
		l := line(committed, colCommitted, vg.Points(1))
		if top, bottom, ok := envelope(committed, lineColumns); ok {
			// Thousands of points zigzag into a band at this resolution; stroking them took
			// seconds a chart. The band, filled, and its edges draw the same.
			fill, _ := plotter.NewPolygon(append(top, bottom...))
			fill.Color, fill.LineStyle.Width = colCommitted, 0
			l = line(top, colCommitted, vg.Points(1))
			pl.Add(fill, line(bottom, colCommitted, vg.Points(1)))
		}
		pl.Add(l)
		pl.Legend.Add("committed", l)
	}
	if len(youngBefore) > 0 {
		sb := scatter(youngBefore, colScavenge, draw.CircleGlyph{}, vg.Points(1.6))
		sa := scatter(youngAfter, colScavenge, draw.RingGlyph{}, vg.Points(1.6))
		pl.Add(sb, sa)
		pl.Legend.Add("young GC: before (dot) / after (ring)", sb)
	}
	if len(fullBefore) > 0 {
		sb := scatter(fullBefore, colFull, draw.TriangleGlyph{}, vg.Points(2.8))
		sa := scatter(fullAfter, colFull, draw.BoxGlyph{}, vg.Points(2.8))
		pl.Add(sb, sa)
		pl.Legend.Add("full GC: before", sb)
		pl.Legend.Add("full GC: after (survivors)", sa)
	}
	// A flat trend through a heap that swings marks a level the heap never held: the chart
	// shows the points without it.
	if tr := p.Trend; tr != nil && p.Swing == nil {
		at := func(tms float64) float64 { return tr.InterceptMB + tr.SlopeMBPerS*tms/1000 }
		pts := plotter.XYs{xy(tr.FromMS, at(tr.FromMS)), xy(tr.ToMS, at(tr.ToMS))}
		label := fmt.Sprintf("trend of survivors: %+.2f MB/s", tr.SlopeMBPerS)
		if st := tr.Steps; st != nil {
			// The report says the heap grew in steps: the line is their average.
			label = fmt.Sprintf("trend of survivors: %+.2f MB/s on average, in steps of ~%.1f MB every ~%s", tr.SlopeMBPerS, st.RiseMB, units.Duration(1000*st.EveryS))
		}
		if now := tr.SlopeNowMBPerS; now != nil && tr.Model != analyze.ModelLinear {
			// The line is the average; the report's rate line says how it changes.
			label = fmt.Sprintf("trend of survivors: %+.2f MB/s on average, %+.2f MB/s at the end (%s)", tr.SlopeMBPerS, *now, tr.Model)
			if tr.Model == analyze.ModelDecelerating && *now <= 0 {
				// The heap did not shrink, it stopped: "-0.16 MB/s at the end" beside a heap
				// the report says levels off reads as one falling.
				label = fmt.Sprintf("trend of survivors: %+.2f MB/s on average, slowing to a stop (%s)", tr.SlopeMBPerS, tr.Model)
			}
			if p.PredictionModel == analyze.ModelAverage {
				// The curve peaked; its negative rate beside an OOM line reads as a contradiction.
				label = fmt.Sprintf("trend of survivors: %+.2f MB/s on average (the curve peaks; the floor still rises)", tr.SlopeMBPerS)
			}
		}
		if len(tr.Curve) > 1 {
			// A curve's average line can end far from where the slowing heap is: draw the
			// curve the rate comes from.
			pts = make(plotter.XYs, len(tr.Curve))
			for i, c := range tr.Curve {
				pts[i] = xy(c.TimeMS, c.MB)
			}
			at = func(tms float64) float64 { return onCurve(tr.Curve, tms) }
		}
		if s := tr.StoppedAtMS; s != nil && *s > tr.FromMS && *s <= tr.ToMS && p.HeapAfterFullGC != nil {
			// The report says the growth ended: the line stops there, and the heap it
			// held after goes on flat, as the report tells it — to the log's end when young
			// GCs after the last full GC showed it (a metrics service's rollup tiers, built
			// over three full GCs, then none for 31 s).
			level := p.HeapAfterFullGC.LastMB
			end := math.Max(tr.ToMS, p.HeapAfterFullGC.LastMS)
			if p.LastMS != nil {
				end = math.Max(end, *p.LastMS)
			}
			pts = plotter.XYs{xy(tr.FromMS, at(tr.FromMS)), xy(*s, at(*s)), xy(*s, level), xy(end, level)}
			label = fmt.Sprintf("trend of survivors: %+.2f MB/s until %s, then flat", tr.SlopeMBPerS, units.Duration(*s))
		}
		if h := tr.HeldSinceMS; h != nil && p.HeapAfterFullGC != nil {
			// The line through the few full GCs rises with the ones before h; the report says
			// the heap kept nothing after it: the chart draws the level it held, not the line.
			level, end := p.HeapAfterFullGC.LastMB, p.HeapAfterFullGC.LastMS
			if p.LastMS != nil {
				end = math.Max(end, *p.LastMS)
			}
			pts = plotter.XYs{xy(*h, level), xy(end, level)}
			label = fmt.Sprintf("survivors held ~%.1f MB from %s on (no growth)", level, units.Duration(*h))
		}
		if st := tr.OneStep; st != nil {
			// The report says the line's rise is one step between two levels: a rising line
			// beside "one step, not a rate" reads as the leak the text declines to call.
			end := st.TopMS + st.HeldMS
			if st.SettledToMS != nil {
				end = math.Max(end, *st.SettledToMS)
			}
			pts = plotter.XYs{xy(st.LevelFromMS, st.LevelMB), xy(st.LevelToMS, st.LevelMB), xy(st.TopMS, st.TopMB), xy(end, st.TopMB)}
			label = fmt.Sprintf("survivors: one step, ~%.1f to ~%.1f MB by %s, then held (no rate)", st.LevelMB, st.TopMB, units.Duration(st.TopMS))
		}
		if analyze.ClimbToLevel(p) {
			// The report says the line is the climb to the level the burst left: its rate
			// alone beside "allocation burst" reads as a leak's.
			label = fmt.Sprintf("climb to the level held until %s: %+.2f MB/s (not a trend of the level)", units.Duration(p.Burst.FromMS), tr.SlopeMBPerS)
		}
		l := line(pts, colTrend, vg.Points(2))
		if d := tr.RiseInDeathFromMS; d != nil {
			// The report says the line's rise is V8's retries as one allocation failed: a
			// solid rising line beside "allocation burst" reads as the leak it is not.
			l = line(pts, colTrend, vg.Points(1.5), vg.Points(4), vg.Points(3))
			label += fmt.Sprintf(" (no growth: its rise is the full GCs V8 ran from %s as an allocation failed)", units.Duration(*d))
		}
		if !tr.Significant && tr.HeldSinceMS == nil && tr.OneStep == nil && tr.SlopeMBPerS > 0 {
			// The report does not call the line's rise growth (its interval holds none, or
			// the rise is within what full GCs vary by): a solid rising line beside it reads
			// as the leak the text declines to call.
			l = line(pts, colTrend, vg.Points(1.5), vg.Points(4), vg.Points(3))
			why := "its interval holds no growth"
			if tr.Interval95[0] > 0 {
				// The rate is clear of zero, the rise is not clear of what full GCs vary by.
				why = fmt.Sprintf("%+.1f MB over it, within what full GCs vary by", tr.GrowthMB)
				if k := tr.FellBackKeptMB; k != nil {
					// The line runs on over a last full GC that fell back: the report holds
					// what that one kept to the swings, and so does the legend.
					why = fmt.Sprintf("its last full GC fell back, %+.1f MB over the lowest, within what full GCs vary by", *k)
				}
			}
			label += " (not significant: " + why + ")"
		}
		pl.Add(l)
		pl.Legend.Add(label, l)
		if p.PredictedOOMMS != nil && p.HeapLimitMB != nil {
			lim := *p.HeapLimitMB
			if p.RaisedLimitMB != nil {
				lim = *p.RaisedLimitMB // the forecast is against the limit Node raised
			}
			// A floor dies when it plus what the program holds on top of it reaches the
			// limit: the forecast follows the floor to there.
			onTop := 0.0
			if p.PredictionOnTopMB != nil {
				onTop = math.Min(*p.PredictionOnTopMB, lim)
			}
			iv := p.PredictedOOMIntervalMS
			from, y0 := tr.ToMS, at(tr.ToMS)
			edge := plotter.XYs{xy(from, y0), xy(iv[0], lim-onTop), xy(math.Min(iv[1], t1), lim)}
			if iv[0] > t1 {
				// The early edge too runs past the chart (a horizon of hours past a
				// 15-minute log): cut it where the chart ends.
				edge = plotter.XYs{xy(from, y0), xy(t1, y0+(lim-onTop-y0)*(t1-from)/(iv[0]-from))}
			}
			if iv[1] > t1 {
				// The late edge goes on past the chart: cut where the chart ends, not bent
				// to meet the limit there.
				edge = append(edge, xy(t1, y0+(lim-y0)*(t1-from)/(iv[1]-from)))
			}
			band, _ := plotter.NewPolygon(edge)
			band.Color, band.LineStyle.Width = colBand, 0
			var path plotter.XYs
			for _, pt := range forecastPath(from, y0, *p.PredictedOOMMS, lim-onTop, forecastStartRate(tr, p.PredictionModel)) {
				path = append(path, xy(pt.X, pt.Y))
			}
			what := "predicted OOM"
			if p.Crash != nil {
				what = "the trend reaches the limit" // after the fact: a check of the fit
			}
			label := fmt.Sprintf("%s at %s (95%% band)", what, units.Duration(*p.PredictedOOMMS))
			if onTop > 0 {
				// The rise the program's next hold adds on top of the floor, up to the limit.
				path = append(path, xy(*p.PredictedOOMMS, lim))
				label = fmt.Sprintf("%s at %s: floor + %.0f MB held on top (95%% band)", what, units.Duration(*p.PredictedOOMMS), onTop)
			}
			ext := line(path, colPredict, vg.Points(2), vg.Points(5), vg.Points(3))
			pl.Add(band, ext)
			pl.Legend.Add(label, ext)
		}
	}
	if b := p.Burst; b != nil {
		// The report reads the heap as a level and one climb out of it: the chart draws
		// those, the level only where no trend of its own was read before the burst.
		pts := plotter.XYs{xy(b.FromMS, b.LevelMB), xy(b.ToMS, b.ReachedMB)}
		if p.Trend == nil {
			// From where a GC first left the level: a program loads its state before it
			// holds it.
			for _, g := range p.Series.GCs {
				if g.AfterMB >= 0.9*b.LevelMB && g.TimeMS < b.FromMS {
					pts = append(plotter.XYs{xy(g.TimeMS, b.LevelMB)}, pts...)
					break
				}
			}
		}
		l := line(pts, colTrend, vg.Points(2))
		pl.Add(l)
		pl.Legend.Add(fmt.Sprintf("burst: held ~%.0f MB, then %+.0f MB in %s", b.LevelMB, b.ReachedMB-b.LevelMB, units.Duration(b.ToMS-b.FromMS)), l)
	}
	if p.HeapLimitMB != nil {
		lim := *p.HeapLimitMB
		l := line(plotter.XYs{xy(t0, lim), xy(t1, lim)}, colLimit, vg.Points(1.2), vg.Points(6), vg.Points(3))
		pl.Add(l)
		source := p.HeapLimitSource
		if source == analyze.LimitReducing {
			// The word alone says nothing to a reader of a chart.
			source = "estimated from V8's memory-reducing GCs"
		}
		pl.Legend.Add(fmt.Sprintf("heap limit ~%.0f MB (%s)", lim, source), l)
		if r := p.RaisedLimitMB; r != nil {
			l := line(plotter.XYs{xy(t0, *r), xy(t1, *r)}, colLimit, vg.Points(1.2), vg.Points(2), vg.Points(3))
			pl.Add(l)
			pl.Legend.Add(fmt.Sprintf("limit raised to ~%.0f MB by Node to write a heap snapshot", *r), l)
		}
	}
	if c := p.Crash; c != nil && c.TimeMS != nil {
		x := tu.x(*c.TimeMS)
		l := line(plotter.XYs{{X: x, Y: 0}, {X: x, Y: maxMB * 1.05 / su.Div}}, colLimit, vg.Points(1.5))
		pl.Add(l)
		pl.Legend.Add("crash: "+string(c.Kind), l)
	} else if p.QuietAfterMS != nil && p.LastMS != nil {
		x := tu.x(*p.LastMS)
		l := line(plotter.XYs{{X: x, Y: 0}, {X: x, Y: maxMB * 1.05 / su.Div}}, colLimit, vg.Points(1.5), vg.Points(4), vg.Points(3))
		pl.Add(l)
		pl.Legend.Add("went quiet, starved by GC: most likely died", l)
	}
	setX(pl, tu, t0, t1)
	floor := 0.0
	if fewOnly(p) {
		floor = zoomHeap(pl, p, xy, &maxMB) / su.Div
	}
	// Room above the data for the legend, so that neither the data nor the limit line (at
	// about the top of the data when the process crashed) run through it; fitLegendRoom sets
	// it from the size the chart is drawn at. Without the legend on top, only a margin.
	top := maxMB / su.Div
	pl.Y.Min, pl.Y.Max = floor, floor+(top-floor)*heapLegendRoom
	// A crash block's few points leave the top free once room is made above them.
	if !fewOnly(p) && !placeLegend(pl, append(append(append(plotter.XYs{}, fullBefore...), youngBefore...), committed...), pl.X.Min, pl.X.Max, pl.Y.Max, p.Crash != nil) {
		pl.Y.Max = floor + (top-floor)*1.12
	}
	return pl
}

// forecastStartRate is the rate, in MB per ms, the forecast starts at: the trend's rate at its
// end when the rate changes and the prediction follows it, else its slope.
func forecastStartRate(tr *analyze.Trend, model string) float64 {
	if tr.SlopeNowMBPerS != nil && tr.Model != analyze.ModelLinear && model != analyze.ModelAverage {
		return *tr.SlopeNowMBPerS / 1000
	}
	return tr.SlopeMBPerS / 1000
}

// forecastPath is the forecast drawn from (t0, y0) to the predicted OOM at (t1, y1), leaving
// at the rate the trend ends with: a straight line when that rate reaches the limit at t1, a
// curve bending up (an accelerating leak) or down (a slowing one) otherwise — the shape of
// y0 + (y1−y0)·(e^(k·u)−1)/(e^k−1), u the share of the way from t0 to t1, whose k makes the
// start's rate the trend's.
func forecastPath(t0, y0, t1, y1, rate float64) plotter.XYs {
	straight := plotter.XYs{{X: t0, Y: y0}, {X: t1, Y: y1}}
	if !(t1 > t0) || !(y1 > y0) || !(rate > 0) {
		return straight
	}
	// g is the start's rate as a share of the straight line's; k/(e^k−1) = g, which falls
	// as k grows.
	g := rate * (t1 - t0) / (y1 - y0)
	if math.Abs(g-1) < 0.02 {
		return straight
	}
	startShare := func(k float64) float64 {
		if math.Abs(k) < 1e-9 {
			return 1
		}
		return k / math.Expm1(k)
	}
	lo, hi := -40.0, 40.0
	for range 100 {
		mid := (lo + hi) / 2
		if startShare(mid) > g {
			lo = mid
		} else {
			hi = mid
		}
	}
	k := (lo + hi) / 2
	const steps = 48
	path := make(plotter.XYs, 0, steps+1)
	for i := 0; i <= steps; i++ {
		u := float64(i) / steps
		path = append(path, plotter.XY{X: t0 + u*(t1-t0), Y: y0 + (y1-y0)*math.Expm1(k*u)/math.Expm1(k)})
	}
	return path
}

// zoomHeap readies the heap chart of a crash block: the axis zooms to the band the few GCs
// lie in (from zero, they would be a flat line at the top), and each GC gets a bar from the
// heap before it to the heap after with what it freed written beside it, so that a reader sees
// at once how little the last GCs freed. It returns the floor of the zoomed axis in MB and
// raises *maxMB to the band's top.
func zoomHeap(pl *plot.Plot, p *analyze.Process, xy func(tms, mb float64) plotter.XY, maxMB *float64) float64 {
	lo, hi := math.Inf(1), 0.0
	for _, g := range p.Series.GCs {
		lo, hi = math.Min(lo, g.AfterMB), math.Max(hi, math.Max(g.BeforeMB, g.CommittedMB))
	}
	if p.HeapLimitMB != nil && *p.HeapLimitMB < 1.5*hi {
		hi = math.Max(hi, *p.HeapLimitMB)
	}
	pad := math.Max(0.15*(hi-lo), math.Max(0.01*hi, 1))
	var pts plotter.XYs
	var texts []string
	for _, g := range p.Series.GCs {
		c := colScavenge
		if g.Full {
			c = colFull
		}
		pl.Add(line(plotter.XYs{xy(g.TimeMS, g.BeforeMB), xy(g.TimeMS, g.AfterMB)}, c, vg.Points(2.5)))
		pts = append(pts, xy(g.TimeMS, (g.BeforeMB+g.AfterMB)/2))
		freed := g.BeforeMB - g.AfterMB
		share := ""
		if g.BeforeMB > 0 {
			share = fmt.Sprintf(" (%.1f%%)", 100*freed/g.BeforeMB)
		}
		texts = append(texts, fmt.Sprintf("freed %s%s", units.Size(freed), share))
	}
	pl.Add(labels(pts, texts, color.Gray{Y: 0x30}, pl.X.Min, pl.X.Max)...)
	*maxMB = hi + pad
	return math.Max(0, lo-pad)
}

// Pauses draws every pause over time by collector kind, with p95 and max marked, on a log
// scale when the pauses span more than two decades.
func Pauses(p *analyze.Process) *plot.Plot {
	t0, t1 := logSpan(p)
	tu := axisFor(t0, t1)
	pl := newPlot("GC pauses", tu.label(), "pause (ms)")
	if p.Series == nil || len(p.Series.GCs) == 0 {
		return emptyPlot(pl, "no GC pauses in this log")
	}
	var young, full plotter.XYs
	lo, hi := math.Inf(1), 0.0
	for _, g := range p.Series.GCs {
		v := math.Max(g.PauseMS, 0.01) // a log axis has no zero; V8 prints 0.0 for sub-50µs pauses
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		pt := plotter.XY{X: tu.x(g.TimeMS), Y: v}
		if g.Full {
			full = append(full, pt)
		} else {
			young = append(young, pt)
		}
	}
	logScale := hi/lo > 100
	if logScale {
		pl.Y.Scale = plot.LogScale{}
		pl.Y.Tick.Marker = plot.LogTicks{Prec: -1}
		pl.Y.Label.Text = "pause (ms, log)"
	}
	if len(young) > 0 {
		s := scatter(young, colScavenge, draw.CircleGlyph{}, vg.Points(1.8))
		pl.Add(s)
		pl.Legend.Add("young GC", s)
	}
	if len(full) > 0 {
		s := scatter(full, colFull, draw.TriangleGlyph{}, vg.Points(3))
		pl.Add(s)
		pl.Legend.Add("full GC", s)
	}
	if fewOnly(p) {
		var pts plotter.XYs
		var texts []string
		for _, g := range p.Series.GCs {
			pts = append(pts, plotter.XY{X: tu.x(g.TimeMS), Y: math.Max(g.PauseMS, 0.01)})
			texts = append(texts, fmt.Sprintf("%.1f ms", g.PauseMS))
		}
		pl.Add(labels(pts, texts, color.Gray{Y: 0x30}, tu.x(t0), tu.x(t1))...)
	}
	// p95 and max of each kind, from the report.
	kinds := make([]string, 0, len(p.Pauses))
	for k := range p.Pauses {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if fewOnly(p) {
		kinds = nil // the few pauses are labelled one by one; a p95 of two says nothing
	}
	for _, k := range kinds {
		ps := p.Pauses[k]
		c := colScavenge
		if k == "full" {
			c = colFull
		}
		l := line(plotter.XYs{{X: tu.x(t0), Y: math.Max(ps.P95MS, 0.01)}, {X: tu.x(t1), Y: math.Max(ps.P95MS, 0.01)}}, c, vg.Points(1), vg.Points(4), vg.Points(3))
		pl.Add(l)
		pl.Legend.Add(fmt.Sprintf("%s p95 %.1f ms, max %.1f ms", k, ps.P95MS, ps.MaxMS), l)
	}
	setX(pl, tu, t0, t1)
	if logScale {
		pl.Y.Min, pl.Y.Max = lo/1.5, hi*6
	} else {
		pl.Y.Min, pl.Y.Max = 0, hi*1.45
	}
	return pl
}

// Mu draws V8's printed average and current mutator utilization at each full GC, the
// utilization computed from the pause timeline, and the 0.4 line of V8's OOM rule.
func Mu(p *analyze.Process) *plot.Plot {
	t0, t1 := logSpan(p)
	tu := axisFor(t0, t1)
	pl := newPlot("Mutator utilization", tu.label(), "program's share of time")
	if p.Series == nil || len(p.Series.GCs) == 0 {
		return emptyPlot(pl, "no GC lines in this log")
	}
	var avg, cur, comp plotter.XYs
	for _, g := range p.Series.FullGCs {
		if g.MuAverage != nil {
			avg = append(avg, plotter.XY{X: tu.x(g.TimeMS), Y: *g.MuAverage})
		}
		if g.MuCurrent != nil {
			cur = append(cur, plotter.XY{X: tu.x(g.TimeMS), Y: *g.MuCurrent})
		}
	}
	for _, u := range p.Series.Utilization {
		comp = append(comp, plotter.XY{X: tu.x(u.TimeMS), Y: u.MU})
	}
	// With a handful of GCs a sliding window says nothing V8's own numbers do not.
	if len(comp) > 1 && p.GCEvents >= 10 {
		l := line(comp, colComputed, vg.Points(1))
		pl.Add(l)
		pl.Legend.Add(fmt.Sprintf("computed from pauses (%s window)", units.Duration(p.Series.WindowMS)), l)
	}
	if len(avg) > 0 {
		l := line(avg, colMuAvg, vg.Points(2))
		pl.Add(l)
		pl.Legend.Add(v8MuLabel("V8 average mu", p), l)
	}
	if len(cur) > 0 {
		l := line(cur, colMuCur, vg.Points(1.5))
		s := scatter(cur, colMuCur, draw.CircleGlyph{}, vg.Points(2.2))
		pl.Add(l, s)
		pl.Legend.Add(v8MuLabel("V8 current mu (at full GCs)", p), l, s)
		if fewOnly(p) {
			texts := make([]string, len(cur))
			for i, c := range cur {
				texts[i] = fmt.Sprintf("%.2f", c.Y)
			}
			pl.Add(labels(cur, texts, colMuCur, tu.x(t0), tu.x(t1))...)
		}
	}
	rule := line(plotter.XYs{{X: tu.x(t0), Y: 0.4}, {X: tu.x(t1), Y: 0.4}}, colLimit, vg.Points(1), vg.Points(6), vg.Points(3))
	pl.Add(rule)
	pl.Legend.Add("0.4: V8's ineffective mark-compact rule", rule)
	pl.Legend.Top, pl.Legend.Left = false, true
	setX(pl, tu, t0, t1)
	pl.Y.Min, pl.Y.Max = 0, 1.05
	if lowAtLeft(tu.x(t0), tu.x(t1), avg, cur, comp) {
		// Utilization that collapsed lies where the legend would: give the legend room of
		// its own under the axis's zero, with ticks only over the data's range.
		pl.Y.Min = -0.5
		pl.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0"}, {Value: 0.2, Label: "0.2"},
			{Value: 0.4, Label: "0.4"}, {Value: 0.6, Label: "0.6"}, {Value: 0.8, Label: "0.8"}, {Value: 1, Label: "1"}})
	}
	return pl
}

// lowAtLeft reports whether any point lies in the bottom left of a 0–1 chart, where its
// legend goes.
func lowAtLeft(xmin, xmax float64, series ...plotter.XYs) bool {
	for _, xy := range series {
		for _, p := range xy {
			if p.X < xmin+0.45*(xmax-xmin) && p.Y < 0.45 {
				return true
			}
		}
	}
	return false
}

// MMU draws the minimum mutator utilization against the window size.
func MMU(p *analyze.Process) *plot.Plot {
	pl := newPlot("Minimum mutator utilization", "window (ms, log scale)", "worst share of a window")
	if len(p.MMU) == 0 {
		return emptyPlot(pl, "too few pauses for an MMU curve")
	}
	var xy plotter.XYs
	for _, m := range p.MMU {
		xy = append(xy, plotter.XY{X: m.WindowMS, Y: m.MMU})
	}
	// A line joins only neighbouring windows: across windows the report leaves out (a log
	// too long to keep each pause) it would draw values nobody measured.
	var l *plotter.Line
	runs := windowRuns(xy)
	for _, run := range runs {
		if len(run) > 1 {
			l = line(run, colTrend, vg.Points(2))
			pl.Add(l)
		}
	}
	gap := len(runs) > 1
	s := scatter(xy, colTrend, draw.CircleGlyph{}, vg.Points(2.5))
	pl.Add(s)
	if l != nil {
		pl.Legend.Add("MMU", l, s)
	} else {
		pl.Legend.Add("MMU", s)
	}
	if gap {
		pl.Legend.Add("windows between not known: too many pauses to keep each")
	}
	pl.Legend.Top, pl.Legend.Left = true, true
	pl.X.Scale = plot.LogScale{}
	pl.X.Tick.Marker = plot.LogTicks{Prec: -1}
	pl.X.Min, pl.X.Max = xy[0].X/1.5, xy[len(xy)-1].X*1.5
	pl.Y.Min, pl.Y.Max = 0, 1.05
	return pl
}

// windowRuns splits the MMU points into runs of neighbouring windows of analyze.MMUWindows.
func windowRuns(xy plotter.XYs) []plotter.XYs {
	var runs []plotter.XYs
	from := 0
	for i := 1; i <= len(xy); i++ {
		if i == len(xy) || !adjacentWindows(xy[i-1].X, xy[i].X) {
			runs = append(runs, xy[from:i])
			from = i
		}
	}
	return runs
}

// adjacentWindows reports whether b is the window after a in analyze.MMUWindows.
func adjacentWindows(a, b float64) bool {
	i := slices.Index(analyze.MMUWindows, a)
	return i >= 0 && i+1 < len(analyze.MMUWindows) && analyze.MMUWindows[i+1] == b
}

// Build returns the plot of a single chart by name.
func Build(name string, p *analyze.Process) (*plot.Plot, error) {
	switch name {
	case ChartHeap:
		return Heap(p), nil
	case ChartPauses:
		return Pauses(p), nil
	case ChartMu:
		return Mu(p), nil
	case ChartMMU:
		return MMU(p), nil
	}
	return nil, fmt.Errorf("unknown chart %q (want one of %s)", name, strings.Join(AllCharts, ", "))
}

// Title is the dashboard's title line: source, process, verdict, predicted OOM.
func Title(source string, p *analyze.Process) string {
	who, what := titleParts(source, p)
	return who + " · " + what
}

// titleParts splits the title into who (source, pid, isolate) and what (verdict, predicted
// OOM, crash), so that a title too wide for the image can go on two lines.
func titleParts(source string, p *analyze.Process) (who, what string) {
	outcome := []string{"verdict: " + strings.ToUpper(p.Verdict)}
	if p.PredictedOOMMS != nil && p.Crash == nil {
		// A crashed process's time of death is a fact; its trend's crossing only checks the
		// fit, and the text report does not call it a prediction either.
		outcome = append(outcome, "predicted OOM at "+units.Duration(*p.PredictedOOMMS))
	}
	if p.Crash != nil && p.Crash.TimeMS != nil {
		outcome = append(outcome, "crashed at "+units.Duration(*p.Crash.TimeMS))
	}
	return p.Name(source), strings.Join(outcome, " · ")
}

// titleLayout picks the lines and font size of the dashboard title for a canvas width: one
// line if it fits at a readable size, else who and what on two lines, and if the source
// path is what still does not fit, only its file name. A cut title in a bug report is worse
// than a smaller one.
func titleLayout(source string, p *analyze.Process, width vg.Length) ([]string, text.Style) {
	who, what := titleParts(source, p)
	short, _ := titleParts(filepath.Base(source), p)
	candidates := [][]string{{who + " · " + what}, {who, what}, {short, what}}
	sty := text.Style{Color: color.Black, XAlign: draw.XCenter, YAlign: draw.YCenter,
		Handler: plot.DefaultTextHandler}
	fits := func(lines []string, size vg.Length) bool {
		sty.Font = font.From(plot.DefaultFont, size)
		for _, l := range lines {
			if sty.Width(l) > width {
				return false
			}
		}
		return true
	}
	for _, lines := range candidates {
		for size := vg.Points(14); size >= vg.Points(11); size -= vg.Points(1) {
			if fits(lines, size) {
				return lines, sty
			}
		}
	}
	lines := candidates[len(candidates)-1]
	size := vg.Points(10)
	for size > vg.Points(6) && !fits(lines, size) {
		size -= vg.Points(1)
	}
	sty.Font = font.From(plot.DefaultFont, size)
	return lines, sty
}

// Write renders a chart ("dashboard" or a single chart) as format (png, svg, pdf) of the
// given size to w.
func Write(w io.Writer, name, format string, width, height vg.Length, source string, p *analyze.Process) error {
	var c vg.CanvasWriterTo
	if format == "png" {
		// A fixed DPI keeps the pixel size what the user asked for.
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(96))}
	} else {
		var err error
		if c, err = draw.NewFormattedCanvas(width, height, format); err != nil {
			return fmt.Errorf("unsupported chart format %q (want one of %s)", format, strings.Join(Formats, ", "))
		}
	}
	if err := drawChart(draw.New(c), name, source, p); err != nil {
		return err
	}
	_, err := c.WriteTo(w)
	return err
}

// dashboardSlots lays the dashboard's charts out on body: equal slots, then the data areas'
// left and right edges lined up. plot.Align would do this, but it gave the MMU chart twice
// the data height of the others.
func dashboardSlots(plots []*plot.Plot, names []string, body draw.Canvas) []draw.Canvas {
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(10), PadY: vg.Points(14)}
	slots := make([]draw.Canvas, len(plots))
	data := make([]draw.Canvas, len(plots))
	left, right := body.Min.X, body.Max.X
	for i, pl := range plots {
		slots[i] = tiles.At(body, 0, i)
		fitLegend(names[i], pl, slots[i])
		data[i] = pl.DataCanvas(slots[i])
		left, right = max(left, data[i].Min.X), min(right, data[i].Max.X)
	}
	for i := range slots {
		slots[i] = draw.Crop(slots[i], left-data[i].Min.X, right-data[i].Max.X, 0, 0)
	}
	return slots
}

func drawChart(dc draw.Canvas, name, source string, p *analyze.Process) error {
	if name != ChartDashboard {
		pl, err := Build(name, p)
		if err != nil {
			return err
		}
		fitLegend(name, pl, dc)
		pl.Draw(dc)
		return nil
	}
	// Title line on top, then the charts stacked.
	margin := vg.Points(12)
	lines, sty := titleLayout(source, p, dc.Max.X-dc.Min.X-2*margin)
	lineH := sty.Font.Size * 1.4
	titleH := vg.Points(8) + lineH*vg.Length(len(lines))
	for i, l := range lines {
		y := dc.Max.Y - vg.Points(4) - lineH*(vg.Length(i)+0.5)
		dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: y}, l)
	}
	body := dc
	body.Max.Y -= titleH
	charts := Charts
	if fewOnly(p) {
		// An MMU curve of a handful of pauses is a step or two that means nothing: say so in
		// a line instead of drawing it.
		charts = []string{ChartHeap, ChartPauses, ChartMu}
		note := fmt.Sprintf("No MMU curve: the log shows %d GCs, too few for one. A --trace-gc log of the whole run would show it.", len(p.Series.GCs))
		sty := text.Style{Color: color.Gray{Y: 0x50}, Font: font.From(plot.DefaultFont, vg.Points(10)),
			XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
		noteH := vg.Points(22)
		dc.FillText(sty, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Min.Y + noteH/2}, note)
		body.Min.Y += noteH
	}
	plots := make([]*plot.Plot, len(charts))
	for i, n := range charts {
		plots[i], _ = Build(n, p)
	}
	for i, slot := range dashboardSlots(plots, charts, body) {
		plots[i].Draw(slot)
	}
	return nil
}

// v8MuLabel names a series of V8's printed mu, saying so where that V8 leaves its incremental
// marking out (V8 11.8): the text report counts it, and a chart that showed V8's line high
// beside "collapsed" without a word would contradict it.
func v8MuLabel(name string, p *analyze.Process) string {
	if mu := p.MutatorUtilization; mu != nil && mu.MarkingLeftOut {
		return name + ", which leaves its marking out"
	}
	return name
}

// onCurve is the heap a trend's sampled curve gives at tms, between its samples on a line,
// and its end value past either end.
func onCurve(c []analyze.CurvePoint, tms float64) float64 {
	if tms <= c[0].TimeMS {
		return c[0].MB
	}
	for i := 1; i < len(c); i++ {
		if tms <= c[i].TimeMS {
			f := (tms - c[i-1].TimeMS) / (c[i].TimeMS - c[i-1].TimeMS)
			return c[i-1].MB + f*(c[i].MB-c[i-1].MB)
		}
	}
	return c[len(c)-1].MB
}
