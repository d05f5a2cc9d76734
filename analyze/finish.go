package analyze

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
	"gonum.org/v1/gonum/stat"
)

// Report computes the report of everything added so far. stats are the parser's counts.
func (a *Analyzer) Report(source string, stats parser.Stats) *Report {
	r := &Report{Source: source, Lines: stats.Lines, UnparsedLines: stats.Unknown, Processes: []*Process{}}
	a.adoptOrphanCrash()
	for _, p := range a.order {
		if p.gcs == 0 && p.crash == nil {
			continue
		}
		r.Processes = append(r.Processes, a.finish(p, len(a.order) > 1))
	}
	return r
}

// adoptOrphanCrash gives a fatal error printed before any GC line (stderr and stdout out of
// order, or a paste that put the FATAL line first) to the one isolate without a crash of its
// own.
func (a *Analyzer) adoptOrphanCrash() {
	orphan := a.procs[parser.IsolateKey{}]
	if orphan == nil || orphan.crash == nil || orphan.gcs > 0 {
		return
	}
	var heir *proc
	for _, p := range a.order {
		if p != orphan && p.crash == nil && p.gcs > 0 {
			if heir != nil {
				return // several candidates: leave it where it is
			}
			heir = p
		}
	}
	if heir == nil {
		return
	}
	heir.crash, orphan.crash = orphan.crash, nil
	if heir.crash.TimeMS == nil {
		t := heir.last
		heir.crash.TimeMS = &t
	}
	heir.crash.LastGCs = heir.lastGCs()
}

// lastGCs are the last three GCs of a process, as a crash shows them.
func (p *proc) lastGCs() []GCPoint {
	return exposeAll(append([]GCPoint(nil), p.recent[max(0, len(p.recent)-3):]...))
}

// jestEvidence adds what jest --logHeapUsage printed: the heap after each test file, an
// independent series that can show a leak across test files where the GC log is too short.
func (a *Analyzer) jestEvidence(out *Process) {
	h := a.jestHeap
	if len(h) < 3 {
		return
	}
	rising := 0
	for i := 1; i < len(h); i++ {
		if h[i] > h[i-1] {
			rising++
		}
	}
	line := fmt.Sprintf("jest --logHeapUsage: heap after %d test files %.0f → %.0f MB", len(h), h[0], h[len(h)-1])
	if rising >= (len(h)-1)*3/4 && h[len(h)-1] > 1.5*h[0] {
		line += ": it grows with almost every test file, the pattern of a leak across test files (module registry, globals, timers left running)"
		recs := []string{"The heap grows from one jest test file to the next: look for what outlives a test file (mocks, singletons, open handles); run with --runInBand --logHeapUsage --detectOpenHandles, and --workerIdleMemoryLimit (jest 29+) to recycle workers meanwhile."}
		for _, r := range out.Recommendations {
			if !strings.HasPrefix(r, "jest:") { // the general jest advice says less
				recs = append(recs, r)
			}
		}
		out.Recommendations = recs
	}
	out.Evidence = append(out.Evidence, "test files: "+line)
}

// userFirst orders crash frames so the program's own come before Node's internals
// (node:internal/…, internal/…), which say where Node noticed, not what the program did.
func userFirst(frames []string) []string {
	internal := func(f string) bool {
		return strings.Contains(f, "node:internal/") || strings.Contains(f, " internal/") || strings.HasPrefix(f, "internal/")
	}
	out := make([]string, 0, len(frames))
	for _, f := range frames {
		if !internal(f) {
			out = append(out, f)
		}
	}
	for _, f := range frames {
		if internal(f) {
			out = append(out, f)
		}
	}
	return out
}

