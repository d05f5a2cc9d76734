package analyze

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/internal/units"
)

// Evidence lines are "label: text"; renderers align the labels.

// Headline returns the one-sentence root cause for a verdict.
func Headline(p *Process) string {
	switch p.Verdict {
	case VerdictLeak:
		if p.Crash != nil {
			return "LEAK — the heap that survives full GCs grew steadily until V8 hit its heap limit."
		}
		return "LEAK — the heap that survives full GCs grows steadily; at this rate the process will run out of heap."
	case VerdictHeapTooSmall:
		return "HEAP TOO SMALL — the heap that survives full GCs sits at the limit: the working set needs more than the limit allows."
	case VerdictAllocationBurst:
		return "ALLOCATION BURST — one short burst of allocation ran the heap into its limit."
	case VerdictStructureLimit:
		return "STRUCTURE LIMIT — a single Map, Set, array or string hit a V8 hard size limit; a bigger heap will not help."
	case VerdictGCThrashing:
		return "GC THRASHING — full GCs free little and the program gets less than 40% of the time."
	case VerdictHealthy:
		return "HEALTHY — no significant growth of the heap after full GCs, and GC takes little time."
	}
	if p.Crash != nil && p.Crash.HeapOOM {
		return "INSUFFICIENT DATA — the process died at its heap limit, but the log shows too few GCs to tell a leak from a working set that needs more heap."
	}
	if p.Crash != nil {
		return "INSUFFICIENT DATA — the process died (" + string(p.Crash.Kind) + "), and the log shows too few GCs to read the heap."
	}
	return "INSUFFICIENT DATA — too few GC events to tell what is going on."
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

func joinFloats(xs []float64, f string, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(f, x)
	}
	return strings.Join(parts, sep)
}

// explain writes the evidence and recommendations of a process.
func explain(p *proc, out *Process, th *Thresholds) {
	ev := func(label, format string, args ...any) {
		out.Evidence = append(out.Evidence, label+": "+fmt.Sprintf(format, args...))
	}
	rec := func(format string, args ...any) {
		out.Recommendations = append(out.Recommendations, fmt.Sprintf(format, args...))
	}
	h := out.HeapAfterFullGC
	if t := out.Trend; t != nil && h != nil {
		sign := "+"
		if t.SlopeMBPerS < 0 {
			sign = ""
		}
		since := ""
		if t.FromMS > h.FirstMS {
			since = fmt.Sprintf("; since %s", secs(t.FromMS))
		}
		ev("heap after full GC", "%s at %s → %s at %s%s: %s%.2f MB/s (robust fit over %d full GCs, 95%% interval %.2f–%.2f, R² %.2f)",
			mb(h.FirstMB), secs(h.FirstMS), mb(h.LastMB), secs(h.LastMS), since, sign, t.SlopeMBPerS, t.Points, t.Interval95[0], t.Interval95[1], t.RSquared)
		if !t.Significant {
			ev("trend", "no significant growth: the fitted change over the window is %+.1f MB", t.GrowthMB)
		}
	} else if h != nil {
		ev("heap after full GC", "%s at %s → %s at %s (%s: too few for a trend)", mb(h.FirstMB), secs(h.FirstMS), mb(h.LastMB), secs(h.LastMS), plural(out.FullGCs, "full GC", "full GCs"))
	}
	if h != nil && len(h.LastFreedMB) > 0 && len(p.fulls) > 0 {
		last := p.fulls[len(p.fulls)-1]
		if len(h.LastFreedMB) == 1 {
			ev("full GCs", "the last one freed %.1f MB of ~%.0f MB", h.LastFreedMB[0], last.BeforeMB)
		} else {
			ev("full GCs", "the last %d freed %s MB of ~%.0f MB", len(h.LastFreedMB), joinFloats(h.LastFreedMB, "%.1f", ", "), last.BeforeMB)
		}
	}
	mu := out.MutatorUtilization
	if mu != nil && len(mu.CurrentLastFull) > 0 {
		desc := "stayed high"
		last := mu.CurrentLastFull[len(mu.CurrentLastFull)-1]
		switch {
		case last < th.LowMu:
			desc = "collapsed"
		case last < th.HighMu:
			desc = "fell"
		}
		avg := ""
		if mu.AverageFirst != nil && mu.AverageLast != nil {
			avg = fmt.Sprintf(", average mu %.3f → %.3f", *mu.AverageFirst, *mu.AverageLast)
		}
		ev("mutator utilization", "%s: current mu at the last full GCs %s%s", desc, joinFloats(mu.CurrentLastFull, "%.3f", " → "), avg)
		if mu.AgreementMAE != nil {
			ev("mu check", "utilization computed from the pauses agrees with V8's to %.3f on average", *mu.AgreementMAE)
		}
	} else if mu != nil && mu.ComputedOverall != nil {
		why := "this V8 prints no mu"
		if mu.Printed {
			why = "no full GC to read V8's own at"
		}
		ev("mutator utilization", "%.3f overall, computed from the pauses (%s)", *mu.ComputedOverall, why)
	}
	if im := out.IneffectiveMC; im != nil && im.Trailing > 0 {
		state := "approaches"
		if im.Met {
			state = "meets"
		}
		which := "the last full GC"
		if im.Trailing > 1 {
			which = fmt.Sprintf("the last %d full GCs", im.Trailing)
		}
		ev("V8's OOM rule", "%s it: %s freed under %.0f%% with mu under %.1f", state, which, 100*th.IneffectiveFreedShare, th.LowMu)
	}
	if out.Verdict == VerdictAllocationBurst && out.HeapLimitMB != nil {
		if b := burstOf(p, *out.HeapLimitMB, th); b != nil {
			ev("burst", "the heap held ~%s until %s, then reached the limit by %s: %s of climb after %s of steady heap",
				mb(b.baseMB), secs(b.fromMS), secs(b.toMS), secs(b.toMS-b.fromMS), secs(b.fromMS-*out.FirstMS))
		} else if n := len(p.recent); n >= 2 {
			prev, last := p.recent[n-2], p.recent[n-1]
			mu, _ := last.mu()
			ev("burst", "the heap rose by %s in %s between the last two GCs while V8's mutator utilization was still %.2f: it arrived at the limit at once, not after grinding against it",
				mb(last.BeforeMB-prev.AfterMB), secs(last.TimeMS-prev.TimeMS), mu)
		}
	}
	if out.HeapLimitMB != nil {
		src := map[string]string{LimitUser: "given with --heap-limit", LimitCrash: "inferred from the crash: what survived its last full GCs", LimitVerbose: "from --trace-gc-verbose's memory allocator line, less the young generation's reservation"}[out.HeapLimitSource]
		ev("heap limit", "~%s (%s)", mb(*out.HeapLimitMB), src)
	} else {
		ev("heap limit", "unknown: the log does not show it; pass --heap-limit to get a time-to-OOM")
	}
	if out.GCOverhead != nil && out.GCEvents >= 5 {
		ev("GC overhead", "%.1f%% of wall time in GC (pauses and incremental marking)", 100**out.GCOverhead)
	}
	if ps := out.Pauses["full"]; ps != nil {
		ev("full GC pauses", "%d, p50 %.1f ms, p95 %.1f ms, max %.1f ms", ps.Count, ps.P50MS, ps.P95MS, ps.MaxMS)
	}
	if out.PredictedOOMMS != nil {
		iv := out.PredictedOOMIntervalMS
		if out.Crash != nil {
			// With the limit read off the crash itself the extrapolation only checks the fit;
			// "predictable" below says how early it would have warned.
			if out.HeapLimitSource != LimitCrash {
				ev("prediction", "the trend reaches the limit at %s (interval %s–%s)", secs(*out.PredictedOOMMS), secs(iv[0]), secs(iv[1]))
			}
		} else {
			ev("time to OOM", "the trend reaches the limit at %s, %s after the log ends (interval %s–%s)",
				secs(*out.PredictedOOMMS), secs(*out.PredictedOOMMS-*out.LastMS), secs(iv[0]), secs(iv[1]))
		}
	}
	if out.PredictableFromMS != nil {
		ev("predictable", "from %s on, the predicted crash time stayed within 20%% of the real one", secs(*out.PredictableFromMS))
	}
	recommend(out, rec, ev)
}

