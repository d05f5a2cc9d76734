package analyze

// This file writes the headline and the evidence of a process. Evidence lines are "label:
// text"; renderers align the labels. Every claim a headline makes is one the evidence shows.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/gcanalyze/gcanalyze/internal/units"
	"github.com/gcanalyze/gcanalyze/parser"
	"gonum.org/v1/gonum/floats"
)

// littleGCShare is the share of the time in GC under which a report may say GC takes little.
const littleGCShare = 0.05

// leakHeadline says how the heap grew as the trend's model has it: a report whose rate line
// says "speeding up" must not head it with "steadily".
func leakHeadline(p *Process) string {
	model := ModelLinear
	if p.Trend != nil {
		model = p.Trend.Model
	}
	switch {
	case p.Crash != nil && climbedInPrint(p) && (p.Trend == nil || !p.Trend.Significant):
		return fmt.Sprintf("LEAK — the heap the program printed of itself climbed from %s to %s, never falling back, until V8 hit its heap limit; its GC lines show only the end.", mb(p.PrintedHeap.FirstMB), mb(p.PrintedHeap.LastMB))
	case p.Crash != nil && p.Trend != nil && p.Trend.Resumed != nil:
		return "LEAK — the heap that survives full GCs grew, held a level short of its limit for a while, then grew again until V8 hit its heap limit."
	case p.Crash != nil && p.Trend != nil && p.Trend.Steps != nil:
		return "LEAK — the heap that survives full GCs grew in steps, holding a level between them, until V8 hit its heap limit."
	case p.Crash != nil && model == ModelAccelerating:
		return "LEAK — the heap that survives full GCs grew faster and faster until V8 hit its heap limit."
	case p.Crash != nil && model == ModelDecelerating:
		return "LEAK — the heap that survives full GCs grew, more slowly over time, until V8 hit its heap limit."
	case p.Crash != nil && model == ModelLinear && slowerBeforeWindow(p) > 0:
		// The line is the trend's window, the last part of the life: "steadily" would hide
		// that the heap grew more slowly before it (an accelerating leak whose last 10 s
		// run straight, 10 → 78 MB in 11.5 s, then 11.3 MB/s).
		return fmt.Sprintf("LEAK — the heap that survives full GCs grew faster from %s on (%.1f MB/s, against %.1f MB/s before) until V8 hit its heap limit.", secs(p.Trend.FromMS), p.Trend.SlopeMBPerS, slowerBeforeWindow(p))
	case p.Crash != nil:
		return "LEAK — the heap that survives full GCs grew steadily until V8 hit its heap limit."
	case p.ExitCode != nil:
		return "LEAK — the heap that survives full GCs grew until the process exited; had it gone on, it would have run out of heap."
	case p.QuietAfterMS != nil:
		return "LEAK — the heap that survives full GCs grew until this isolate's GC lines stopped while GC starved it: it most likely ran out of heap, its death not printed."
	case p.Trend != nil && p.Trend.Steps != nil:
		return "LEAK — the heap that survives full GCs grows in steps and keeps each one; the process will run out of heap."
	case model == ModelAccelerating:
		return "LEAK — the heap that survives full GCs grows faster and faster; the process will run out of heap, sooner than a straight line says."
	case model == ModelDecelerating && p.PredictedOOMMS == nil && p.HeapLimitMB != nil:
		// The curve levels off under the limit (slowingNoForecast): a leak by its last full
		// GCs, not yet one the limit is shown to end.
		return "LEAK — the heap that survives full GCs grows, more slowly over time, and has not levelled off; it runs out of heap unless it levels off under the limit, as its slowing would."
	case flatByTheEnd(p.Trend):
		// The rate line says the curve is flat by the log's end (a seed bank's cache filling
		// like a coupon collector on Node 24): "will run out of heap" would overstate it.
		return "LEAK — the heap that survives full GCs grows, ever more slowly; its last full GCs still rise, though the curve through them is flat by the log's end: unless it levels off, the process will run out of heap."
	case model == ModelDecelerating:
		return "LEAK — the heap that survives full GCs grows, more slowly over time; it has not levelled off, and the process will run out of heap."
	}
	return "LEAK — the heap that survives full GCs grows steadily; at this rate the process will run out of heap."
}

// slowerBeforeWindow is the rate (MB/s) the heap after full GCs rose at from the first full
// GC to the start of the trend's window, when the window starts a fifth of the life or more
// after it and that rate was under three quarters of the window's; 0 otherwise. Of the
// corpus's crashed leaks read on a line whose window starts that late, 155 of the 195 whose
// earlier rate was a quarter to three quarters of the window's were designed to accelerate.
func slowerBeforeWindow(p *Process) float64 {
	t, h := p.Trend, p.HeapAfterFullGC
	if t == nil || h == nil || !t.Significant || t.SlopeMBPerS <= 0 || p.LastMS == nil {
		return 0
	}
	span, before := *p.LastMS-h.FirstMS, t.FromMS-h.FirstMS
	if span <= 0 || before < 0.2*span {
		return 0
	}
	rate := (t.InterceptMB + t.SlopeMBPerS*t.FromMS/1000 - h.FirstMB) / (before / 1000)
	if rate <= 0 || rate >= 0.75*t.SlopeMBPerS {
		return 0
	}
	return rate
}

// Headline returns the one-sentence root cause for a verdict.
func Headline(p *Process) string {
	switch p.Verdict {
	case VerdictLeak:
		return leakHeadline(p)
	case VerdictHeapTooSmall:
		if p.Trend != nil && p.Trend.Outgrew != nil {
			if p.Crash != nil {
				return "HEAP TOO SMALL — the heap that survives full GCs held a level, then outgrew it until V8 hit its heap limit: the working set needs more than the limit allows."
			}
			return "HEAP TOO SMALL — the heap that survives full GCs held a level, then outgrew it and climbs towards the limit: the working set needs more than the limit allows."
		}
		if p.diedAfterLongUptime && p.Crash != nil && p.Crash.TimeMS != nil {
			// The uptime line says a slow leak gets there after so long: the headline may not
			// state a working set as the cause beside it.
			return fmt.Sprintf("HEAP TOO SMALL — the heap that survives full GCs sat at the limit when the process died, %s after it started: a working set bigger than the limit, or a slow leak that reached it; the last few GCs alone cannot tell which.", secs(*p.Crash.TimeMS))
		}
		if p.diedLoadingAtMS != nil {
			return fmt.Sprintf("HEAP TOO SMALL — the process died %s after it started, its heap rising all the way: what it was loading or building needs more than the limit allows (see loading).", secs(*p.diedLoadingAtMS))
		}
		if p.keptAsOnTheWay {
			return "HEAP TOO SMALL — the heap that survives full GCs sits at the limit, keeping there what it kept on the way: a working set that needs more than the limit allows, or a leak that GC starves near it (see kept)."
		}
		return "HEAP TOO SMALL — the heap that survives full GCs sits at the limit: the working set needs more than the limit allows."
	case VerdictAllocationBurst:
		if p.Crash != nil && !p.Crash.HeapOOM && (p.Crash.Kind == parser.FatalArrayBufferAllocation || p.Crash.Kind == parser.FatalUnknown) {
			return "ALLOCATION BURST — one allocation asked for more memory than the machine would give."
		}
		if p.DefaultLimitMB != nil {
			return "ALLOCATION BURST — one allocation asked for more than the heap had left, well under the default limit of this Node version."
		}
		if p.burstOutside {
			return "ALLOCATION BURST — V8 gave up far below its heap limit: one allocation asked for more memory than there was outside the heap."
		}
		if p.burstFarBelow {
			return "ALLOCATION BURST — V8 gave up far below the stated limit: one allocation asked for more than the room left."
		}
		return "ALLOCATION BURST — one short burst of allocation ran the heap into its limit."
	case VerdictStructureLimit:
		if w := limitWordsOf(p.Crash); w != nil {
			return w.headline
		}
		return "STRUCTURE LIMIT — a single Map, Set, array, string or buffer hit a V8 hard size limit; a bigger heap will not help."
	case VerdictGCThrashing:
		if p.GCStorms != nil {
			return "GC THRASHING — again and again, full GCs came back to back and freed little: the program stalls in each burst and runs between them."
		}
		if p.PastThrashMS != nil {
			return "GC THRASHING — for a stretch of the run full GCs came back to back and freed little: the program got a small share of the time, more after it."
		}
		if r := p.Requested; r.mostly(p.FullGCs) {
			return "GC THRASHING — full GCs come back to back and free little, and the program asks for them itself (" + r.how() + "): it gets a small share of the time."
		}
		return "GC THRASHING — full GCs come back to back and free little: the program gets a small share of the time."
	case VerdictHealthy:
		return healthyHeadline(p)
	}
	switch {
	case p.Crash != nil && p.Crash.Kind == parser.FatalSystemOOM:
		return "INSUFFICIENT DATA — the system killed the process for memory (the machine's or the container's, not V8's heap limit), and the log shows too few GCs to read its heap."
	case refusedBySystem(p.Crash):
		return "INSUFFICIENT DATA — the system refused V8 memory outside the JavaScript heap's limit (process-oom), and the log shows too few GCs to read the heap."
	case tinyHeapAtDeath(p):
		return "INSUFFICIENT DATA — V8 failed to allocate while its heap held far less than any limit Node sets by default: memory outside the heap ran out, one allocation was too big, or a flag set a tiny limit."
	case p.Crash != nil && p.Crash.HeapOOM:
		return "INSUFFICIENT DATA — the process died at its heap limit, but the log shows too few GCs to tell a leak from a working set that needs more heap."
	case notAboutMemory(p.Crash) && p.Crash.PrintedBy == "electron":
		return "NOT A MEMORY CRASH — Electron reports the renderer gone for a reason that is not memory."
	case notAboutMemory(p.Crash):
		return "NOT A MEMORY CRASH — the process died of a fatal error that is not about memory: V8 or Node stopped on a broken invariant."
	case p.Crash != nil && p.Crash.Kind == parser.FatalUnknown && p.Crash.PrintedBy == "v8":
		return "INSUFFICIENT DATA — V8 died on its out-of-memory path without saying which memory ran out, and too few GCs show what its heap did."
	case p.Crash != nil && p.Crash.Kind == parser.FatalUnknown:
		return "INSUFFICIENT DATA — the process died, but its fatal message is not in the log and too few GCs show what its heap did."
	case p.Crash != nil:
		return "INSUFFICIENT DATA — the process died (" + string(p.Crash.Kind) + "), and the log shows too few GCs to read the heap."
	}
	if t := p.Trend; t != nil && t.OneStep != nil {
		// "Rises" would read the line through both levels as a rate the evidence shows is
		// one step.
		st := t.OneStep
		return fmt.Sprintf("INSUFFICIENT DATA — the heap after full GCs held ~%s, then rose in one step to %s by %s and has held near it since: one step is no trend — a second load, or the first step of a leak that grows in steps; the next steps tell.", mb(st.LevelMB), mb(st.TopMB), secs(st.TopMS))
	}
	if t := p.Trend; t != nil && t.Model == ModelDecelerating && t.Significant {
		return "INSUFFICIENT DATA — the heap after full GCs rises ever more slowly; too few full GCs, or too short a stay at the level, to tell a leak from a heap that levels off."
	}
	if t := p.Trend; t != nil && t.PausedAtMS != nil {
		return "INSUFFICIENT DATA — the heap after full GCs rose, then held: a level, or a pause between two steps of a leak; too short a stay to tell."
	}
	if t := p.Trend; t != nil && t.SlowedAtMS != nil {
		return "INSUFFICIENT DATA — the heap after full GCs rose, then slowed at the last full GC; too few GCs since to tell a leak from a heap that levels off."
	}
	if t := p.Trend; t != nil && t.HeldSinceMS != nil {
		// "Rises" beside the trend line's "no growth since" reads as a contradiction.
		return fmt.Sprintf("INSUFFICIENT DATA — the heap after full GCs rose at first, then held from %s on; too few full GCs to tell a level from a pause in a growth.", secs(*t.HeldSinceMS))
	}
	if p.grewTooLittle {
		return "INSUFFICIENT DATA — the heap after full GCs rises on a clear line, but by too little yet to tell a leak from a program still settling."
	}
	if p.climbedOffLevel {
		// "Too few GC events" beside a level and a climb off it reads as if the report had
		// not seen them: what is too few is the full GCs since the climb.
		return "INSUFFICIENT DATA — the heap after full GCs held a level, then the last full GC left more: too few full GCs since to tell a leak from a passing rise."
	}
	if c := p.climbingAtEnd; c != nil {
		// "Too few GC events" beside a trend of many full GCs whose last three climbed reads
		// as if the report had not seen them (a healthy service's one huge transient spike,
		// cut in its climb: 78 -> 252 MB over the last three of 16 full GCs).
		return fmt.Sprintf("INSUFFICIENT DATA — the heap after full GCs rose at each of the last three, %s to %s, while the line through them all shows no growth: too few full GCs since to tell a leak from a passing rise.", mb(c[0]), mb(c[1]))
	}
	if p.climbedSinceReturn {
		return "INSUFFICIENT DATA — the heap after full GCs rose at each since it last fell back: too few full GCs since to tell a leak under passing memory from a batch in its course."
	}
	if t := p.Trend; t != nil && t.StoppedAtMS == nil && (t.Interval95[0] > 0 || !t.Significant && t.GrowthMB >= DefaultThresholds.UnsettledGrowthMB) {
		return "INSUFFICIENT DATA — the heap after full GCs rises, but over too few full GCs or too short a time to tell a leak from a program still settling."
	}
	if h := p.HeapAfterFullGC; h != nil && p.Trend == nil && p.FullGCs >= 2 && h.LastMB-h.FirstMB >= DefaultThresholds.UnsettledGrowthMB && h.LastMB >= 1.5*h.FirstMB {
		// Two full GCs far apart in size say the heap grew, however little else they say.
		return fmt.Sprintf("INSUFFICIENT DATA — the heap after full GCs rose from %s to %s in %s, but %d full GCs are too few to tell a leak from a program loading its data.", mb(h.FirstMB), mb(h.LastMB), secs(h.LastMS-h.FirstMS), p.FullGCs)
	}
	if o, span := p.GCOverhead, spanMS(p); o != nil && *o >= busyShortShare && span >= busyShortMinMS && p.GCEvents >= busyShortMinGCs {
		// "Too few to tell what is going on" beside "GC took 85% of the time" reads as if
		// the report had not seen what it shows.
		return fmt.Sprintf("INSUFFICIENT DATA — GC took %.0f%% of the %s the log covers: too short a stretch, without a full GC's trend, to tell a passing burst from a heap held at its limit.", 100**o, secs(span))
	}
	if young := p.GCEvents - p.FullGCs; p.FullGCs < DefaultThresholds.FewFullGCs && young >= manyYoungGCs {
		// "Too few GC events" beside a trace of dozens reads as if the report had not seen it:
		// what is too few is the full GCs, the only measure of what the heap keeps.
		return fmt.Sprintf("INSUFFICIENT DATA — %d GCs over %s, but %s: what the heap keeps shows only after a full GC, too seldom here to read.", p.GCEvents, secs(spanMS(p)), fullGCsWord(p.FullGCs))
	}
	return "INSUFFICIENT DATA — too few GC events to tell what is going on."
}

