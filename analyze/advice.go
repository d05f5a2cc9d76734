package analyze

// This file writes what to do: the advice follows from the verdict, the numbers and the
// context the log shows (the tool that ran, the runtime, workers), in the runtime's own terms.

import (
	"fmt"
	"math"
	"strconv"

	"github.com/gcanalyze/gcanalyze/internal/units"
	"github.com/gcanalyze/gcanalyze/parser"
)

// launcher says how to give V8 flags to the program that printed the log: Node reads them
// from its command line or NODE_OPTIONS, Deno only from --v8-flags (it ignores NODE_OPTIONS,
// and --heapsnapshot-near-heap-limit is Node's own), so advice written for Node is wrong there.
type launcher struct {
	deno bool
	// oldNode is set for a trace that prints no mutator utilization: Node 10.5 or older,
	// years before --heapsnapshot-near-heap-limit (Node 14.18, 15.1).
	oldNode bool
}

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

// snapshots is how to get heap snapshots of a heap growing at rate MB/s (0 when unknown).
func (l launcher) snapshots(rate float64) string {
	apart := snapshotsApart(rate)
	if l.deno {
		return "run with " + l.command("--heap-snapshot-on-oom") + " (V8 writes a .heapsnapshot as the heap runs out), " +
			"or take two heap snapshots " + apart + " apart with deno run --inspect and DevTools"
	}
	if l.oldNode {
		return "take two heap snapshots " + apart + " apart (node --inspect and DevTools, or the heapdump module; this Node predates --heapsnapshot-near-heap-limit)"
	}
	return "run with " + l.command("--heapsnapshot-near-heap-limit=2") + " (or take two heap snapshots " + apart + " apart)"
}

// snapshotNearLimit is how to get one heap snapshot of a heap as it runs out.
func (l launcher) snapshotNearLimit() string {
	switch {
	case l.deno:
		return "run it once with " + l.command("--heap-snapshot-on-oom") + " (V8 writes a .heapsnapshot as the heap runs out)"
	case l.oldNode:
		return "take a heap snapshot as it nears its limit (node --inspect and DevTools; this Node predates --heapsnapshot-near-heap-limit)"
	}
	return "run it once with " + l.command("--heapsnapshot-near-heap-limit=1")
}

// snapshotDiffMB is what a leak should add between two heap snapshots for it to stand out
// in their comparison.
const snapshotDiffMB = 10

// snapshotsApart is how far apart to take two heap snapshots of a heap growing at rate MB/s:
// a minute, or as long as the leak takes to add snapshotDiffMB (a slow leak of 1.6 MB/min
// adds next to nothing in a minute).
func snapshotsApart(rate float64) string {
	if rate <= 0 || snapshotDiffMB/rate <= 60 {
		return "a minute"
	}
	return "~" + units.Duration(1000*snapshotDiffMB/rate)
}