func (a *Analyzer) finish(p *proc, several bool) *Process {
	out := &Process{
		PID: p.key.PID, Isolate: p.key.Isolate, GCEvents: p.gcs, FullGCs: p.full, YoungGCs: p.young,
		Crash: p.crash, Pauses: map[string]*PauseStats{}, HeapLimitSource: LimitUnknown,
	}
	if p.crash != nil {
		p.crash.TopFrames = userFirst(p.crash.TopFrames)
		// An isolate does not collect after it died: GC lines printed after the fatal error
		// were written late (buffered output), and the last of them is the time of death.
		if p.gcs > 0 && (p.crash.TimeMS == nil || p.last > *p.crash.TimeMS) {
			t := p.last
			p.crash.TimeMS = &t
		}
	}
	if p.gcs > 0 {
		first, last := *p.first, p.last
		out.FirstMS, out.LastMS = &first, &last
	}
	for name := range a.context {
		out.Context = append(out.Context, name)
	}
	if several {
		out.Context = append(out.Context, "several-isolates")
	}
	sort.Strings(out.Context)

	a.pauseStats(p, out)
	a.heapSummary(p, out)
	a.mutator(p, out)
	a.heapLimit(p, out)
	a.trend(p, out)
	decide(p, out)
	a.predict(p, out)
	explain(p, out)
	a.jestEvidence(out)
	out.Series = &Series{GCs: exposeAll(p.chart.all())}
	for _, f := range p.fulls {
		out.Series.FullGCs = append(out.Series.FullGCs, f.GCPoint.expose())
	}
	a.utilizationSeries(p, out)
	finite(reflect.ValueOf(out))
	return out
}

// finite replaces the NaNs and infinities that extreme input can still produce with zero (or
// nil, for optional numbers), so every report can be written as JSON.
func finite(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if e := v.Elem(); e.Kind() == reflect.Float64 {
			if f := e.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
				if v.CanSet() {
					v.Set(reflect.Zero(v.Type()))
				} else {
					e.SetFloat(0)
				}
			}
			return
		}
		finite(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				finite(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			finite(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			finite(v.MapIndex(k))
		}
	case reflect.Float64:
		if f := v.Float(); (math.IsNaN(f) || math.IsInf(f, 0)) && v.CanSet() {
			v.SetFloat(0)
		}
	}
}

func (a *Analyzer) pauseStats(p *proc, out *Process) {
	var young, full []float64
	var total float64
	for _, ps := range p.pauses {
		total += ps.atom
		if ps.full {
			full = append(full, ps.atom)
		} else {
			young = append(young, ps.atom)
		}
	}
	if q := quantiles(young); q != nil {
		out.Pauses["scavenge"] = q
	}
	if q := quantiles(full); q != nil {
		out.Pauses["full"] = q
	}
	if span := spanMS(out); span > 0 {
		// The wall time runs from the start of the first pause to the end of the last.
		ov := math.Min(total/(span+p.pauses[0].atom), 1)
		out.GCOverhead = &ov
		rate := p.allocatedMB / (span / 1000)
		out.AllocationRateMBPerS = &rate
	}
}

func spanMS(out *Process) float64 {
	if out.FirstMS == nil {
		return 0
	}
	return *out.LastMS - *out.FirstMS
}