// muDisagrees is how far, on average, the utilization computed from the pauses may stray
// from V8's before the report says they differ.
const muDisagrees = 0.1

// manyYoungGCs is how many young GCs make a trace that is not short, though its full GCs are
// too few to read.
const manyYoungGCs = 10

// fullGCsWord says how many full GCs a process had, in words.
func fullGCsWord(n int) string {
	switch n {
	case 0:
		return "no full GC"
	case 1:
		return "one full GC"
	}
	return fmt.Sprintf("only %d full GCs", n)
}

// busyShortShare is the share of a short log's time in GC from which its headline says so,
// when the log covers busyShortMinMS and busyShortMinGCs or more: a few forced GCs of a test
// script in a few milliseconds tell no share worth heading a report with.
const (
	busyShortShare  = 0.5
	busyShortMinMS  = 100
	busyShortMinGCs = 5
)

// healthyHeadline says what a healthy heap did: stayed level, or grew and stopped, and how much
// of the time GC took.
func healthyHeadline(p *Process) string {
	what := "no significant growth of the heap after full GCs"
	switch t := p.Trend; {
	case t == nil:
		// The verdict holds healthy only where no line through every GC rises steadily by
		// what a heap may gain as it settles (risingWithoutFullGCs) and the young GCs did
		// not climb off a level (youngLeftLevel).
		what = "no steady climb in what the young GCs left (too few full GCs for a trend)"
	case t != nil && t.OneStep != nil && t.OneStep.SettledToMS != nil:
		st := t.OneStep
		what = fmt.Sprintf("the heap after full GCs rose in one step, from ~%s to %s by %s, and has held its new level longer than the one before: a second load, not a leak's growth", mb(st.LevelMB), mb(st.TopMB), secs(st.TopMS))
	case t != nil && t.StoppedAtMS != nil:
		what = "the heap after full GCs grew, then stopped growing"
	case t != nil && t.HeldSinceMS != nil:
		what = fmt.Sprintf("the heap after full GCs rose at first, then held from %s on", secs(*t.HeldSinceMS))
	case t != nil && t.Model == ModelDecelerating:
		what = "the heap after full GCs grows ever more slowly, towards a level under the limit"
		if p.HeapLimitMB == nil {
			// No limit known: the level is where the curve flattens, not a place under
			// a limit the report cannot name.
			what = "the heap after full GCs grows ever more slowly, towards a level"
		}
	case t != nil && t.Significant && t.RSquared >= DefaultThresholds.TrendMinR2 && t.GrowthMB > 0:
		// A clean line, too short a rise to call (a queue worker's 17 full GCs on a line,
		// +3.2 MB, R² 0.95, said "they scatter too far about it").
		what = fmt.Sprintf("the heap after full GCs rose only %+.1f MB, less than a heap may gain as it settles", t.GrowthMB)
	case t != nil && t.Significant:
		// A line whose interval clears zero, too scattered to be a trend (R² under
		// TrendMinR2): "no significant growth" beside "+2.17 MB/s, interval 1.18–3.16"
		// contradicts the evidence.
		what = "no steady growth of the heap after full GCs (a line through them rises, but they scatter too far about it to call it a trend)"
	}
	gc := ", and GC takes little time."
	if p.GCOverhead == nil {
		gc = "." // the lines print too few pauses, or span no time, to tell
	} else if *p.GCOverhead >= littleGCShare {
		gc = fmt.Sprintf("; GC takes %.0f%% of the time.", 100**p.GCOverhead)
		if st, span := p.HostStalls, spanMS(p); st != nil && span > 0 && st.TotalMS >= littleGCShare*span {
			// "Nothing to fix" beside a high share reads as a contradiction unless the
			// headline says whose time it mostly is.
			gc = fmt.Sprintf("; GC takes %.0f%% of the time, of which %.0f points are the machine holding the process up, not GC work.", 100**p.GCOverhead, 100*st.TotalMS/span)
		}
	}
	if p.hasContext(offHeapContext) {
		gc = strings.TrimSuffix(gc, ".") + "; but memory outside the JS heap grows."
	}
	if p.NoHeadroom {
		// "Healthy" alone, beside a heap one burst from V8's limit, reads as nothing to do.
		return "HEALTHY, BUT NO HEADROOM — " + what + ", close to where V8 gives up" + gc
	}
	return "HEALTHY — " + what + gc
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// secs and mb write durations and sizes in the units every report and chart uses.
func secs(ms float64) string { return units.Duration(ms) }

func mb(x float64) string { return units.Size(x) }

// mbIn writes the size x as mb writes like, without the unit: the lower end of a range, or the
// earlier sizes of a list, written in the unit of the size that ends it.
func mbIn(x, like float64) string { return fmt.Sprintf("%.1f", x/units.SizeUnit(like).Div) }

// mbRange writes sizes from lo to hi in one unit, "4.6–6.2 MB"; one size when the two ends
// write alike.
func mbRange(lo, hi float64) string {
	if mbIn(lo, hi) == mbIn(hi, hi) {
		return mb(hi)
	}
	return mbIn(lo, hi) + "–" + mb(hi)
}

func joinFloats(xs []float64, f string, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(f, x)
	}
	return strings.Join(parts, sep)
}

// explainer writes the evidence and advice of one process.
type explainer struct {
	a   *Analyzer
	p   *proc
	out *Process
	th  *Thresholds
	// off is the growth outside the JS heap the program's samples show, nil when none.
	off *offHeap
	// held and tight are tightHeadroom's answer, for the evidence and the advice alike.
	held  float64
	tight bool
}

func (e *explainer) ev(label, format string, args ...any) {
	e.out.Evidence = append(e.out.Evidence, label+": "+fmt.Sprintf(format, args...))
}

func (e *explainer) rec(format string, args ...any) {
	e.out.Recommendations = append(e.out.Recommendations, fmt.Sprintf(format, args...))
}

// explain writes the evidence and recommendations of a process.
func (a *Analyzer) explain(p *proc, out *Process, off *offHeap) {
	e := &explainer{a: a, p: p, out: out, th: &a.th, off: off}
	e.held, e.tight = tightHeadroom(p, out, &a.th)
	out.NoHeadroom = e.tight
	e.crash()
	e.trend()
	e.fullGCs()
	e.mutator()
	e.burst()
	e.limit()
	if out.GCOverhead != nil && out.GCEvents >= 5 {
		only := ""
		if e.p.youngLeftOut() {
			only = "; full GCs only: the heap grew between them, yet the log shows no young GC (left out: --trace-gc-ignore-scavenger, or a paste of full GCs only), and their time is not counted"
		}
		e.ev("GC overhead", "%.1f%% of wall time in GC (pauses and incremental marking)%s", 100**out.GCOverhead, only)
	}
	if r := out.Requested; r.mostly(out.FullGCs) {
		e.ev("requested GCs", "%d of the %d full GCs were asked for by the program (%s; V8's reason %q), %.1f%% of the wall time", r.FullGCs, out.FullGCs, r.how(), r.Reason, 100*r.TimeShare)
	}
	if ps := out.Pauses["full"]; ps != nil {
		e.ev("full GC pauses", "%d, p50 %.1f ms, p95 %.1f ms, max %.1f ms", ps.Count, ps.P50MS, ps.P95MS, ps.MaxMS)
	}
	e.prediction()
	e.samples()
	e.recommend()
}

// youngLeftOut reports a log of full GCs only under a heap that grew between them: V8 runs young
// GCs as a program allocates, so the log left them out (--trace-gc-ignore-scavenger, a paste
// of full GCs only), and their time with them. A heap that did not grow (full GCs started by
// external memory) had none to run.
func (p *proc) youngLeftOut() bool {
	if p.young > 0 || p.full < 5 || p.first == nil || p.last <= *p.first {
		return false
	}
	return p.allocatedMB/((p.last-*p.first)/1000) >= youngGCsExpectedMBPerS
}

// youngGCsExpectedMBPerS: a program allocating this fast (the heap's growth from each GC to
// the next, AllocationRateMBPerS) fills a young generation within seconds.
const youngGCsExpectedMBPerS = 1

// crash says who reported the death and what the log shows of it besides the fatal line.
func (e *explainer) crash() {
	if e.p.mallocFailedLine > 0 {
		e.ev("malloc", "line %d: the system's allocator refused this process memory outside V8's heap (a Buffer, an ArrayBuffer, a native module): the JS heap limit does not govern it", e.p.mallocFailedLine)
	}
	if e.p.oomInvokedLine > 0 {
		e.ev("kernel", "line %d: the kernel's OOM killer ran when this process asked for memory: the machine (or the container) was out of memory, which is not V8's heap limit", e.p.oomInvokedLine)
	}
	if c := e.out.ExitCode; c != nil && e.out.Crash == nil {
		e.ev("exited", "with code %d when the trace ends (gcanalyze run saw the command end): the process ended on its own, not of its heap", *c)
	}
	if e.p.stopped != "" {
		e.ev("stopped", "its process manager says it %s: a stop that was asked for, not a death", e.p.stopped)
	}
	if q := e.out.QuietAfterMS; q != nil && e.out.LastMS != nil {
		e.ev("went quiet", "its GC lines stop at %s, while GC starved it, and the process's other isolates went on for %s: it most likely died of its heap limit (a worker thread that runs out of its heap ends with ERR_WORKER_OUT_OF_MEMORY, which the program caught or did not print)", secs(*e.out.LastMS), secs(*q))
	}
	if len(e.p.caughtErrs) > 0 {
		e.caught()
	}
	e.worker()
	c := e.out.Crash
	if c == nil {
		return
	}
	switch c.Kind {
	case parser.FatalSystemOOM:
		e.ev("killed", "%s, reported by the %s: the system ran out of memory for it (the machine's or the container's), which is not V8's heap limit", c.Fatal, c.PrintedBy)
	case parser.FatalUnknown:
		switch c.PrintedBy {
		case "":
			if tinyHeapAtDeath(e.out) || e.out.Verdict != VerdictLeak && e.out.Verdict != VerdictHeapTooSmall && e.out.Verdict != VerdictInsufficientData {
				// The verdict says what else ended it; "a leak and a heap too small both end
				// like this" beside ALLOCATION BURST reads as a contradiction.
				e.ev("crash", "%s", c.Fatal)
				break
			}
			e.ev("crash", "%s; a leak and a heap too small for the working set both end like this", c.Fatal)
		case "report":
			e.ev("crash", "%s, from the diagnostic report; the fatal line itself is not in the log", c.Fatal)
		default:
			e.ev("crash", "%s, reported by the %s; the fatal message is not in the log", c.Fatal, c.PrintedBy)
		}
	case parser.FatalArrayBufferAllocation:
		e.ev("allocation", "an ArrayBuffer or Buffer's memory (outside the JS heap) was refused by the machine")
	case parser.FatalProcessOOM:
		if refusedBySystem(c) {
			e.ev("process OOM", "%s: V8 asked the system for memory its heap limit does not count — address space for code, a page while an isolate was created, its C++ heap, a table of external objects — and was refused: the process's address space or the machine's memory ran out, not the JavaScript heap", c.Fatal)
		}
	default:
		if w, ok := structureLimits[c.Kind]; ok && w != nil {
			e.ev(w.label, "%s", w.evidence)
		} else if ok {
			e.ev("size limit", "one structure reached the most V8 (or Node) lets a single one hold, whatever the heap's size")
		}
	}
	if r := e.p.report; r != nil {
		e.report(r)
	}
}