// whereLimit says where to read the heap limit the program runs with.
func (l launcher) whereLimit() string {
	if l.deno {
		return "--v8-flags on its command line; without it, deno eval \"import v8 from 'node:v8'; console.log(v8.getHeapStatistics().heap_size_limit/2**20)\" prints the default in MB"
	}
	return "NODE_OPTIONS, its command line; without either, node -p \"v8.getHeapStatistics().heap_size_limit/2**20\" prints the default in MB"
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

// levelFitsMB is the smallest --max-old-space-size, in steps of 64 MB, that holds a heap after
// full GC of levelMB at levelShareOfLimit of it or less.
func levelFitsMB(levelMB float64) int {
	return int(64 * math.Ceil(levelMB/levelShareOfLimit/64))
}

// levelShareOfLimit is the most of a limit a level may fill and keep the process clear of V8's
// ineffective-mark-compacts rule, which may end it from 0.8 of the limit.
const levelShareOfLimit = 0.7

// recommend writes what to do; it follows from the verdict, the numbers and the context.
func (e *explainer) recommend() {
	out, rec := e.out, e.rec
	run := launcherOf(out)
	run.oldNode = e.p.beforeMu()
	slope := 0.0
	if out.LiveHeapSlopeMBPerS != nil {
		slope = *out.LiveHeapSlopeMBPerS
	}
	limit := 0.0
	if out.HeapLimitMB != nil {
		limit = *out.HeapLimitMB
	}
	notInEffect := e.p.limit.notInEffect
	if heap := e.p.limit.heapMB; notInEffect && out.Crash != nil && out.Crash.Kind == parser.FatalWorkerOOM {
		rec("The worker died at ~%s, %.0f%% of the ~%s stated: a worker's heap is bounded by the resourceLimits its Worker was given (maxOldGenerationSizeMb) only when the process runs without %s, which would override them for every worker (V8's flags win over the limits Node gives it); so the stated limit did not reach this process. Raise either only after finding what the worker keeps.", mb(heap), 100*heap/limit, mb(limit), run.flag("--max-old-space-size"))
	} else if notInEffect {
		rec("The heap died at ~%s, %.0f%% of the ~%s stated: check that %s reaches this process (NODE_OPTIONS reaches a child process only through its environment; a flag after the script's name is the script's argument, not node's), and read the limit that applied with v8.getHeapStatistics().heap_size_limit.", mb(heap), 100*heap/limit, mb(limit), run.flag("--max-old-space-size"))
	}
	switch out.Verdict {
	case VerdictLeak:
		if slope > 0 {
			bigger := 4096.0
			if limit >= 3500 {
				bigger = 2 * math.Ceil(limit/1024) * 1024
			}
			flag := run.flag("--max-old-space-size=" + strconv.Itoa(int(bigger)))
			if e.p.workerLimit {
				flag = fmt.Sprintf("resourceLimits: { maxOldGenerationSizeMb: %d } on its Worker", int(bigger))
			}
			if sl := slowingNoForecast(e.p, out); sl != nil {
				// The evidence says the curve may level off under the limit: the advice must
				// not say a bigger heap cannot help, only which case the next GCs show.
				fits := levelFitsMB(sl.levelMB)
				rec("Whether a bigger heap helps depends on what the next full GCs show: if the heap holds near ~%s, as its slowing would, a limit of %s (the level at %.0f%% of it, under where GC that starves a process can end it) keeps it alive; if it keeps rising at ~%s, a bigger heap only delays this (%s buys about %s more).",
					mb(sl.levelMB), run.flag("--max-old-space-size="+strconv.Itoa(fits)), 100*sl.levelMB/float64(fits), units.Rate(sl.rateAverage), flag, secs((bigger-limit)/sl.rateAverage*1000))
			} else if pc := e.p.growth.gcBent; limit > 0 && pc != nil {
				// The program keeps memory at a rate of the time it runs: with room, GC gives
				// that time back and the clock runs at the program's rate.
				rec("A bigger heap only delays this, for less time than the rate on the clock says: the program keeps ~%s of the time it runs, and GC took %.0f%% of the time since %s, which a bigger heap gives back; at that, %s buys about %s more.",
					units.Rate(pc.rate), 100*(1-pc.share), secs(pc.fromMS), flag, secs((bigger-limit)/pc.rate*1000))
			} else if buys, ok := e.p.growth.buys(limit, bigger); limit > 0 && ok && out.Trend != nil && out.Trend.Model == ModelAccelerating {
				// A rate that grows fills a bigger heap in far less than the average rate says.
				rec("A bigger heap only delays this, and less than it seems: the rate keeps rising (%s at the end), so %s buys about %s more.", units.Rate(*out.Trend.SlopeNowMBPerS), flag, secs(buys*1000))
			} else if before := slowerBeforeWindow(out); limit > 0 && before > 0 && out.Verdict == VerdictLeak && out.Crash != nil {
				// The headline says the rate rose over the life: at the last rate is the most
				// a bigger heap buys, not what it will.
				rec("A bigger heap only delays this: at +%s, %s buys at most about %s more, less if the rate goes on rising as it did (%s before %s).", units.Rate(slope), flag, secs((bigger-limit)/slope*1000), units.Rate(before), secs(out.Trend.FromMS))
			} else if limit > 0 {
				rec("A bigger heap only delays this: at +%s, %s buys about %s more.", units.Rate(slope), flag, secs((bigger-limit)/slope*1000))
			} else {
				rec("A bigger heap only delays this: the heap grows by %s whatever the limit.", units.Rate(slope))
			}
		}
		if st := out.Trend.Steps; st != nil {
			rec("Find what each step keeps: take two heap snapshots one step apart (~%s, each on a level), compare them in DevTools → Memory → Comparison and look at what grew by ~%s; the work that runs every ~%s (a timer, a batch, a reload) is where to start.", secs(1000*st.EveryS), mb(st.RiseMB), secs(1000*st.EveryS))
		} else if climbedInPrint(out) && slope <= 0 {
			rec("Find what is retained: %s, then compare them in DevTools → Memory → Comparison and look at what grew between them; the program's own heap samples (%s → %s) show it growing.", run.snapshots(0), mb(out.PrintedHeap.FirstMB), mb(out.PrintedHeap.LastMB))
		} else if ss := e.p.snapshots; len(ss) > 1 {
			rec("Find what is retained: load the heap snapshots Node wrote near the limit (%s, %s) in DevTools → Memory, compare the last with the first (Comparison) and look at what grew by ~%s.", ss[0].path, ss[len(ss)-1].path, units.Rate(math.Max(slope, 0)))
		} else if len(ss) == 1 {
			rec("Find what is retained: load the heap snapshot Node wrote near the limit (%s) in DevTools → Memory and sort its Summary by retained size: what grows by ~%s holds most of the heap by then. For a comparison, run with %s to get a second one.", ss[0].path, units.Rate(math.Max(slope, 0)), run.command("--heapsnapshot-near-heap-limit=2"))
		} else {
			rec("Find what is retained: %s, then compare them in DevTools → Memory → Comparison and look at what grows by ~%s.", run.snapshots(slope), units.Rate(math.Max(slope, 0)))
		}
		if grewFromStart(e.p, out, e.th) {
			rec("The heap grew from the process's first full GC to its death without ever holding a level. If the program was still loading data when it died (a cache warm-up, a dataset read in parts, a build's module graph), the same curve is a working set too big for the limit, not a leak: raise the limit past what the load needs.")
		}
	case VerdictHeapTooSmall:
		need := math.Max(limit, 1) * 1.5
		switch heap := e.p.limit.heapMB; {
		case notInEffect && heap < limit:
			// The stated limit is not the one it died against: raising it changes nothing
			// until it reaches the process.
			rec("The working set needs more than the ~%s it died at: first make the ~%s stated reach the process (above), or make the working set smaller.", mb(heap), mb(limit))
		case notInEffect:
			rec("The working set needs more than the ~%s it died at: raise the limit it runs with, e.g. %s, or make the working set smaller.", mb(heap), run.setLimit(roundUpMB(1.5*heap)))
		case out.keptAsOnTheWay:
			// The evidence leaves a starved leak open: the advice may not state the working
			// set's need as a fact.
			rec("If it is a working set, it needs more than ~%s: raise the limit, e.g. %s, or make the working set smaller.", mb(limit), run.setLimit(roundUpMB(need)))
		default:
			rec("The working set needs more than ~%s: raise the limit, e.g. %s, or make the working set smaller.", mb(limit), run.setLimit(roundUpMB(need)))
		}
		e.thirtyTwoBitAdvice()
		if out.HeapLimitSource == LimitCrash {
			rec("~%s is where it died, not a limit the log states: check the limit it runs with first (%s). If that is well above it, the limit is not what stopped it: read what allocated last in the crash's stack.", mb(limit), run.whereLimit())
		}
		if jobOutgrew(e.p, out, e.th) != nil {
			rec("Or bound what one run of that work holds: process its input in pieces (pages, streams) and drop each piece when done, rather than all of it at once.")
		} else if l := lingeredAtLimit(e.p, e.th); l != nil && l.kept != nil {
			// At the limit it went on keeping what it kept before: a leak slowed by GC
			// looks the same, and a bigger limit would only delay a leak.
			rec("Before raising it for good, run once with the bigger limit and %s: at the limit this process kept the same share of what it allocated as before, as a leak that GC starves there does. A working set levels off under the bigger limit; a leak climbs on at its rate before the limit (~%s) and dies there too.", run.flag("--trace-gc"), units.Rate(l.preRate))
		} else if l != nil {
			// It sat at the limit: nothing to add.
		} else if out.diedLoadingAtMS != nil {
			// The log holds its whole life already: what tells a load from a leak as fast is
			// what the heap holds, not more of the trace.
			rec("A leak as fast is not ruled out: %s and open the snapshot in DevTools → Memory; if what fills the heap is what the program loads or builds (its tables, its parsed input), it is the working set, else it is a leak.", run.snapshotNearLimit())
		} else if lv := outgrownLevel(e.p, e.p.limit.effectiveMB, e.th); lv != nil {
			rec("Or bound what it takes on at once near the end: the heap held ~%s until %s; what arrived then (a peak of requests, jobs in flight, a bigger input) is what did not fit. A concurrency limit or a queue keeps that from growing with the load. If the heap climbs in steps over a longer run, it is a leak that paused: record more of its life.", mb(lv.heapMB), secs(lv.toMS))
		} else {
			rec("A leak is not ruled out: record the whole life of the process with %s (… > gc.log 2>&1) and run gcanalyze on it; a heap after full GCs that keeps growing is a leak, a plateau is a working set.", run.command("--trace-gc"))
		}
	case VerdictAllocationBurst:
		if out.Crash != nil && out.Crash.Kind == parser.FatalArrayBufferAllocation {
			rec("One ArrayBuffer or Buffer asked for more memory than the machine (or its ulimit) would give: its memory is outside the JS heap, so --max-old-space-size does not matter. Find the allocation in the stack and read or write the data in chunks (streams) instead.")
			break
		}
		if out.DefaultLimitMB != nil {
			rec("One allocation (an array grown, a string or buffer built or copied in one piece) asked for more than the room left under the ~%s default: find it in the JS stack of the crash and bound it, or build the data in chunks. If a flag or NODE_OPTIONS set a lower limit, check it first (%s).", mb(*out.DefaultLimitMB), run.whereLimit())
			break
		}
		rec("One operation allocated the heap full in a short time: find it in the JS stack of the crash, and stream or chunk that data instead of building it in memory.")
		rec("Raising --max-old-space-size helps only if the burst has a known bound.")
	case VerdictStructureLimit:
		if w := limitWordsOf(out.Crash); w != nil {
			rec("%s", w.advice)
			break
		}
		rec("V8 caps single structures whatever the heap's size: a Map or Set at 2^24 (16.7 million) entries, an array at ~2^27 elements in practice, a string at ~2^29 characters (512 MB; 2^28 on 32-bit), a typed array or Buffer at its maximum length: --max-old-space-size will not help.")
		rec("Split the structure (shard over several Maps, an LRU cache with a bound, an array of strings joined as a stream), or keep the data outside the JS heap (a database, a file, a stream).")
	case VerdictGCThrashing:
		if r := out.Requested; r.mostly(out.FullGCs) && (out.GCOverhead == nil || r.explains(out.FullGCs, *out.GCOverhead)) {
			// The program's own gc() calls are the full GCs back to back: V8's scheduling
			// and the heap's size are not the cause.
			rec("The program asks for these full GCs itself (%s): %d of the %d, %.0f%% of the wall time, each marking the whole heap. To get the time back, %s; a bigger heap will not help.", r.how(), r.FullGCs, out.FullGCs, 100*r.TimeShare, r.stop())
			break
		}
		if out.GCStorms != nil {
			rec("Bursts of full GCs that free little stall the program again and again, though it gets most of the time between them: its live heap sits where every burst of allocation fills the old generation to V8's next limit. Raise the limit (%s) or reduce the live set, so that a burst fits; requests in flight during a burst wait the whole of it.", run.flag("--max-old-space-size"))
			break
		}
		if h := out.HeapAfterFullGC; farFromKnownLimit(out, limit) {
			recent, ok := recentFreedShare(e.p)
			if t := thrashing(e.p, out, e.th); t != nil && t.freedShare < idleThrashFreedShare || ok && recent < idleFullGCFreedShare {
				// Each full GC found almost nothing to free: little was allocated between
				// them, so it is not the program's churn that starts them.
				rec("GC takes most of the time though the heap after full GCs (%s) is far from the limit (%s) and its full GCs freed under %.0f%% of it on average: %s", mb(h.LastMB), mb(limit), 100*idleThrashFreedShare, ownScheduling)
				break
			}
			rec("GC takes most of the time while freeing little, though the heap after full GCs (%s) is far from the limit (%s): V8 runs full GCs this often because the program keeps filling the old generation with objects that live long enough to be promoted, then die (a cache replacing its entries, a long queue). Reduce that churn, or give the heap more room (%s) so that V8 collects less often.", mb(h.LastMB), mb(limit), run.flag("--max-old-space-size"))
			break
		}
		rec("GC takes most of the time while freeing little: the live heap is close to the limit. Raise the limit (%s) or reduce the live set; if the heap after full GCs keeps growing, treat it as a leak.", run.flag("--max-old-space-size"))
	case VerdictHealthy:
		if held := e.held; e.tight {
			rec("No leak, but no headroom: the heap after full GCs reaches ~%s, close to where V8 gives up. Raise the limit (%s) or bound what fills the heap (a cache's size, a batch's).", mb(held), run.setLimit(roundUpMB(limit*1.5)))
			break
		}
		if out.hasContext(offHeapContext) {
			break // the advice on memory outside the heap below says what to do
		}
		if share, full := gcShareOf(out); share >= busyGCShare {
			if r := out.Requested; r.explains(out.FullGCs, share) {
				// Churn is not the cause: the program collects the whole heap on purpose.
				rec("No leak, but GC takes %.0f%% of the time, %.0f%% in full GCs the program asks for itself (%s). To get the time back, %s.", 100*share, 100*r.TimeShare, r.how(), r.stop())
				break
			}
			// "Nothing to fix" beside a GC share this high reads as a contradiction: the heap's
			// size is fine, its churn is not.
			where := "young GCs: short-lived objects allocated fast"
			if full {
				where = "full GCs: objects that live long enough to be promoted, then die (a cache replacing its entries, a long queue)"
				if freed, ok := recentFreedShare(e.p); ok && freed < idleFullGCFreedShare {
					// Full GCs that free almost nothing collect no promoted garbage: churn is not
					// what starts them (a gallery held at 105.7 MB by 676 full GCs freeing 0.1 MB
					// each, told to allocate less).
					idle := fmt.Sprintf("No leak, but GC takes %.0f%% of the time, most of it in full GCs that free almost nothing (the last ones freed %.1f%% of the heap on average).", 100**out.GCOverhead, 100*freed)
					if h := out.HeapAfterFullGC; farFromKnownLimit(out, limit) {
						rec("%s The heap after full GCs (%s) is far from the limit (%s): %s", idle, mb(h.LastMB), mb(limit), ownScheduling)
						break
					}
					rec("%s Not the program's churn: V8 runs them back to back when the old generation sits at the most it lets itself hold — a limit lower than the heap needs (check which --max-old-space-size reaches the process, or a container's memory) — or by its own scheduling on a flat heap (Node 24–26 were seen doing this). Raise the limit (%s) to tell which: if the full GCs thin out, the heap needed the room.", idle, run.flag("--max-old-space-size"))
					break
				}
			}
			// The share the headline gives; the host's stalls, taken out to decide, are said there.
			churn := fmt.Sprintf("No leak, but GC takes %.0f%% of the time, most of it in %s. Allocate less on the hot paths (reuse buffers and objects, avoid building intermediate arrays and strings)", 100**out.GCOverhead, where)
			if limit > 0 && limit < roomyLimitForSemiSpaceMB {
				// V8 keeps room in the old generation for a scavenge's survivors, as much as a
				// semi-space: under a small limit a large young generation makes it collect the
				// whole heap back to back (a 32 MB semi-space under a 64 MB limit, set AE).
				rec("%s; under a limit of %s, a larger young generation (--max-semi-space-size) would cost more full GCs than it saves, as V8 keeps room in the old generation for a scavenge's survivors.", churn, mb(limit))
				break
			}
			rec("%s, or give the young generation more room (%s) so that fewer objects are promoted.", churn, run.flag("--max-semi-space-size=64"))
			break
		}
		if st := onlyStep(out); st != nil {
			rec("Nothing to fix in the heap if the program loaded something by %s (a dataset, a tenant, a cache warming): ~%s more is its working set now. %s", secs(st.TopMS), mb(st.TopMB-st.LevelMB), nextStepAdvice)
			break
		}
		rec("Nothing to fix in the heap.")
	case VerdictInsufficientData:
		if out.Crash != nil && out.Crash.Kind == parser.FatalSystemOOM || e.p.oomInvokedLine > 0 {
			break // the system-OOM advice below says what to do
		}
		if notAboutMemory(out.Crash) && out.Crash.PrintedBy == "electron" {
			rec("Memory is not the cause: the renderer crashed (%s). Its crash dump (Electron's crashReporter, or the minidump in the app's Crashpad directory) and the renderer's own log say where; raising --max-old-space-size will not help.", out.Crash.Fatal)
			break
		}
		if notAboutMemory(out.Crash) {
			rec("Memory is not the cause: a failed CHECK is a bug in V8, Node or a native addon (or memory corrupted by one). Search the failed check's text in the Node and V8 issue trackers, and report it with the native stack if it is new; raising --max-old-space-size will not help.")
			break
		}
		switch {
		case refusedBySystem(out.Crash):
			rec("The JavaScript heap's limit is not what ran out: --max-old-space-size will not help. Look at what limits the process's memory — the machine's or the container's memory, ulimit -v (virtual address space), a 32-bit Node — and at how many isolates it runs (each worker thread reserves its own heap and code space).")
		case tinyHeapAtDeath(out):
			rec("The heap was not full. Look at the machine's or the container's memory when it died (its limit, the kernel log), at the process's resident memory against its heap (Buffers and native addons live outside it), and at what allocated last in the crash's stack; check that NODE_OPTIONS and the command line set no --max-old-space-size this small.")
		case out.Crash != nil && out.Crash.HeapOOM && limit > 0 && !notInEffect:
			rec("As a stopgap, raise the limit above ~%s (%s).", mb(limit), run.setLimit(roundUpMB(limit*1.5)))
			e.thirtyTwoBitAdvice()
		}
		if st := onlyStep(out); st != nil {
			rec("The heap rose by one step, ~%s, by %s, and held. If the program loaded something then (a dataset, a tenant, a cache warming), that is its working set now. %s", mb(st.TopMB-st.LevelMB), secs(st.TopMS), nextStepAdvice)
		}
		if !refusedBySystem(out.Crash) { // a longer GC log shows nothing of that
			rec("Record a longer log: %s > gc.log 2>&1 (add %s to make the limit known), then run gcanalyze on it.", run.traceCommand(), run.flag("--max-old-space-size"))
		}
		if r := e.p.report; r != nil && !r.Partial && out.FullGCs+out.YoungGCs == 0 {
			// --report-on-fatalerror writes the report to a file of its own, beside the
			// --trace-gc output the run may have kept.
			rec("If this run's --trace-gc output was kept, read it with the report as one process: gcanalyze analyze --join gc.log report.json.")
		}
	}
	if f := e.a.reportFileOf(e.p); f != nil && e.p.report == nil {
		rec("Node wrote a diagnostic report as it died (%s): read it with this log, as one process, for the heap limit it ran under, its heap's spaces and the machine's memory — gcanalyze analyze --join gc.log %s (gc.log: this log).", f.path, f.path)
	}
	if ss := e.p.snapshots; len(ss) > 0 && out.Verdict != VerdictLeak {
		// The leak's advice names them already.
		rec("Node wrote a heap snapshot near the limit (%s): load it in DevTools → Memory and sort its Summary by retained size to see what filled the heap.", ss[len(ss)-1].path)
	}
	if out.Crash != nil && out.Crash.Kind == parser.FatalSystemOOM || e.p.oomInvokedLine > 0 {
		e.systemOOM(run)
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
	if out.hasContext(offHeapContext) {
		rec("Memory outside the JS heap grows: Buffers or ArrayBuffers are kept (chunks collected in a list or a cache, streams read and never consumed, a native addon). In a heap snapshot, look at the retainers of ArrayBuffer and Buffer objects: small in the heap, they hold the memory. --max-old-space-size does not limit it; the machine's or the container's memory runs out instead, and the kernel kills the process (exit 137) with no heap OOM.")
	}
	if out.hasContext("worker") {
		rec("Worker threads each have their own heap: set resourceLimits.maxOldGenerationSizeMb per worker (a --max-old-space-size given to the process overrides it in every worker: use one or the other), and handle the worker's 'error' event so one worker's OOM does not kill the process.")
	}
}

// roomyLimitForSemiSpaceMB is the smallest heap limit under which the advice suggests a 64 MB
// semi-space: eight of them.
const roomyLimitForSemiSpaceMB = 512

// busyGCShare: a healthy heap whose GC, the host's stalls taken out, takes this share of the
// time or more gets advice on its churn.
const busyGCShare = 0.2

// gcShareOf is the share of the time in GC less the host's stalls, and whether full GCs took
// more of it than young ones.
func gcShareOf(out *Process) (share float64, full bool) {
	if out.GCOverhead == nil {
		return 0, false
	}
	share = *out.GCOverhead
	var fullMS, youngMS float64
	if q := out.Pauses["full"]; q != nil {
		fullMS = q.TotalMS
	}
	if q := out.Pauses["scavenge"]; q != nil {
		youngMS = q.TotalMS
	}
	if st, span := out.HostStalls, spanMS(out); st != nil && span > 0 {
		share -= st.TotalMS / span
		youngMS -= st.TotalMS // the stalls are young GCs' pauses
	}
	return share, fullMS > youngMS
}

// idleFullGCFreedShare: full GCs that free under this share of the heap on average collect no
// promoted garbage worth the name.
const idleFullGCFreedShare = 0.01

// recentFreedShare is the mean share of the heap that the last recentFullGCs full GCs freed,
// each counted as the evidence counts it (a full GC that ended with more than it found freed
// nothing); ok is false with fewer of them.
func recentFreedShare(p *proc) (share float64, ok bool) {
	n := len(p.fulls)
	if n < recentFullGCs {
		return 0, false
	}
	for i := n - recentFullGCs; i < n; i++ {
		if p.fulls[i].BeforeMB <= 0 {
			return 0, false
		}
		share += math.Max(0, p.fulls[i].freedShare())
	}
	return share / recentFullGCs, true
}

// recentFullGCs is how many of the last full GCs say what full GCs free now: the ones the
// evidence lists ("the last 3 freed …", HeapSummary.LastFreedMB).
const recentFullGCs = 3

// farFromKnownLimit reports a heap after full GCs under farFromLimitShare of a limit known
// other than from the crash.
func farFromKnownLimit(out *Process, limit float64) bool {
	h := out.HeapAfterFullGC
	return h != nil && limit > 0 && out.HeapLimitSource != LimitCrash && h.LastMB < farFromLimitShare*limit
}

// ownScheduling says that V8's own scheduling, not the program, runs full GCs back to back on
// a flat heap far from its limit, and what to do about it.
const ownScheduling = "V8 starts marking again as soon as it finished, with almost nothing allocated in between — its own scheduling, not the program's churn (Node 24–26 were seen doing this on flat heaps half their limit's size). Compare with the Node version the program ran on before; a heap snapshot will not show a cause in the program."

// farFromLimitShare: a heap after full GCs under this share of a stated limit is far from it.
const farFromLimitShare = 0.7

// idleThrashFreedShare: full GCs that thrash far from the limit while each frees under this
// share of the heap run with almost nothing allocated between them.
const idleThrashFreedShare = 0.01

// tightHeadroomShare is how close to the point where V8 gives up a live heap may settle before
// the report says it has no room left.
const tightHeadroomShare = 0.85

// tightHeadroom returns the heap a live process holds after its full GCs — the level a slowing
// growth reaches, when that is higher — when it sits within tightHeadroomShare of where V8
// gives up against a limit the log or the user states: healthy, yet one burst from death.
func tightHeadroom(p *proc, out *Process, th *Thresholds) (float64, bool) {
	d := deathPointOf(p, out)
	if p.crash != nil || d == nil || d.reached || d.ignored || len(p.fulls) == 0 {
		return 0, false
	}
	held := heldAfterFullGCs(p)
	if lv := levelsOff(p, out, th); lv != nil {
		held = math.Max(held, lv.levelMB)
	}
	return held, held >= tightHeadroomShare*d.pressMB
}

// roundUpMB rounds a limit up to one people write.
func roundUpMB(x float64) int {
	for _, v := range []int{512, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576, 32768} {
		if float64(v) >= x {
			return v
		}
	}
	return int(math.Ceil(x/1024)) * 1024
}

// systemOOM is the advice for a process the system killed for memory: unlike V8's heap limit,
// which is one process's heap and not caused by the others, this is the machine's (or the
// container's) memory, which every process there shares — and a heap limit above it turns a
// catchable heap-limit crash into a SIGKILL with no stack.
func (e *explainer) systemOOM(run launcher) {
	e.rec("This was the machine's or the container's memory running out, not V8's heap limit: every process there counts (the other Node processes of a build, jest workers, a database), and so does what Node holds outside the heap (Buffers, native modules).")
	e.rec("Keep V8's limit under the memory the process may really have: with %s at about 75%% of the container's memory, a runaway heap ends in V8's own heap-limit error, with a stack and a report (node --report-on-fatalerror), instead of a SIGKILL that leaves nothing.", run.flag("--max-old-space-size"))
	e.rec("Then run with %s > gc.log 2>&1 and run gcanalyze on the log: it will tell a leak from a working set that needs more memory than the container has.", run.traceCommand())
}

// grewFromStart reports a process that died at its limit with the heap after full GCs rising
// from its first full GC, early in its life, to the end — on one trend, or on an earlier one
// that led into it (grewIntoTrend): a leak and a start-up load too big for the limit draw the
// same curve. A heap that held levels between steps did not only load.
func grewFromStart(p *proc, out *Process, th *Thresholds) bool {
	g := p.growth
	if g == nil || p.crash == nil || len(p.fulls) == 0 || out.FirstMS == nil || out.Trend == nil || out.Trend.Steps != nil || out.Trend.Resumed != nil || !crashedAtLimit(p) {
		return false
	}
	span := *out.LastMS - *out.FirstMS
	first := p.fulls[0].TimeMS
	if first-*out.FirstMS > 0.1*span {
		return false
	}
	return g.xs[0]*1000 <= first || grewIntoTrend(p, out.Trend, th)
}

// thirtyTwoBitAdvice qualifies advice to raise the limit of a 32-bit build (thirtyTwoBit): the
// flag can raise its limit only as far as its address space allows, which a user who set
// 8 GB and saw it die at 700 MB needs to hear (a 32-bit Node under electron-builder, set bq).
func (e *explainer) thirtyTwoBitAdvice() {
	if e.a.thirtyTwoBit() == "" {
		return
	}
	e.rec("This is a 32-bit Node (see \"32-bit build\"): --max-old-space-size raises its limit only as far as the 2–4 GB of address space a 32-bit process has for everything; for a bigger heap, run a 64-bit Node (on a Raspberry Pi, under a 64-bit OS).")
}

// nextStepAdvice says what to do if a heap that rose by one step (Trend.OneStep) steps again.
const nextStepAdvice = "If it steps again with nothing to load, something keeps what each step builds: take heap snapshots before and after the next step and compare them (DevTools → Memory → Comparison)."

// onlyStep is the one step a process's heap grew by (Trend.OneStep), nil when it grew otherwise.
func onlyStep(out *Process) *OneStep {
	if out.Trend == nil {
		return nil
	}
	return out.Trend.OneStep
}