func (a *Analyzer) heapSummary(p *proc, out *Process) {
	if len(p.fulls) == 0 {
		return
	}
	f0, fn := p.fulls[0], p.fulls[len(p.fulls)-1]
	h := &HeapSummary{FirstMB: f0.AfterMB, FirstMS: f0.TimeMS, LastMB: fn.AfterMB, LastMS: fn.TimeMS}
	for _, f := range p.fulls {
		h.MaxMB = math.Max(h.MaxMB, f.AfterMB)
	}
	from := max(0, len(p.fulls)-3)
	for _, f := range p.fulls[from:] {
		h.LastFreedMB = append(h.LastFreedMB, round1(f.BeforeMB-f.AfterMB))
	}
	out.HeapAfterFullGC = h
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// mutator summarises V8's printed mu and computes utilization from the pause timeline:
// between two full GCs, the share of wall time not spent in the second one's pause and
// incremental marking — what V8 calls current mu.
func (a *Analyzer) mutator(p *proc, out *Process) {
	mu := &MuSummary{Printed: p.muPrinted}
	var diffs []float64
	for i, f := range p.fulls {
		if cur, ok := f.cur(); ok {
			if mu.AverageFirst == nil && f.hasAvg {
				v := f.muAvg
				mu.AverageFirst = &v
			}
			if f.hasAvg {
				v := f.muAvg
				mu.AverageLast = &v
			}
			if mu.CurrentMin == nil || cur < *mu.CurrentMin {
				v := cur
				mu.CurrentMin = &v
			}
		}
		if i == 0 {
			continue
		}
		dt := f.TimeMS - p.fulls[i-1].TimeMS
		if dt <= 0 {
			continue
		}
		c := math.Min(math.Max(1-(f.PauseMS+f.incrMS)/dt, 0), 1)
		last := c
		mu.ComputedLast = &last
		if cur, ok := f.cur(); ok {
			diffs = append(diffs, math.Abs(cur-c))
		}
	}
	from := max(0, len(p.fulls)-5)
	for _, f := range p.fulls[from:] {
		if cur, ok := f.cur(); ok {
			mu.CurrentLastFull = append(mu.CurrentLastFull, cur)
		}
	}
	if len(diffs) > 0 {
		mae := stat.Mean(diffs, nil)
		mu.AgreementMAE = &mae
	}
	if span := spanMS(out); span > 0 {
		var gc float64
		for _, ps := range p.pauses {
			gc += ps.ms
		}
		v := math.Max(1-gc/span, 0)
		mu.ComputedOverall = &v
		tl := newTimeline(p.pauses)
		cand := tl.candidates()
		for _, w := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000} {
			if w > span {
				break
			}
			if m := tl.mmu(w, *out.FirstMS, *out.LastMS, cand); !math.IsNaN(m) {
				out.MMU = append(out.MMU, MMUPoint{WindowMS: w, MMU: m})
			}
		}
	}
	out.MutatorUtilization = mu
	// V8's rule: consecutive mark-compacts that freed little while mu stayed under 0.4.
	trailing := 0
	for i := len(p.fulls) - 1; i >= 0; i-- {
		f := p.fulls[i]
		cur, hasCur := f.cur()
		low := hasCur && cur < 0.4
		if !hasCur && i > 0 {
			dt := f.TimeMS - p.fulls[i-1].TimeMS
			low = dt > 0 && 1-(f.PauseMS+f.incrMS)/dt < 0.4
		}
		if !low || f.BeforeMB-f.AfterMB > 0.1*f.BeforeMB {
			break
		}
		trailing++
	}
	out.IneffectiveMC = &IneffectiveMC{Trailing: trailing, Met: trailing >= 3}
}

func (a *Analyzer) utilizationSeries(p *proc, out *Process) {
	span := spanMS(out)
	if span <= 0 || len(p.pauses) == 0 {
		return
	}
	w := math.Max(span/50, 100)
	if w > span {
		w = span
	}
	tl := newTimeline(p.pauses)
	const n = 400
	out.Series.WindowMS = w
	for i := 0; i <= n; i++ {
		t := *out.FirstMS + w + (span-w)*float64(i)/n
		u := 1 - tl.gcIn(t-w, t)/w
		out.Series.Utilization = append(out.Series.Utilization, UtilPoint{TimeMS: t, MU: math.Max(u, 0)})
	}
}

// heapLimitKinds are the fatal kinds that mean the heap reached its limit.
var heapLimitKinds = map[string]bool{
	string(parser.FatalHeapLimit): true, string(parser.FatalIneffective): true,
	string(parser.FatalCallAndRetryLast): true, string(parser.FatalYoungPromotion): true,
	string(parser.FatalSemiSpace): true, string(parser.FatalWorkerOOM): true,
}

// crashedAtLimit reports whether the process died because its heap reached the limit: a
// fatal error of that kind, or — when the log was cut before any fatal line — V8's last-resort
// full GCs, which it runs only when an allocation failed at the limit.
func crashedAtLimit(p *proc) bool {
	if p.crash != nil {
		return heapLimitKinds[p.crash.Kind] || p.crash.Kind == string(parser.FatalOther) && p.crash.HeapOOM
	}
	return lastResort(p)
}

func lastResort(p *proc) bool {
	n := len(p.fulls)
	return n > 0 && strings.HasPrefix(p.fulls[n-1].Reason, "last resort")
}

func structureLimit(p *proc) bool {
	if p.crash == nil {
		return false
	}
	switch parser.FatalKind(p.crash.Kind) {
	case parser.FatalInvalidTableSize, parser.FatalInvalidArrayLength, parser.FatalInvalidSize:
		return true
	}
	return false
}