// report writes what a diagnostic report says of the death and the heap.
func (e *explainer) report(r *parser.Report) {
	var who []string
	if r.NodeVersion != nil {
		who = append(who, "Node "+*r.NodeVersion)
	}
	if r.V8Version != nil {
		who = append(who, "V8 "+*r.V8Version)
	}
	what := "a diagnostic report"
	if len(who) > 0 {
		what += " of " + strings.Join(who, ", ")
	}
	if r.Event != nil {
		what += ", written for " + fmt.Sprintf("%q", *r.Event)
	}
	if r.Trigger != nil {
		what += " (trigger " + *r.Trigger + ")"
	}
	if r.Partial {
		what += "; the log holds only part of it"
	}
	e.ev("report", "%s", what)
	if r.HeapUsedMB != nil && r.HeapLimitMB != nil {
		e.ev("heap at the report", "%s used of a heap_size_limit of %s", mb(*r.HeapUsedMB), mb(*r.HeapLimitMB))
	}
	if s := spacesStory(r.Spaces); s != "" {
		e.ev("heap spaces", "%s", s)
	}
	if r.NodeOptions != nil {
		e.ev("NODE_OPTIONS", "%s", *r.NodeOptions)
	}
	if r.RSSMB != nil {
		mem := ""
		if r.TotalMemoryMB != nil {
			mem = " of the machine's " + mb(*r.TotalMemoryMB)
		}
		if r.CgroupLimitMB != nil {
			mem += ", in a container limited to " + mb(*r.CgroupLimitMB)
		}
		e.ev("process memory", "resident %s%s", mb(*r.RSSMB), mem)
	}
}

// spacesStory says which heap space was full and what that means: an old space full of live
// objects is the heap running out; most of the heap in the large-object space is a few huge
// objects — often one allocation too big — which is another story.
func spacesStory(spaces []parser.ReportSpace) string {
	var total, large float64
	var full []string
	for _, s := range spaces {
		if s.UsedMB == nil {
			continue
		}
		total += *s.UsedMB
		if s.Name == "large_object_space" {
			large = *s.UsedMB
		}
		if s.AvailableMB != nil && s.CapacityMB != nil && *s.CapacityMB > 1 && *s.AvailableMB < 0.02**s.CapacityMB {
			full = append(full, fmt.Sprintf("%s (%s)", strings.ReplaceAll(s.Name, "_", " "), mb(*s.UsedMB)))
		}
	}
	if total <= 0 {
		return ""
	}
	story := ""
	if len(full) > 0 {
		story = "full: " + strings.Join(full, ", ")
	}
	if large >= 0.5*total {
		story += fmt.Sprintf("; the large-object space holds %s of %s used: a few huge objects (arrays, strings, buffers of over ~0.5 MB each), often one allocation too big", mb(large), mb(total))
	} else if len(full) > 0 {
		story += fmt.Sprintf(" — the old generation of ordinary objects filled up (%s used in all): the heap ran out", mb(total))
	}
	return strings.TrimPrefix(story, "; ")
}

// youngSince is the young GCs since the last full GC (or since the start), as kept.
func (e *explainer) youngSince() []GCPoint {
	if e.p.youngSinceFull == nil {
		return nil
	}
	return e.p.youngSinceFull.all()
}

// ClimbToLevel reports a process whose rising trend ended long before the burst that killed
// it began: the level held between them lasted more than twice the trend's window, so the
// line is the climb to that level, not its course, and its rate is no leak's.
func ClimbToLevel(p *Process) bool {
	t, b := p.Trend, p.Burst
	return t != nil && b != nil && t.Significant && t.SlopeMBPerS > 0 && b.FromMS-t.ToMS > 2*(t.ToMS-t.FromMS)
}

// flatEndShare is the share of a slowing curve's average rate under which its rate at the
// log's end is no rate: "0.00 MB/s at the end" beside LEAK reads as a level the verdict
// denies (set DU's seed bank cache on Node 24, its curve at +0.004 MB/s, its last full GCs
// still rising 0.6 MB/s).
const flatEndShare = 0.02

// flatByTheEnd reports a slowing curve whose rate at the log's end is under flatEndShare of
// its average: the rate line and the headline both say so.
func flatByTheEnd(t *Trend) bool {
	return t != nil && t.Model == ModelDecelerating && t.SlopeNowMBPerS != nil && *t.SlopeNowMBPerS <= flatEndShare*t.SlopeMBPerS
}

// limitMB is the heap limit the verdict was read against, 0 when unknown.
func (e *explainer) limitMB() float64 {
	if e.out.HeapLimitMB == nil {
		return 0
	}
	return *e.out.HeapLimitMB
}

// growthUnderLeakFloor reports a live process read insufficient-data whose trend rose on a
// significant line, over enough full GCs and enough of the log, by less than a leak must
// gain: the one rule it missed, which the report then names (a line at R² 1.00 beside "too
// few full GCs or too short a time" leaves a reader guessing).
func (e *explainer) growthUnderLeakFloor(t *Trend) bool {
	return e.out.Verdict == VerdictInsufficientData && e.p.crash == nil && t.Significant && t.SlopeMBPerS > 0 && t.GrowthMB > 0 &&
		t.Model != ModelDecelerating && t.StoppedAtMS == nil && t.SlowedAtMS == nil && t.PausedAtMS == nil && t.HeldSinceMS == nil &&
		longEnoughForLeak(e.p, e.out, t, e.th, e.limitMB()) && !grewEnoughForLeak(e.p, t, e.th, e.limitMB())
}