// launcher says how to give V8 flags to the program that printed the log: Node reads them
// from its command line or NODE_OPTIONS, Deno only from --v8-flags (it ignores NODE_OPTIONS,
// and --heapsnapshot-near-heap-limit is Node's own), so advice written for Node is wrong there.
type launcher struct{ deno bool }

func launcherOf(p *Process) launcher { return launcher{deno: p.hasContext("deno")} }

// flag is how a V8 flag is written on the command line.
func (l launcher) flag(v8flag string) string {
	if l.deno {
		return "--v8-flags=" + v8flag
	}
	return v8flag
}

// command is the program run with a V8 flag.
func (l launcher) command(v8flag string) string {
	if l.deno {
		return "deno run " + l.flag(v8flag)
	}
	return "node " + v8flag
}

// setLimit is how to run the program with a heap limit of mb.
func (l launcher) setLimit(mb int) string {
	f := "--max-old-space-size=" + strconv.Itoa(mb)
	if l.deno {
		return l.command(f)
	}
	return "NODE_OPTIONS=" + f
}

// snapshots is how to get heap snapshots of the growing heap.
func (l launcher) snapshots() string {
	if l.deno {
		return "run with " + l.command("--heap-snapshot-on-oom") + " (V8 writes a .heapsnapshot as the heap runs out), " +
			"or take two heap snapshots a minute apart with deno run --inspect and DevTools"
	}
	return "run with " + l.command("--heapsnapshot-near-heap-limit=2") + " (or take two heap snapshots a minute apart)"
}

// traceCommand records a GC trace.
func (l launcher) traceCommand() string {
	if l.deno {
		return l.command("--trace-gc") + " app.ts"
	}
	return l.command("--trace-gc") + " app.js"
}

func (p *Process) hasContext(name string) bool {
	for _, c := range p.Context {
		if c == name {
			return true
		}
	}
	return false
}