// heapLimit takes the limit the user gave, else the one a verbose log prints, else the heap a
// crash at the limit reached; otherwise it stays unknown.
func (a *Analyzer) heapLimit(p *proc, out *Process) {
	switch {
	case a.opts.HeapLimitMB != nil:
		v := *a.opts.HeapLimitMB
		out.HeapLimitMB, out.HeapLimitSource = &v, LimitUser
	case crashedAtLimit(p) && len(p.recent) > 0:
		// The heap it died at (or ran its last-resort GCs at) is the limit that mattered; a verbose log's heap_size_limit
		// also counts the young generation's reservation.
		v := crashHeapMB(p)
		out.HeapLimitMB, out.HeapLimitSource = &v, LimitCrash
	case p.verboseLimitMB != nil:
		v := round1(*p.verboseLimitMB)
		out.HeapLimitMB, out.HeapLimitSource = &v, LimitInferred
	}
}

// crashHeapMB is the heap the process died at: what survived its last full GCs (the old
// generation at its cap, which is what --max-old-space-size sets), or, when the log shows no
// full GC, the largest heap before its last GCs.
func crashHeapMB(p *proc) float64 {
	var m float64
	if n := len(p.fulls); n > 0 {
		for _, f := range p.fulls[max(0, n-3):] {
			m = math.Max(m, f.AfterMB)
		}
		return m
	}
	for _, g := range p.recent[max(0, len(p.recent)-3):] {
		m = math.Max(m, g.BeforeMB)
	}
	return m
}

// trend fits the heap after full GCs over the part of the log where the current trend holds.
func (a *Analyzer) trend(p *proc, out *Process) {
	n := len(p.fulls)
	if n < 3 {
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
		xs, ys = trimDeathSpiral(xs, ys)
	}
	start := trendStart(xs, ys)
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
	t.Significant = iv[0] > 0 && growth > math.Max(2, 0.05*mean)
	out.Trend = t
	slope := f.b
	out.LiveHeapSlopeMBPerS = &slope
}

// trimDeathSpiral drops the trailing points that sit within 10% of the highest heap and fall
// in the last 15% of the time, keeping at least four points.
func trimDeathSpiral(xs, ys []float64) ([]float64, []float64) {
	n := len(xs)
	top := 0.0
	for _, y := range ys {
		top = math.Max(top, y)
	}
	cutT := xs[0] + 0.85*(xs[n-1]-xs[0])
	k := n
	for k > 4 && ys[k-1] >= 0.9*top && xs[k-1] >= cutT {
		k--
	}
	if k < n {
		k++ // keep the first point at the limit: the line must reach it
	}
	return xs[:k], ys[:k]
}

// decide sets the verdict. The rules are general; their thresholds are stated in the
// evidence so a reader can judge them.
func decide(p *proc, out *Process) {
	limit := 0.0
	if out.HeapLimitMB != nil {
		limit = *out.HeapLimitMB
	}
	tr := out.Trend
	growing := tr != nil && tr.Significant && tr.RSquared >= 0.5
	switch {
	case structureLimit(p):
		out.Verdict = VerdictStructureLimit
	case crashedAtLimit(p):
		switch {
		case isBurst(p, limit):
			out.Verdict = VerdictAllocationBurst
		case growing && limit > 0 && math.Max(tr.GrowthMB, riseMB(out)) >= 0.2*limit:
			out.Verdict = VerdictLeak
		case p.full < 2:
			out.Verdict = VerdictInsufficientData
		case p.full < 4 && suddenArrival(p, limit):
			out.Verdict = VerdictAllocationBurst
		default:
			out.Verdict = VerdictHeapTooSmall
		}
	case p.crash != nil:
		// A process OOM (zone, virtual memory) or another fatal error: the JS heap is not the
		// cause; read the heap as for a live process.
		fallthrough
	default:
		switch {
		case p.crash != nil && p.gcs == 0:
			out.Verdict = VerdictInsufficientData
		case growing && tr.Points >= 4 && ((tr.ToMS-tr.FromMS) >= 0.25*spanMS(out) || tr.Points >= 20) &&
			(tr.GrowthMB >= 10 || limit > 0 && tr.GrowthMB >= 0.1*limit):
			out.Verdict = VerdictLeak
		case out.IneffectiveMC.Met:
			out.Verdict = VerdictGCThrashing
		case growing && tr.GrowthMB >= 5:
			// Growth, but over too few full GCs or too short a part of the log to call a
			// leak: a heap that grew over three points may still level off.
			out.Verdict = VerdictInsufficientData
		case tr == nil && (p.young < 20 || p.crash != nil):
			// Fewer than three full GCs and little else: no trend can be read.
			out.Verdict = VerdictInsufficientData
		default:
			out.Verdict = VerdictHealthy
		}
	}
}