// trend writes the heap after full GCs and how its trend was read.
func (e *explainer) trend() {
	h, t, g := e.out.HeapAfterFullGC, e.out.Trend, e.p.growth
	switch {
	case t != nil && h != nil:
		sign := "+"
		if t.SlopeMBPerS < 0 {
			sign = ""
		}
		since := ""
		switch {
		case g != nil && g.before != "" && t.ToMS < h.LastMS && ClimbToLevel(e.out):
			// A start-up climb, then a level held many times as long: the line is the climb's,
			// and its rate beside a burst reads as a leak's unless it says so (a CSV export on
			// Node 26: "+234.53 MB/s" over its first 0.3 s, then 25 s at 112 MB).
			since = fmt.Sprintf("; from %s to %s, the climb to the level it then held until %s, before %s", secs(t.FromMS), secs(t.ToMS), secs(e.out.Burst.FromMS), g.before)
		case g != nil && g.before != "" && t.ToMS < h.LastMS:
			since = fmt.Sprintf("; from %s to %s, before %s", secs(t.FromMS), secs(t.ToMS), g.before)
		case t.FromMS > h.FirstMS:
			since = fmt.Sprintf("; since %s", secs(t.FromMS))
		}
		over := fmt.Sprintf("%d full GCs", t.Points)
		if g := e.p.growth; g != nil {
			if g.floorFrom > 0 {
				over = fmt.Sprintf("the floor: %d of %d full GCs, those no later one undercut, under the memory the others caught in passing", t.Points, g.floorFrom)
			}
			if g.thinnedFrom > 0 {
				over += fmt.Sprintf(", kept one per %s out of %d so that back-to-back ones count once", secs(1000*g.thinCellS), g.thinnedFrom)
			}
		}
		fitted := "robust fit over " + over
		if g := e.p.growth; g != nil && g.timeWeighted {
			fitted = "fit over " + over + ", each weighed by the time it stands for: a robust line rejected most of that time, back-to-back full GCs on one level outnumbering the rest"
		}
		e.ev("heap after full GC", "%s at %s → %s at %s%s: %s%.2f MB/s (%s, 95%% interval %.2f–%.2f, R² %.2f)",
			mb(h.FirstMB), secs(h.FirstMS), mb(h.LastMB), secs(h.LastMS), since, sign, t.SlopeMBPerS, fitted, t.Interval95[0], t.Interval95[1], t.RSquared)
		switch u := e.p.growth; {
		case t.RiseInDeathFromMS != nil:
			n, start := len(e.p.fulls), deathRunStart(e.p)
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, f := range e.p.fulls[:start] {
				lo, hi = math.Min(lo, f.AfterMB), math.Max(hi, f.AfterMB)
			}
			e.ev("trend", "no growth before the death: the line's rise is the last %d full GCs, back to back from %s as an allocation failed (V8's retries, ending in its last-resort GCs, at %s); the %d full GCs before them left %s–%s, no significant growth",
				n-start, secs(e.p.fulls[start].TimeMS), mb(e.p.fulls[n-1].AfterMB), start, mb(lo), mb(hi))
		case u != nil && u.undercut != nil && u.undercut.backFromMB > 0:
			e.ev("trend", "no growth: the last full GC, at %s, left %s, back at the %s the heap held after the window's first full GCs, from %s before it: what it gained was freed", secs(u.undercut.atMS), mb(u.undercut.heapMB), mb(u.undercut.fromMB), mb(u.undercut.backFromMB))
		case u != nil && u.undercut != nil:
			e.ev("trend", "no growth: a full GC at %s left %s, under the %s the heap held after every full GC of the window's first half: what it gained was freed", secs(u.undercut.atMS), mb(u.undercut.heapMB), mb(u.undercut.fromMB))
		case !t.Significant && u != nil && u.moments > 0 && u.moments < e.th.FewFullGCs:
			e.ev("trend", "no trend to read: the %d full GCs fall at only %d moments of the window (back to back, or asked for one after another), and a line through %d moments proves nothing", t.Points, u.moments, u.moments)
		case shortRise(e.p, t, e.th):
			e.ev("trend", "rising, but only %+.1f MB over %s: too short a window to tell a leak from a program still settling (at %+.2f MB/s it would gain %s in %s)",
				t.GrowthMB, secs(t.ToMS-t.FromMS), t.SlopeMBPerS, mb(e.th.LeakMinGrowthMB), secs(1000*e.th.LeakMinGrowthMB/t.SlopeMBPerS))
		case e.growthUnderLeakFloor(t):
			e.out.grewTooLittle = true
			rose := fmt.Sprintf("%+.1f MB over %s", t.GrowthMB, secs(t.ToMS-t.FromMS))
			if g := grownMB(e.p, t, e.th); g > t.GrowthMB+0.05 {
				// The rule counted the growth before the window too: say so, or the two
				// figures beside each other do not add up.
				rose += fmt.Sprintf(" and %+.1f MB before it at a like rate", g-t.GrowthMB)
			}
			e.ev("trend", "rising on a clear line, %s, but a live process is called a leak from %s of growth (%s, or a tenth of its limit if less): too little yet to tell a leak from a program still settling; at %+.2f MB/s, the next full GCs tell",
				rose, mb(leakMinGrowthMB(e.th, e.limitMB())), mb(e.th.LeakMinGrowthMB), t.SlopeMBPerS)
		case t.HeldSinceMS != nil && e.p.keptNothing != nil:
			k := e.p.keptNothing
			e.ev("trend", "no growth since %s: the full GC at %s left %s, no more than the least of the %d young GCs before it (%s at %s), which hold the live heap and more; the rise of the line (%+.1f MB) came before", secs(k.sinceMS), secs(k.atMS), mb(k.heapMB), k.young, mb(k.lowMB), secs(k.lowMS), t.GrowthMB)
		case t.OneStep != nil && t.OneStep.SettledToMS != nil:
			// "Rising" beside a heap read as settled contradicts it: the rise is the step.
			e.ev("trend", "the line rises %+.1f MB over %s, all of it one step (below), after which the heap held", t.GrowthMB, secs(t.ToMS-t.FromMS))
		case fewFullGCsRising(e.p, t, e.th):
			e.ev("trend", "rising at every full GC, %+.1f MB over %s, but %d points leave the line's interval too wide to call it growth", t.GrowthMB, secs(t.ToMS-t.FromMS), t.Points)
		case unprovenRise(e.p, t, e.th):
			e.ev("trend", "rising, %+.1f MB over %s and climbing at the last full GC, but the line's interval holds no growth too: %d points too few or too scattered to tell a leak from a heap that grew and holds", t.GrowthMB, secs(t.ToMS-t.FromMS), t.Points)
		case !t.Significant && u != nil && t.Interval95[0] > 0 && t.FellBackKeptMB != nil && *t.FellBackKeptMB <= u.transient:
			// The line runs on over a last full GC that fell back: say what that one kept.
			n := len(u.xs)
			e.ev("trend", "no significant growth: the line rises %+.1f MB over the window, but its last full GC, at %s, fell back to %s, %+.1f MB over the window's lowest — no more than the ~%s full GCs caught in passing (a batch, a burst, traffic held when they ran); under such swings, what stays after them is read from the full GCs that caught nothing, and those are too few or too scattered to show whether it grows", t.GrowthMB, secs(1000*u.xs[n-1]), mb(u.ys[n-1]), *t.FellBackKeptMB, mb(u.transient))
		case !t.Significant && u != nil && t.Interval95[0] > 0 && t.GrowthMB <= u.transient:
			// The line rises, but by no more than full GCs caught in passing: say so, or
			// "no significant growth" stands beside an interval clear of zero.
			e.ev("trend", "no significant growth: the line rises %+.1f MB over the window, no more than the ~%s full GCs caught in passing (a batch, a burst held when they ran); under such swings, what stays after them is read from the full GCs that caught nothing, and those are too few or too scattered to show whether it grows", t.GrowthMB, mb(u.transient))
		case !t.Significant && climbedInPrint(e.out):
			e.ev("trend", "none in the GC lines: their %s, all at the limit, are the end of the growth, not its course (%+.1f MB over the window); the program's own samples show the course", plural(t.Points, "full GC", "full GCs"), t.GrowthMB)
		case !t.Significant && e.out.Verdict == VerdictInsufficientData && e.p.crash == nil && climbingAtTheEnd(e.p, e.th):
			f := e.p.fulls[len(e.p.fulls)-4:]
			e.out.climbingAtEnd = &[2]float64{f[0].AfterMB, f[3].AfterMB}
			e.ev("trend", "rising at each of the last three full GCs (%s → %s → %s → %s), but the line through the window (%+.1f MB) holds no growth in its interval: too few or too scattered points to tell a leak from a heap still settling", mb(f[0].AfterMB), mb(f[1].AfterMB), mb(f[2].AfterMB), mb(f[3].AfterMB), t.GrowthMB)
		case !t.Significant && e.out.Verdict == VerdictInsufficientData && e.p.crash == nil && climbSinceReturn(e.p, e.th):
			e.out.climbedSinceReturn = true
			_, ys := e.p.fullSeries()
			r := returnOf(ys, e.th)
			f := e.p.fulls[r:]
			after := make([]string, len(f))
			for i, x := range f {
				after[i] = mbIn(x.AfterMB, f[len(f)-1].AfterMB)
			}
			e.ev("trend", "rising at each full GC since the heap fell back at %s (%s %s, over %s), longer than the log ran before it; the line through the window (%+.1f MB) holds no growth in its interval, bent by the memory full GCs caught in passing before: too few full GCs since to tell a leak from a batch", secs(f[0].TimeMS), strings.Join(after, " → "), units.SizeUnit(f[len(f)-1].AfterMB).Name, secs(f[len(f)-1].TimeMS-f[0].TimeMS), t.GrowthMB)
		case !t.Significant && e.out.Verdict == VerdictInsufficientData && e.p.crash == nil && leftLevelAtLast(e.p, e.th):
			f := e.p.fulls[len(e.p.fulls)-4:]
			top := slices.Max([]float64{f[0].AfterMB, f[1].AfterMB, f[2].AfterMB})
			e.out.climbedOffLevel = true
			e.ev("climb", "the last full GC left %s, %s above the level the three before it held (%s, %s, %s): the heap may be climbing again, though the line through the window (%+.1f MB) holds no growth in its interval; the next full GCs tell", mb(f[3].AfterMB), mb(f[3].AfterMB-top), mb(f[0].AfterMB), mb(f[1].AfterMB), mb(f[2].AfterMB), t.GrowthMB)
		case !t.Significant && u != nil && u.stopped != nil && !u.stopped.unconfirmed && t.GrowthMB > 0:
			// "No significant growth" beside "growth ended" and a rise of 27 MB reads as a
			// contradiction: the rise was there, too few points to prove a line, and it ended.
			e.ev("trend", "rose %+.1f MB over %s, then ended (below): %s leave the line's interval too wide to call the rise growth", t.GrowthMB, secs(t.ToMS-t.FromMS), plural(t.Points, "full GC", "full GCs"))
		case !t.Significant && t.Resumed != nil:
			// The window is the climb before the level; "no significant growth" beside a
			// heap that grew, held and grew again into its death reads as a contradiction.
			e.ev("trend", "the climb to the level it paused at, %+.1f MB over %s, is too few or too scattered full GCs (%d) for a line of its own; the growth shows across the level (below)", t.GrowthMB, secs(t.ToMS-t.FromMS), t.Points)
		case !t.Significant:
			e.ev("trend", "no significant growth: the fitted change over the window is %+.1f MB", t.GrowthMB)
		}
	case h != nil && e.out.Burst != nil:
		why := "every full GC came in the burst"
		switch n := fullGCsBefore(e.p, e.out.Burst.FromMS); {
		case n == 1:
			why = "one full GC before the burst gives the level no trend, and a line through it and the burst is neither's rate"
		case n > 1:
			why = fmt.Sprintf("%d full GCs before the burst are too few for the level's trend, and a line through the level and the burst is neither's rate", n)
		}
		e.ev("heap after full GC", "%s at %s → %s at %s: no trend — the heap held a level, then burst (below); %s",
			mb(h.FirstMB), secs(h.FirstMS), mb(h.LastMB), secs(h.LastMS), why)
	case h != nil:
		e.ev("heap after full GC", "%s at %s → %s at %s (%s: too few for a trend)", mb(h.FirstMB), secs(h.FirstMS), mb(h.LastMB), secs(h.LastMS), plural(e.out.FullGCs, "full GC", "full GCs"))
	}
	if ys := e.youngSince(); t == nil && len(ys) >= 2 {
		// Without a trend, what the young GCs left is all a reader has of the heap: a
		// healthy verdict with no line about it says nothing of what it judged.
		since := "since the last full GC"
		if e.out.FullGCs == 0 {
			since = "no full GC in the log"
		}
		after := afterOf(ys)
		first, last := ys[0], ys[len(ys)-1]
		e.ev("heap after young GC", "%s at %s → %s at %s (%s, between %s and %s; %s)", mb(first.AfterMB), secs(first.TimeMS), mb(last.AfterMB), secs(last.TimeMS),
			plural(len(ys), "young GC", "young GCs"), mbIn(floats.Min(after), floats.Max(after)), mb(floats.Max(after)), since)
	}
	if t == nil && e.out.Verdict == VerdictHealthy && e.p.young < e.th.FewYoungGCs && !quietYoung(e.p, e.th) && quietGCs(e.p, e.th) {
		// Healthy on few GCs: say what showed the heap level.
		lv := levelAtEnd(e.p.livePoints(), e.th)
		n := len(lv.pts)
		e.ev("level", "the last %d GCs, young and full, from %s to %s, each left %s: a heap that holds its level", n-lv.first, secs(lv.pts[lv.first].TimeMS), secs(lv.pts[n-1].TimeMS), mbRange(lv.loMB, lv.hiMB))
	}
	if l := youngLeftLevel(e.p, e.th); t == nil && l != nil && e.out.Verdict == VerdictInsufficientData {
		e.ev("young GCs", "the heap they left held %s for %s, then the last %d each left more, to %s at %s: a climb no full GC has weighed yet, too young to tell a leak from a level that will hold", mb(l.heldMB), secs(l.heldMS), l.rising, mb(l.toMB), secs(l.toMS))
	} else if l := gcsLeftLevel(e.p, e.th); t == nil && l != nil && e.out.Verdict == VerdictInsufficientData {
		e.ev("climb", "the heap the GCs left held %s for %s, then the last %d all left more, rising to %s at %s: too few full GCs in the climb to tell a leak from a level that will hold", mb(l.heldMB), secs(l.heldMS), l.rising, mb(l.toMB), secs(l.toMS))
	} else if t == nil && e.out.Verdict == VerdictInsufficientData && climbsPastFullGCs(e.p, e.th) {
		last := e.p.fulls[len(e.p.fulls)-1]
		top := slices.MaxFunc(e.p.youngSinceFull.all(), func(a, b GCPoint) int { return cmp.Compare(a.AfterMB, b.AfterMB) })
		e.ev("climb", "each full GC left more than the one before, and a young GC since the last left %s at %s, more than its %s: the heap rose at every reading", mb(top.AfterMB), secs(top.TimeMS), mb(last.AfterMB))
	}
	if e.p.teardownMS != nil {
		if c := e.p.crash; c != nil && c.Kind == parser.FatalWorkerOOM {
			e.ev("at exit", "the full GC at %s freed what the worker held as Node terminated it: left out of the trend", secs(*e.p.teardownMS))
		} else {
			e.ev("at exit", "the full GC at %s freed almost the whole heap as the process ended: left out of the trend", secs(*e.p.teardownMS))
		}
	}
	if t == nil || g == nil {
		return
	}
	if t.Significant && e.out.Verdict == VerdictHealthy && t.SlopeMBPerS > 0 && t.GrowthMB < e.th.UnsettledGrowthMB {
		// A rise too small to matter has no rate worth describing: "speeding up" beside
		// HEALTHY reads as a contradiction.
		e.ev("trend", "a rise of %+.1f MB over %s, under the %s a heap may gain as it settles: no leak to call", t.GrowthMB, secs(t.ToMS-t.FromMS), mb(e.th.UnsettledGrowthMB))
	} else if t.SlopeNowMBPerS != nil {
		switch {
		case t.Model == ModelAccelerating && t.RateDoublesEveryS != nil:
			e.ev("rate", "speeding up: %.2f MB/s at the end against %.2f MB/s on average; the rate doubles about every %s (a rate growing with itself fits the heap after full GCs better than a line or a parabola)", *t.SlopeNowMBPerS, t.SlopeMBPerS, secs(1000**t.RateDoublesEveryS))
		case t.Model == ModelAccelerating:
			e.ev("rate", "speeding up: %.2f MB/s at the end against %.2f MB/s on average (a parabola fits the heap after full GCs significantly better than a line)", *t.SlopeNowMBPerS, t.SlopeMBPerS)
		case flatByTheEnd(t) && e.out.Verdict == VerdictLeak:
			// The curve peaks, yet the verdict found the growth going on (the floor under
			// spikes, or the last full GCs, still rise): "slowing down to a stop" beside LEAK
			// would contradict it.
			what := "the curve gives no time-to-OOM"
			if e.out.PredictionModel == ModelAverage {
				what = "the time-to-OOM is the average rate's, with an open late end"
			}
			where := "peaks inside the log"
			if *t.SlopeNowMBPerS > 0 {
				where = "is flat by the log's end"
			}
			e.ev("rate", "slowing, by the curve through the heap after full GCs, which %s (against %.2f MB/s on average), while the last full GCs, or the floor under what they caught in passing, still rise: no level is shown, and %s", where, t.SlopeMBPerS, what)
		case t.Model == ModelDecelerating && *t.SlopeNowMBPerS <= 0 && g.quad == nil:
			// Too few full GCs for a curve: the steps between them said it (slowsDown).
			e.ev("rate", "slowing down to a stop: each full GC rose less over its interval than the one before, the last not at all, against %.2f MB/s on average", t.SlopeMBPerS)
		case t.Model == ModelDecelerating && *t.SlopeNowMBPerS <= 0:
			// A curve past its peak: a negative rate beside "grew" reads as a contradiction,
			// and the heap did not shrink; it stopped.
			e.ev("rate", "slowing down to a stop: the curve through the heap after full GCs peaks inside the log, against %.2f MB/s on average", t.SlopeMBPerS)
		case t.Model == ModelDecelerating:
			e.ev("rate", "slowing down: %.2f MB/s at the end against %.2f MB/s on average", *t.SlopeNowMBPerS, t.SlopeMBPerS)
		}
	}
	if pc := g.gcBent; pc != nil {
		e.ev("pace", "the program ran %.0f%% of the time since %s, GC the rest: on its own clock (the time it ran) the heap after full GCs rose on a line, %s, closer than on the wall clock, where its rate seems to change as GC takes more or less of the time", 100*pc.share, secs(pc.fromMS), units.Rate(pc.rate))
	}
	if pl := levelsOff(e.p, e.out, e.th); pl != nil && e.out.Verdict == VerdictHealthy {
		young := ""
		if y := pl.young; y.toMS > 0 && y.garbageMB > 0 && y.rateMB > 0 {
			young = fmt.Sprintf("; the young GCs since the last full GC carry the level to %s, rising %.2f MB/s, where the young GCs between the full GCs before promoted %.2f MB/s of garbage", secs(y.toMS), y.rateMB, y.garbageMB)
		} else if y.toMS > 0 {
			young = fmt.Sprintf("; the young GCs since the last full GC carry the level to %s, rising %.2f MB/s at most (what they leave includes garbage promoted since)", secs(y.toMS), math.Max(y.rateMB, 0))
		}
		under := ", under the limit"
		if e.out.HeapLimitMB == nil {
			under = ""
		}
		e.ev("levels off", "at this slowing, the heap after full GCs levels off near %s by %s%s: a cache or working set filling up, not a leak%s", mb(pl.levelMB), secs(pl.atMS), under, young)
	}
	if pl := plateauOf(e.p, e.out, e.th); pl != nil && pl.ahead && e.out.Verdict == VerdictInsufficientData {
		e.ev("levels off?", "at this slowing, the heap after full GCs would level off near %s by %s, after the log ends: a cache filling up, or a leak whose last full GCs caught a pause; the next full GCs tell", mb(pl.levelMB), secs(pl.atMS))
	} else if pl != nil && pl.unconfirmed && e.out.Verdict == VerdictInsufficientData {
		e.ev("levels off?", "the parabola through the heap after full GCs peaks near %s, but the heap has stayed near it for %s of the %s it took to climb there: a level, or a leak that paused between bursts", mb(pl.levelMB), secs(pl.heldMS), secs(pl.climbMS))
	}
	if s := g.stopped; s != nil && s.paused {
		before := ""
		if g.heldBeforeS*1000 > s.atMS-s.fromMS {
			before = fmt.Sprintf("; it held a level for %s before and climbed again", secs(1000*g.heldBeforeS))
		}
		e.ev("growth paused", "since %s (%s) the heap has held about %s where the earlier growth would have reached %s by %s: a level, or a pause between two steps of a leak%s; the next full GCs tell", secs(s.fromMS), secs(s.atMS-s.fromMS), mb(s.heapMB), mb(s.trendMB), secs(s.atMS), before)
	} else if s != nil && s.unconfirmed {
		e.ev("growth slowed", "the last full GC left %s, more than the one before it but under the %s the earlier growth gives; no GCs after it show whether the heap then held", mb(s.heapMB), mb(s.trendMB))
	} else if s != nil && s.levelGCs > 0 {
		// The level is what the full GCs show; the line's value is worth quoting only where
		// it lies beyond the level's own tolerance, or the report would set 9.2 MB against a
		// 9.3 MB it counts as the same.
		beyond := ""
		if s.trendMB > s.heapMB+levelTolMB(s.heapMB) {
			beyond = fmt.Sprintf(", where the earlier growth would have reached %s", mb(s.trendMB))
		}
		e.ev("growth ended", "after %s the heap stopped growing: its last %d full GCs, to %s, left %s, each within %s of the last one's %s%s", secs(*t.StoppedAtMS), s.levelGCs, secs(s.atMS), mbRange(s.levelLoMB, s.levelHiMB), mb(levelTolMB(s.heapMB)), mb(s.heapMB), beyond)
	} else if s != nil && s.trendMB > s.heapMB+levelTolMB(s.heapMB) {
		e.ev("growth ended", "after %s the heap stopped growing: at %s it held %s where the earlier growth would have reached %s", secs(*t.StoppedAtMS), secs(s.atMS), mb(s.heapMB), mb(s.trendMB))
	} else if s != nil {
		// A growth slow enough to add no more than the level's tolerance since the last full
		// GC (a catalog's LRU, full at 5 min of a 15-minute run, +0.01 MB/s) is not set
		// against the level: "held 26.0 MB where the earlier growth would have reached 26.6".
		e.ev("growth ended", "after %s the heap stopped growing: at %s it held %s, the GCs since showing no rise", secs(*t.StoppedAtMS), secs(s.atMS), mb(s.heapMB))
	}
	if st := t.OneStep; st != nil && e.out.Verdict != VerdictLeak {
		held := "the heap has held its new level no longer than the one before, as a leak that grows in steps does between two of them"
		if st.SettledToMS != nil {
			held = fmt.Sprintf("the heap has held its new level, to %s, longer than the one before, as a heap that settled does", secs(*st.SettledToMS))
		}
		after := fmt.Sprintf("%s at %s", mb(st.LastMB), secs(st.TopMS+st.HeldMS))
		if st.HeldMS == 0 {
			after = "no full GC since, the young GCs carrying the level"
		}
		e.ev("one step", "~%s held from %s to %s, then %s at %s and %s: the line through both levels is one step, not a rate; %s", mb(st.LevelMB), secs(st.LevelFromMS), secs(st.LevelToMS), mb(st.TopMB), secs(st.TopMS), after, held)
	}
	if st := t.Steps; st != nil && e.out.Verdict == VerdictLeak {
		e.ev("steps", "%d levels, each about %s above the one before, one every ~%s, flat in between (%.0f%% of the time on a level): something that runs on that period keeps what it builds", st.Levels, mb(st.RiseMB), secs(1000*st.EveryS), 100*st.HeldShare)
	}
	if r := t.Resumed; r != nil {
		where := ""
		if l := e.out.HeapLimitMB; l != nil && *l > 0 {
			where = fmt.Sprintf(" (%.0f%% of the limit)", 100*r.LevelMB / *l)
		}
		e.ev("growth resumed", "the heap held ~%s%s from %s to %s, then climbed again to %s and died: a leak that paused between steps, not a working set that sits at its limit", mb(r.LevelMB), where, secs(r.LevelFromMS), secs(r.LevelToMS), mb(r.DeathMB))
	}
	if !t.Significant {
		e.swings()
	}
}

