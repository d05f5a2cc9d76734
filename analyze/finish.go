package analyze

// This file turns the running state of a process into its Process report: pauses, the heap
// after full GCs, mutator utilization, then the limit, trend, verdict, prediction and advice.

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/gcanalyze/gcanalyze/parser"
	"gonum.org/v1/gonum/stat"
)

// Peek computes the report of everything added so far without ending the input, for a live
// view: a death whose fatal line may still follow is not settled and nothing is merged, so
// Add may go on. Only processes with GCs are in it.
func (a *Analyzer) Peek(source string, stats parser.Stats) *Report {
	r := &Report{Source: source, Lines: stats.Lines, UnparsedLines: stats.Unknown, Processes: []*Process{}}
	for _, p := range a.order {
		if p.gcs > 0 {
			r.Processes = append(r.Processes, a.finish(p, len(a.order) > 1))
		}
	}
	return r
}

// Report computes the report of everything added so far. stats are the parser's counts.
func (a *Analyzer) Report(source string, stats parser.Stats) *Report {
	r := &Report{Source: source, Lines: stats.Lines, UnparsedLines: stats.Unknown, Processes: []*Process{}}
	a.settleEvidence(false)
	a.mergePIDOnly()
	for _, p := range a.order {
		// At the end of the input only: a live view (Peek) may yet see the process go on.
		if a.ringOnly(p) {
			p.crash = &Crash{Kind: parser.FatalUnknown, HeapOOM: true, Line: p.firstLine, Fatal: "the fatal message is not in the log (its GC lines are a crash block's last few GCs, without the block's header: nothing but full GCs late in the process's life, each freeing almost nothing with V8's utilization under 0.4)"}
		}
	}
	if len(a.order) == 0 && (len(a.memory) > 0 || len(a.jestHeap) > 0) {
		// Only the heap the program printed of itself: a process, with too little to judge.
		a.proc(parser.IsolateKey{}).seen = true
	}
	var shown []*proc
	for _, p := range a.order {
		if p.gcs == 0 && p.crash == nil && !p.seen {
			continue
		}
		shown = append(shown, p)
	}
	renumberRuns(shown)
	for _, p := range shown {
		r.Processes = append(r.Processes, a.finish(p, len(a.order) > 1))
	}
	for _, pr := range a.announced {
		r.Traced = append(r.Traced, pr)
	}
	sort.Slice(r.Traced, func(i, j int) bool { return *r.Traced[i].PID < *r.Traced[j].PID })
	return r
}