// suddenArrival reads a crash block without history: the heap jumped by more than 2% of the
// limit between the last two GCs while V8's mutator utilization was still high (≥ 0.8), so the
// program was not grinding against the limit before — it arrived there at once.
func suddenArrival(p *proc, limit float64) bool {
	n := len(p.recent)
	if n < 2 || limit <= 0 {
		return false
	}
	prev, last := p.recent[n-2], p.recent[n-1]
	mu, ok := last.mu()
	return ok && mu >= 0.8 && last.BeforeMB-prev.AfterMB >= 0.02*limit
}

// riseMB is how much the heap after full GCs rose from the first full GC to the last.
func riseMB(out *Process) float64 {
	if h := out.HeapAfterFullGC; h != nil {
		return h.LastMB - h.FirstMB
	}
	return 0
}

// isBurst reports whether a process that died at its limit had a stable heap and then
// climbed to the limit in one short run: the climb from near its earlier level to 80% of the
// limit took less than 30% of the time it lived before reaching the limit.
func isBurst(p *proc, limit float64) bool { return burstOf(p, limit) != nil }

// burst is how a process ran into its limit at once: the level it held, and when it left it
// and reached the limit.
type burst struct {
	baseMB, fromMS, toMS float64
}

func burstOf(p *proc, limit float64) *burst {
	pts := p.chart.all()
	if len(pts) < 4 || limit <= 0 {
		return nil
	}
	t0 := pts[0].TimeMS
	reach := -1
	for i, g := range pts {
		if math.Max(g.BeforeMB, g.AfterMB) >= 0.8*limit {
			reach = i
			break
		}
	}
	if reach < 3 {
		return nil
	}
	// The level the heap held before: the first half of the time before it reached the limit.
	var early []float64
	half := t0 + 0.5*(pts[reach].TimeMS-t0)
	for _, g := range pts[:reach] {
		if g.TimeMS <= half {
			early = append(early, g.AfterMB)
		}
	}
	if len(early) < 3 {
		return nil
	}
	sort.Float64s(early)
	base := stat.Quantile(0.5, stat.Empirical, early, nil)
	if base >= 0.6*limit {
		return nil
	}
	low := base + 0.2*(limit-base)
	climb := reach
	for climb > 0 && math.Max(pts[climb-1].BeforeMB, pts[climb-1].AfterMB) > low {
		climb--
	}
	if climb == 0 {
		return nil
	}
	lived := pts[reach].TimeMS - t0
	if lived <= 0 || pts[reach].TimeMS-pts[climb-1].TimeMS >= 0.3*lived {
		return nil
	}
	return &burst{baseMB: base, fromMS: pts[climb-1].TimeMS, toMS: pts[reach].TimeMS}
}

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
		out.PredictableFromMS = predictableFrom(p, *out.HeapLimitMB, *p.crash.TimeMS)
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
// full GCs up to the cut stayed within 20% of the real crash time.
func predictableFrom(p *proc, limit, crashMS float64) *float64 {
	n := len(p.fulls)
	step := max(1, n/60)
	all := make([]float64, 2*n)
	xsAll, ysAll := all[:n], all[n:]
	for i, f := range p.fulls {
		xsAll[i], ysAll[i] = f.TimeMS/1000, f.AfterMB
	}
	var from *float64
	for k := n; k >= 4; k -= step {
		xs, ys := xsAll[:k], ysAll[:k]
		s := trendStart(xs, ys)
		if xs[k-1]-xs[s] <= 0 {
			break
		}
		f := robustFit(xs[s:], ys[s:])
		t := &Trend{SlopeMBPerS: f.b, InterceptMB: f.a, ToMS: xs[k-1] * 1000, Interval95: f.interval95()}
		pred, _, ok := extrapolate(t, limit)
		if !ok || math.Abs(pred-crashMS) > 0.2*crashMS {
			break
		}
		v := p.fulls[k-1].TimeMS
		from = &v
	}
	return from
}