// swings writes how far the heap after full GCs swings, when it does (Process.Swing): a
// working set that comes and goes (a report, a batch) needs the limit's room at its peak, which
// "no growth" alone does not tell.
func (e *explainer) swings() {
	sw := e.out.Swing
	if sw == nil {
		return
	}
	where := ""
	if l := e.out.HeapLimitMB; l != nil && *l > 0 {
		where = fmt.Sprintf(" (%.0f%% of the limit)", 100*sw.PeakMB / *l)
	}
	e.ev("swings", "the heap after full GCs swings between ~%s and %s%s: a working set that comes and goes (a report, a batch, a burst of requests), which the limit must hold at its peak", mb(sw.FloorMB), mb(sw.PeakMB), where)
}

// fullGCs writes what the last full GCs freed, and, for a process that lingered at its limit,
// how long it did.
func (e *explainer) fullGCs() {
	h := e.out.HeapAfterFullGC
	if h != nil && len(h.LastFreedMB) > 0 && len(e.p.fulls) > 0 {
		last := e.p.fulls[len(e.p.fulls)-1]
		if len(h.LastFreedMB) == 1 {
			e.ev("full GCs", "the last one freed %.1f MB of ~%.0f MB", h.LastFreedMB[0], last.BeforeMB)
		} else {
			e.ev("full GCs", "the last %d freed %s MB of ~%.0f MB", len(h.LastFreedMB), joinFloats(h.LastFreedMB, "%.1f", ", "), last.BeforeMB)
		}
	}
	if e.out.Verdict != VerdictHeapTooSmall {
		if e.out.Verdict == VerdictGCThrashing && e.out.Trend != nil && e.out.Trend.Outgrew != nil {
			// The trend is the heap's before the climb out of a level: the climb is told.
			e.outgrew(outgrownStory(e.p, e.out, e.th))
		}
		return
	}
	o := jobOutgrew(e.p, e.out, e.th)
	if o != nil {
		times := "once before: to"
		if o.cycles > 1 {
			times = fmt.Sprintf("%d times before, the first time to", o.cycles)
		}
		e.ev("cycles", "the heap after full GCs rose and was freed %s %s at %s, back to %s at %s. The last rise started as low, from %s at %s, and went past %s to the limit: work the program frees when it is done (a batch, a job), whose last run needed more than the limit — a leak keeps what it gains",
			times, mb(o.first.peakMB), secs(o.first.peakMS), mb(o.first.freedToMB), secs(o.first.freedMS), mb(o.lastFromMB), secs(o.lastFromMS), mb(o.topMB))
	}
	l := lingeredAtLimit(e.p, e.th)
	if lv := outgrownStory(e.p, e.out, e.th); lv != nil {
		e.outgrew(lv)
	} else if diedLoading(e.p, e.th) && o == nil && l == nil {
		// Only where no level held before the death: a process still loading holds none.
		at := e.p.last
		e.out.diedLoadingAtMS = &at
		if busy := diedBusyLoading(e.p, e.th); busy != nil && e.p.last > e.th.DiedLoadingMS {
			e.ev("loading", "the process died %s after it started, its heap rising from its first GCs, and GC took %.0f%% of its first %s (from %.0f%%, in a death within %s, the tool reads a load): GC was busy from the start, as under a program loading or building what it works on, and that needs more than the limit. A leak as fast draws the same curve; a service's leak grows with its requests, between which GC has little to do (if the load should fit, see what it reads in)",
				secs(e.p.last), 100**busy, secs(e.p.last/2), 100*e.th.BusyLoadGCShare, secs(e.th.BusyLoadMS))
		} else {
			e.ev("loading", "the process died %s after it started, its heap rising from its first GCs: it was still loading what it works on, and that needs more than the limit (a leak is growth over a program's running life; if the load should fit, see what it reads in)", secs(e.p.last))
		}
	}
	if l != nil {
		before := fmt.Sprintf(" against %.2f MB/s before", l.preRate)
		if l.preRate <= 0 {
			before = "; it started there"
		}
		where := "where it died"
		if e.out.Crash == nil {
			where = "where V8 gives up" // alive, pressing against its limit (livesAtDeathPoint)
		}
		e.ev("at the limit", "from %s the heap after full GCs stayed within %.0f%% of %s for %s and %d full GCs, rising at %.2f MB/s%s",
			secs(l.enterMS), 100*(1-e.th.NearLimitShare), where, secs(*e.out.LastMS-l.enterMS), l.fullGCs, l.bandRate, before)
		if k := l.kept; k != nil {
			e.out.keptAsOnTheWay = true
			e.ev("kept", "there it kept %.1f%% of what it allocated (%s), as on the way there (%.1f%% of %s): it did less, not something else — a leak that GC starves near its limit keeps on like that, and so does a working set still loading; one that fits no more keeps little of what it allocates",
				100*k.shareIn, units.Rate(k.allocIn), 100*k.shareBefore, units.Rate(k.allocBefore))
		}
	} else if e.out.FullGCs < 6 {
		e.ev("history", "the log holds %d full GCs over %s: enough to see the limit, not enough to tell a leak from a large working set", e.out.FullGCs, secs(spanMS(e.out)))
		if c := e.out.Crash; c != nil && c.TimeMS != nil && *c.TimeMS >= longUptimeMS {
			e.out.diedAfterLongUptime = true
			e.ev("uptime", "the process had run %s when it died: a working set too big for its limit fails soon after the load that needs it; reaching the limit after this long is what a slow leak does", secs(*c.TimeMS))
		}
	}
}

// longUptimeMS is the time alive from which a death at the limit points at a slow leak rather
// than a working set too big: an hour.
const longUptimeMS = 3600e3