// recommend writes what to do; it follows from the verdict, the numbers and the context.
func recommend(out *Process, rec func(string, ...any), ev func(string, string, ...any)) {
	run := launcherOf(out)
	slope := 0.0
	if out.LiveHeapSlopeMBPerS != nil {
		slope = *out.LiveHeapSlopeMBPerS
	}
	limit := 0.0
	if out.HeapLimitMB != nil {
		limit = *out.HeapLimitMB
	}
	switch out.Verdict {
	case VerdictLeak:
		if slope > 0 {
			bigger := 4096.0
			if limit >= 3500 {
				bigger = 2 * math.Ceil(limit/1024) * 1024
			}
			if limit > 0 {
				rec("A bigger heap only delays this: at +%.1f MB/s, %s buys about %s more.", slope, run.flag("--max-old-space-size="+strconv.Itoa(int(bigger))), secs((bigger-limit)/slope*1000))
			} else {
				rec("A bigger heap only delays this: the heap grows by %.1f MB every second whatever the limit.", slope)
			}
		}
		rec("Find what is retained: %s, then compare them in DevTools → Memory → Comparison and look at what grows by ~%.1f MB/s.", run.snapshots(), math.Max(slope, 0))
	case VerdictHeapTooSmall:
		need := math.Max(limit, 1) * 1.5
		rec("The working set needs more than ~%s: raise the limit, e.g. %s, or make the working set smaller.", mb(limit), run.setLimit(roundUpMB(need)))
		rec("A leak is not ruled out: record the whole life of the process with %s (… > gc.log 2>&1) and run gcanalyze on it; a heap after full GCs that keeps growing is a leak, a plateau is a working set.", run.command("--trace-gc"))
		if out.FullGCs < 6 {
			ev("history", "the log holds %d full GCs over %s: enough to see the limit, not enough to tell a leak from a large working set", out.FullGCs, secs(spanMS(out)))
		}
	case VerdictAllocationBurst:
		rec("One operation allocated the heap full in a short time: find it in the JS stack of the crash, and stream or chunk that data instead of building it in memory.")
		rec("Raising --max-old-space-size helps only if the burst has a known bound.")
	case VerdictStructureLimit:
		rec("A single Map or Set holds at most 2^24 (16.7 million) entries, an array at most ~2^27 elements in practice: --max-old-space-size will not help.")
		rec("Split the structure (shard over several Maps, an LRU cache with a bound), or keep the data outside the JS heap (a database, a file, a stream).")
	case VerdictGCThrashing:
		rec("GC takes most of the time while freeing little: the live heap is close to the limit. Raise the limit (%s) or reduce the live set; if the heap after full GCs keeps growing, treat it as a leak.", run.flag("--max-old-space-size"))
	case VerdictHealthy:
		rec("Nothing to fix in the heap.")
	case VerdictInsufficientData:
		if out.Crash != nil && out.Crash.HeapOOM && limit > 0 {
			rec("As a stopgap, raise the limit above ~%s (%s).", mb(limit), run.setLimit(roundUpMB(limit*1.5)))
		}
		rec("Record a longer log: %s > gc.log 2>&1 (add %s to make the limit known), then run gcanalyze on it.", run.traceCommand(), run.flag("--max-old-space-size"))
	}
	heapPressure := out.Verdict == VerdictLeak || out.Verdict == VerdictHeapTooSmall || out.Verdict == VerdictGCThrashing
	if heapPressure {
		switch {
		case out.hasContext("jest"):
			rec("jest: run with --logHeapUsage --runInBand to see which test file grows; --workerIdleMemoryLimit (jest 29+) recycles leaking workers.")
		case out.hasContext("angular"):
			rec("Angular CLI builds: set NODE_OPTIONS=--max-old-space-size for ng build; large builds need it, leaks in builds are rare.")
		case out.hasContext("webpack"):
			rec("webpack builds: the heap holds the module graph and source maps; NODE_OPTIONS=--max-old-space-size=… for the build, or turn off source maps / split the build.")
		case out.hasContext("tsc"):
			rec("TypeScript: the type checker holds the whole program; raise the limit for tsc or split the project with project references.")
		case out.hasContext("next"):
			rec("Next.js: next build/dev can exceed the default heap on large apps; NODE_OPTIONS=--max-old-space-size=… and check experimental.webpackMemoryOptimizations.")
		}
	}
	if out.hasContext("listener-leak") && heapPressure {
		rec("Node warned of an EventEmitter listener leak (MaxListenersExceededWarning): listeners added and never removed keep their closures alive. Run with --trace-warnings to see where they are added, and remove them (emitter.off) when done.")
	}
	if out.hasContext("worker") {
		rec("Worker threads each have their own heap: set resourceLimits.maxOldGenerationSizeMb per worker, and handle the worker's 'error' event so one worker's OOM does not kill the process.")
	}
}

func roundUpMB(x float64) int {
	for _, v := range []int{512, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576, 32768} {
		if float64(v) >= x {
			return v
		}
	}
	return int(math.Ceil(x/1024)) * 1024
}