// renumberRuns numbers the runs of each key among the processes a report shows, in their
// order, once merging is done: a death printed before its crash block, merged into it, leaves
// one process of the key, which is no "process 2" (nor "run 2").
func renumberRuns(shown []*proc) {
	count := map[parser.IsolateKey]int{}
	for _, p := range shown {
		if p.run > 0 {
			count[p.key]++
		}
	}
	next := map[parser.IsolateKey]int{}
	for _, p := range shown {
		switch {
		case p.run == 0:
		case count[p.key] == 1:
			p.run = 0
		default:
			next[p.key]++
			p.run = next[p.key]
		}
	}
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

// caughtAfterGCs is how many GCs of a process may follow an uncaught JavaScript error's line
// and the error still be its death: buffered trace output (Deno's, in 4 KB pieces) prints the
// last GCs after it. A process that goes on collecting long after caught the error and logged
// it.
const caughtAfterGCs = 60

func (a *Analyzer) finish(p *proc, several bool) *Process {
	p.tl, p.stalls, p.levels, p.lingered, p.lingerRead = nil, nil, nil, nil, false // the pauses and full GCs may have grown since the last report
	defer func() { p.tl, p.stalls, p.levels, p.lingered, p.lingerRead = nil, nil, nil, nil, false }()
	if c := p.crash; c != nil && c.PrintedBy == "js" && p.gcs-p.gcsAtCrash > caughtAfterGCs {
		p.catch(c)
	}
	out := &Process{
		PID: p.key.PID, Isolate: p.key.Isolate, Run: p.run, GCEvents: p.gcs, FullGCs: p.full, YoungGCs: p.young,
		Crash: p.crash, Stopped: p.stopped, ExitCode: p.exitCode, Pauses: map[string]*PauseStats{}, HeapLimitSource: LimitUnknown,
	}
	if pr := a.announced[p.key.PID]; pr != nil && p.key.PID != 0 {
		out.Program = programOf(pr.Argv)
	}
	if several {
		out.QuietAfterMS = a.quietAfter(p)
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
	var off *offHeap
	if p.gcs > 0 {
		off = a.offHeapOf()
	}
	if off != nil {
		out.Context = append(out.Context, offHeapContext)
	}
	sort.Strings(out.Context)

	if all := p.fulls; p.dropTeardown() {
		defer func() { p.fulls = all }() // a live view may see more full GCs after it
	}
	a.pauseStats(p, out)
	a.heapSummary(p, out)
	a.mutator(p, out)
	p.snapshots = a.snapshotsOf(p)
	for _, s := range p.snapshots {
		out.HeapSnapshots = append(out.HeapSnapshots, s.path)
	}
	a.heapLimit(p, out)
	p.limit = a.readLimit(p, out)
	if b := p.limit.belowDefault; b != nil {
		out.DefaultLimitMB = &b.defaultMB
	}
	a.ineffectiveMCs(p, out)
	out.Requested = requestedOf(p, out)
	if d := deathPointOf(p, out); d != nil && d.raisedMB > 0 {
		raised := round1(*out.HeapLimitMB + d.raisedMB)
		out.RaisedLimitMB = &raised
	}
	if d := deathPointOf(p, out); d != nil && !d.ignored {
		mid := round1(d.mb)
		out.OOMAtHeapMB, out.OOMAtHeapRangeMB = &mid, &[2]float64{round1(d.lo), round1(d.hi)}
	}
	a.trend(p, out)
	death := 0.0
	if crashedAtLimit(p) {
		death = p.limit.heapMB
	}
	out.PrintedHeap = printedHeapOf(a.memory, a.traced(), death)
	out.Verdict = verdictOf(p, out, &a.th, p.limit.heapMB)
	if t := out.Trend; t != nil && t.OneStep != nil && t.OneStep.HeldMS == 0 && t.OneStep.SettledToMS == nil {
		// A step that ends the full GCs is told only where the young GCs after it show
		// the heap settled: otherwise it may be a leak's climb, cut by the log.
		t.OneStep = nil
	}
	out.burstFarBelow = out.Verdict == VerdictAllocationBurst && burstFarBelowStated(p, out, &a.th)
	out.burstOutside = out.burstFarBelow && *out.HeapLimitMB-p.limit.heapMB > maxOneAllocationMB
	if out.Verdict == VerdictGCThrashing && thrashing(p, out, &a.th) == nil && !out.IneffectiveMC.Met {
		if t := pastThrash(p, out, &a.th); t != nil {
			out.PastThrashMS = &[2]float64{t.fromMS, t.toMS}
		} else {
			out.GCStorms = gcStormsOf(p, out, &a.th)
		}
	}
	if out.Verdict == VerdictAllocationBurst {
		if b := burstInto(p, p.limit.effectiveMB, &a.th); b != nil {
			out.Burst = &Burst{LevelMB: round1(b.baseMB), FromMS: b.fromMS, ToMS: b.toMS, ReachedMB: round1(b.topMB)}
			if b.diedMB > 0 {
				died := round1(b.diedMB)
				out.Burst.DiedUnderMB = &died
			}
			a.trendBefore(p, out, b.fromMS, "the burst")
			if t := out.Trend; t != nil && t.ToMS > b.fromMS {
				// Too few full GCs before the burst for a trend of their own: the line through
				// them and the burst's rose all the way (+3.8 MB/s, R² 0.93, across a payroll
				// export's 20 s at 37 MB), a rate the heap never had.
				p.growth, out.Trend, out.Swing, out.LiveHeapSlopeMBPerS = nil, nil, nil, nil
			}
		}
	}
	if out.Verdict == VerdictHeapTooSmall || out.Verdict == VerdictGCThrashing && !crashedAtLimit(p) {
		if lv := outgrownLevel(p, p.limit.effectiveMB, &a.th); lv != nil {
			// One line through a level and the climb out of it is a rate neither had: the
			// trend is the heap's before the climb, as the evidence tells the rest.
			a.trendBefore(p, out, lv.toMS, "the climb")
			if story := outgrownStory(p, out, &a.th); story != nil && out.Trend != nil {
				gave, _ := givenBack(p, lv.toMS, &a.th)
				out.Trend.Outgrew = &OutgrownLevel{LevelFromMS: lv.fromMS, LevelToMS: lv.toMS, LevelMB: round1(lv.heapMB), TopMB: round1(lv.deathMB), GaveBackMB: round1(gave)}
			}
		}
	}
	if out.Verdict == VerdictLeak && crashedAtLimit(p) {
		if lv := resumedIntoLimit(p, p.limit.effectiveMB, &a.th); lv != nil && !growingTrend(p, out, &a.th) {
			a.trendBefore(p, out, lv.fromMS, "the level it paused at")
			if out.Trend != nil && p.growth != nil {
				// The rate changed at each step; within the growth before the level a curve
				// reads a step's edge, not how the leak goes on.
				p.growth.straighten(out.Trend)
				out.Trend.Resumed = &ResumedGrowth{LevelFromMS: lv.fromMS, LevelToMS: lv.toMS, LevelMB: round1(lv.heapMB), DeathMB: round1(lv.deathMB)}
			}
		}
	}
	a.predict(p, out)
	if g, t := p.growth, out.Trend; g != nil && t != nil && t.Model != ModelLinear && t.ToMS > t.FromMS {
		const samples = 32
		for i := 0; i <= samples; i++ {
			ms := t.FromMS + (t.ToMS-t.FromMS)*float64(i)/samples
			t.Curve = append(t.Curve, CurvePoint{TimeMS: ms, MB: round1(g.at(ms / 1000))})
		}
	}
	a.explain(p, out, off)
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
		for _, i := range floatFields(v.Type()) {
			finite(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if !holdsFloat(v.Type().Elem()) {
			return
		}
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

// floatPlans caches, per struct type, the exported fields that can hold a float64: finite runs
// on every report, and most of a report's fields (strings, counts, evidence) cannot.
var floatPlans sync.Map // reflect.Type → []int

// floatFields returns the exported fields of struct type t that can hold a float64.
func floatFields(t reflect.Type) []int {
	if plan, ok := floatPlans.Load(t); ok {
		return plan.([]int)
	}
	var plan []int
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() && holdsFloat(f.Type) {
			plan = append(plan, i)
		}
	}
	floatPlans.Store(t, plan)
	return plan
}

// holdsFloat reports whether a value of type t can hold a float64 (the report's types do not
// refer to themselves).
func holdsFloat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Float64:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsFloat(t.Elem())
	case reflect.Map:
		return holdsFloat(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && holdsFloat(f.Type) {
				return true
			}
		}
	}
	return false
}

func (a *Analyzer) pauseStats(p *proc, out *Process) {
	var young, full *PauseStats
	if p.pauses.strided() {
		young, full = p.pauses.young.stats(), p.pauses.full.stats()
	} else {
		// Every pause is in the timeline: the quantiles are exact.
		var ys, fs []float64
		for _, ps := range p.pauses.list {
			if ps.unprinted {
				continue
			}
			if ps.full {
				fs = append(fs, ps.atom)
			} else {
				ys = append(ys, ps.atom)
			}
		}
		young, full = quantiles(ys), quantiles(fs)
	}
	if young != nil {
		out.Pauses["scavenge"] = young
		out.HostStalls = a.hostStalls(p, young)
	}
	if full != nil {
		out.Pauses["full"] = full
	}
	if span := spanMS(out); span > 0 {
		// The incremental marking V8 reports beside a full GC ran on the main thread too: it
		// is time the program did not get, like the pause itself. The wall time runs from
		// the start of the first pause to the end of the last.
		if p.pausesKnown() {
			ov := math.Min(p.pauses.gcMS/(span+p.pauses.firstAtom), 1)
			out.GCOverhead = &ov
		}
		rate := p.allocatedMB / (span / 1000)
		out.AllocationRateMBPerS = &rate
	}
}

// hostStalls finds the young GCs that took far longer than the process's usual one.
func (a *Analyzer) hostStalls(p *proc, young *PauseStats) *HostStalls {
	if young.Count < a.th.StallMinYoungGCs {
		return nil
	}
	floor := a.th.stallFloorMS(young.P50MS)
	var st HostStalls
	for _, ps := range p.pauses.list {
		if ps.n <= 1 && ps.full || ps.atom < floor {
			continue
		}
		if st.Count == 0 {
			st.FirstMS = ps.t
		}
		st.Count++
		st.TotalMS += ps.atom
		st.LongestMS = math.Max(st.LongestMS, ps.atom)
	}
	if st.Count == 0 {
		return nil
	}
	if p.pauses.strided() {
		// A group keeps only its longest young GC: count and sum from every pause.
		st.Count, st.TotalMS = p.pauses.young.atLeast(floor)
	}
	st.TypicalMS = young.P50MS
	return &st
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
	from := max(0, len(p.fulls)-recentFullGCs)
	for _, f := range p.fulls[from:] {
		// A full GC that ended with more than it found (objects allocated or promoted while
		// it ran) freed nothing, not a negative amount.
		h.LastFreedMB = append(h.LastFreedMB, round1(math.Max(0, f.BeforeMB-f.AfterMB)))
	}
	out.HeapAfterFullGC = h
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// mutator summarises V8's printed mu and computes utilization from the pause timeline:
// between two full GCs, the share of wall time not spent in the second one's pause and
// incremental marking — what V8 calls current mu.
func (a *Analyzer) mutator(p *proc, out *Process) {
	mu := &MuSummary{Printed: p.muPrinted, MarkingLeftOut: countMarking(p)}
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
		c, ok := f.muSince(p.fulls[i-1].TimeMS)
		if !ok {
			continue
		}
		last := c
		mu.ComputedLast = &last
		if f.hasCur {
			diffs = append(diffs, math.Abs(f.muCur-c))
		}
	}
	for i := len(p.fulls) - 1; i >= 0 && len(mu.CurrentLastFull) < 5; i-- {
		if cur, ok := p.fulls[i].cur(); ok && !p.fulls[i].forced() {
			mu.CurrentLastFull = append(mu.CurrentLastFull, cur)
		}
	}
	slices.Reverse(mu.CurrentLastFull)
	if len(diffs) > 0 {
		mae := stat.Mean(diffs, nil)
		mu.AgreementMAE = &mae
	}
	if span := spanMS(out); span > 0 && p.pausesKnown() {
		v := math.Max(1-p.pauses.gcMS/span, 0)
		mu.ComputedOverall = &v
		out.MMU = mmuCurve(p, span, *out.FirstMS, *out.LastMS)
		// The bounded MMU: the worst utilization of any window at least this wide, which
		// never falls as the window widens (the plain MMU may, by a little, where pauses
		// cluster at one window's width).
		for i := len(out.MMU) - 2; i >= 0; i-- {
			out.MMU[i].MMU = math.Min(out.MMU[i].MMU, out.MMU[i+1].MMU)
		}
	}
	out.MutatorUtilization = mu
}

// requestedOf counts the full GCs the program or a tool asked for (Requested); nil when none,
// or when the log spans no time.
func requestedOf(p *proc, out *Process) *Requested {
	reasons := map[string]int{}
	var n int
	var ms float64
	for _, f := range p.fulls {
		if f.forced() {
			n++
			ms += f.PauseMS + f.incrMS
			reasons[f.Reason]++
		}
	}
	span := spanMS(out)
	if n == 0 || span <= 0 {
		return nil
	}
	r := &Requested{FullGCs: n, TimeShare: math.Min(ms/span, 1)}
	for reason, k := range reasons {
		if k > reasons[r.Reason] || k == reasons[r.Reason] && reason < r.Reason {
			r.Reason = reason
		}
	}
	return r
}

// ineffectiveMCs reads V8's rule (heap.cc, Heap::IsIneffectiveMarkCompact and
// CheckIneffectiveMarkCompact): consecutive mark-compacts that left the old generation at 80%
// of its limit or more while mutator utilization stayed under 0.4; the fourth ends the process.
// Where the limit is known other than from the crash, a full GC under 80% of it does not count
// (a report that fills the heap for a while, far from the limit); where it is not, one that
// left 10% more than the full GC before it does not (the heap had room to grow: V8 was not at
// its limit). This analyzer also asks that each freed little.
func (a *Analyzer) ineffectiveMCs(p *proc, out *Process) {
	if p.beforeMu() && p.crash != nil && p.crash.Kind == parser.FatalCallAndRetryLast {
		// A trace without mutator utilization, dead by CALL_AND_RETRY_LAST: V8 before 6.7,
		// which has no such rule (it came with the utilization V8 prints).
		out.IneffectiveMC = &IneffectiveMC{}
		return
	}
	floor := 0.0
	if out.HeapLimitMB != nil && out.HeapLimitSource != LimitCrash {
		floor = highHeapShare * *out.HeapLimitMB
	}
	trailing := ineffectiveTail(p, &a.th, floor)
	// V8's own word that it met its rule outweighs this reading of it (V8 measures mu its way).
	met := trailing >= a.th.IneffectiveMet || p.crash != nil && p.crash.Kind == parser.FatalIneffective && trailing > 0
	out.IneffectiveMC = &IneffectiveMC{Trailing: trailing, Met: met}
}

// ineffectiveTail counts the trailing full GCs V8 would call ineffective: each freed under
// IneffectiveFreedShare of the heap at mu under LowMu (V8's current mu, else the pauses'),
// left floorMB or more, and no more than IneffectiveFreedShare above the full GC before (a
// heap that had that room was not at its limit). Forced full GCs are passed over, and so are
// V8's retries of one allocation that failed on a heap it had just raised (deathRunAbove):
// back to back by design, they are no sign of GC starving the program (set DR's KML export
// on Node 8: four full GCs in 24 ms at 12.7 MB, 6.7 MB at most before, 0.5% of the time in
// GC, read as "GC took nearly all the time").
func ineffectiveTail(p *proc, th *Thresholds, floorMB float64) int {
	trailing, end := 0, len(p.fulls)
	if s := deathRunAbove(p, th); s > 0 {
		end = s
	}
	for i := end - 1; i >= 0; i-- {
		f := p.fulls[i]
		if f.forced() {
			continue // asked for, back to back: not V8 running out of room
		}
		// V8's rule reads V8's mu, the one it printed, even where it leaves marking out.
		cur, hasCur := f.muCur, f.hasCur
		low := hasCur && cur < th.LowMu
		if !hasCur && i > 0 {
			c, ok := f.muSince(p.fulls[i-1].TimeMS)
			low = ok && c < th.LowMu
		}
		if !low || f.BeforeMB-f.AfterMB > th.IneffectiveFreedShare*f.BeforeMB || f.AfterMB < floorMB {
			break
		}
		if i > 0 && f.AfterMB > (1+th.IneffectiveFreedShare)*p.fulls[i-1].AfterMB {
			break // the heap took 10% more since the full GC before: it was not at its limit
		}
		trailing++
	}
	return trailing
}

// countMarking reads whether V8's printed current mu leaves out the incremental marking its
// lines print beside the full GCs, and where it does, gives each full GC the mu counting it
// (muCounted), which the analysis reads in place of V8's. V8 11.8 (Node 21) prints
// "+ 57.8 ms in 0 steps since start of marking" beside full GCs 80 ms apart and a current mu of
// 0.93: the atomic pause's share alone. The same programs on the V8 before and after spend
// that share of their time marking near their limit, and V8's mu there says so (0.13 on Node
// 18), so the marking is the program's lost time and the printed mu is what is short. Read
// from the log, not the version: where the pause alone explains V8's mu to within
// markingFitMu and counting the marking does not, on markingFitGCs full GCs or more whose
// marking is at least markingShare of the time between them.
func countMarking(p *proc) bool {
	var alone, counted float64
	n := 0
	for i := 1; i < len(p.fulls); i++ {
		f := &p.fulls[i]
		f.hasCounted = false
		dt := f.TimeMS - p.fulls[i-1].TimeMS
		c, ok := f.muSince(p.fulls[i-1].TimeMS)
		if !f.hasCur || !ok || f.incrMS < markingShare*dt {
			continue
		}
		alone += math.Abs(f.muCur - math.Min(math.Max(1-f.PauseMS/dt, 0), 1))
		counted += math.Abs(f.muCur - c)
		n++
	}
	if n < markingFitGCs || alone/float64(n) > markingFitMu || counted/float64(n) <= 2*markingFitMu {
		return false
	}
	for i := 1; i < len(p.fulls); i++ {
		f := &p.fulls[i]
		if c, ok := f.muSince(p.fulls[i-1].TimeMS); f.hasCur && ok {
			f.muCounted, f.hasCounted = c, true
		}
	}
	return true
}

// The bounds of countMarking: marking worth 5% of the time between two full GCs makes V8's
// mu differ by 0.05 whether it counts it or not, which a 0.02 fit tells apart.
const (
	markingShare  = 0.05
	markingFitMu  = 0.02
	markingFitGCs = 3
)

// highHeapShare is V8's kHighHeapPercentage: from this share of the old generation's limit on,
// a mark-compact at low utilization counts as ineffective.
const highHeapShare = 0.8

func (a *Analyzer) utilizationSeries(p *proc, out *Process) {
	span := spanMS(out)
	if span <= 0 || len(p.pauses.list) == 0 {
		return
	}
	w := math.Max(span/50, 100)
	if w > span {
		w = span
	}
	tl := p.timeline()
	const n = 400
	out.Series.WindowMS = w
	out.Series.Utilization = make([]UtilPoint, 0, n+1)
	for i := 0; i <= n; i++ {
		t := *out.FirstMS + w + (span-w)*float64(i)/n
		u := 1 - tl.gcIn(t-w, t)/w
		out.Series.Utilization = append(out.Series.Utilization, UtilPoint{TimeMS: t, MU: math.Max(u, 0)})
	}
}

// dropTeardown leaves out of the survivor series a last full GC that freed almost the whole
// heap as the process ended without a crash: Node and V8 collect everything when an isolate is
// torn down, which says nothing of what the program kept alive. Almost the whole heap is under
// a tenth of what the full GC before it left, or, on a small heap, where a tenth is under what
// an isolate holds empty, under half of it and at or under the least any full GC before it
// left (a call-centre ingress leaking 0.42 MB/s, 8 → 23.9 MB, then 3.7 MB at its exit).
// A worker that Node terminated for its memory (ERR_WORKER_OUT_OF_MEMORY) is torn down the
// same way: its stack unwinds and its isolate collects what the work held as it is disposed
// (a Markdown worker's include explosion, 11 -> 67 MB in half a second, then 10.9 MB 10 ms
// later, read "heap too small" from a climb and a give-back): there almost the whole heap is
// under half of what the full GC before it left and back where the worker's full GCs mostly
// left it (their median), as a worker's own start-up may have held less. A program whose full
// GCs gave back much before (releasedBefore) keeps its last one.
// It reports whether it left one out.
func (p *proc) dropTeardown() bool {
	p.teardownMS = nil
	n := len(p.fulls)
	worker := p.crash != nil && p.crash.Kind == parser.FatalWorkerOOM
	if n < 3 || p.crash != nil && !worker {
		return false
	}
	last, prev := p.fulls[n-1], p.fulls[n-2].AfterMB
	freed := last.AfterMB < 0.1*prev || last.AfterMB < 0.5*prev && last.AfterMB <= p.leastFull(n-1)
	if worker && last.AfterMB < 0.5*prev {
		before := make([]float64, n-1)
		for i, f := range p.fulls[:n-1] {
			before[i] = f.AfterMB
		}
		freed = freed || last.AfterMB <= median(before)
	}
	if last.TimeMS >= p.last && freed && !p.releasedBefore(n-1) {
		p.fulls = p.fulls[:n-1]
		p.teardownMS = &last.TimeMS
		return true
	}
	return false
}

// releasedBefore reports a full GC among the first n that left a quarter or more less than
// the one before it: a program that gives back what it held in its life (a transient, a
// saw-tooth), whose last full GC freeing the heap is its own doing too, not its shutdown (a
// live-captions service's talks closed at 20, 26 and 32 s, idle for its last 10 s: read a
// leak from the climb before). Over the corpus's 48 processes whose last full GC freed the
// heap, the leaks' full GCs before it never fell by more than 9% and the saw-tooths' fell by
// 72–99% (a flat route planner's, 21%).
func (p *proc) releasedBefore(n int) bool {
	for i := 1; i < n; i++ {
		if p.fulls[i].AfterMB < 0.75*p.fulls[i-1].AfterMB {
			return true
		}
	}
	return false
}

// livePoints is every GC the chart keeps before the teardown dropTeardown found, if any: what
// the program's heap did while it ran.
func (p *proc) livePoints() []GCPoint {
	pts := p.chart.all()
	if p.teardownMS != nil {
		for len(pts) > 0 && pts[len(pts)-1].TimeMS >= *p.teardownMS {
			pts = pts[:len(pts)-1]
		}
	}
	return pts
}

// leastFull is the least heap any of the first n full GCs left.
func (p *proc) leastFull(n int) float64 {
	least := math.Inf(1)
	for _, f := range p.fulls[:n] {
		least = math.Min(least, f.AfterMB)
	}
	return least
}

// ringMaxGCs is the most GC lines a crash block's ring of last GCs shows.
const ringMaxGCs = 5

// ringOnly reports a process, not known to have died, whose few GC lines are all a crash
// block's ring shows as V8 runs out of memory: two or more full GCs late in its life (after
// ringLateMS; a trace from the start shows young GCs long before), and all of them ineffective
// by V8's rule (under LowMu, freeing under IneffectiveFreedShare). Users paste these lines
// alone, from a journal or a terminal, without the block's header or its FATAL line: V8 prints
// GC lines without --trace-gc only as it dies, and under --trace-gc two such full GCs in a
// row are its last but a few.
func (a *Analyzer) ringOnly(p *proc) bool {
	if p.crash != nil || p.gcs > ringMaxGCs || p.full < 2 || p.young > 0 || p.fulls[0].TimeMS < ringLateMS {
		return false
	}
	for _, f := range p.fulls {
		cur, ok := f.cur()
		if !ok || cur >= a.th.LowMu || f.forced() || f.BeforeMB-f.AfterMB > a.th.IneffectiveFreedShare*f.BeforeMB {
			return false
		}
	}
	return true
}

// ringLateMS is how late in a process's life (ms) its first GC line must come to be read as a
// crash block's ring rather than the start of a trace.
const ringLateMS = 10_000

// programMaxLen bounds a process's program as the report names it.
const programMaxLen = 60

// programOf names what a Node process ran from its argv (process.argv: node's path, the
// script's, then its arguments): the script's file name and the arguments, so that a wrapper
// (npm, npx, a test runner's parent) reads apart from the program it started.
func programOf(argv []string) string {
	if len(argv) < 2 {
		return "node" // a REPL or node -e: no script
	}
	script := argv[1][strings.LastIndexAny(argv[1], `/\`)+1:] // a path of Windows too
	parts := append([]string{script}, argv[2:]...)
	s := strings.Join(parts, " ")
	if r := []rune(s); len(r) > programMaxLen {
		s = string(r[:programMaxLen-1]) + "…"
	}
	return s
}

// quietAfter is how long the other isolates of p's process went on after p's last GC, when p
// stopped abruptly while GC starved it: it printed no GC for twenty times its usual interval
// and two seconds or more of another isolate's clock, and its last full GC left V8's average
// utilization under 0.5. A worker thread that ran out of its heap ends so, with an error
// (ERR_WORKER_OUT_OF_MEMORY) the program may catch without printing; nil otherwise (an
// isolate gone idle was not starving).
func (a *Analyzer) quietAfter(p *proc) *float64 {
	if p.crash != nil || p.exitCode != nil || p.stopped != "" || len(p.fulls) == 0 || len(p.recent) < 3 || p.key.PID == 0 {
		return nil
	}
	if last := p.fulls[len(p.fulls)-1]; !last.hasAvg || last.muAvg >= 0.5 {
		return nil
	}
	// How long each other isolate of the pid ran on, on its own clock (the isolates' clocks
	// start apart), from its first mark after p's last GC.
	var ran float64
	for _, q := range a.order {
		if q == p || q.key.PID != p.key.PID || q.lastSeq <= p.lastSeq {
			continue
		}
		i := sort.Search(len(q.marks), func(i int) bool { return q.marks[i].seq > p.lastSeq })
		if i < len(q.marks) {
			ran = max(ran, q.last-q.marks[i].t)
		}
	}
	if ran < 2000 {
		return nil
	}
	recent := p.recent[max(0, len(p.recent)-9):]
	gaps := make([]float64, 0, len(recent)-1)
	for i := 1; i < len(recent); i++ {
		gaps = append(gaps, recent[i].TimeMS-recent[i-1].TimeMS)
	}
	sort.Float64s(gaps)
	if ran < 20*gaps[len(gaps)/2] {
		return nil
	}
	return &ran
}