// mutator writes V8's and the computed mutator utilization, thrashing and V8's own rule.
func (e *explainer) mutator() {
	mu, th := e.out.MutatorUtilization, e.th
	if mu != nil && len(mu.CurrentLastFull) > 0 {
		desc := "stayed high"
		last := mu.CurrentLastFull[len(mu.CurrentLastFull)-1]
		lowest := slices.Min(mu.CurrentLastFull)
		switch {
		case last >= th.HighMu && lowest < th.LowMu && e.out.Verdict == VerdictHealthy:
			desc = "dipped, then recovered"
		case last >= th.HighMu && lowest < th.LowMu:
			desc = "collapsed, then recovered"
		case last >= th.HighMu && lowest < th.HighMu:
			desc = "high at the last, lower before"
		case last < th.LowMu && e.out.Verdict == VerdictHealthy:
			// Low at the last full GCs only (a report building its state when the log
			// ended), not for long enough to be thrashing: "collapsed" beside HEALTHY reads
			// as a contradiction.
			desc = "dipped at the end"
		case last < th.LowMu && len(mu.CurrentLastFull) > 1 && slices.Min(mu.CurrentLastFull[:len(mu.CurrentLastFull)-1]) >= th.HighMu:
			// One starved full GC at the very end (the one V8 gave up at) is no collapse of
			// the program's time: "collapsed" beside 2.9% of the time in GC overstates it.
			desc = "high until the last full GC"
		case last < th.LowMu:
			desc = "collapsed"
		case last < th.HighMu:
			desc = "fell"
		}
		if desc == "stayed high" && e.out.Verdict == VerdictGCThrashing {
			// V8's mutator utilization is of the time between mark-compacts, young GCs
			// counted as the program's: a program that loses its time to scavenges keeps it
			// high, which "stayed high" beside GC THRASHING would not say.
			desc = "high by V8's measure, which counts the young GCs as the program's time (the thrashing line counts them as GC)"
		}
		avg := ""
		if mu.AverageFirst != nil && mu.AverageLast != nil && !mu.MarkingLeftOut {
			avg = fmt.Sprintf(", average mu %.3f → %.3f", *mu.AverageFirst, *mu.AverageLast)
		}
		which := "current mu"
		if mu.MarkingLeftOut {
			which = "the program's share of the time, marking counted,"
		}
		e.ev("mutator utilization", "%s: %s at the last full GCs %s%s", desc, which, joinFloats(mu.CurrentLastFull, "%.3f", " → "), avg)
		if d := mu.AgreementMAE; mu.MarkingLeftOut && d != nil {
			e.ev("mu check", "like V8 11.8 (Node 21), this V8 leaves out of the mu it prints the incremental marking its lines print beside each full GC (%.1f ms at the last): its mu differs by %.3f on average from the utilization counting it, which the line above gives as V8 before and after 11.8 does",
				e.p.fulls[len(e.p.fulls)-1].incrMS, *d)
		} else if d != nil && *d <= muDisagrees {
			e.ev("mu check", "utilization computed from the pauses agrees with V8's to %.3f on average", *d)
		} else if d != nil {
			// "Agrees to 0.576" would say the opposite of what it measures.
			e.ev("mu check", "utilization computed from the pauses differs from V8's by %.3f on average: V8 leaves out of its own measure some of the GC time the trace prints (marking done on other threads), or the log lacks some GC lines", *d)
		}
	} else if mu != nil && mu.ComputedOverall != nil {
		e.unprintedMu(mu)
	}
	if st := e.out.HostStalls; st != nil {
		e.ev("host stalls", "%s took %.0f–%.0f times the process's usual %.1f ms (the longest %s, from %s on): the machine held the process up (a CPU quota, swapping, a busy host), not GC work; pauses, utilization and a time-to-OOM include that time",
			plural(st.Count, "young GC", "young GCs"), th.StallFactor, st.LongestMS/st.TypicalMS, st.TypicalMS, secs(st.LongestMS), secs(st.FirstMS))
	}
	if t := thrashing(e.p, e.out, th); t != nil {
		e.ev("thrashing", "since %s the program got %.0f%% of the time: %d full GCs, each freeing %.0f%% of the heap on average", secs(t.fromMS), percent(t.mu), t.fullGCs, percent(t.freedShare))
	} else if t := pastThrash(e.p, e.out, th); t != nil {
		e.ev("thrashing", "from %s to %s the program got %.0f%% of the time: %d full GCs on a heap that did not grow, each freeing %.0f%% of it on average; it got more after", secs(t.fromMS), secs(t.toMS), percent(t.mu), t.fullGCs, percent(t.freedShare))
	} else if st := e.out.GCStorms; st != nil {
		e.ev("storms", "%d times from %s to %s, full GCs came back to back at V8's utilization under %.1f, each freeing under %.0f%% of the heap (%d full GCs in all): the program stalls in each burst and runs between them",
			st.Count, secs(st.FromMS), secs(st.ToMS), th.LowMu, 100*th.IneffectiveFreedShare, st.FullGCs)
	}
	// Beside a healthy verdict, "approaches V8's OOM rule" reads as a contradiction: a full GC
	// or two that freed little at low mu there is churn, which the full GC and utilization
	// lines already show; the rule is said when met, or when the verdict is not healthy.
	if im := e.out.IneffectiveMC; im != nil && im.Trailing > 0 && (im.Met || e.out.Verdict != VerdictHealthy) {
		state := "approaches it"
		switch {
		case im.Met && im.Trailing < th.IneffectiveMet:
			state = "meets it (its fatal message says so)"
		case im.Met:
			state = "meets it"
		}
		which := "the last full GC"
		if im.Trailing > 1 {
			which = fmt.Sprintf("the last %d full GCs", im.Trailing)
		}
		limitUnknown := e.out.HeapLimitMB == nil
		if im.Met && e.out.Crash == nil && limitUnknown {
			// V8 counts such a GC only with the old generation at 0.8 of its limit: with the
			// limit unknown, a live process's full GCs at a third of it (V8 14 marking back
			// to back on a flat heap) meet the rule's half the log can show, not the rule.
			state = "meets it if the heap is at 80% of its limit (unknown here)"
		}
		e.ev("V8's OOM rule", "%s: %s freed under %.0f%% with mu under %.1f", state, which, 100*th.IneffectiveFreedShare, th.LowMu)
	}
}

// burst writes how a burst ran the heap into its limit.
func (e *explainer) burst() {
	out, p := e.out, e.p
	if out.Verdict != VerdictAllocationBurst || out.HeapLimitMB == nil {
		return
	}
	if s := spikeAtDeath(p, e.th); s != nil {
		e.ev("burst", "the heap held ~%s, then rose to %s in %s: the full GC at %s freed it back to ~%s, and the next allocation did not fit — a transient allocation on a steady heap, not the live objects, ran into the limit",
			mb(s.levelMB), mb(s.beforeMB), secs(s.atMS-s.sinceMS), secs(s.atMS), mb(s.levelMB))
	} else if b := out.Burst; b != nil && b.DiedUnderMB != nil {
		e.ev("burst", "the heap held ~%s until %s, then reached %s by %s: %s of climb after %s of steady heap; V8 gave up at %s, %.0f%% of the ~%s limit — the burst's next allocation did not fit in the room left",
			mb(b.LevelMB), secs(b.FromMS), mb(b.ReachedMB), secs(b.ToMS), secs(b.ToMS-b.FromMS), secs(b.FromMS-*out.FirstMS), mb(*b.DiedUnderMB), 100**b.DiedUnderMB/p.limit.effectiveMB, mb(p.limit.effectiveMB))
	} else if b != nil {
		e.ev("burst", "the heap held ~%s until %s, then reached %s, %.0f%% of the limit, by %s: %s of climb after %s of steady heap",
			mb(b.LevelMB), secs(b.FromMS), mb(b.ReachedMB), 100*b.ReachedMB/p.limit.effectiveMB, secs(b.ToMS), secs(b.ToMS-b.FromMS), secs(b.FromMS-*out.FirstMS))
	} else if calmAtDeath(p, out, e.th) && !suddenArrival(p, p.limit.effectiveMB, e.th) {
		// The heap did not jump: what says "one allocation" is how calm V8 was (calmAtDeath
		// reads the last two full GCs).
		a, b := p.fulls[len(p.fulls)-2], p.fulls[len(p.fulls)-1]
		muA, _ := a.cur()
		muB, _ := b.cur()
		e.ev("burst", "the last two full GCs came %s apart with V8's utilization at %.2f and %.2f: a heap pressed against its limit makes V8 collect back to back, its utilization falling; this one was calm, so what did not fit was one allocation bigger than the room left — the crash's stack shows which",
			secs(b.TimeMS-a.TimeMS), muA, muB)
	} else if heap := p.limit.heapMB; out.burstFarBelow {
		// Nothing in the log shows the heap climbing to where it died: what says "one
		// allocation" is the distance to the limit.
		if out.burstOutside {
			// More room than any one object takes, under a limit the process itself printed:
			// what was refused was not room on the heap.
			e.ev("burst", "V8 gave up with %s on the heap, %.0f%% of its %s limit, more room left than any one object on the heap takes (%s): what was refused was memory outside the heap — V8's pointer cage or sandbox, an ArrayBuffer's backing store, the machine's memory",
				mb(heap), 100*heap / *out.HeapLimitMB, mb(*out.HeapLimitMB), mb(maxOneAllocationMB))
		} else {
			e.ev("burst", "V8 gave up with %s on the heap, %.0f%% of the %s limit: the allocation that failed was itself far larger than the room the heap shows (a giant string, array or buffer built at once) — unless the limit stated is not this process's",
				mb(heap), 100*heap / *out.HeapLimitMB, mb(*out.HeapLimitMB))
		}
	} else if prev, last, two := lastTwo(p); two && (suddenArrival(p, p.limit.effectiveMB, e.th) || keptJump(p, p.limit.effectiveMB, e.th)) {
		// Only a jump the numbers show is told as one; a burst read from the limit it
		// died under (a default far above) is told by that limit's line.
		mu, ok := last.mu()
		at := ""
		if !ok {
			mu, ok = prev.mu()
			at = " (at the GC before; the last GC's line is cut)"
		}
		kept := ""
		if p.full == 1 {
			kept = fmt.Sprintf(", and the only full GC kept %s of it", mb(last.AfterMB-prev.AfterMB))
		}
		if ok {
			e.ev("burst", "the heap rose by %s in %s between the last two GCs while V8's mutator utilization was still %.2f%s%s: it arrived at the limit at once, not after grinding against it",
				mb(last.BeforeMB-prev.AfterMB), secs(last.TimeMS-prev.TimeMS), mu, at, kept)
		}
	}
}

// limitSources says where each heap limit came from, for the evidence.
var limitSources = map[string]string{
	LimitUser:        "given with --heap-limit",
	LimitProcess:     "from the process itself",
	LimitReport:      "from the diagnostic report",
	LimitHeapStats:   "from the heap_size_limit the program printed, less the young generation's reservation",
	LimitCommandLine: "from --max-old-space-size on the command line the log shows",
	LimitVerbose:     "from --trace-gc-verbose's memory allocator line, less the young generation's reservation",

	LimitCrash:           "inferred from the crash: the most its last full GCs found in the old generation",
	LimitDefaultEstimate: "an estimate: V8's default for this Node version and the machine's memory the report names",
	LimitReducing:        "an estimate: the most the heap held before full GCs V8 ran in memory-reducing mode, as it does when the old generation cannot grow by an eighth of its limit",
}

// thirtyTwoBit says when the crash shows a 32-bit build: its limits are not a 64-bit one's
// (docs/heap-limit-model.md, section 3).
func (e *explainer) thirtyTwoBit() {
	if addr := e.a.thirtyTwoBit(); addr != "" {
		e.ev("32-bit build", "the JS stack's security context lies at %s, under 4 GB, where a 64-bit V8 never maps its heap: a 32-bit Node, whose default heap limit is half a 64-bit one's (700 MB up to Node 11) and whose whole address space, heap and all, is 4 GB at most", addr)
	}
}

