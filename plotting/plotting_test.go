package plotting

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// chartLogs cover the stories a chart must tell: a leak with a prediction, a plateau, a burst,
// a crash block without history, a log without GC lines (fatal only).
var chartLogs = []string{
	"node-22/leak-linear.log",
	"node-22/leak-plateau.log",
	"node-22/burst-oom.log",
	"realworld/004-gemini-cli-linux-hard-wrapped.log",
	"realworld/006-vtex-win-fatal-only.log",
}

func report(t *testing.T, log string) *analyze.Report {
	t.Helper()
	f, err := corpustest.Open("../corpus/" + log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := analyze.FromReader(f, log, analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Processes) == 0 {
		t.Fatalf("%s: no process", log)
	}
	return r
}

// reportLimited is report with the heap limit given (none when limitMB is 0).
func reportLimited(t *testing.T, log string, limitMB float64) *analyze.Report {
	t.Helper()
	if limitMB <= 0 {
		return report(t, log)
	}
	f, err := corpustest.Open("../corpus/" + log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := analyze.FromReader(f, log, analyze.Options{HeapLimitMB: &limitMB})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Processes) == 0 {
		t.Fatalf("%s: no process", log)
	}
	return r
}

const px = vg.Inch / 96

func TestPNGDecodesWithSizeAndInk(t *testing.T) {
	for _, log := range chartLogs {
		r := report(t, log)
		for _, chart := range append([]string{ChartDashboard}, Charts...) {
			var b bytes.Buffer
			w, h := 900, 1300
			if chart != ChartDashboard {
				h = 450
			}
			if err := Write(&b, chart, "png", vg.Length(w)*px, vg.Length(h)*px, log, r.Processes[0]); err != nil {
				t.Fatalf("%s %s: %v", log, chart, err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatalf("%s %s: %v", log, chart, err)
			}
			if got := img.Bounds().Size(); got.X != w || got.Y != h {
				t.Errorf("%s %s: size %v, want %dx%d", log, chart, got, w, h)
			}
			min := 0.01
			if r.Processes[0].GCEvents == 0 {
				min = 0.002 // only the title and the message saying there is nothing to draw
			}
			if ink := inkShare(img); ink < min {
				t.Errorf("%s %s: blank (%.4f of pixels drawn)", log, chart, ink)
			}
		}
	}
}

// inkShare returns the share of pixels that are not white.
func inkShare(img image.Image) float64 {
	b := img.Bounds()
	n, ink := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			n++
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(n)
}

func TestSVGHoldsTitlesLabelsAndSeries(t *testing.T) {
	r := report(t, "node-22/leak-linear.log")
	var b bytes.Buffer
	if err := Write(&b, ChartDashboard, "svg", 900*px, 1300*px, "node-22/leak-linear.log", r.Processes[0]); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	for _, want := range []string{"Heap over time", "GC pauses", "Mutator utilization", "Minimum mutator utilization",
		"heap (MB)", "pause (ms", "time since isolate start (s)", "window (ms, log scale)",
		"trend of survivors", "the trend reaches the limit at", "heap limit ~129 MB (crash)", "crash: heap-limit",
		"full GC: after (survivors)", "V8 current mu", "verdict: LEAK"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(svg, "predicted OOM") {
		// The process crashed: its trend's crossing checks the fit, as the text report says.
		t.Error("a crashed process's charts speak of a predicted OOM")
	}
	// A fatal-only log says why its charts are empty.
	r = report(t, "realworld/006-vtex-win-fatal-only.log")
	b.Reset()
	if err := Write(&b, ChartHeap, "svg", 900*px, 450*px, "006", r.Processes[0]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "no GC lines in this log") {
		t.Error("empty heap chart has no message")
	}
}

func TestDeterministic(t *testing.T) {
	r := report(t, "node-22/leak-linear.log")
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		if err := Write(buf, ChartDashboard, "png", 800*px, 1200*px, "x", r.Processes[0]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same report drew two different PNGs")
	}
}

func TestUnknownChartAndFormat(t *testing.T) {
	r := report(t, "node-22/leak-linear.log")
	var b bytes.Buffer
	if err := Write(&b, "pie", "png", 100*px, 100*px, "x", r.Processes[0]); err == nil {
		t.Error("unknown chart accepted")
	}
	if err := Write(&b, ChartHeap, "bmp", 100*px, 100*px, "x", r.Processes[0]); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestTitleFitsTheImage: a dashboard title is never wider than the image, whatever the path;
// it keeps the verdict and the file name, and stays on one line when there is room.
func TestTitleFitsTheImage(t *testing.T) {
	p := report(t, "node-22/leak-linear.log").Processes[0]
	long := strings.Repeat("very-long-directory-name/", 8) + "leak-linear.log"
	for _, tc := range []struct {
		source   string
		width    vg.Length
		maxLines int
	}{
		{"leak-linear.log", 1000 * px, 1},
		{"corpus/node-22/leak-linear.log", 1000 * px, 1},
		{"corpus/node-22/leak-linear.log", 600 * px, 2},
		{long, 1000 * px, 2},
		{long, 400 * px, 2},
	} {
		lines, sty := titleLayout(tc.source, p, tc.width)
		if len(lines) == 0 || len(lines) > tc.maxLines {
			t.Errorf("%s at %.0f: %d lines, want 1 to %d", tc.source, tc.width/px, len(lines), tc.maxLines)
		}
		joined := strings.Join(lines, "\n")
		if !strings.Contains(joined, "verdict: LEAK") || !strings.Contains(joined, "leak-linear.log") {
			t.Errorf("%s at %.0f: title %q lost the verdict or the file name", tc.source, tc.width/px, joined)
		}
		for _, l := range lines {
			if w := sty.Width(l); w > tc.width {
				t.Errorf("%s: line %q is %.0f px wide, the image %.0f", tc.source, l, w/px, tc.width/px)
			}
		}
	}
}

// TestDashboardTilesEvenAndAligned: in the dashboard every chart gets a data area of about
// the same height, and the data areas start and end at the same x, at the default size and at
// a small one. The margin is wide because a log-scale pause chart comes out some 20% shorter
// (gonum pads it for its tick labels); plot.Align gave the MMU chart 1.8 times the others.
func TestDashboardTilesEvenAndAligned(t *testing.T) {
	for _, log := range chartLogs {
		p := report(t, log).Processes[0]
		for _, h := range []vg.Length{1400 * px, 1000 * px} {
			c := vgimg.NewWith(vgimg.UseWH(1000*px, h), vgimg.UseDPI(96))
			plots := make([]*plot.Plot, len(Charts))
			for i, n := range Charts {
				plots[i], _ = Build(n, p)
			}
			slots := dashboardSlots(plots, Charts, draw.New(c))
			first := plots[0].DataCanvas(slots[0])
			for i, pl := range plots {
				d := pl.DataCanvas(slots[i])
				if math.Abs(float64(d.Min.X-first.Min.X)) > 0.5 || math.Abs(float64(d.Max.X-first.Max.X)) > 0.5 {
					t.Errorf("%s at %.0f px: %s data area spans x %.0f–%.0f, the heap's %.0f–%.0f", log, h/px, Charts[i], d.Min.X/px, d.Max.X/px, first.Min.X/px, first.Max.X/px)
				}
				height, want := d.Max.Y-d.Min.Y, first.Max.Y-first.Min.Y
				if height < want*0.75 || height > want*1.33 {
					t.Errorf("%s at %.0f px: %s data area %.0f px high, the heap's %.0f", log, h/px, Charts[i], height/px, want/px)
				}
			}
		}
	}
}

// TestStoppedTrendDrawnFlat holds the heap chart to the report: a growth the report says ended
// is not drawn rising to the end of the log.
func TestStoppedTrendDrawnFlat(t *testing.T) {
	log := "../corpus/node-22/memo-cache-bounded-keyspace.96.log.gz"
	f, err := corpustest.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	limit := 96.0
	r, err := analyze.FromReader(f, log, analyze.Options{HeapLimitMB: &limit})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Processes[0]
	if p.Trend == nil || p.Trend.StoppedAtMS == nil {
		t.Fatalf("the report says no stop (trend %+v): the run levelled off under its limit", p.Trend)
	}
	svg := heapSVG(t, "memo", p)
	if !strings.Contains(svg, "then flat") {
		t.Error("the heap chart draws the trend on past where the report says it ended")
	}
}

// TestOneStepDrawnAsLevels: a heap the report reads as one step between two levels is drawn
// as the two levels and the step, not as a rising line — with the step on the last full GC
// (the young GCs after it holding the level) and inside the full GCs alike.
func TestOneStepDrawnAsLevels(t *testing.T) {
	for _, log := range []string{
		"node-24/avalanche-forecast-api-second-range-grid-doubles-once.320.log.gz",
		"node-10/rail-fare-engine-summer-timetable-one-step-flat.384.log.gz",
	} {
		p := report(t, log).Processes[0]
		if p.Trend == nil || p.Trend.OneStep == nil {
			t.Fatalf("%s: the report reads no step (trend %+v)", log, p.Trend)
		}
		svg := heapSVG(t, "step", p)
		if !strings.Contains(svg, "one step") || strings.Contains(svg, "trend of survivors") {
			t.Errorf("%s: the heap chart draws a trend line where the report says one step", log)
		}
	}
}

// TestTrendLineOnlyWhereTheHeapWas: a flat trend through survivors that swing between a floor
// and a peak marks a level the heap never held, so the heap chart leaves it out; a heap that
// grew and then held keeps its line.
func TestTrendLineOnlyWhereTheHeapWas(t *testing.T) {
	for _, tc := range []struct {
		log  string
		want bool
	}{
		{"node-22/sawtooth-large.log", false},
		{"node-22/leak-plateau.log", true},
		{"node-22/leak-linear.log", true},
	} {
		r := report(t, tc.log)
		svg := heapSVG(t, tc.log, r.Processes[0])
		if got := strings.Contains(svg, "trend of survivors"); got != tc.want {
			t.Errorf("%s: trend line drawn = %v, want %v", tc.log, got, tc.want)
		}
	}
}

// TestBurstDrawnAsLevelAndClimb: an allocation burst's heap chart draws the level the heap
// held and the climb out of it, as the report reads it; a trend line goes with it only where
// the report read one before the burst, never a line rising through the level into the burst.
func TestBurstDrawnAsLevelAndClimb(t *testing.T) {
	for _, tc := range []struct {
		log   string
		trend bool
	}{
		{"node-23/payroll-ledger-unpaginated-export-burst.128.log.gz", false}, // 2 full GCs before it
		{"node-20/burst-oom.log", false},                                      // none before it
		{"node-11/cdc-consumer-resnapshot-materialize-burst.512.log.gz", true},
	} {
		p := report(t, tc.log).Processes[0]
		if p.Verdict != analyze.VerdictAllocationBurst || p.Burst == nil {
			t.Fatalf("%s: %s, burst %v: the test needs a burst the report reads", tc.log, p.Verdict, p.Burst)
		}
		svg := heapSVG(t, tc.log, p)
		if !strings.Contains(svg, "burst: held ~") {
			t.Errorf("%s: the heap chart does not draw the burst", tc.log)
		}
		if got := strings.Contains(svg, "trend of survivors"); got != tc.trend {
			t.Errorf("%s: trend line drawn = %v, want %v (report's trend %+v)", tc.log, got, tc.trend, p.Trend)
		}
	}
}

// TestUnprovenTrendDrawnAsSuch: a rising line whose interval the report says holds no growth
// is drawn dashed and labelled so, not as the solid trend of a leak; a proven trend is not.
func TestUnprovenTrendDrawnAsSuch(t *testing.T) {
	for _, tc := range []struct {
		log  string
		want bool
	}{
		{"node-11/semver-resolver-memo-bounded-keyspace.256.log.gz", true}, // 4 full GCs, interval -1.3–5.3 MB/s
		{"node-22/leak-linear.log", false},
	} {
		p := report(t, tc.log).Processes[0]
		if p.Trend == nil || p.Trend.Significant == tc.want {
			t.Fatalf("%s: trend %+v: the test needs it significant = %v", tc.log, p.Trend, !tc.want)
		}
		if got := strings.Contains(heapSVG(t, tc.log, p), "(not significant"); got != tc.want {
			t.Errorf("%s: labelled not significant = %v, want %v", tc.log, got, tc.want)
		}
	}
}

// TestUnprovenTrendSaysWhy: a line the report does not call growth says why in the heap
// chart's legend as the report does — its interval holds no growth, or its rate is clear of
// zero and its rise is not clear of the noise (a bundler's leak crawling at its limit under
// GC: +2.41 MB/s, interval 1.90–2.93, +4.7 MB over the window) — never the one beside the
// other's evidence.
func TestUnprovenTrendSaysWhy(t *testing.T) {
	for _, tc := range []struct {
		log   string
		limit float64
	}{
		{"node-11/semver-resolver-memo-bounded-keyspace.256.log.gz", 0},
		{"node-20/bundler-ast-cache-cpu-bound.128.log.gz", 128},
		// A heap following its traffic, its last full GC fallen back: the legend gives what
		// that one kept, as the report's trend line does, not the line's rise.
		{"node-17/metro-faregate-open-journeys-day-cycle.320.log.gz", 320},
	} {
		p := reportLimited(t, tc.log, tc.limit).Processes[0]
		if p.Trend == nil || p.Trend.Significant || p.Trend.SlopeMBPerS <= 0 {
			t.Fatalf("%s: trend %+v: the test needs a rising line not called growth", tc.log, p.Trend)
		}
		svg := heapSVG(t, tc.log, p)
		noGrowth := strings.Contains(svg, "its interval holds no growth")
		if clear := p.Trend.Interval95[0] > 0; noGrowth == clear || !strings.Contains(svg, "(not significant") {
			t.Errorf("%s: interval %v, legend says its interval holds no growth: %v", tc.log, p.Trend.Interval95, noGrowth)
		}
		if k := p.Trend.FellBackKeptMB; strings.Contains(svg, "fell back") != (k != nil) ||
			k != nil && !strings.Contains(svg, fmt.Sprintf("%+.1f MB over the lowest", *k)) {
			t.Errorf("%s: the trend's last full GC fell back keeping %v MB; the legend does not say so as it is", tc.log, k)
		}
	}
}

// TestRiseInDeathNotGrowth: a line whose whole rise is V8's retries as one allocation failed
// (set DR's KML export on Node 8: four full GCs in 24 ms at 12.7 MB after 5.3–6.7 MB) is
// drawn dashed and its legend says it is no growth, as the report's trend line does; a
// leak's line is not.
func TestRiseInDeathNotGrowth(t *testing.T) {
	for _, tc := range []struct {
		log  string
		said bool
	}{
		{"node-8/radar-composite-kml-export-nocoverage-join-limit.128.log.gz", true},
		{"node-22/leak-linear.log", false},
	} {
		p := report(t, tc.log).Processes[0]
		if p.Trend == nil || (p.Trend.RiseInDeathFromMS != nil) != tc.said {
			t.Fatalf("%s: trend %+v, want its rise read as the death's retries: %v", tc.log, p.Trend, tc.said)
		}
		if got := strings.Contains(heapSVG(t, tc.log, p), "no growth: its rise is the full GCs V8 ran"); got != tc.said {
			t.Errorf("%s: legend says the rise is V8's retries: %v, want %v", tc.log, got, tc.said)
		}
	}
}

// TestClimbToLevelLabelled: a trend line that is only the start-up climb to a level a burst
// later left (a CSV export on Node 26: +234 MB/s over 0.3 s, then 25 s at 112 MB) is
// labelled as that climb beside the burst, as the report says; a leak's line is not.
func TestClimbToLevelLabelled(t *testing.T) {
	for _, tc := range []struct {
		log  string
		said bool
	}{
		{"node-26/csv-export-join-burst.256.log.gz", true},
		{"node-22/leak-linear.log", false},
	} {
		p := report(t, tc.log).Processes[0]
		if analyze.ClimbToLevel(p) != tc.said {
			t.Fatalf("%s: ClimbToLevel %v, want %v", tc.log, !tc.said, tc.said)
		}
		if got := strings.Contains(heapSVG(t, tc.log, p), "climb to the level held until"); got != tc.said {
			t.Errorf("%s: legend says the line is the climb to the level: %v, want %v", tc.log, got, tc.said)
		}
	}
}

// TestChangingRateLabelled: where the report models the growth as accelerating, the heap chart's
// straight trend line is labelled as the average, with the rate at the end beside it, as the
// report's rate line says.
func TestChangingRateLabelled(t *testing.T) {
	r := report(t, "node-20/leak-accelerating.256.doubling3.log.gz")
	p := r.Processes[0]
	if p.Trend == nil || p.Trend.Model != analyze.ModelAccelerating {
		t.Fatalf("trend %+v: the test needs an accelerating one", p.Trend)
	}
	svg := heapSVG(t, "doubling", p)
	if !strings.Contains(svg, "at the end (accelerating)") {
		t.Error("the heap chart labels an accelerating trend by its average alone")
	}
}

// TestStoppedCurveLabelled: a slowing trend whose rate at the end is zero or less is labelled
// as slowing to a stop, as the report's rate line says, not with a negative rate that reads
// as a heap falling (set DD's star catalog on Node 20, which levels off).
func TestStoppedCurveLabelled(t *testing.T) {
	const log = "node-20/star-catalog-cone-search-tile-cache-decel.192.log.gz"
	p := report(t, log).Processes[0]
	if p.Trend == nil || p.Trend.Model != analyze.ModelDecelerating || p.Trend.SlopeNowMBPerS == nil || *p.Trend.SlopeNowMBPerS > 0 {
		t.Fatalf("trend %+v: the test needs a slowing one whose rate at the end is not positive", p.Trend)
	}
	svg := heapSVG(t, log, p)
	if !strings.Contains(svg, "slowing to a stop") || strings.Contains(svg, "MB/s at the end") {
		t.Error("the heap chart labels a trend that stopped with its negative rate at the end")
	}
}

// The forecast leaves the last full GC at the rate the trend ends with and meets the limit at
// the predicted OOM: bending up for an accelerating leak, down for a slowing one, straight
// for a steady one.
func TestForecastPathFollowsTheEndRate(t *testing.T) {
	const t0, y0, t1, y1 = 9000.0, 34.0, 18400.0, 256.0
	chord := (y1 - y0) / (t1 - t0)
	for _, tc := range []struct {
		name string
		rate float64 // MB per ms at t0
		bend int     // +1: under the chord (bends up), -1: over it, 0: on it
	}{
		{"accelerating", 0.3 * chord, +1},
		{"steady", chord, 0},
		{"slowing", 1.8 * chord, -1},
	} {
		path := forecastPath(t0, y0, t1, y1, tc.rate)
		first, last := path[0], path[len(path)-1]
		if first.X != t0 || first.Y != y0 || math.Abs(last.X-t1) > 1e-6 || math.Abs(last.Y-y1) > 1e-6 {
			t.Errorf("%s: path from %v to %v, want (%v, %v) to (%v, %v)", tc.name, first, last, t0, y0, t1, y1)
			continue
		}
		if tc.bend == 0 {
			if len(path) != 2 {
				t.Errorf("%s: %d points, want a straight line", tc.name, len(path))
			}
			continue
		}
		startRate := (path[1].Y - path[0].Y) / (path[1].X - path[0].X)
		if math.Abs(startRate-tc.rate) > 0.1*tc.rate {
			t.Errorf("%s: leaves at %.4f MB/ms, want %.4f", tc.name, startRate, tc.rate)
		}
		mid := path[len(path)/2]
		onChord := y0 + chord*(mid.X-t0)
		if tc.bend > 0 && !(mid.Y < onChord) || tc.bend < 0 && !(mid.Y > onChord) {
			t.Errorf("%s: midway at %.1f MB, chord %.1f: bends the wrong way", tc.name, mid.Y, onChord)
		}
	}
}

// heapSVG draws the heap chart of p as SVG (900×450 px) and returns it.
func heapSVG(t *testing.T, title string, p *analyze.Process) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, ChartHeap, "svg", 900*px, 450*px, title, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMMUCurveBreaksWhereWindowsAreLeftOut: a long log's report leaves out the MMU of windows
// its merged pauses cannot say; the chart joins only neighbouring windows and says why the
// others are missing, rather than drawing a line through values nobody measured.
func TestMMUCurveBreaksWhereWindowsAreLeftOut(t *testing.T) {
	ws := analyze.MMUWindows
	for _, tc := range []struct {
		name string
		at   []int // indices into MMUWindows
		runs []int // the lengths of the runs drawn
	}{
		{"every window", []int{0, 1, 2}, []int{3}},
		{"a gap", []int{0, 1, 2, 9, 10}, []int{3, 2}},
		{"lone points", []int{0, 9}, []int{1, 1}},
	} {
		var pts []analyze.MMUPoint
		var xy plotter.XYs
		for _, i := range tc.at {
			pts = append(pts, analyze.MMUPoint{WindowMS: ws[i], MMU: float64(i) / 20})
			xy = append(xy, plotter.XY{X: ws[i], Y: float64(i) / 20})
		}
		var got []int
		for _, r := range windowRuns(xy) {
			got = append(got, len(r))
		}
		if !slices.Equal(got, tc.runs) {
			t.Errorf("%s: runs %v, want %v", tc.name, got, tc.runs)
		}
		var svg bytes.Buffer
		wt, err := MMU(&analyze.Process{MMU: pts}).WriterTo(8*vg.Inch, 4*vg.Inch, "svg")
		if err != nil {
			t.Fatal(err)
		}
		wt.WriteTo(&svg)
		if note := strings.Contains(svg.String(), "not known"); note != (len(tc.runs) > 1) {
			t.Errorf("%s: note of windows not known shown = %v", tc.name, note)
		}
	}
}

// TestV8MuThatLeavesMarkingOut: on Node 21 V8 prints a mu without its incremental marking;
// the text report counts the marking and says utilization collapsed, so the chart's lines of
// V8's mu say what they leave out. Versions that count it are drawn as before.
func TestV8MuThatLeavesMarkingOut(t *testing.T) {
	for _, c := range []struct {
		log  string
		says bool
	}{
		{"node-21/bikeshare-dock-rebalance-daykey-rollover.96.log.gz", true},
		{"node-22/leak-linear.log", false},
	} {
		r := report(t, c.log)
		var b bytes.Buffer
		if err := Write(&b, ChartMu, "svg", 900*px, 450*px, c.log, r.Processes[0]); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), "which leaves its marking out"); got != c.says {
			t.Errorf("%s: legend says V8's mu leaves its marking out: %v, want %v", c.log, got, c.says)
		}
	}
}

// TestEnvelope: a line of many more points than a chart has columns is drawn as the band
// between each column's lowest and highest point, which holds every point; a short line is
// drawn as it is.
func TestEnvelope(t *testing.T) {
	zigzag := func(n int) plotter.XYs {
		xys := make(plotter.XYs, n)
		for i := range xys {
			xys[i] = plotter.XY{X: float64(i), Y: float64(i%7) + float64(i)/1000}
		}
		return xys
	}
	if _, _, ok := envelope(zigzag(4*64), 64); ok {
		t.Errorf("a line of four points a column was banded")
	}
	xys := zigzag(10000)
	top, bottom, ok := envelope(xys, 64)
	if !ok || len(top) > 2*64 || len(bottom) != len(top) {
		t.Fatalf("envelope of 10,000 points in 64 columns: ok %v, %d and %d edge points", ok, len(top), len(bottom))
	}
	edgeAt := func(edge plotter.XYs, x float64) float64 { // the edge's value over x (it steps at column ends)
		for i := 0; i+1 < len(edge); i += 2 {
			if lo, hi := math.Min(edge[i].X, edge[i+1].X), math.Max(edge[i].X, edge[i+1].X); x >= lo && x <= hi {
				return edge[i].Y
			}
		}
		return math.NaN()
	}
	for _, p := range xys {
		if hi, lo := edgeAt(top, p.X), edgeAt(bottom, p.X); !(p.Y <= hi && p.Y >= lo) {
			t.Fatalf("point %v outside the band [%v, %v]", p, lo, hi)
		}
	}
}

// TestLegendCorner: the heap chart's legend takes the first corner its data leave free — top
// left, then top right where no crash line stands at the right edge (a stepwise cache on
// Node 24 whose committed memory swelled to 187 MB at 15 s of 70: its legend, sent to the
// bottom left, covered 68 full GCs on their level), then bottom left where no data lie,
// else top left over all the data.
func TestLegendCorner(t *testing.T) {
	swellEarly := plotter.XYs{{X: 1, Y: 20}, {X: 15, Y: 187}, {X: 30, Y: 60}, {X: 60, Y: 90}}
	for _, tc := range []struct {
		name           string
		pts            plotter.XYs
		crashed        bool
		top, left, got bool
	}{
		{"data low everywhere", plotter.XYs{{X: 1, Y: 10}, {X: 90, Y: 50}}, false, true, true, true},
		{"committed swelled early, alive", swellEarly, false, true, false, true},
		{"committed swelled early, crashed", swellEarly, true, true, true, true}, // its start lies in the bottom left
		{"high at both ends", plotter.XYs{{X: 1, Y: 190}, {X: 95, Y: 190}}, false, false, true, false},
		// A report's crash on a flat heap whose committed memory rose early over the points
		// of its start: no corner is free, and the legend goes above all the data.
		{"no corner free", plotter.XYs{{X: 1, Y: 10}, {X: 20, Y: 150}, {X: 95, Y: 190}}, true, true, true, true},
	} {
		pl := plot.New()
		pl.Legend.Top, pl.Legend.Left = true, true // as the heap chart starts it
		got := placeLegend(pl, tc.pts, 0, 100, 200, tc.crashed)
		if got != tc.got || pl.Legend.Top != tc.top || pl.Legend.Left != tc.left {
			t.Errorf("%s: on top %v (top %v, left %v), want %v (top %v, left %v)", tc.name, got, pl.Legend.Top, pl.Legend.Left, tc.got, tc.top, tc.left)
		}
	}
}

func TestOnCurve(t *testing.T) {
	c := []analyze.CurvePoint{{TimeMS: 1000, MB: 10}, {TimeMS: 2000, MB: 30}, {TimeMS: 4000, MB: 40}}
	for _, tc := range []struct{ ms, want float64 }{
		{0, 10}, {1000, 10}, {1500, 20}, {2000, 30}, {3000, 35}, {4000, 40}, {9000, 40},
	} {
		if got := onCurve(c, tc.ms); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("at %.0f ms: %.2f MB, want %.2f", tc.ms, got, tc.want)
		}
	}
}

// TestEstimatedLimitSaysSo: a limit read from V8's memory-reducing full GCs (no flag in the
// log) is drawn as an estimate, in words a reader of the chart understands.
func TestEstimatedLimitSaysSo(t *testing.T) {
	r := report(t, "node-18/drone-terrain-obstacle-index-thrash.128.log.gz")
	var b bytes.Buffer
	if err := Write(&b, ChartHeap, "svg", 900*px, 450*px, "drone", r.Processes[0]); err != nil {
		t.Fatal(err)
	}
	if svg := b.String(); !strings.Contains(svg, "estimated from V8&#39;s memory-reducing GCs") && !strings.Contains(svg, "estimated from V8's memory-reducing GCs") {
		t.Errorf("the heap chart of a limit read from memory-reducing GCs does not say it is an estimate")
	}
}

// TestQuietWorkerMarked: the heap chart of a worker that went quiet while GC starved it marks
// where its GC lines stop, as the text report says (analyze's TestWorkerWentQuiet's log).
func TestQuietWorkerMarked(t *testing.T) {
	r := report(t, "../analyze/testdata/real-run-node20-worker-pool-silent-worker-oom.log.gz")
	quiet := 0
	for _, p := range r.Processes {
		if p.QuietAfterMS != nil {
			quiet++
		}
		var b bytes.Buffer
		if err := Write(&b, ChartHeap, "svg", 900*px, 450*px, "recycle", p); err != nil {
			t.Fatal(err)
		}
		if marked := strings.Contains(b.String(), "went quiet"); marked != (p.QuietAfterMS != nil) {
			t.Errorf("%s: the chart marks it gone quiet: %v; the report: %v", p.Who(), marked, p.QuietAfterMS != nil)
		}
	}
	if quiet != 1 {
		t.Errorf("%d processes went quiet, want the first worker", quiet)
	}
}

// TestFarForecastLeavesTheLogReadable: a slow leak forecast hours past a 15-minute log runs off
// the chart's edge rather than squeezing the log into a sliver at its left; a near one is drawn
// whole.
func TestFarForecastLeavesTheLogReadable(t *testing.T) {
	for _, tc := range []struct {
		log   string
		limit float64
	}{
		{"node-24/session-store-slow-leak.512.log.gz", 512},
		{"node-22/leak-linear.log", 0},
	} {
		p := reportLimited(t, tc.log, tc.limit).Processes[0]
		if p.PredictedOOMMS == nil || p.FirstMS == nil || p.LastMS == nil {
			t.Fatalf("%s: no forecast to draw", tc.log)
		}
		t0, t1 := span(p)
		length := *p.LastMS - *p.FirstMS
		if t1-t0 > (1+maxAheadSpans)*length+1 {
			t.Errorf("%s: chart spans %.0f s for a %.0f s log", tc.log, (t1-t0)/1000, length/1000)
		}
		if *p.PredictedOOMMS <= *p.LastMS+maxAheadSpans*length && t1 < *p.PredictedOOMMS {
			t.Errorf("%s: a forecast %.0f s ahead is cut at %.0f s", tc.log, (*p.PredictedOOMMS-*p.LastMS)/1000, (t1-*p.LastMS)/1000)
		}
		if svg := heapSVG(t, tc.log, p); !strings.Contains(svg, "predicted OOM") && !strings.Contains(svg, "reaches the limit") {
			t.Errorf("%s: the legend does not say when the forecast arrives", tc.log)
		}
	}
}