// limit writes the heap limit, its source, and where this V8 dies against it.
func (e *explainer) limit() {
	out := e.out
	major := nodeMajor(&e.a.binary)
	if out.HeapLimitMB == nil {
		unknown := "unknown: the log does not show it"
		if major >= 12 {
			// The version is known, the machine is not.
			unknown += fmt.Sprintf(" (Node %s, as the path of its binary in the native stack says, defaults to half the machine's memory, at most 2 GB, or 4 GB from Node 14 on machines of 15 GB or more)", e.a.binary)
		}
		e.ev("heap limit", "%s; pass --heap-limit (the --max-old-space-size the process ran with) to get a time-to-OOM", unknown)
		e.thirtyTwoBit()
		e.snapshots()
		return
	}
	source := limitSources[out.HeapLimitSource]
	if e.p.workerLimit {
		source = "from the worker thread itself: its heap_size_limit less its young generation, as its Worker's resourceLimits set them"
	}
	if out.HeapLimitSource == LimitDefaultEstimate && e.p.report == nil {
		// The version heapLimit took the default from: the binary's path, or old OOM frames.
		_, version := e.a.versionDefault(e.p)
		source = fmt.Sprintf("an estimate: V8's default for %s on a 64-bit machine; a --max-old-space-size in NODE_OPTIONS would have set another", version)
	}
	if out.HeapLimitSource == LimitCommandLine {
		if f := commandLineFlags(e.a.flags, e.p); f.oldSpaceFlag == nil && f.heapSizeFlag != nil {
			source = fmt.Sprintf("from --max-heap-size=%s on the command line the log shows, less the young generation V8 sizes from it (%s)", trimFloat(f.heapSizeFlag.MB), mb(round1(f.heapSizeFlag.MB-*out.HeapLimitMB)))
		}
	}
	if r := e.p.reducing; r != nil && out.HeapLimitSource == LimitReducing {
		source = fmt.Sprintf("an estimate, %s–%s: from %s on, V8 ran %d full GCs in memory-reducing mode, as it does when the old generation cannot grow by an eighth of its limit, with up to %s before them", mb(r.lowMB()), mb(r.highMB()), secs(r.fromMS), r.count, mb(round1(r.mb)))
	}
	e.ev("heap limit", "~%s (%s)", mb(*out.HeapLimitMB), source)
	e.thirtyTwoBit()
	e.snapshots()
	if lr := e.p.limit; lr.notInEffect {
		heap := lr.heapMB
		how := "its heap held near that level for a while before"
		if heap > *out.HeapLimitMB {
			how = "past it, which a V8 that prints mutator utilization does not allow"
		} else if grindingAtDeath(e.p, e.th) || out.Crash.Kind == parser.FatalIneffective {
			how = "GC taking most of the time"
		} else if starvedAtDeath(e.p, e.th) {
			how = "its last full GCs freeing almost nothing while GC took nearly all the time"
		} else if r := lr.reducedUnder; r != nil {
			how = fmt.Sprintf("V8 running full GCs in memory-reducing mode, as it does when the old generation cannot grow by an eighth of its limit, with %s or less before them", mb(round1(r.mb)))
		} else if lr.promotionBounded {
			how = fmt.Sprintf("when promoting young objects failed, which asks the old generation for no more than a semi-space holds (~%s)", mb(maxSemiMB(e.p)))
		} else if out.Crash.Kind == parser.FatalUnknown {
			how = fmt.Sprintf("with more room left under it than any one object on the heap takes (%s)", mb(maxOneAllocationMB))
		} else if climbedIntoDeath(e.p, out) {
			how = "its heap after full GCs rising into it at each of its last full GCs"
		}
		whose := "the stated limit was not this process's (a command run after it, a flag that did not reach it, a --heap-limit given wrong)"
		if out.Crash.Kind == parser.FatalWorkerOOM {
			whose = "a worker runs to its Worker's resourceLimits.maxOldGenerationSizeMb when the process has no --max-old-space-size, which would override them (V8's flags win over the limits Node gives it), so the stated limit was not this process's flag"
		}
		e.ev("limit in effect", "nearer %s: V8 said the heap had reached its limit when it held %s, %.0f%% of the ~%s stated, %s: %s", mb(heap), mb(heap), 100*heap / *out.HeapLimitMB, mb(*out.HeapLimitMB), how, whose)
		return
	}
	if tinyHeapAtDeath(out) {
		e.ev("small heap", "no Node sets a default limit under %d MB (256 MB on 64-bit, 1400 MB before Node 12): unless a --max-old-space-size set one this small, the heap's limit is not what stopped it", smallestDefaultLimitMB)
	}
	if b := e.p.limit.belowDefault; b != nil && e.out.Verdict != VerdictAllocationBurst && lingeredAtLimit(e.p, e.th) != nil {
		e.ev("default limit", "%s defaults to %s on a 64-bit machine, and its heap held %s when it died; but it pressed against that level with full GCs back to back: a lower limit was in effect, set by a flag or NODE_OPTIONS the log does not show",
			b.version, mb(b.defaultMB), mb(b.heapMB))
	} else if b != nil && b.eraOnly && e.out.Verdict != VerdictAllocationBurst {
		e.ev("default limit", "%s defaults to %s on a 64-bit machine; its heap (%s, %s committed) died %s short of that: either a flag or NODE_OPTIONS the log does not show set a lower limit, or what failed was one allocation larger than the room left — see what allocated last in the stack",
			b.version, mb(b.defaultMB), mb(b.heapMB), mb(b.committedMB), mb(b.defaultMB-math.Max(b.heapMB, b.committedMB)))
	} else if b != nil {
		e.ev("default limit", "%s defaults to %s on a 64-bit machine; its heap (%s, %s committed) was %s short of that: unless a flag or NODE_OPTIONS set a lower limit, what failed was one allocation larger than the room left — see what allocated last in the stack",
			b.version, mb(b.defaultMB), mb(b.heapMB), mb(b.committedMB), mb(b.defaultMB-math.Max(b.heapMB, b.committedMB)))
	}
	d := deathPointOf(e.p, out)
	switch {
	case d == nil || d.reached || d.raisedMB > 0 && e.p.crash != nil:
		// A death past a limit Node raised says where it died; the heap snapshots line
		// says why.
	case d.ignored && !e.p.beforeMu() && out.HeapLimitSource == LimitDefaultEstimate:
		// A trace that prints mutator utilization is V8 6.7 or later, which enforces its
		// limit: the estimate was wrong.
		e.ev("limit not enforced", "the heap after full GCs went past %s, the estimated default, while the process ran on: the limit in effect was higher (a --max-old-space-size the log does not show, or a default sized for a larger machine), so no time-to-OOM can be told from it", mb(*out.HeapLimitMB))
	case d.ignored && !e.p.beforeMu():
		e.ev("limit not enforced", "the heap after full GCs went past %s while the process ran on, further than V8 6.7 and later let most processes go past their limit: either the limit in effect was higher, or this is V8 6.7–8.7 (Node 10.6–15), which let some processes live to a third past their flag (observed in runs of Node 10–13 keeping many small objects, not explained); no time-to-OOM can be told from it", mb(*out.HeapLimitMB))
	case d.ignored:
		e.ev("limit not enforced", "the heap after full GCs went past %s while the process ran on: this V8 does not enforce the limit (V8 before 6.4, Node 8 and 9, did not count what its GCs took), so no time-to-OOM can be told from it", mb(*out.HeapLimitMB))
	default:
		if d.pastFlag {
			e.ev("dies at", "about %s (%s): the heap after full GCs held %s, past the limit, and the process ran on; most that lived past %.0f%% of their limit died near %.0f%% of it, but V8 6.7–8.7 (Node 10.6–15) let some live to half past it (runs of Node 10–13 keeping many small objects), hence the range's late end", mb(d.mb), mbRange(d.lo, d.hi), mb(d.survived), 100*liveShareAtDeath, 100*survivedShareAtDeath)
		} else if d.lateMode {
			e.ev("dies at", "about %s (%s): the heap after full GCs held %s, past %.0f%% of the limit; of the runs that lived that far, most died near %.0f%% of it", mb(d.mb), mbRange(d.lo, d.hi), mb(d.heldMB), 100*lateModeShare, 100*survivedShareAtDeath)
		} else if d.survived > 0 {
			e.ev("dies at", "about %s (%s): the heap after full GCs held %s, past %.0f%% of the limit, where most processes die; those that lived past it died near %.0f%% of it", mb(d.mb), mbRange(d.lo, d.hi), mb(d.survived), 100*liveShareAtDeath, 100*survivedShareAtDeath)
		} else {
			e.ev("dies at", "V8 gives up when the heap after a full GC reaches about %s (%s): the old generation's live objects plus fragmentation past the limit%s", mb(d.mb), mbRange(d.lo, d.hi), diedWhere(e.p, d))
		}
		if d.earlyWhy != "" && e.out.PredictedOOMMS != nil && d.survived == 0 { // it sets the early end of the time-to-OOM
			e.ev("dies as early as", "%s: %s", mb(d.lo), d.earlyWhy)
		}
		if held := e.held; e.tight {
			where := fmt.Sprintf("%.0f%% of where V8 gives up", 100*held/d.mb)
			if held >= d.mb {
				where = "already where V8 may give up"
			}
			e.ev("headroom", "little: the heap after full GCs holds %s, %s; a burst of allocation or a little more data ends the process", mb(held), where)
		}
		if d.soft {
			e.ev("old V8", "this trace prints no mutator utilization (V8 before 6.7, Node 10.5 and older): if it is Node 8 or 9, a small limit is not enforced and the process may run well past it")
		}
	}
}

// diedWhere says, for a crashed process whose last GC was a full one, where in the death range
// it died: the range is the model's, and the heap after full GC line above it shows the death
// (a leak on Node 26 given 96 MB read "about 91.2 MB" beside its death at 103.6 MB).
func diedWhere(p *proc, d *deathPoint) string {
	at, ok := lastFullAtDeath(p)
	if p.crash == nil || !ok || p.teardownMS != nil {
		return "" // a full GC that freed the heap as the process ended is not the death
	}
	where := "inside that range"
	switch {
	case at < d.lo-0.05: // as printed, to the tenth of an MB: 38.4 MB is the 0.8·F of 48 MB
		where = "before that range"
	case at > d.hi+0.05:
		where = "past that range"
	}
	return fmt.Sprintf("; this one died at %s, %s", mb(at), where)
}

// snapshots tells of the heap snapshots Node wrote near the limit, and what writing them did
// to the limit.
func (e *explainer) snapshots() {
	ss := e.p.snapshots
	if len(ss) == 0 {
		return
	}
	// No time: Node writes the line to stderr as it happens, the trace goes to stdout, which
	// a file or pipe buffers, so where the line lands among the GCs says little.
	what := fmt.Sprintf("Node wrote %d near the heap limit (--heapsnapshot-near-heap-limit), the first: %s", len(ss), ss[0].path)
	if len(ss) == 1 {
		what = fmt.Sprintf("Node wrote one near the heap limit (--heapsnapshot-near-heap-limit): %s", ss[0].path)
	}
	each := "each"
	if len(ss) == 1 {
		each = "it"
	}
	ran := ""
	switch d := deathPointOf(e.p, e.out); {
	case d == nil || d.raisedMB == 0:
	case e.p.crash != nil:
		if heap := e.p.limit.heapMB; heap > *e.out.HeapLimitMB {
			ran = fmt.Sprintf(": so it died at %s, past the ~%s given", mb(heap), mb(*e.out.HeapLimitMB))
		}
	default:
		ran = fmt.Sprintf(": it may run to about %s, or further", mb(round1(*e.out.HeapLimitMB+d.raisedMB)))
	}
	e.ev("heap snapshots", "%s; to write %s, Node raised the heap limit, by the young generation's size (~%s) each time V8 neared it, and V8 lowers it again only once the heap falls under 95%% of the limit%s", what, each, mb(snapshotRaiseMB(e.p)), ran)
	if s := e.p.snapshotStill; s[1]-s[0] >= snapshotStillMinMS {
		// Writing the snapshot stops the program: a stretch without GC that the heap's
		// level and trend count as time.
		e.ev("snapshot pause", "no GC from %s to %s while the snapshot was written (%s): the program did not run then; a level the heap seems to hold across it, or a trend slower over it, is that pause", secs(s[0]), secs(s[1]), secs(s[1]-s[0]))
	}
}

// snapshotStillMinMS is the shortest stretch without GC after a heap snapshot's that the
// evidence tells of.
const snapshotStillMinMS = 1000

// prediction writes the time-to-OOM and how early a crashed log had it right.
func (e *explainer) prediction() {
	out := e.out
	if s := slowingNoForecast(e.p, out); s != nil {
		where := fmt.Sprintf("under where V8 gives up (~%s)", mb(s.deathMB))
		if s.levelMB >= s.earlyMB {
			where = fmt.Sprintf("short of where V8 gives up (~%s) but past where GC that starves it can end it (from ~%s)", mb(s.deathMB), mb(s.earlyMB))
		}
		e.ev("time to OOM", "none given: the curve through the heap after full GCs slows, %.2f MB/s at the end against %.2f MB/s on average, and would level off near %s by %s, %s; the heap has held no level yet. At the average rate it would reach ~%s by %s, %s after the log ends; the next full GCs tell which",
			s.rateNow, s.rateAverage, mb(s.levelMB), secs(s.levelMS), where, mb(s.deathMB), secs(s.averageMS), secs(s.averageMS-*out.LastMS))
	}
	if out.PredictedOOMMS != nil {
		iv := out.PredictedOOMIntervalMS
		model := ""
		switch out.PredictionModel {
		case "", ModelLinear:
		case ModelAverage:
			model = ", from the average rate: the curve reaches no limit, and the late end is left open in case the growth slows on"
		case ModelAccelerating:
			model = ", from the accelerating trend; its late end is the line's, should the rate stop rising"
		default:
			model = ", from the " + out.PredictionModel + " trend"
		}
		if on := out.PredictionOnTopMB; on != nil {
			model += fmt.Sprintf("; when the floor plus the %s the program holds on top of it now and then reaches the limit, the interval's late end if nothing is held on top then", mb(*on))
		}
		switch {
		case out.Crash != nil && out.HeapLimitSource == LimitCrash:
			// With the limit read off the crash itself the extrapolation only checks the fit;
			// "predictable" below says how early it would have warned.
		case out.Crash != nil:
			e.ev("prediction", "the trend reaches the limit at %s (95%% interval %s–%s%s)%s", secs(*out.PredictedOOMMS), secs(iv[0]), secs(iv[1]), model, e.diedAgainst(iv))
		case out.ExitCode != nil:
			e.ev("time to OOM", "had it gone on, the trend would have reached the limit at %s, %s after it exited (95%% interval %s–%s%s)",
				secs(*out.PredictedOOMMS), secs(*out.PredictedOOMMS-*out.LastMS), secs(iv[0]), secs(iv[1]), model)
		default:
			e.ev("time to OOM", "the trend reaches the limit at %s, %s after the log ends (95%% interval %s–%s%s)",
				secs(*out.PredictedOOMMS), secs(*out.PredictedOOMMS-*out.LastMS), secs(iv[0]), secs(iv[1]), model)
		}
	}
	switch {
	case out.Predictable10FromMS != nil && out.PredictableFromMS != nil && *out.Predictable10FromMS == *out.PredictableFromMS:
		e.ev("predictable", "from %s on, the predicted crash time stayed within 10%% of the real one", secs(*out.PredictableFromMS))
	case out.Predictable10FromMS != nil && out.PredictableFromMS != nil:
		e.ev("predictable", "from %s on, the predicted crash time stayed within 20%% of the real one; from %s within 10%%", secs(*out.PredictableFromMS), secs(*out.Predictable10FromMS))
	case out.PredictableFromMS != nil:
		e.ev("predictable", "from %s on, the predicted crash time stayed within 20%% of the real one", secs(*out.PredictableFromMS))
	}
}

// diedAgainst says where the crash of a log fell against the interval its trend gives, so
// that a forecast later than the death does not stand beside it unexplained: V8 gave up
// before the trend reached the limit (its ineffective-mark-compacts rule from 0.8 of it).
func (e *explainer) diedAgainst(iv *[2]float64) string {
	c := e.out.Crash.TimeMS
	if c == nil || e.out.HeapLimitMB == nil {
		return ""
	}
	if *c >= iv[0] && *c <= iv[1] {
		return fmt.Sprintf("; it died at %s, within it", secs(*c))
	}
	held := crashHeapMB(e.p)
	at := fmt.Sprintf("at %s, the heap after full GC at %s (%.2f of the limit)", secs(*c), mb(held), held / *e.out.HeapLimitMB)
	above := e.aboveTrendMB(*c, held)
	switch share := held / *e.out.HeapLimitMB; {
	case *c > iv[1]:
		return "; it died later, " + at
	case e.out.Crash.Kind == parser.FatalSystemOOM:
		return "; the machine's memory ended it first, " + at
	case above > e.th.noiseMB(held):
		return fmt.Sprintf("; it died earlier, %s, %s above the trend: memory held on top of it at the end (a burst, a batch) brought the death forward", at, mb(above))
	case e.out.Crash.Kind == parser.FatalIneffective && share >= 0.75 && share < liveShareAtDeath:
		return "; it died earlier, " + at + ": V8's ineffective-mark-compacts rule ends a process its full GCs starve from 0.8 of its limit"
	}
	return "; it died earlier, " + at
}

// aboveTrendMB is how far the heap at the crash (held, at c ms) lies above a straight trend;
// 0 for a curve, whose line the report does not draw.
func (e *explainer) aboveTrendMB(c, held float64) float64 {
	t := e.out.Trend
	if t == nil || t.Model != ModelLinear {
		return 0
	}
	return held - (t.InterceptMB + t.SlopeMBPerS*c/1000)
}

// samples writes the heap the program printed of itself and the heap flags the log shows.
func (e *explainer) samples() {
	if o := e.off; o != nil {
		heap := ""
		if !math.IsNaN(o.heapFirst) {
			heap = fmt.Sprintf(" while heapUsed went %s → %s", mb(o.heapFirst), mb(o.heapLast))
		}
		e.ev("outside the heap", "the program's memoryUsage samples: %s grew %s → %s over %d samples%s — memory held outside the JS heap (Buffers, ArrayBuffers, native memory), which --max-old-space-size does not cap",
			o.name, mb(o.first), mb(o.last), o.samples, heap)
		if n := externalPressureGCs(e.p); n > 0 {
			e.ev("external pressure", "V8 ran %s because memory outside the heap grew (reason \"external memory pressure\")", plural(n, "full GC", "full GCs"))
		}
	}
	if ph := e.out.PrintedHeap; ph != nil {
		climbed := ""
		if ph.Climbed {
			climbed = ", climbing to the heap it died with and never falling back"
		}
		e.ev("heap it printed", "%d samples of the heap in use (process.memoryUsage / v8.getHeapStatistics): %s → %s, %s at most%s; they carry no time, so they show a direction, not a rate",
			ph.Samples, mb(ph.FirstMB), mb(ph.LastMB), mb(ph.MaxMB), climbed)
	}
	if len(e.a.flags) > 0 && e.out.HeapLimitSource != LimitCommandLine && e.out.HeapLimitSource != LimitProcess {
		// (A limit the process itself gave is its own; a flag in the log may be another
		// process's: npm echoes the command of the node it starts.)
		f := e.a.flags[len(e.a.flags)-1]
		e.ev("command line", "--%s=%s (%s)", f.Name, trimFloat(f.MB), f.Context)
	}
}

// percent is a share as a percentage to print, never under zero: pauses printed longer than
// the time between their GCs, or a heap that grew during a GC, make a share a hair negative,
// and "-0%" reads as a bug.
func percent(share float64) float64 { return math.Max(0, 100*share) }

func maxOf(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}

func trimFloat(x float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", x), ".0") }

// worker says, of a worker's death in a process whose other isolates the log traces too,
// which isolate was the worker: the leak is in that thread's heap, and the others are read on
// their own.
func (e *explainer) worker() {
	c, k := e.out.Crash, e.p.key
	if c == nil || c.Kind != parser.FatalWorkerOOM || k.PID == 0 || k.Isolate == "" {
		return
	}
	var others []string
	for _, q := range e.a.order {
		if q.key.PID == k.PID && q.key.Isolate != k.Isolate && q.gcs > 0 && !slices.Contains(others, q.key.Isolate) {
			others = append(others, q.key.Isolate)
		}
	}
	if len(others) == 0 {
		return
	}
	which := "the worker thread"
	if ws := e.a.announcedWorkers[k.PID]; len(ws) == 1 {
		// gcanalyze run heard from one worker of this process: this is it.
		which = fmt.Sprintf("the worker thread with threadId %d", ws[0].ThreadID)
	}
	e.ev("worker", "isolate %s is %s that ran out of its own heap (the process's --max-old-space-size where one was given, which overrides a Worker's resourceLimits; else those; else the default); the process's other isolates (%s: its main thread and any other workers) are read on their own", k.Isolate, which, strings.Join(others, ", "))
}

// caught writes the errors the process caught and logged: not its death, but a size limit
// among them says the program builds values no heap size allows.
func (e *explainer) caught() {
	p, errs := e.p, e.p.caughtErrs
	msgs := make([]string, 0, len(errs))
	for m := range errs {
		msgs = append(msgs, m)
	}
	slices.SortFunc(msgs, func(x, y string) int {
		if a, b := errs[x], errs[y]; a.prints != b.prints {
			return b.prints - a.prints
		}
		return errs[x].line - errs[y].line
	})
	var what, went string
	switch {
	case len(msgs) == 1:
		m := msgs[0]
		what = fmt.Sprintf("line %d: %s", errs[m].line, m)
		if n := errs[m].prints; n > 1 {
			what += fmt.Sprintf(", printed %d times,", n)
		}
		if !p.caughtUntraced {
			went = fmt.Sprintf(" (%d GCs after it)", p.gcs-errs[m].gcsAt)
		}
	default:
		var parts []string
		for i, m := range msgs {
			if i == 3 {
				parts = append(parts, fmt.Sprintf("%d more", len(msgs)-i))
				break
			}
			parts = append(parts, fmt.Sprintf("%s (%d times, first at line %d)", m, errs[m].prints, errs[m].line))
		}
		what = strings.Join(parts, "; ") + ","
	}
	why := ""
	for _, m := range msgs {
		if w, sized := structureLimits[errs[m].kind]; sized && w == nil {
			why = "; still, the program builds a value past V8's size limit for its kind, which no heap size allows: find where from the stack printed with it"
			break
		}
	}
	caught := "an error it caught and logged, not its death"
	if len(msgs) > 1 {
		caught = "errors it caught and logged, none its death"
	}
	e.ev("error", "%s and the process went on%s: %s%s", what, went, caught, why)
}

// refusedBySystem reports a process OOM of memory the system refused V8 outside the
// JavaScript heap's limit (parser.RefusedBySystem).
func refusedBySystem(c *Crash) bool {
	return c != nil && c.Kind == parser.FatalProcessOOM && parser.RefusedBySystem(c.Fatal)
}

// notAboutMemory reports whether a crash is a fatal error that names a cause other than
// memory, such as a failed V8 CHECK: the heap is not what to look at.
func notAboutMemory(c *Crash) bool {
	if c == nil || c.Kind != parser.FatalOther || c.HeapOOM {
		return false
	}
	if strings.HasPrefix(c.Fatal, "Check failed") {
		return true
	}
	f := strings.ToLower(c.Fatal)
	return !strings.Contains(f, "memory") && !strings.Contains(f, "alloc") && !strings.Contains(f, "oom")
}

// lastPrintedMu is the last of the process's recent GCs on which V8 printed both mu figures,
// nil when none did.
func lastPrintedMu(p *proc) *GCPoint {
	for i := len(p.recent) - 1; i >= 0; i-- {
		if g := &p.recent[i]; g.hasAvg && g.hasCur {
			return g
		}
	}
	return nil
}

// unprintedMu writes the utilization of a process whose full GCs do not give V8's own: the
// figures V8 printed at its last young GC when it printed them there, else the utilization
// computed from the pauses, with the reason.
func (e *explainer) unprintedMu(mu *MuSummary) {
	why := "this V8 prints no mu"
	switch {
	case e.p.era.nvp:
		why = "--trace-gc-nvp prints no mu"
	case mu.Printed && len(e.p.fulls) > 0 && !slices.ContainsFunc(e.p.fulls, func(f fullGC) bool { return !f.forced() }):
		why = "its full GCs were all asked for — a heap snapshot, gc() — and V8's mu at them says how close together, not how pressed the heap is"
	case mu.Printed:
		if g := lastPrintedMu(e.p); g != nil {
			// V8 prints mu on young GCs too; its figures stand where the pauses of a few GCs
			// close together say nothing of the process's time.
			which := "the last GC (a young GC: the log has no full GC)"
			if len(e.p.fulls) > 0 {
				which = "the last GC that printed it (a young GC: the full GCs' lines end before V8's mu)"
			}
			e.ev("mutator utilization", "V8's at %s: average mu %.3f, current mu %.3f", which, g.muAvg, g.muCur)
			return
		}
		why = "no full GC to read V8's own at"
	}
	e.ev("mutator utilization", "%.3f overall, computed from the pauses (%s)", *mu.ComputedOverall, why)
}

// outgrew tells the level the heap held and the climb out of it.
func (e *explainer) outgrew(lv *pausedLevel) {
	if lv == nil {
		return
	}
	where := ""
	if lim := e.out.HeapLimitMB; lim != nil && *lim > 0 {
		where = fmt.Sprintf(" (%.0f%% of the limit)", 100*lv.heapMB / *lim)
	}
	back := ""
	if gave, at := givenBack(e.p, lv.toMS, e.th); gave > 0 {
		back = fmt.Sprintf(" (on the way, the full GC at %s gave back %s of what the one before had kept: work in flight, freed when done)", secs(at), mb(gave))
	}
	ended, outgrew := "and died", "outgrew the limit"
	if e.out.Crash == nil {
		ended, outgrew = "so far", "outgrew its level towards the limit"
	}
	e.ev("outgrew", "the heap held ~%s%s from %s to %s, longer than it took to get there, then climbed to %s in %s %s%s: a working set that held, then %s (more work at once, a bigger input), not a leak's steady growth",
		mb(lv.heapMB), where, secs(lv.fromMS), secs(lv.toMS), mb(lv.deathMB), secs(lv.deathMS-lv.toMS), ended, back, outgrew)
}

// fullGCsBefore counts a process's full GCs up to ms (they are in time order).
func fullGCsBefore(p *proc, ms float64) int {
	return sort.Search(len(p.fulls), func(i int) bool { return p.fulls[i].TimeMS > ms })
}
