package analyze

// This file holds the verdict: what killed the process (or will), decided from the crash, the
// trend of the heap after full GCs and V8's mutator utilization, with Thresholds by name.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// heapLimitKinds are the fatal kinds that mean the heap reached its limit.
var heapLimitKinds = map[parser.FatalKind]bool{
	parser.FatalHeapLimit: true, parser.FatalIneffective: true, parser.FatalCallAndRetryLast: true,
	parser.FatalYoungPromotion: true, parser.FatalSemiSpace: true, parser.FatalWorkerOOM: true,
}

// crashedAtLimit reports whether the process died because its heap reached the limit: a
// fatal error of that kind, or — when the log was cut before any fatal line — V8's last-resort
// full GCs, which it runs only when an allocation failed at the limit.
func crashedAtLimit(p *proc) bool {
	if p.crash != nil {
		return heapLimitKinds[p.crash.Kind] || (p.crash.Kind == parser.FatalOther || p.crash.Kind == parser.FatalUnknown) && p.crash.HeapOOM
	}
	return lastResort(p)
}

// pausedLevel is a level a heap held for a while short of its limit before it climbed again
// into its death.
type pausedLevel struct {
	// firstMS is the first full GC, where the climb to the level began; deathMS the last.
	firstMS, fromMS, toMS, deathMS, heapMB, deathMB float64
}

// heldLongerThanClimb reports a level held at least as long as the climb to it took.
func (lv *pausedLevel) heldLongerThanClimb() bool { return lv.toMS-lv.fromMS >= lv.fromMS-lv.firstMS }

// resumedIntoLimit reports a heap that grew by a fifth of the limit or more, held a level for
// a while short of where it died (under 90% of it, over three full GCs or more and two
// seconds or more), then climbed from that level into its death at half its earlier rate or
// faster: a leak that paused between two of its steps, not a working set that sits at its
// limit (an RPC gateway leaking hooks in login waves: 9 -> 71 MB in two waves, 5 s at 70 MB,
// the third wave to 80 MB and death; the two-segment trend's last segment, the level and the
// last climb, shows no growth). nil when the heap did not, and when it held the level longer
// than it took to get there from its first full GC: the growth before it is one rise, the
// load of a working set that then held (a hotel calendar loaded in 4 s, held at 85% of the
// limit for 20 s, then outgrown by the evening's searches in 2 s), and one climb after a
// level is no leak's second step.
func resumedIntoLimit(p *proc, limit float64, th *Thresholds) *pausedLevel {
	lv, s, last := levelBeforeDeath(p, limit, th)
	if lv == nil || s < 3 || lv.heldLongerThanClimb() {
		return nil
	}
	// The climb to the level was a growth of its own (three full GCs or more on a rising
	// line), and the climb from it into the death kept half its pace or more.
	xs, ys := p.fullSeries()
	pre := robustFit(thinCells(xs[:s+1], ys[:s+1], th)) // each stretch of time once: a level's back-to-back full GCs are one
	climb := (lv.deathMB - lv.heapMB) / math.Max(xs[len(xs)-1]-xs[last], 1e-3)
	if pre.b <= 0 || pre.interval95()[0] <= 0 || climb < 0.5*pre.b {
		return nil
	}
	return lv
}

// outgrownLevel is a level the heap held longer than it took to get there from its first
// full GC, before it climbed into its death: a working set that held, then outgrew the limit.
// How fast it got there does not matter (a validator loads its terminology in one second,
// with two full GCs, and holds it for 23). nil otherwise.
func outgrownLevel(p *proc, limit float64, th *Thresholds) *pausedLevel {
	lv, _, _ := levelBeforeDeath(p, limit, th)
	if lv == nil || !lv.heldLongerThanClimb() {
		return nil
	}
	return lv
}

// levelBeforeDeath is the last level the heap held short of where it died, and the indexes
// of its first and last full GCs: a level (lastLevel) under 90% of the death and below it by
// the noise and 5% of the limit, after a rise by a fifth of the limit or more from the first
// full GC. The verdict, the trend, the evidence and the advice all ask for it: it is read
// once per report and limit (finish clears p.levels).
func levelBeforeDeath(p *proc, limit float64, th *Thresholds) (lv *pausedLevel, s, last int) {
	if r, ok := p.levels[limit]; ok {
		return r.lv, r.s, r.last
	}
	lv, s, last = findLevelBeforeDeath(p, limit, th)
	if p.levels == nil {
		p.levels = map[float64]levelReading{}
	}
	p.levels[limit] = levelReading{lv: lv, s: s, last: last}
	return lv, s, last
}

// levelReading is one levelBeforeDeath answer.
type levelReading struct {
	lv      *pausedLevel
	s, last int
}

func findLevelBeforeDeath(p *proc, limit float64, th *Thresholds) (lv *pausedLevel, s, last int) {
	n := len(p.fulls)
	if n < 8 || limit <= 0 {
		return nil, 0, 0
	}
	xs, ys := p.fullSeries()
	death := ys[n-1]
	s, last = lastLevel(xs, ys, n-2, 3, th)
	if s < 1 {
		return nil, 0, 0
	}
	level := median(ys[s : last+1])
	if level > 0.9*death || death-level < math.Max(th.noiseMB(level), 0.05*limit) || ys[s]-ys[0] < th.LeakShareOfLimitAtCrash*limit {
		return nil, 0, 0
	}
	return &pausedLevel{fromMS: xs[s] * 1000, toMS: xs[last] * 1000, heapMB: level, deathMB: death, firstMS: xs[0] * 1000, deathMS: xs[n-1] * 1000}, s, last
}

// lastLevel is the last level the heap after full GCs (xs, ys) held ending at or before the
// index from and at or after end: scanning ends from there back, the first stretch of three
// full GCs or more, over two seconds or more, within half the noise, taken as far back as it
// stays so. s is its first full GC and last its last; s is -1 when there is none.
func lastLevel(xs, ys []float64, from, end int, th *Thresholds) (s, last int) {
	for e := from; e >= end; e-- {
		s = -1
		lo, hi := ys[e], ys[e]
		for k := e - 1; k >= 0; k-- {
			lo, hi = math.Min(lo, ys[k]), math.Max(hi, ys[k])
			if hi-lo > th.noiseMB(lo)/2 {
				break
			}
			if e-k+1 >= 3 && xs[e]-xs[k] >= 2 {
				s = k
			}
		}
		if s >= 0 {
			return s, e
		}
	}
	return -1, -1
}

// givenBack is the most a full GC after fromMS left under the full GC before it, beyond half
// the noise, and when: memory that survived one full GC and was freed by the next — work in
// flight, freed when done. A leak keeps what it gains and one operation that fills the heap
// keeps what it allocates until it fails: of the corpus's runs that died climbing from a
// level they held longer than it took to reach (bursts, a leak that paused, a calendar
// outgrown), none gave back more than 0.6% after the level; a validator's bulk import,
// bundles freed as each is validated, gave back 4–8%. Without a level to start from it says
// less: a CSV export's burst gave back 2.5% once. Under the full noise, what a full GC gave
// back must take the heap under the most the full GCs after fromMS had left before the one
// it undercut: one that caught a transient and the next that freed it, the climb going on
// above both, gave back nothing the climb had kept (V8 collecting back to back every 50 ms
// through a leak, set BW: 54.3, then 56.3 MB with a transient, then 54.7).
func givenBack(p *proc, fromMS float64, th *Thresholds) (mb, atMS float64) {
	top := math.Inf(-1) // the most a full GC after fromMS left, before prev
	for i := 1; i < len(p.fulls); i++ {
		prev, f := p.fulls[i-1], p.fulls[i]
		if f.TimeMS <= fromMS {
			continue
		}
		noise := th.noiseMB(f.AfterMB)
		if d := prev.AfterMB - f.AfterMB; d > noise/2 && d > mb && (f.AfterMB < top || d >= noise) {
			mb, atMS = d, f.TimeMS
		}
		if prev.TimeMS > fromMS {
			top = math.Max(top, prev.AfterMB)
		}
	}
	return mb, atMS
}

// outgrewGivingBack reports a level outgrown (outgrownLevel) by work in flight: after the
// level, a full GC gave back part of what the one before it left. However much the heap then
// rose, that is no leak: a leak that begins after a warm-up keeps what it gains.
func outgrewGivingBack(p *proc, limit float64, th *Thresholds) bool {
	lv := outgrownLevel(p, limit, th)
	if lv == nil {
		return false
	}
	mb, _ := givenBack(p, lv.toMS, th)
	return mb > 0
}

// outgrownStory is the level a heap-too-small report tells the heap outgrew (outgrownLevel),
// when no other story of the death is told: not a job that outgrew the limit on its last run
// (jobOutgrew), not a heap that lingered at its limit (lingeredAtLimit) — a headline saying the
// heap outgrew a level beside evidence that it sat at the limit would contradict it.
func outgrownStory(p *proc, out *Process, th *Thresholds) *pausedLevel {
	lv := outgrownLevel(p, p.limit.effectiveMB, th)
	if lv == nil || jobOutgrew(p, out, th) != nil || lingeredAtLimit(p, th) != nil {
		return nil
	}
	return lv
}

// outgrownNearLimitShare is the share of a stated limit a live heap must have climbed to, out
// of a level it outgrew, to be called too small for it: under it, the climb has room to level
// again, and a heap too small would be said of a process with most of its limit free.
const outgrownNearLimitShare = 0.6

// outgrewNearLimit reports a live heap that outgrew a level (outgrewGivingBack) and climbed
// to outgrownNearLimitShare of the limit or more.
func outgrewNearLimit(p *proc, limit float64, th *Thresholds) bool {
	n := len(p.fulls)
	return n > 0 && p.fulls[n-1].AfterMB >= outgrownNearLimitShare*limit && outgrewGivingBack(p, limit, th)
}

// livesAtDeathPoint reports a live process whose heap sits where V8 gives up against the
// stated limit, within the noise, and has lingered there (lingeredAtLimit: longer than its
// growth before would have taken to cross the band under it, barely rising): it presses
// against its limit as a working set too big for it does, where a leak would pass the point
// within a few full GCs and die (a validator's import held at 0.92–0.97 of its limit for
// 20 s, full GC after full GC, and never died; read as a leak speeding up, it was given 0.25 s
// to live).
func livesAtDeathPoint(p *proc, out *Process, th *Thresholds) bool {
	if p.crash != nil || out.HeapLimitSource == LimitCrash {
		return false
	}
	d := deathPointOf(p, out)
	if d == nil || d.ignored || d.open() || crashHeapMB(p) < d.pressMB-th.noiseMB(d.pressMB) {
		return false
	}
	return lingeredAtLimit(p, th) != nil
}

// sortedCopy returns xs sorted, leaving xs as it was.
func sortedCopy(xs []float64) []float64 {
	c := slices.Clone(xs)
	slices.Sort(c)
	return c
}

// smallestDefaultLimitMB is the smallest old-generation limit Node sets by default: 128 MB
// on a 32-bit build from Node 12 on; 256 MB on 64-bit, and 700 or 1400 MB before Node 12
// (docs/heap-limit-model.md, section 3).
const smallestDefaultLimitMB = 128

// tinyHeapAtDeath reports a death that the heap's limit is not shown to explain: V8 gave up
// with a fatal error that does not itself say the heap reached its limit (an allocation that
// failed after last-resort GCs, a semi-space it could not commit, a message cut off), while
// the heap held under half the smallest limit Node sets by default, no limit is stated, and
// the log does not show the heap growing into its death.
// Only a flag could have set a limit that small; without one, what ran out was memory outside
// the heap, or one allocation was too big (Node 8 on a 1 GB machine, 16 MB of heap).
func tinyHeapAtDeath(out *Process) bool {
	c := out.Crash
	if c == nil || out.HeapLimitMB == nil || out.HeapLimitSource != LimitCrash {
		return false
	}
	switch c.Kind {
	case parser.FatalHeapLimit, parser.FatalIneffective, parser.FatalWorkerOOM:
		return false // V8 says the heap reached its limit; a worker's limit is its own
	}
	if t := out.Trend; t != nil && t.Significant && t.SlopeMBPerS > 0 && t.RSquared >= DefaultThresholds.TrendMinR2 {
		// The heap grew steadily into its death: something stopped that growth where it
		// died, and a small flag the log does not show is the likely limit (a leak under
		// --max-old-space-size=64, CALL_AND_RETRY_LAST at 60 MB after 49 rising full GCs).
		return false
	}
	if out.lingeredAtDeath {
		// The heap pressed against the level it died at, full GC after full GC freeing
		// little: a limit was in effect there, set by a flag the log does not show (set DQ's
		// tariff classifier on Node 14, at 59-60 MB for 57 full GCs over 6.6 s under a 64 MB
		// flag, then "young object promotion failed").
		return false
	}
	return *out.HeapLimitMB < smallestDefaultLimitMB/2
}

// lastResort reports a log that ends in V8's last-resort full GCs, which it runs only when an
// allocation failed at the limit — unless they freed half the heap or more: then the
// allocation they were run for found its room, and the process went on (a blog's trace whose
// last resort took a 78 MB heap to 1.9 MB).
func lastResort(p *proc) bool {
	n := len(p.fulls)
	if n == 0 || !strings.HasPrefix(p.fulls[n-1].Reason, "last resort") {
		return false
	}
	first := n - 1
	for first > 0 && strings.HasPrefix(p.fulls[first-1].Reason, "last resort") {
		first--
	}
	return p.fulls[n-1].AfterMB > p.fulls[first].BeforeMB/2
}

func structureLimit(p *proc) bool {
	if p.crash == nil {
		return false
	}
	_, ok := structureLimits[p.crash.Kind]
	return ok
}

// limitWords is what a report says of one engine limit that is not a structure's size: its
// headline, its evidence line (label and text) and its advice.
type limitWords struct{ headline, label, evidence, advice string }

// structureLimits are the crash kinds of a fixed engine limit a bigger heap does not move,
// with words of their own where "one structure reached its size limit" does not fit (nil).
var structureLimits = map[parser.FatalKind]*limitWords{
	parser.FatalInvalidTableSize: nil, parser.FatalInvalidArrayLength: nil, parser.FatalInvalidSize: nil,
	parser.FatalInvalidStringLength: nil, parser.FatalInvalidTypedArrayLength: nil, parser.FatalBufferTooLarge: nil,
	parser.FatalStackOverflow: {
		headline: "STRUCTURE LIMIT — the call stack overflowed (it has a fixed size, whatever the heap's); a bigger heap will not help.",
		label:    "call stack",
		evidence: "the call stack, of a fixed size whatever the heap's (V8's --stack-size, about 1 MB), overflowed: recursion too deep, or an array of many thousands of elements spread into one call's arguments (Math.max(...a), fn.apply(null, a), push(...a))",
		advice:   "The call stack has a fixed size (V8's --stack-size, about 1 MB), whatever the heap's: --max-old-space-size will not help. Find the call in the stack trace: a recursion that goes as deep as the data (walk it with a loop and an explicit stack), or an array spread into a call's arguments — Math.max(...a), fn.apply(null, a), a.push(...b) with many thousands of elements (use a loop, or reduce).",
	},
	parser.FatalWasmMemoryMax: {
		headline: "STRUCTURE LIMIT — a WebAssembly memory reached its maximum size (the module's, or V8's cap for wasm32: 4 GB, 2 GB in older V8); a bigger heap will not help.",
		label:    "size limit",
		evidence: "a WebAssembly memory could grow no further (an uncaught grow() error, or an Emscripten module's Aborted(OOM)): it reached the maximum its module declared, or V8's cap for a wasm32 memory (4 GB, 65,536 pages of 64 KB; 2 GB in older V8); that memory lives outside the JS heap and never shrinks, whatever --max-old-space-size says",
		advice:   "A WebAssembly memory only grows, and stops at its maximum (the module's, or V8's cap for wasm32): --max-old-space-size will not help. Find what makes the module grow it — inputs that keep getting larger, buffers the module allocates and never frees (a leak inside the wasm code) — and free them in the module, reuse one instance's memory for each job, or start a new instance for a large job and drop it after. An Emscripten build sets the module's maximum at link time (-sALLOW_MEMORY_GROWTH=1, -sMAXIMUM_MEMORY=…).",
	},
	parser.FatalBigIntTooBig: {
		headline: "STRUCTURE LIMIT — a BigInt outgrew V8's maximum BigInt size; a bigger heap will not help.",
		label:    "size limit",
		evidence: "one BigInt reached the most bits V8 lets a BigInt have (2^30 on 64-bit builds, 128 MB of digits), whatever the heap's size",
		advice:   "V8 caps a BigInt at 2^30 bits whatever the heap's size: --max-old-space-size will not help. A number that grows without bound — a bitmask over ever larger offsets or ids, a product or power computed in a loop — needs another representation: a bitset in a Uint8Array or Buffer (one bit per offset, grown in pages), a Set or sorted ranges of the members, or the arithmetic done modulo what is needed.",
	},
}

// limitWordsOf is the words of a crash's engine limit, nil for a structure's size limit or
// another death.
func limitWordsOf(c *Crash) *limitWords {
	if c == nil {
		return nil
	}
	return structureLimits[c.Kind]
}

// hugeAllocationMB is the size from which one allocation an allocator refused is "too big"
// rather than the last straw: far more than a JavaScript object or a heap page takes.
const hugeAllocationMB = 64

// oneAllocationTooBig reports a death by one allocation the machine refused outright: an
// ArrayBuffer or Buffer backing store (outside the JS heap) larger than the memory there was,
// or an allocation Chromium's allocator refused of hundreds of MB or more.
func oneAllocationTooBig(p *proc) bool {
	c := p.crash
	if c == nil {
		return false
	}
	if c.Kind == parser.FatalArrayBufferAllocation {
		return true
	}
	var bytes float64
	if _, err := fmt.Sscanf(c.Fatal, "out of memory allocating %g bytes", &bytes); err == nil {
		return bytes >= hugeAllocationMB*(1<<20)
	}
	return false
}

// deathRunGapMS is the most time between two full GCs of the run V8 makes as an allocation
// fails at the end: the full GC its first retry asks for, then its last-resort GCs, back to
// back within milliseconds.
const deathRunGapMS = 100

// grewOnlyInDeath reports a log that ends in a run of V8's retries as an allocation failed
// (deathRunAbove) while the heap after full GCs shows no significant growth before that run:
// whatever a line through them all says, the rise is what the retries found, not a trend (set
// DR's KML export on Node 8: 6.5, 6.7, 5.3 MB over 20 s, then 12.7 MB at four full GCs in
// 24 ms as a join of 9,002 strings failed, read as a leak of 0.38 MB/s).
func grewOnlyInDeath(p *proc, th *Thresholds) bool {
	start := deathRunAbove(p, th)
	if start < th.FewFullGCs {
		return false
	}
	xs, ys := p.fullSeries()
	_, t := fitWindow(xs[:start], ys[:start], transientMB(ys[:start], th), th)
	return !t.Significant
}

// deathRunAbove is the index of the first full GC of the run that ends the log (deathRunStart)
// when that run ends in V8's last-resort GCs, holds two full GCs or more, and left more than
// any full GC before it, beyond the noise: the retries of one allocation that failed, on a
// heap it had just raised. 0 when there is no such run.
func deathRunAbove(p *proc, th *Thresholds) int {
	if !lastResort(p) {
		return 0
	}
	n, start := len(p.fulls), deathRunStart(p)
	if start == 0 || n-start < 2 {
		return 0
	}
	_, ys := p.fullSeries()
	if hi := slices.Max(ys[:start]); ys[n-1] <= hi+th.noiseMB(hi) {
		return 0 // the heap had stood as high before: the run is no rise of its own
	}
	return start
}

// deathRunStart is the index of the first full GC of the run that ends the log, each within
// deathRunGapMS of the one before.
func deathRunStart(p *proc) int {
	start := len(p.fulls) - 1
	for start > 0 && p.fulls[start].TimeMS-p.fulls[start-1].TimeMS <= deathRunGapMS {
		start--
	}
	return start
}

// growingTrend reports a heap after full GCs that grows: a significant trend that young GCs
// after the last full GC do not contradict (one they contradict has ended).
func growingTrend(p *proc, out *Process, th *Thresholds) bool {
	tr, g := out.Trend, p.growth
	return tr != nil && tr.Significant && tr.RSquared >= th.TrendMinR2 && g != nil && g.stopped == nil
}

// verdictOf decides the verdict. The rules are general; their thresholds are named in
// Thresholds and stated in the evidence so a reader can judge them. heapMB is the heap the
// process held when it died, as far as the log shows it (0 when it does not).
func verdictOf(p *proc, out *Process, th *Thresholds, heapMB float64) string {
	limit := 0.0
	if out.HeapLimitMB != nil {
		limit = *out.HeapLimitMB
	}
	tr, g := out.Trend, p.growth
	growing := growingTrend(p, out, th)
	if tr != nil && tr.Significant && grewOnlyInDeath(p, th) {
		growing = false
		at := p.fulls[deathRunStart(p)].TimeMS
		tr.RiseInDeathFromMS = &at
	}
	out.lingeredAtDeath = p.crash != nil && lingeredAtLimit(p, th) != nil
	switch {
	case structureLimit(p):
		return VerdictStructureLimit
	case oneAllocationTooBig(p):
		return VerdictAllocationBurst
	case crashedAtLimit(p):
		limit = p.limit.effectiveMB
		switch {
		case isBurst(p, limit, th) || !growing && (farBelowLimit(out, heapMB, th) && !p.limit.notInEffect && oneAllocationFits(out, heapMB) || calmAtDeath(p, out, th) || spikeAtDeath(p, th) != nil):
			// A heap that grew steadily into its death is not the victim of one allocation,
			// whatever limit the user stated.
			return VerdictAllocationBurst
		case p.full < th.MinFullGCsAtCrash && p.full > 0 && keptJump(p, limit, th):
			return VerdictAllocationBurst
		case p.full < th.MinFullGCsAtCrash || tinyHeapAtDeath(out):
			return VerdictInsufficientData
		case lingeredAtLimit(p, th) != nil:
			// Read before the default limit: a process that lingered where it died, full GCs
			// back to back, pressed against a lower limit in effect (a flag the log does not
			// show), however far under the default it died.
			return VerdictHeapTooSmall
		case p.limit.belowDefault != nil && !p.limit.belowDefault.eraOnly && !growing:
			return VerdictAllocationBurst
		case jobOutgrew(p, out, th) != nil || diedLoading(p, th) || outgrewGivingBack(p, limit, th):
			return VerdictHeapTooSmall
		case growing && limit > 0 && math.Max(tr.GrowthMB, riseMB(out)) >= th.LeakShareOfLimitAtCrash*limit:
			return VerdictLeak
		case p.full < th.CrashBlockFullGCs && suddenArrival(p, limit, th):
			return VerdictAllocationBurst
		case resumedIntoLimit(p, limit, th) != nil:
			return VerdictLeak
		case climbedInPrint(out) && !growing:
			// The full GCs show only the end; what the program printed before shows the
			// heap grew all the way there.
			return VerdictLeak
		}
		return VerdictHeapTooSmall
	}
	// Alive, or dead of something that is not its heap (the system's memory, a zone, another
	// fatal error): read the heap as for a live process.
	switch {
	case p.crash != nil && p.gcs == 0:
		return VerdictInsufficientData
	case livesAtDeathPoint(p, out, th) || growing && out.HeapLimitSource != LimitCrash && outgrewNearLimit(p, limit, th):
		// This V8 lets it live where it dies by the model: it presses against its limit, as
		// a working set too big for it does, not past it, as a leak soon would. Or a level
		// held longer than it took to reach, then a climb that gives part of itself back as
		// it goes: work in flight outgrowing its level, as the death report reads it once the
		// process died of it. Read as one curve, the level and the climb are a leak "speeding
		// up" (a validator's bulk import, warned of as a leak doubling every 2 s). GC that
		// starves it, now or for a stretch before, is thrashing, as for any live heap (set
		// BK's ride-share dispatch grid at 94% of its limit: the program got 38% of the time
		// for 14 s, about 60% after, half the run in GC).
		if thrashing(p, out, th) != nil || pastThrash(p, out, th) != nil {
			return VerdictGCThrashing
		}
		return VerdictHeapTooSmall
	case growing && longEnoughForLeak(p, out, tr, th, limit) && grewEnoughForLeak(p, tr, th, limit):
		if levelsOff(p, out, th) != nil {
			if thrashing(p, out, th) != nil {
				// Levelling off while GC starves the program is no health (design.md).
				return VerdictGCThrashing
			}
			return VerdictHealthy
		}
		if pl := plateauOf(p, out, th); pl != nil && pl.unconfirmed {
			// The parabola peaks inside the log, but the heap has held its level for too
			// short a time after climbing to it: a level, or a leak that paused. GC starving
			// the program meanwhile is no want of data.
			if thrashing(p, out, th) != nil {
				return VerdictGCThrashing
			}
			return VerdictInsufficientData
		}
		if g.model == ModelDecelerating && g.quad == nil {
			// Slowing at every full GC, too few of them for a parabola to say where it
			// levels off: not a leak yet, nor shown level.
			return VerdictInsufficientData
		}
		if st := tr.OneStep; st != nil {
			// One step between two levels is no rate (a forecast API loading a second
			// range's grid: ~80 MB held, one step to ~128 MB at 21 s, held 12 s since, read
			// as a leak of 3 MB/s through both levels). A heap that settles holds its last
			// level longest; a leak that grows in steps holds each about as long. A step
			// that ends the full GCs (HeldMS 0) counts only where the young GCs show the
			// heap settled: otherwise it may be the leak's climb, cut by the log.
			switch settled := settledAfterStep(p, out, th); {
			case st.HeldMS == 0 && !settled:
			case thrashing(p, out, th) != nil:
				return VerdictGCThrashing
			case settled:
				return VerdictHealthy
			default:
				return VerdictInsufficientData
			}
		}
		return VerdictLeak
	case growing && tr.Points >= th.LeakManyPoints && thrashing(p, out, th) != nil && levelsOff(p, out, th) == nil:
		// The heap after full GCs still rises, on a line through many of them, while GC
		// starves the program: a leak that starvation slows in wall time (its growth over the
		// thrash is what the program got to run), not a live set that sits at its limit.
		return VerdictLeak
	case out.IneffectiveMC.Met || thrashing(p, out, th) != nil || pastThrash(p, out, th) != nil || gcStormsOf(p, out, th) != nil:
		return VerdictGCThrashing
	case tr != nil && tr.OneStep != nil && settledAfterStep(p, out, th):
		// One step, then a level held longer than the one before: a second load, however
		// few full GCs show it (V8 may run none once the heap is flat).
		return VerdictHealthy
	case (growing && (tr.GrowthMB >= th.UnsettledGrowthMB || grewAtItsRate(p, tr, th)) || shortRise(p, tr, th) || g != nil && g.stopped != nil && g.stopped.unconfirmed) && levelsOff(p, out, th) == nil:
		// Growth, but over too few full GCs or too short a part of the log to call a leak:
		// a heap that grew over three points may still level off. Or growth that slowed at
		// the last full GC, with nothing after it to show whether it stopped. A window too
		// short for its rise to count is no settling when the heap grew before it too (a
		// leak cut where V8 had just begun collecting back to back: 8 -> 25 MB in 12 s, the
		// last 3 s of them the window).
		return VerdictInsufficientData
	case tr == nil && (p.young < th.FewYoungGCs && !quietYoung(p, th) && !quietGCs(p, th) || p.crash != nil || risingWithoutFullGCs(p, th) || youngLeftLevel(p, th) != nil || gcsLeftLevel(p, th) != nil || climbsPastFullGCs(p, th)):
		// Fewer than three full GCs and little else, or a heap the young GCs show rising:
		// no trend can be read, and it is not shown level.
		return VerdictInsufficientData
	case fewFullGCsRising(p, tr, th):
		// Three full GCs, each leaving more than the one before, too few for the line's
		// interval to clear zero, and every GC shows the heap rising: not shown level.
		return VerdictInsufficientData
	case unprovenRise(p, tr, th):
		return VerdictInsufficientData
	case climbingAtTheEnd(p, th) || leftLevelAtLast(p, th) || climbSinceReturn(p, th):
		return VerdictInsufficientData
	}
	return VerdictHealthy
}

// returnOf is the index of the last of the heaps after full GCs ys that fell back (fellBack):
// -1 when none did.
func returnOf(ys []float64, th *Thresholds) int {
	for i := len(ys) - 1; i > 0; i-- {
		if fellBack(ys, i, th) {
			return i
		}
	}
	return -1
}

// climbSinceReturn reports full GCs that rose at each since the heap last fell back (memory
// caught in passing found freed), two or more after that return, each by half the noise or
// more, with no one step carrying the climb (none faster than CycleRateRatio times the pace
// of the whole climb since the return), for longer than the log had run up to that return:
// what they climb through is no batch caught in its course but the heap under the
// transients (an IoT gateway keeping 1.2 MB/s under a 20 MB snapshot every 4 s: 17.6, then
// 34.7 with a snapshot live, 14.6, 19.2, 23.9 MB over 8 s read "HEALTHY — no significant
// growth").
func climbSinceReturn(p *proc, th *Thresholds) bool {
	g := p.growth
	if g == nil || g.transient == 0 || g.stopped != nil && !g.stopped.unconfirmed {
		return false
	}
	_, ys := p.fullSeries()
	n, r := len(p.fulls), returnOf(ys, th)
	if r < 1 || n-r < 3 || p.fulls[n-1].TimeMS-p.fulls[r].TimeMS <= p.fulls[r].TimeMS-p.fulls[0].TimeMS {
		return false
	}
	fastest := 0.0
	for i := r + 1; i < n; i++ {
		prev := p.fulls[i-1]
		rise := p.fulls[i].AfterMB - prev.AfterMB
		if rise <= th.noiseMB(prev.AfterMB)/2 {
			return false
		}
		fastest = math.Max(fastest, rise/math.Max(p.fulls[i].TimeMS-prev.TimeMS, 1))
	}
	// No one step carries the climb: the full GCs of a report built in a burst, after a long
	// quiet, rose 137 MB in 15 s and then 148 MB in 0.3 s, 26 times the pace of the climb.
	// Two steps at paces three times apart are still one climb (an audit archiver's live
	// events after its boot backlog drained: 32.9, 38.2, 55.4 MB over 16 s).
	climb := (p.fulls[n-1].AfterMB - p.fulls[r].AfterMB) / math.Max(p.fulls[n-1].TimeMS-p.fulls[r].TimeMS, 1)
	return fastest <= th.CycleRateRatio*climb
}

// leftLevelAtLast reports a last full GC that left the heap above the level the three before
// it held, by more than the noise, where full GCs catch nothing in passing: the heap may be
// climbing again, and nothing after it shows it settled (a parcel consumer that keeps what
// it cannot ack while its carrier is slow: 38.0 MB at three full GCs over 4.4 s of a fast
// window, then 44.9 MB 2 s into the next slow one — "no significant growth" over the window
// read healthy at 80% of its life).
func leftLevelAtLast(p *proc, th *Thresholds) bool {
	n := len(p.fulls)
	if n < 4 || p.growth == nil || p.growth.transient > 0 {
		return false
	}
	level := []float64{p.fulls[n-4].AfterMB, p.fulls[n-3].AfterMB, p.fulls[n-2].AfterMB}
	lo, hi := slices.Min(level), slices.Max(level)
	return hi-lo <= th.noiseMB(lo) && p.fulls[n-1].AfterMB-hi > th.noiseMB(hi)
}

// climbingAtTheEnd reports a heap whose last three full GCs each left more than the one before
// by half the noise or more, with nothing after them to show it stopped: not shown level,
// whatever a line through more of them says (a DNS resolver leaking 2.6 MB/s over a 250 MB
// trie: 222, 258, 275, 284 MB at 93% of its death point, a line bent by the trie's load read
// "HEALTHY, BUT NO HEADROOM").
func climbingAtTheEnd(p *proc, th *Thresholds) bool {
	n := len(p.fulls)
	if n < 4 || p.growth == nil || p.growth.transient > 0 || p.growth.stopped != nil && !p.growth.stopped.unconfirmed {
		// Where full GCs catch memory in passing (a batch, a report), three rising in a row
		// are the batch's course, not the heap's.
		return false
	}
	for i := n - 3; i < n; i++ {
		prev := p.fulls[i-1].AfterMB
		if p.fulls[i].AfterMB-prev <= th.noiseMB(prev)/2 {
			return false
		}
	}
	return true
}

// gcStormsOf reports a process that GC starves again and again in short bursts: stormMinCount
// storms or more, from the first to the last over stormSpanShare of the log or more, on a heap
// that did not grow. Each window of the pastThrash kind may still give the program most of the
// time (a chess engine shedding requests whenever it sees a major GC: six to eight full GCs in
// 0.2 s at mu 0.01–0.06, each freeing under 1%, every second for 30 s; 14.5% of the time in GC
// overall), but the program stalls in every burst: that is thrashing, not health.
func gcStormsOf(p *proc, out *Process, th *Thresholds) *GCStorms {
	if out.FirstMS == nil || len(p.fulls) < stormMinCount*stormMinFullGCs || out.HeapLimitMB == nil || out.HeapLimitSource == LimitCrash {
		// Storms on a heap far from its limit are V8's own scheduling (Node 24 ran 192
		// full GCs on a 30 MB saw-tooth under a 128 MB flag, 3% of the time in pauses): only
		// a known limit tells pressure from that.
		return nil
	}
	var st GCStorms
	run, runFrom, runMB, stormMB := 0, 0.0, 0.0, 0.0
	end := func() {
		if run >= stormMinFullGCs {
			if st.Count == 0 {
				st.FromMS = runFrom
			}
			st.Count++
			st.FullGCs += run
			stormMB += runMB
		}
		run, runMB = 0, 0
	}
	for _, f := range p.fulls {
		cur, ok := f.cur()
		if !ok || f.forced() || cur >= th.LowMu || f.BeforeMB <= 0 || (f.BeforeMB-f.AfterMB)/f.BeforeMB >= th.IneffectiveFreedShare {
			end()
			continue
		}
		if run == 0 {
			runFrom = f.TimeMS
		}
		run++
		runMB += f.AfterMB
		if run >= stormMinFullGCs {
			st.ToMS = f.TimeMS
		}
	}
	end()
	if st.Count < stormMinCount || st.ToMS-st.FromMS < stormSpanShare*spanMS(out) || stormMB/float64(st.FullGCs) < stormHeapShare**out.HeapLimitMB {
		return nil
	}
	if g := p.growth; g != nil && g.lin.b > 0 && out.Trend != nil && out.Trend.Significant {
		return nil // a heap that grew through its storms is read by its growth
	}
	return &st
}

// The bounds of gcStormsOf.
const (
	stormMinFullGCs = 3
	stormMinCount   = 5
	stormSpanShare  = 0.3
	stormHeapShare  = 0.7 // of the limit, on average over the storms' full GCs
)

// longEnoughForLeak reports a trend whose full GCs are enough, and cover enough of the log,
// for a live process's growth to be read as a leak.
func longEnoughForLeak(p *proc, out *Process, tr *Trend, th *Thresholds, limit float64) bool {
	return (tr.Points >= leakMinPoints(p, th) || threeOnALine(p, tr, th)) && ((tr.ToMS-tr.FromMS) >= th.LeakMinSpanShare*spanMS(out) || tr.Points >= th.LeakManyPoints || grewIntoTrend(p, tr, th) || climbOnLine(p, tr, limit))
}

// threeOnALine reports a trend through three full GCs that proves growth on its own: its
// interval clears zero (with one degree of freedom, only points all but on a line do), it
// spans LeakLineOfThreeMS or more, and its second step climbs at half the first's pace or
// faster, so the heap is not slowing into a level. Issue #12 asks the interval, not a count,
// to decide: a CDN fragment cache leaking 0.9 MB/s held three full GCs in 34 s (18 -> 30 -> 47
// MB, interval 0.73–1.06) and read "insufficient data" for want of a fourth; a cache filling
// up slows between its full GCs (a spell-check memo, 17 -> 29 -> 52 MB at 8, then 3.6 MB/s)
// or fills within seconds.
func threeOnALine(p *proc, tr *Trend, th *Thresholds) bool {
	g := p.growth
	if tr.Points != 3 || !tr.Significant || tr.ToMS-tr.FromMS < th.LeakLineOfThreeMS || g == nil || len(g.xs) != 3 {
		return false
	}
	xs, ys := g.xs, g.ys // the trend's window
	first, second := (ys[1]-ys[0])/(xs[1]-xs[0]), (ys[2]-ys[1])/(xs[2]-xs[1])
	return first > 0 && second >= first/2
}

// leakMinGrowthMB is the growth a live process's trend must show to be read as a leak:
// LeakMinGrowthMB, or LeakMinGrowthShareOfLimit of a known limit if that is less.
func leakMinGrowthMB(th *Thresholds, limit float64) float64 {
	if limit > 0 {
		return math.Min(th.LeakMinGrowthMB, th.LeakMinGrowthShareOfLimit*limit)
	}
	return th.LeakMinGrowthMB
}

// grewEnoughForLeak reports a trend that grew by leakMinGrowthMB, or that shows growth short
// of it beyond doubt (steadyOnSmallHeap, unmistakableLine).
func grewEnoughForLeak(p *proc, tr *Trend, th *Thresholds, limit float64) bool {
	return grownMB(p, tr, th) >= leakMinGrowthMB(th, limit) || steadyOnSmallHeap(p, tr, th) || unmistakableLine(p, tr, th)
}

// grownMB is the growth a trend stands for: its window's, and, where the heap grew into the
// window on a line of its own at no more than twice the window's rate (grewAtItsRate), that
// line's rise too — the window then cuts one growth short, it does not start it. A load that
// filled the heap fast and then settled is not counted: its rise is no leak's.
func grownMB(p *proc, tr *Trend, th *Thresholds) float64 {
	grown := tr.GrowthMB
	if f, ok := growthAtItsRate(p, tr, th); ok {
		// growthBefore had full GCs before the window, so p.fulls is not empty.
		grown += f.b * (tr.FromMS - p.fulls[0].TimeMS) / 1000
	}
	return grown
}

// unprovenRise reports a line through the heap after full GCs that rises by LeakMinGrowthMB
// or more over its window (or UnsettledGrowthMB and half what the heap held where it starts),
// more than memory caught in passing, with nothing to say the rise was given back or ended
// (no later full GC undercut it, no young GCs after the last full GC show it ended, the last
// full GC itself climbed beyond the noise), yet whose interval does not clear zero: the points
// are too few or too scattered to prove growth, and they do not show its absence either (a
// stepwise leak cut on a step, 16.6 -> 57.6 MB over five full GCs, read "HEALTHY — no
// significant growth").
func unprovenRise(p *proc, tr *Trend, th *Thresholds) bool {
	g := p.growth
	if tr == nil || tr.Significant || g == nil || g.undercut != nil || g.stopped != nil ||
		tr.GrowthMB < th.UnsettledGrowthMB || tr.GrowthMB <= g.transient || p.keptNothing != nil {
		return false
	}
	if tr.GrowthMB < th.LeakMinGrowthMB && tr.GrowthMB < 0.5*g.lin.at(g.xs[0]) {
		// Under LeakMinGrowthMB, only a rise by half of what the heap held is no settling (a
		// helpdesk leaking one shift at a time: 9.8 -> 17.5 MB over four full GCs read
		// HEALTHY; a cache near its plateau, 52 -> 61 MB, is one).
		return false
	}
	n := len(g.ys)
	return n >= 2 && g.ys[n-1]-g.ys[n-2] > th.noiseMB(g.ys[n-2]) // still climbing at the last full GC
}

// fewFullGCsRising reports a trend too short to be significant (fewer than SpeedUpMinPoints
// full GCs) over which every full GC left more than the one before, the last by more than
// half the noise, by UnsettledGrowthMB or more in all: an accelerating leak seen through its
// first three full GCs (9.8, 21.2, 41.0 MB in 3.6 s) read "HEALTHY — no significant growth"
// beside "+31.3 MB".
func fewFullGCsRising(p *proc, tr *Trend, th *Thresholds) bool {
	if tr == nil || tr.Significant || tr.Points >= th.SpeedUpMinPoints || p.growth == nil || p.growth.stopped != nil && !p.growth.stopped.unconfirmed || p.keptNothing != nil {
		return false
	}
	ys := p.growth.ys
	for i := 1; i < len(ys); i++ {
		if ys[i] <= ys[i-1] {
			return false
		}
	}
	if n := len(ys); ys[n-1]-ys[n-2] <= th.noiseMB(ys[n-2])/2 {
		// The last full GC held the one before's level, within half the noise, after a
		// climb: a level reached, not a rise at every full GC (a resale watcher's listing
		// cache, 28.3 then 53.1 MB as it filled, then 54.0 MB 16 s later).
		return false
	}
	return ys[len(ys)-1]-ys[0] >= th.UnsettledGrowthMB
}

// youngStretch sums up the young GCs between two full GCs.
type youngStretch struct {
	count        int
	fromMS       float64 // the first of them
	lowMB, lowMS float64 // the least any of them left, and when
	highMB       float64 // the most any of them left
}

// stretchOf sums up young GCs; nil when there are none.
func stretchOf(young *points) *youngStretch {
	if young == nil {
		return nil
	}
	ys := young.all()
	if len(ys) == 0 {
		return nil
	}
	s := &youngStretch{count: len(ys), fromMS: ys[0].TimeMS, lowMB: ys[0].AfterMB, lowMS: ys[0].TimeMS, highMB: ys[0].AfterMB}
	for _, y := range ys[1:] {
		if y.AfterMB < s.lowMB {
			s.lowMB, s.lowMS = y.AfterMB, y.TimeMS
		}
		s.highMB = math.Max(s.highMB, y.AfterMB)
	}
	return s
}

// keptNothing is a stretch of the log that retained nothing: the last full GC, at atMS, left
// heapMB, no more than the least the young GCs before it left since the full GC before
// (lowMB at lowMS) — young GCs leave the live heap plus young survivors and garbage not yet
// collected, so a live heap that grew over the stretch leaves more at the full GC that ends
// it than at their least.
type keptNothing struct {
	sinceMS, atMS, heapMB, lowMB, lowMS float64
	young                               int
}

// keptNothingSince reports a rise over too few full GCs to read (a start-up load, then one
// full GC or two much later) whose last stretch kept nothing: QuietYoungGCs young GCs or more
// between the last two full GCs, over half the log or more, the last full GC leaving no more
// than the least of them (by half the noise), and the young GCs since it staying within what
// those before it reached, which that full GC showed to be garbage. Services that load at
// start and then run far under their limit show few full GCs (a parking API, its model
// loaded in 0.4 s, then one full GC 18 s later at 48.8 MB against 49.4 after the load's
// first young GC, the young GCs creeping to 56 MB with promoted garbage between — "rising at
// every full GC … too wide to call it growth").
func keptNothingSince(p *proc, th *Thresholds) *keptNothing {
	n, s := len(p.fulls), p.youngBeforeLast
	if n < 2 || s == nil || s.count < th.QuietYoungGCs || p.crash != nil {
		return nil
	}
	prev, last := p.fulls[n-2], p.fulls[n-1]
	span := p.last - *p.first
	if span <= 0 || last.TimeMS-prev.TimeMS < span/2 || last.AfterMB > s.lowMB+th.noiseMB(s.lowMB)/2 {
		return nil
	}
	if p.youngSinceFull != nil {
		for _, y := range p.youngSinceFull.all() {
			if y.AfterMB > s.highMB+th.noiseMB(s.highMB)/2 {
				return nil // the heap climbs past what the last full GC showed was garbage
			}
		}
	}
	return &keptNothing{sinceMS: prev.TimeMS, atMS: last.TimeMS, heapMB: last.AfterMB, lowMB: s.lowMB, lowMS: s.lowMS, young: s.count}
}

// quietYoung reports young GCs that, since the last full GC, end on the heap level for a long
// time: the last QuietYoungGCs or more of them, over QuietSpanS or more, each left within the
// noise of the others. Few GCs over a long, level stretch are a process with little to do (the
// main thread of a program whose work is in its workers: 8 scavenges over 31 s at 7.0–7.4 MB),
// not too little to read; a start-up climb before the stretch does not undo it (a dispatcher
// thread that rose from 2 to 9 MB in its first 8 s, then held 9.0 ± 0.1 MB for 24 s).
func quietYoung(p *proc, th *Thresholds) bool {
	if p.youngSinceFull == nil {
		return false
	}
	return levelAtEnd(p.youngSinceFull.all(), th).quiet(th)
}

// quietGCs is quietYoung read over every GC at the end of the log, full GCs included: the last
// QuietYoungGCs or more, over QuietSpanS or more, each leaving within the noise of the others.
// A process with little to do may have a full GC or two near its end (a fork pool's primary:
// young GCs at 3.0–3.1 MB every 4 s for 28 s, two full GCs at 2.3 MB, three young GCs at
// 2.5 MB after them), leaving too few young GCs since for quietYoung alone.
func quietGCs(p *proc, th *Thresholds) bool {
	if p.chart == nil {
		return false
	}
	return levelAtEnd(p.livePoints(), th).quiet(th)
}

// endLevel is the stretch of GCs that ends a log within the noise of each other: pts[first:],
// leaving loMB to hiMB.
type endLevel struct {
	pts        []GCPoint
	first      int
	loMB, hiMB float64
}

// levelAtEnd reads back from the last of pts as far as they stay within the noise.
func levelAtEnd(pts []GCPoint, th *Thresholds) endLevel {
	lv := endLevel{pts: pts, first: len(pts), loMB: math.Inf(1), hiMB: math.Inf(-1)}
	for i := len(pts) - 1; i >= 0; i-- {
		l, h := math.Min(lv.loMB, pts[i].AfterMB), math.Max(lv.hiMB, pts[i].AfterMB)
		if h-l > th.noiseMB(l) {
			break
		}
		lv.loMB, lv.hiMB, lv.first = l, h, i
	}
	return lv
}

// quiet reports a level of QuietYoungGCs GCs or more over QuietSpanS or more.
func (lv endLevel) quiet(th *Thresholds) bool {
	n := len(lv.pts)
	return n > 0 && n-lv.first >= th.QuietYoungGCs && lv.pts[n-1].TimeMS-lv.pts[lv.first].TimeMS >= 1000*th.QuietSpanS
}

// leftLevel is a heap that the GCs at the end of a log show leaving the level it held: held MB
// (hiMB at most) over heldMS from fromMS, then the last rising GCs, to toMB at toMS.
type leftLevel struct {
	heldMB, hiMB, fromMS, heldMS float64
	rising                       int
	toMB, toMS                   float64
}

// youngLeftLevel reports a heap whose young GCs since the last full GC held a level —
// QuietYoungGCs or more within the noise over QuietSpanS or more — and whose last three or
// more each left more than the one before, the last above the level by the noise: a level
// held long, then a climb too young for a full GC to have weighed it (a search service flat
// at 5.2 MB for 16 s, then 6.6, 7.3, 8.3 MB after a flag turned on a leak: "healthy").
func youngLeftLevel(p *proc, th *Thresholds) *leftLevel {
	if p.youngSinceFull == nil {
		return nil
	}
	ys := p.youngSinceFull.all()
	n := len(ys)
	k := n - 1 // the GCs after k each left more than the one before
	for k > 0 && ys[k-1].AfterMB < ys[k].AfterMB {
		k--
	}
	if n-1-k < 3 {
		return nil
	}
	k++ // ys[:k] is the level's stretch
	l := levelBefore(ys, k, th)
	if l == nil || ys[n-1].AfterMB-l.hiMB <= th.noiseMB(l.heldMB) {
		return nil
	}
	l.rising, l.toMB, l.toMS = n-k, ys[n-1].AfterMB, ys[n-1].TimeMS
	return l
}

// levelBefore is the level the GCs pts held up to k (not included): from pts[k-1] back, as far
// as they stay within the noise of each other, when that is QuietYoungGCs or more over half of
// QuietSpanS or more; nil when they did not hold one.
func levelBefore(pts []GCPoint, k int, th *Thresholds) *leftLevel {
	lo, hi := pts[k-1].AfterMB, pts[k-1].AfterMB
	first := k - 1
	for first > 0 {
		l, h := math.Min(lo, pts[first-1].AfterMB), math.Max(hi, pts[first-1].AfterMB)
		if h-l > th.noiseMB(l) {
			break
		}
		lo, hi, first = l, h, first-1
	}
	if k-first < th.QuietYoungGCs || pts[k-1].TimeMS-pts[first].TimeMS < 1000*th.QuietSpanS/2 {
		return nil
	}
	return &leftLevel{heldMB: median(afterOf(pts[first:k])), hiMB: hi, fromMS: pts[first].TimeMS, heldMS: pts[k-1].TimeMS - pts[first].TimeMS}
}

// gcsLeftLevel is youngLeftLevel read over every GC, full GCs included, for a climb with a
// full GC or two inside it (a newsletter renderer flat at 5.2 MB for 16 s, then young GCs and
// two full GCs climbing to 14 MB in 3 s: the full GCs, each under the young GCs around it,
// break the young GCs' run): the GCs held a level, then every GC since left more than the
// level's top by half the noise or more, the last by the noise, four or more of them on a line
// that rises.
func gcsLeftLevel(p *proc, th *Thresholds) *leftLevel {
	if p.chart == nil {
		return nil
	}
	pts := p.livePoints()
	n := len(pts)
	if n < 4 {
		return nil
	}
	// least[k] is the least any GC from k on left: the climb from k is above the level when
	// least[k] is. It keeps the scan linear over a long log of young GCs alone (4,096 points
	// kept), where trying every start against every GC after it was quadratic.
	least := make([]float64, n)
	least[n-1] = pts[n-1].AfterMB
	for i := n - 2; i >= 0; i-- {
		least[i] = math.Min(least[i+1], pts[i].AfterMB)
	}
	for k := n - 4; k >= th.QuietYoungGCs; k-- { // pts[k:] is the climb, pts[:k] holds the level
		if least[k]-pts[k-1].AfterMB <= th.TrendNoiseMB/2 {
			continue // the level's top is pts[k-1] or more, and the noise TrendNoiseMB or more
		}
		l := levelBefore(pts, k, th)
		if l == nil || least[k]-l.hiMB <= th.noiseMB(l.heldMB)/2 || pts[n-1].AfterMB-l.hiMB <= th.noiseMB(l.heldMB) {
			continue
		}
		if f, ok := fitAfter(pts[k:], 4); !ok || f.interval95()[0] <= 0 {
			return nil
		}
		l.rising, l.toMB, l.toMS = n-k, pts[n-1].AfterMB, pts[n-1].TimeMS
		return l
	}
	return nil
}

// climbsPastFullGCs reports a heap whose full GCs, too few for a trend, each left more than the
// one before by the noise, and whose young GCs since the last left more than it by the noise
// too: the live heap rose at every reading (a newsletter renderer's memo unbounded at 16 s:
// full GCs leaving 6.0, then 11.6 MB 1.3 s later, young GCs at 18.6 MB after them, read
// healthy — the first full GC of the climb left what the young GCs had held before it).
func climbsPastFullGCs(p *proc, th *Thresholds) bool {
	n := len(p.fulls)
	if n < 2 || p.youngSinceFull == nil {
		return false
	}
	for i := 1; i < n; i++ {
		if p.fulls[i].AfterMB-p.fulls[i-1].AfterMB <= th.noiseMB(p.fulls[i-1].AfterMB) {
			return false
		}
	}
	last := p.fulls[n-1].AfterMB
	return slices.ContainsFunc(p.youngSinceFull.all(), func(g GCPoint) bool { return g.AfterMB-last > th.noiseMB(last) })
}

// afterOf is the heap each GC left.
func afterOf(pts []GCPoint) []float64 {
	out := make([]float64, len(pts))
	for i, g := range pts {
		out[i] = g.AfterMB
	}
	return out
}

// risingWithoutFullGCs reports a heap that the GCs of a process with too few full GCs for a
// trend show rising: a line through what every GC left climbs by UnsettledGrowthMB or more,
// its interval clear of zero. Such a process is not shown healthy (an accelerating leak seen
// before its third full GC read healthy).
func risingWithoutFullGCs(p *proc, th *Thresholds) bool {
	pts := p.livePoints()
	f, ok := fitAfter(pts, th.FewYoungGCs)
	return ok && f.interval95()[0] > 0 && f.b*(pts[len(pts)-1].TimeMS-pts[0].TimeMS)/1000 >= th.UnsettledGrowthMB
}

// shortRise reports a heap after full GCs that rises at a clear rate over a window too short
// for the rise to count: the slope's interval excludes zero, the line explains the points, no
// later full GC undercut it and it is more than memory caught in passing, and at its rate the
// heap would gain LeakMinGrowthMB within ShortRiseHorizonS — yet the fitted change over the
// window is under the noise floor. Such a log shows neither a leak nor health (a test that
// forced two rounds of GCs 0.1 s apart, +0.8 MB at 8.6 MB/s, read healthy).
func shortRise(p *proc, tr *Trend, th *Thresholds) bool {
	g := p.growth
	return tr != nil && !tr.Significant && g != nil && g.undercut == nil && g.stopped == nil &&
		tr.Interval95[0] > 0 && tr.RSquared >= th.TrendMinR2 && tr.risenMB() > g.transient &&
		tr.SlopeMBPerS*th.ShortRiseHorizonS >= th.LeakMinGrowthMB
}

// grewIntoTrend reports a trend that is the last segment of a heap that grew before it too:
// the full GCs before the segment rise on a line of their own, beyond the noise. The segment
// then marks a change of rate, not the start of growth, and need not cover a share of the log
// (a leak that speeds up gets a short last segment).
func grewIntoTrend(p *proc, tr *Trend, th *Thresholds) bool {
	_, ok := growthBefore(p, tr, th)
	return ok
}

// growthBefore is the line through the heap after the full GCs before the trend's window, and
// whether it rose: its interval clear of zero, the line explaining the points, a rise beyond
// the noise.
func growthBefore(p *proc, tr *Trend, th *Thresholds) (fit, bool) {
	var xs, ys []float64
	for _, f := range p.fulls {
		if f.TimeMS >= tr.FromMS {
			break
		}
		xs, ys = append(xs, f.TimeMS/1000), append(ys, f.AfterMB)
	}
	if len(xs) < th.FewFullGCs || xs[len(xs)-1] <= xs[0] {
		return fit{}, false
	}
	f := robustFit(xs, ys)
	rise := f.b * (xs[len(xs)-1] - xs[0])
	return f, f.interval95()[0] > 0 && f.r2 >= th.TrendMinR2 && rise > th.noiseMB(stat.Mean(ys, nil))
}

// grewAtItsRate reports a trend whose window is the last segment of a heap that grew before
// it at no more than twice the window's rate (1/RecentRateShare): one growth the window cuts
// short, not a load that filled the heap fast and then settled (a cache at 60 MB in 4 s,
// then +0.3 MB/s).
func grewAtItsRate(p *proc, tr *Trend, th *Thresholds) bool {
	_, ok := growthAtItsRate(p, tr, th)
	return ok
}

// growthAtItsRate is the line of growth before the trend's window (growthBefore) when that
// growth ran at no more than twice the window's rate, and whether it did.
func growthAtItsRate(p *proc, tr *Trend, th *Thresholds) (fit, bool) {
	f, ok := growthBefore(p, tr, th)
	return f, ok && tr.SlopeMBPerS >= th.RecentRateShare*f.b
}

// steadyOnSmallHeap reports growth too small in MB for the leak rule that is nonetheless
// unmistakable: a line through many full GCs (LeakManyPoints) that leaves almost nothing
// unexplained (R² 0.9) and that grew the heap after them by half of what it held where the line
// starts. A small heap that retains 0.1 MB/s for a minute is a leak, whatever its megabytes.
//
// Fewer full GCs, LeakMinPoints or more, say the same over minutes (LongWindowMS or more) when
// the line leaves next to nothing unexplained (R² 0.95): a heap settles in its first seconds,
// not on a line for minutes (a billing service's audit lines on a 15-minute run of Node 20,
// 3.9 → 7.9 MB on its floor over 8.4 min, six full GCs a minute apart under a 60 MB export
// every 2 min, read healthy as a rise "less than a heap may gain as it settles").
func steadyOnSmallHeap(p *proc, tr *Trend, th *Thresholds) bool {
	g := p.growth
	if g == nil || len(g.ys) == 0 {
		return false
	}
	many := tr.Points >= th.LeakManyPoints && tr.RSquared >= 0.9
	long := tr.Points >= th.LeakMinPoints && tr.RSquared >= 0.95 && tr.Model == ModelLinear && tr.ToMS-tr.FromMS >= th.LongWindowMS
	return (many || long) && tr.GrowthMB >= 0.5*g.lin.at(g.xs[0])
}

// unmistakableLine reports growth short of LeakMinGrowthMB that a line through many full GCs
// (LeakManyPoints/2 or more) explains almost whole (R² 0.95), without a bend, over most of the
// log, by UnsettledGrowthMB or more: what a program keeps at a steady rate under a large
// working set (an FX quoting service keeping 0.23 MB/s of audit records on a 70 MB working
// set: +9.7 MB over 17 full GCs and 41 s, each above the last, read insufficient data).
// Settling heaps slow down; this one does not.
//
// Fewer full GCs (six or more) do when each left more than the one before and the line leaves
// next to nothing unexplained (R² 0.98) over half the log or more (the same service on Node
// 12, whose V8 ran a full GC every 6 s: +9.9 MB over 7 of them and 36 s). A shorter last
// segment counts with the full GCs before it when each of those too left more than the one
// before: the heap never fell back in the whole log, and the segment marks where a start-up's
// faster climb gave way to the steady one, not where growth began (set AH's smart-meter
// broker on Node 19: 7.7 → 18.5 MB loading, then +0.35 MB/s on a line over 5 full GCs and
// 27 s, +9.7 MB, read insufficient data where Node 14 and 17, one more full GC each, read
// the leak).
func unmistakableLine(p *proc, tr *Trend, th *Thresholds) bool {
	g := p.growth
	if tr.RSquared < 0.95 || tr.Model != ModelLinear || tr.GrowthMB < th.UnsettledGrowthMB || g == nil || g.floorFrom != 0 {
		return false
	}
	if tr.Points*2 >= th.LeakManyPoints {
		return true
	}
	if tr.RSquared < 0.98 || p.last <= 0 {
		return false
	}
	climb := tr.Points
	if tr.ToMS-tr.FromMS < 0.5*(p.last-*p.first) {
		before, ok := risingBefore(p, tr)
		if !ok {
			return false
		}
		climb += before
	}
	if climb < 6 {
		return false
	}
	for i := 1; i < len(g.ys); i++ {
		if g.ys[i] <= g.ys[i-1] {
			return false
		}
	}
	return true
}

// climbOnLine reports a climb too young for LeakMinSpanShare that no settling heap shows: the
// last climbMinFullGCs full GCs or more each left more than the one before, on a line that
// explains them almost whole (R² 0.98, as unmistakableLine asks), rising by
// climbMinShareOfLimit of the limit or more.
func climbOnLine(p *proc, tr *Trend, limit float64) bool {
	if tr.Model != ModelLinear || tr.RSquared < 0.98 || limit <= 0 {
		return false
	}
	n := len(p.fulls)
	from := n - 1
	for from > 0 && p.fulls[from].AfterMB > p.fulls[from-1].AfterMB {
		from--
	}
	if n-from < climbMinFullGCs {
		return false
	}
	first, last := p.fulls[from], p.fulls[n-1]
	return first.TimeMS <= tr.FromMS && last.AfterMB-first.AfterMB >= climbMinShareOfLimit*limit
}

// climbMinFullGCs and climbMinShareOfLimit: how long and how high a climb on a line must be
// for climbOnLine.
const (
	climbMinFullGCs      = 5
	climbMinShareOfLimit = 0.2
)

// risingBefore counts the full GCs before the trend's window when each left more than the one
// before it, the last of them less than the window's first; ok is false when any fell back, or
// there are none.
func risingBefore(p *proc, tr *Trend) (n int, ok bool) {
	prev := math.Inf(-1)
	for _, f := range p.fulls {
		if f.TimeMS >= tr.FromMS {
			return n, n > 0 && f.AfterMB > prev
		}
		if f.AfterMB <= prev {
			return 0, false
		}
		prev = f.AfterMB
		n++
	}
	return 0, false
}

// leakMinPoints is how many full GCs a growth must rest on to be a leak: fewer when the system
// killed the process for memory, which ends the series where a leak would, or when every full
// GC kept what came before it.
func leakMinPoints(p *proc, th *Thresholds) int {
	if p.crash != nil && p.crash.Kind == parser.FatalSystemOOM || keptAll(p, th) {
		return th.LeakMinPointsAtKill
	}
	return th.LeakMinPoints
}

// keptAll reports full GCs that each found almost nothing to free while each left more than
// the last: what the program promoted between them it kept. Three of them on a line say as
// much as four that free the garbage of a working set (the slowest of several leaking
// workers shows no more before the log ends).
func keptAll(p *proc, th *Thresholds) bool {
	if len(p.fulls) < th.LeakMinPointsAtKill {
		return false
	}
	for i, f := range p.fulls {
		if f.BeforeMB <= 0 || f.BeforeMB-f.AfterMB >= th.IneffectiveFreedShare*f.BeforeMB || f.forced() ||
			i > 0 && f.AfterMB <= p.fulls[i-1].AfterMB {
			return false
		}
	}
	return true
}

// farBelowLimit reports a death at the heap limit while the heap held far less than a limit
// the log states (not one inferred from the crash): the allocation that failed was itself
// huge — a giant string, array or buffer — not the last of many.
func farBelowLimit(out *Process, heapMB float64, th *Thresholds) bool {
	if out.HeapLimitMB == nil || heapMB <= 0 {
		return false
	}
	switch out.HeapLimitSource {
	case LimitUser, LimitProcess, LimitReport, LimitHeapStats, LimitCommandLine:
		share := th.FarBelowLimitShare
		if c := out.Crash; c != nil && (c.Kind == parser.FatalHeapLimit || c.Kind == parser.FatalIneffective) {
			// V8 says these at its limit, or from 0.8 of it: under notInEffectShare of the
			// stated limit the heap did not fill up to it.
			share = math.Max(share, notInEffectShare)
		}
		return heapMB < share**out.HeapLimitMB
	}
	return false
}

// maxOneAllocationMB is more than any one object V8 allocates on its heap takes: a string
// (2^29 characters, 1 GB two-byte), a FixedArray or FixedDoubleArray (about 1 GB). Room left
// under the limit beyond this no single allocation fills.
const maxOneAllocationMB = 2048

// oneAllocationFits reports whether the room a flag left above the heap at death is within what
// one allocation on the heap can ask for: where it is not (a death at 2.9 GB under a 16 GB flag
// on a command line the log shows), one allocation does not explain the death, and the flag may
// not have been this process's (given to another command of the same script, or not passed on
// to a child). A limit the process printed itself is its own: a death far under it with more
// room than any object takes is memory outside the heap refused (Electron "near V8 cage limit"
// at 22 MB of 4 GB), one allocation still.
func oneAllocationFits(out *Process, heapMB float64) bool {
	stated := out.HeapLimitSource == LimitCommandLine || out.HeapLimitSource == LimitUser
	return !stated || out.HeapLimitMB == nil || *out.HeapLimitMB-heapMB <= maxOneAllocationMB
}

// burstFarBelowStated reports a death far below a stated limit (farBelowLimit) that the limit
// does not explain away (it applied) with under two full GCs in the log: no climb to it shows,
// so the distance to the limit is what says one allocation was too big.
func burstFarBelowStated(p *proc, out *Process, th *Thresholds) bool {
	return p.crash != nil && p.full < 2 && !p.limit.notInEffect && farBelowLimit(out, p.limit.heapMB, th) && oneAllocationFits(out, p.limit.heapMB)
}

// diedLoading reports a death at the limit within DiedLoadingMS of the isolate's start: the
// program was still loading what it works on (a feature store that filled 116 MB of its 128
// in 0.6 s and died, read as a leak of 182 MB/s). A leak is growth over a program's running
// life; in its first seconds, all the heap holds is what it loaded.
func diedLoading(p *proc, th *Thresholds) bool {
	return p.last <= th.DiedLoadingMS && roseFromStart(p) || diedBusyLoading(p, th) != nil
}

// roseFromStart reports a heap after full GCs that rose from its first full GC to more than
// twice as much.
func roseFromStart(p *proc) bool {
	n := len(p.fulls)
	return n >= 2 && p.fulls[0].AfterMB < p.fulls[n-1].AfterMB/2
}

// diedBusyLoading returns the share of the first half of its life GC took in a process that
// died at its limit within BusyLoadMS of its start, its heap rising from its first GCs, when
// that share is BusyLoadGCShare or more (nil otherwise): GC busy from the start, as under a
// program loading or building what it works on. A service's leak grows with its requests,
// between which GC has little to do: the corpus's listener and worker leaks, dead at 3–6 s,
// spent 2–5% of their first half in GC; the working sets too big for their limit that died
// as soon (a registry's manifest graph, a route collector's RIB, a sonar grid) 10–60%. The
// share is also what keeping many small objects fast costs: a leak of small records kept
// by a loop that never idles reads as a load, the same curve (docs/accuracy.md).
func diedBusyLoading(p *proc, th *Thresholds) *float64 {
	if p.last > th.BusyLoadMS || !roseFromStart(p) || !p.pausesKnown() || p.pauses.strided() {
		return nil
	}
	half := p.last / 2
	share := typicalGCIn(p.pauses.list, half) / half
	if share < th.BusyLoadGCShare {
		return nil
	}
	return &share
}

// typicalGCIn sums the GC time of the pauses that ended by to (ms), each counted at most
// stallCapRatio times the median pause of its kind (young, or full with its incremental
// marking): a leak restarted on a busy host lost 0.1–0.45 s to each of five young GCs whose
// median took 4 ms, which is the host's time, not the program's demand on GC.
func typicalGCIn(ps []pause, to float64) float64 {
	var young, full []float64
	for _, q := range ps {
		if q.full {
			full = append(full, q.ms)
		} else {
			young = append(young, q.ms)
		}
	}
	capYoung, capFull := capOf(young), capOf(full)
	gc := 0.0
	for _, q := range ps {
		if q.t > to {
			break
		}
		if q.full {
			gc += math.Min(q.ms, capFull)
		} else {
			gc += math.Min(q.ms, capYoung)
		}
	}
	return gc
}

// capOf is the most one pause of these may count for in typicalGCIn.
func capOf(ms []float64) float64 {
	if len(ms) == 0 {
		return 0
	}
	return stallCapRatio * median(ms)
}

// stallCapRatio is how many times its kind's median pause one pause may count for in
// typicalGCIn.
const stallCapRatio = 4

// grindingAtDeath reports a death whose last GCs show V8's average utilization under
// ThrashMu (at the last GC that printed it): GC had been taking most of the time for a while,
// as it does for a heap pressed against its limit, not for one that a single huge allocation
// ended while it ran freely. A limit stated far above such a death did not apply to it (an
// 8 GB heap at average mu 0.3, "near heap limit", under a 16 GB flag on a command the user
// typed afterwards).
func grindingAtDeath(p *proc, th *Thresholds) bool {
	for i := len(p.recent) - 1; i >= 0; i-- {
		if p.recent[i].hasAvg {
			return p.recent[i].muAvg < th.ThrashMu
		}
	}
	return false
}

// starvedAtDeath reports a death after two full GCs or more in a row that V8 would call
// ineffective whatever the limit (ineffectiveTail): V8 pressed against the limit it applied, whatever limit was
// stated (set AI's SMPP children, each run with its own --max-old-space-size=40 by a
// supervisor started with 96: dead of CALL_AND_RETRY_LAST at 38 MB after three full GCs that
// freed nothing at mu 0.001–0.005, read "heap too small" against a stated 192 MB).
func starvedAtDeath(p *proc, th *Thresholds) bool {
	return ineffectiveTail(p, th, 0) >= 2
}

// reachedBelowStated reports a death V8 says was at its limit — "Reached heap limit",
// "Ineffective mark-compacts" (from 0.8 of it), a worker's ERR_WORKER_OUT_OF_MEMORY, or old
// V8's CALL_AND_RETRY_LAST or failed promotion with the heap held at its death level for a
// while (lingered: lingeredAtLimit; they also end one allocation too big) — with the heap
// under notInEffectShare of a limit the log or the user states: the heap did not fill up to
// that limit.
func reachedBelowStated(p *proc, out *Process, th *Thresholds, heapMB float64, lingered bool) bool {
	c := out.Crash
	if c == nil || heapMB <= 0 || out.HeapLimitMB == nil {
		return false
	}
	switch out.HeapLimitSource {
	case LimitUser, LimitProcess, LimitReport, LimitHeapStats, LimitCommandLine:
	default:
		return false
	}
	switch c.Kind {
	case parser.FatalCallAndRetryLast, parser.FatalYoungPromotion:
		if !lingered && !starvedAtDeath(p, th) && !promotionBounded(p, out, heapMB) {
			return false
		}
	case parser.FatalHeapLimit, parser.FatalIneffective, parser.FatalWorkerOOM:
		// A worker that ran out of its heap reached its own limit: its resourceLimits, which
		// only a process without --max-old-space-size keeps (the flag overrides them).
	case parser.FatalUnknown:
		// A crash block whose message is cut: V8 ran out of heap. With more room left under a
		// flag than any one object takes, that flag was not this process's (4.3 GB under a
		// 12 GB flag on Node 24, whose default on a large machine is about 4 GB).
		if !c.HeapOOM || oneAllocationFits(out, heapMB) {
			return false
		}
	default:
		return false
	}
	return heapMB < notInEffectShare**out.HeapLimitMB
}

// exceededStated reports a death after the heap after full GCs had gone past a stated limit by
// more than the young generation, on a V8 that enforces its limit (one that prints mutator
// utilization, 6.7 or later): that limit was not the process's.
func exceededStated(p *proc, out *Process) bool {
	switch out.HeapLimitSource {
	case LimitUser, LimitProcess, LimitReport, LimitHeapStats, LimitCommandLine:
	default:
		return false
	}
	d := deathPointOf(p, out)
	return out.Crash != nil && d != nil && d.ignored && !d.soft && d.raisedMB == 0
}

// limitReading is the limit a process died against, read once per report: the verdict, the
// evidence and the advice all judge the death against it.
type limitReading struct {
	// effectiveMB is the stated limit, or, when the heap died under it as V8 says only at its
	// limit (reachedBelowStated) or past it (exceededStated), the heap it died at, as a limit
	// inferred from the crash would be — whether the stated limit was not the process's, or
	// one huge allocation failed far under it. 0 when none is known.
	effectiveMB float64
	// heapMB is the heap the process died at (0 when the log does not show it).
	heapMB float64
	// belowDefault is set for a death well under the default limit of the Node version the
	// log shows, no limit being stated: one allocation bigger than the room left.
	belowDefault *shortOfDefault
	// notInEffect is set when the stated limit was not the one in effect for this process (a
	// flag on a command run after it, one a child process did not inherit, a --heap-limit
	// given wrong): the heap went past it, or died under it while GC ground (V8's
	// ineffective-mark-compacts rule is itself GC grinding, by V8's own measure, which an NVP
	// trace does not print) or held near its death level for a while. Without either, one
	// huge allocation may have failed far under the limit (farBelowLimit).
	notInEffect bool
	// promotionBounded and reducedUnder are the signs that said so beyond the others, for the
	// evidence to name: a young promotion that failed under the stated limit by more than a
	// semi-space (promotionBounded), memory-reducing full GCs under what it allows
	// (reducedUnderStated).
	promotionBounded bool
	reducedUnder     *reducing
}

// readLimit reads the limit a process died against (limitReading).
func (a *Analyzer) readLimit(p *proc, out *Process) limitReading {
	th := &a.th
	r := limitReading{heapMB: a.heapAtDeath(p), belowDefault: a.belowDefault(p, out)}
	if out.HeapLimitMB != nil {
		r.effectiveMB = *out.HeapLimitMB
	}
	lingered := lingeredAtLimit(p, th) != nil
	exceeded := exceededStated(p, out)
	below := reachedBelowStated(p, out, th, survivorsAtDeath(p, r.heapMB), lingered)
	if r.heapMB > 0 && (below || exceeded) {
		r.effectiveMB = r.heapMB
	}
	ground := grindingAtDeath(p, th) || starvedAtDeath(p, th) || out.Crash != nil && out.Crash.Kind == parser.FatalIneffective
	// A crash block with more room left under a flag than one object takes ran out of heap at
	// another limit, however the GC went (reachedBelowStated only says so then).
	cutBlock := out.Crash != nil && out.Crash.Kind == parser.FatalUnknown
	r.promotionBounded, r.reducedUnder = promotionBounded(p, out, r.heapMB), reducedUnderStated(p, out)
	r.notInEffect = exceeded || below && (ground || lingered || cutBlock || r.promotionBounded || r.reducedUnder != nil || climbedIntoDeath(p, out))
	return r
}

// climbedIntoDeath reports a death V8 called "Reached heap limit" after the last three full
// GCs or more each left more than the one before, the last of them the crash's: the heap
// after full GCs grew into the death, so where V8 said it reached its limit is the limit in
// effect (a log shipper's buffer, 72 → 96.5 MB over its last 5 s at utilization 0.85, under
// a 192 MB limit given).
func climbedIntoDeath(p *proc, out *Process) bool {
	n := len(p.fulls)
	if out.Crash == nil || out.Crash.Kind != parser.FatalHeapLimit || n < 3 || len(p.recent) == 0 || !p.recent[len(p.recent)-1].Full {
		return false
	}
	last := p.fulls[n-3:]
	for i := 1; i < len(last); i++ {
		if last[i].AfterMB <= last[i-1].AfterMB {
			return false
		}
	}
	return true
}

// survivorsAtDeath is what the old generation held at the death, as far as the log shows it:
// what the last GC left when it was a full GC, else heapMB. V8 applies --max-old-space-size to
// the old generation; the heap before a GC also holds its garbage and the young generation,
// which on V8 12 and later can be a third of a small limit (a 96 MB flag, 148 MB before the
// last full GC, 110 MB after).
func survivorsAtDeath(p *proc, heapMB float64) float64 {
	if at, ok := lastFullAtDeath(p); ok {
		return at
	}
	return heapMB
}

// lastFullAtDeath is what the process's last GC left when that GC was a full one.
func lastFullAtDeath(p *proc) (float64, bool) {
	if n := len(p.recent); n > 0 && p.recent[n-1].Full {
		return p.recent[n-1].AfterMB, true
	}
	return 0, false
}

// promotionBounded reports a failed promotion of young objects that no limit as high as the
// stated one could have refused: a mark-compact promotes at most the new space's live
// objects, one semi-space, so the old generation could not grow by that much past the heap
// it died at — the limit in effect was under the heap plus a semi-space (a billing batch
// dead of "young object promotion failed" at 97 MB, given 192). Fragmentation is what
// notInEffectShare leaves room for.
func promotionBounded(p *proc, out *Process, heapMB float64) bool {
	return out.Crash != nil && out.Crash.Kind == parser.FatalYoungPromotion && out.HeapLimitMB != nil && heapMB+maxSemiMB(p) < *out.HeapLimitMB
}

// reducedUnderStated reports full GCs that V8 ran in memory-reducing mode, as it does when
// the old generation cannot grow by an eighth of its limit, with the heap before them under
// what any limit as high as the stated one allows (reducing.highMB): V8 was short of room
// under another limit (an e-discovery node's burst, reducing at 115 MB, given 224).
func reducedUnderStated(p *proc, out *Process) *reducing {
	if r := reducingAt(p); r != nil && out.HeapLimitMB != nil && *out.HeapLimitMB > r.highMB() {
		return r
	}
	return nil
}

// notInEffectShare: a death V8 says was at its limit, with the heap under this share of a
// stated limit, was at another limit (reachedBelowStated).
const notInEffectShare = 0.75

// calmAtDeath reports a death at the heap limit that the heap's own last full GCs do not
// show: with no limit stated, V8's utilization at each of the last full GCs stayed high and
// they came seconds apart. A heap pressed against its limit makes V8 collect back to back
// with utilization falling; a calm one that dies anyway died of one allocation bigger than
// all the room left, not of the heap filling up.
func calmAtDeath(p *proc, out *Process, th *Thresholds) bool {
	if out.HeapLimitSource != LimitCrash && out.HeapLimitSource != LimitUnknown || lastResort(p) || tinyHeapAtDeath(out) {
		// A heap of a few MB is collected in milliseconds: pressed against a small flag,
		// its full GCs leave the program its time to the end (4.6, 4.9, 5.3 MB at mu 0.996,
		// 2 s apart, then a failed promotion), so calm there says nothing of one allocation.
		return false
	}
	n := len(p.fulls)
	if n < 2 {
		return false
	}
	for _, f := range p.fulls[n-2:] {
		if mu, ok := f.cur(); !ok || mu < th.CalmMu || f.oldSpaceFull {
			// V8's own word that the old generation stood at its maximum: pressed against
			// the limit, however seldom a slow program made it collect (two mark-sweeps 31 s
			// apart at mu 0.97, each freeing 1 of 510 MB).
			return false
		}
	}
	return p.fulls[n-1].TimeMS-p.fulls[n-2].TimeMS >= th.CalmFullGCGapMS
}

// levelsOff reports a growth that slows towards a level under the limit (or, with no limit
// known, close to where it is): the parabola through the heap after full GCs peaks there. A
// cache warming up, a working set loading: not a leak.
func levelsOff(p *proc, out *Process, th *Thresholds) *plateau {
	if pl := plateauOf(p, out, th); pl != nil && !pl.unconfirmed {
		return pl
	}
	return nil
}

// plateauOf is levelsOff's reading, with a level the parabola puts inside the log kept but
// marked unconfirmed when the heap held it for less than LevelHeldShare of the time it took
// to climb there (a spiky leak between two bursts).
func plateauOf(p *proc, out *Process, th *Thresholds) *plateau {
	g := p.growth
	if g == nil || g.model != ModelDecelerating {
		return nil
	}
	if g.quad == nil {
		return steppedDownLevel(p, out, th)
	}
	if g.quad.c >= 0 {
		return nil
	}
	q := g.quad
	peakX := q.vertex()
	peak := q.at(peakX)
	end := g.xs[len(g.xs)-1]
	ceiling := levelCeiling(p, out)
	if peak >= ceiling {
		return nil
	}
	if n := len(g.ys); peak < slices.Min(g.ys[max(0, n-3):])-th.noiseMB(peak) {
		// The heap's last full GCs all left more than the level: it climbed past it (a
		// ruleset kept at each reload, 60 then 71 MB under back-to-back full GCs that bent
		// the curve to them, then 83.5 MB at the last three; the level said 71.8 MB).
		return nil
	}
	if g.transient > 0 && floorRisesSince(g.xs, g.ys, g.xs[0]+(end-g.xs[0])/2, th) {
		// Full GCs caught spikes, and the floor under them still climbs over the window's
		// second half: the parabola bent to the spikes, not to a level.
		return nil
	}
	ahead := peakX > end && peak-q.at(end) > th.noiseMB(peak)
	young := youngHeldTo(p, g, ceiling, th)
	if n := len(g.xs); !ahead && n >= 4 && young.toMS <= end*1000 {
		// The parabola says the heap has levelled off already, or is within the noise of
		// its level: the last full GCs must not rise significantly, or the curve bent to
		// the scatter of a few points, or to a growth that slows without stopping (a
		// package mirror's memo log, +1.1 MB at each of its last full GCs 4.6 s apart, its
		// parabola's peak 2.4 MB above the last). Young GCs after them that carry the level
		// are the later word (set DB's pharmacy label cache on Node 10: full GCs at 39.9,
		// 47.6, 48.2 MB, then young GCs rising 0.23 MB/s for 18 s against the climb's 1.8).
		if last := robustFit(g.xs[n-4:], g.ys[n-4:]); last.interval95()[0] > th.RecentRateShare*g.lin.b {
			return nil
		}
	}
	pl := &plateau{levelMB: peak, atMS: math.Max(peakX, end) * 1000}
	if ahead {
		// The level lies ahead of the log, further above where the heap ends than the noise:
		// a forecast the log has not borne out yet (a steady leak whose last full GCs came
		// back to back at one level bends the parabola to a level 6 MB up, 18 s on).
		pl.ahead, pl.unconfirmed = true, true
		pl.climbMS = (end - g.xs[0]) * 1000
		return pl
	}
	// The level is reached, inside the log or within the noise of where it ends: since the
	// first full GC that came near it, the heap must have held there long enough to tell a
	// level from a pause (a leak in login waves held 2 s after climbing for 14, its curve
	// peaking a second after the log's end).
	reached := slices.IndexFunc(g.ys, func(y float64) bool { return y >= peak-th.noiseMB(peak) })
	if reached < 0 {
		reached = len(g.ys) - 1
	}
	pl.heldMS, pl.climbMS = (end-g.xs[reached])*1000, (g.xs[reached]-g.xs[0])*1000
	if young.toMS > end*1000 {
		pl.heldMS = young.toMS - g.xs[reached]*1000
		pl.young = young
	}
	pl.unconfirmed = pl.heldMS < th.LevelHeldShare*pl.climbMS
	return pl
}

// levelCeiling is the most a level may lie at: where this V8 may give up, when the limit is
// known, else half as much again as the heap's last full GC left.
func levelCeiling(p *proc, out *Process) float64 {
	g := p.growth
	ceiling := 1.5 * g.ys[len(g.ys)-1]
	if d := deathPointOf(p, out); d != nil && !d.ignored {
		ceiling = d.lo
		if p.crash == nil && g.ys[len(g.ys)-1] > d.lo {
			// A live heap already past where V8 may give up early has not died there: the
			// level is held to where it dies by the model (a market-data gateway creeping
			// 110 → 115 MB of 128 under thrashing, its curve levelling at ~117 MB, read a
			// leak two seconds from its death; it lived on at 115 MB for 30 s).
			ceiling = d.pressMB
		}
	}
	return ceiling
}

// steppedDownLevel is the level of a growth that slowed at every full GC, the last rising no
// more than the noise, where too few full GCs give no parabola: the last full GC's heap,
// confirmed only by the young GCs after it carrying it (youngHeldTo) for at least
// LevelHeldShare of the time the window took to climb there. Nil otherwise: "slowing to a
// stop" over three or four full GCs is not yet a level (a star catalog's tile cache filling
// ever more slowly, 48 → 56 → 61 → 61 MB, then 13 s of young GCs within 4 MB of it).
func steppedDownLevel(p *proc, out *Process, th *Thresholds) *plateau {
	g := p.growth
	n := len(g.ys)
	if n < 2 || g.ys[n-1]-g.ys[n-2] > th.noiseMB(g.ys[n-1]) {
		return nil
	}
	level := g.ys[n-1]
	ceiling := levelCeiling(p, out)
	if level >= ceiling {
		return nil
	}
	young := youngHeldTo(p, g, ceiling, th)
	if young.toMS == 0 {
		return nil
	}
	reached := slices.IndexFunc(g.ys, func(y float64) bool { return y >= level-th.noiseMB(level) })
	pl := &plateau{levelMB: level, atMS: g.xs[reached] * 1000, young: young}
	pl.heldMS, pl.climbMS = young.toMS-g.xs[reached]*1000, (g.xs[reached]-g.xs[0])*1000
	if pl.heldMS < th.LevelHeldShare*pl.climbMS {
		return nil
	}
	return pl
}

// youngHold is how far the young GCs after the last full GC carry a level: to toMS (0 when
// they carry nothing), rising rateMB MB/s, of which garbageMB MB/s is garbage the young GCs
// promoted as fast as before (promotedGarbageRate; 0 when unknown).
type youngHold struct {
	toMS, rateMB, garbageMB float64
}

// youngHeldTo is how far the young GCs after the last full GC carry a level the full GCs
// reached: after a young GC the heap holds all the old generation — the live objects plus what
// was promoted since — so young GCs that rise, beyond the garbage the young GCs promoted
// between the full GCs before, at under a quarter of the climb's rate (RecentRateShare/2 of
// it) and stay under ceiling show a heap that held, as a full GC would. Where V8 stopped
// running full GCs once the heap levelled off, they are all that shows it (an autocomplete
// cache over a Zipf vocabulary on Node 26: full GCs climbing 8 to 40 MB in 15 s, then 26 s of
// young GCs only, rising 0.2 MB/s against the climb's 2; a star catalog's tile cache, its
// young GCs rising 0.32 MB/s for 13 s where each stretch between its last full GCs had
// promoted 0.47 MB/s of garbage). A taper as fast as a quarter of the climb's rate is not
// shown level (a user-agent cache growing like √t, its young GCs rising at 47% of its rate).
func youngHeldTo(p *proc, g *growth, ceilingMB float64, th *Thresholds) youngHold {
	if p.youngSinceFull == nil || p.crash != nil {
		return youngHold{}
	}
	ys := p.youngSinceFull.all()
	h := youngHold{rateMB: youngRate(p)}
	if gr := promotedGarbageRate(p); !math.IsNaN(gr) {
		h.garbageMB = gr
	}
	if math.IsNaN(h.rateMB) || g.lin.b <= 0 || h.rateMB-h.garbageMB >= th.RecentRateShare/2*g.lin.b || slices.Max(afterOf(ys)) >= ceilingMB {
		return youngHold{}
	}
	h.toMS = ys[len(ys)-1].TimeMS
	return h
}

// floorKeepsRate reports a heap whose floor — the full GCs no later one undercut, which held
// no transient memory the later ones freed — rose as fast over the second half of the window
// as over the first (at least RecentRateShare of it). A parabola through all the points bends
// where some full GCs caught a spike and others did not (a leak with a 40 MB burst every two
// seconds, its early full GCs in step with the bursts); the floor does not.
func floorKeepsRate(xs, ys []float64, th *Thresholds) bool {
	fx, fy := floorOf(xs, ys, th)
	if len(fx) < 2*th.FewFullGCs {
		return false
	}
	mid := fx[0] + (fx[len(fx)-1]-fx[0])/2
	k := sort.SearchFloat64s(fx, mid)
	if k < th.FewFullGCs || len(fx)-k < th.FewFullGCs {
		return false
	}
	early, late := robustFit(fx[:k], fy[:k]), robustFit(fx[k:], fy[k:])
	return early.b > 0 && late.b >= th.RecentRateShare*early.b
}

// plateau is the level a slowing growth reaches, and when; for a level reached inside the log,
// how long the heap took to climb to it and has held it since, and whether that is too short
// to call it a level (unconfirmed); a level still well ahead of the log is unconfirmed too.
type plateau struct {
	levelMB, atMS   float64
	climbMS, heldMS float64
	unconfirmed     bool
	ahead           bool // the level comes after the log ends (unconfirmed)
	// young is how far the young GCs after the last full GC carried the level (toMS 0 when
	// they did not).
	young youngHold
}

// linger is how a process that died at its limit spent its last part there: it reached the
// band near the limit at enterMS and lived on in it, its heap after full GCs rising at
// bandRate against preRate before.
type linger struct {
	enterMS, bandRate, preRate float64
	fullGCs                    int
	// kept is set when the program kept as large a share of what it allocated in the band
	// as on the way to it (keptAlike).
	kept *keptAlong
}

// keptAlong is the share of what a program allocated that the heap after full GCs gained,
// and how fast it allocated, before the band near the limit and in it.
type keptAlong struct {
	shareBefore, shareIn float64
	allocBefore, allocIn float64 // MB/s
}

// keptAlikeShare: in the band, a program that kept at least this share of the part of its
// allocation it kept on the way there kept on doing the same thing, on less work.
const keptAlikeShare = 0.8

// keptAlike reads what a process that lingered at its limit kept of what it allocated before
// the band (from its first full GC to the band's first) and in it, from the young and full
// GCs' sizes: nil unless it kept at least keptAlikeShare as much of it in the band, and the
// allocation both ways is known (readLinger, its caller, has set aside logs whose young GCs
// were left out). A working set that fits no more keeps little of what it allocates once it
// is there; a leak that GC starves near its limit allocates less (a bundler's watch loop
// keeping every fourth module's AST: 455 MB/s before, 55 in the band) and keeps the same
// share of it (5.7% both ways). So does a working set still loading: the log cannot tell
// those two apart, and the report says so rather than only "raise the limit".
func keptAlike(p *proc, enter int) *keptAlong {
	n := len(p.fulls)
	first, at, last := p.fulls[0], p.fulls[enter], p.fulls[n-1]
	if at.TimeMS <= first.TimeMS || last.TimeMS <= at.TimeMS {
		return nil
	}
	before, in := keptShare(first, at), keptShare(at, last)
	if before <= 0 || in < keptAlikeShare*before {
		return nil
	}
	return &keptAlong{shareBefore: before, shareIn: in,
		allocBefore: 1000 * (at.allocatedMB - first.allocatedMB) / (at.TimeMS - first.TimeMS),
		allocIn:     1000 * (last.allocatedMB - at.allocatedMB) / (last.TimeMS - at.TimeMS)}
}

// keptShare is the share of what the program allocated from one full GC to a later one that
// the heap after full GC gained; 0 where the log shows no allocation between them.
func keptShare(from, to fullGC) float64 {
	alloc := to.allocatedMB - from.allocatedMB
	if alloc <= 0 {
		return 0
	}
	return (to.AfterMB - from.AfterMB) / alloc
}

// lingeredAtLimit tells a working set that does not fit from a leak, when both died at the
// limit: a leak runs into the limit at the rate it grew; a working set that needs about the
// limit reaches its band and stays there — full GC after full GC, the heap after them barely
// rising — for longer than the growth before would have taken to cross the band.
func lingeredAtLimit(p *proc, th *Thresholds) *linger {
	// The verdict, the evidence and the advice all ask; the reading is the same each time
	// within a report (finish clears it).
	if !p.lingerRead {
		p.lingered, p.lingerRead = readLinger(p, th), true
	}
	return p.lingered
}

// readLinger is lingeredAtLimit's reading.
func readLinger(p *proc, th *Thresholds) *linger {
	n := len(p.fulls)
	if n < th.MinFullGCsAtCrash+th.LingerMinFullGCs {
		return nil
	}
	xs, ys := p.fullSeries()
	top := crashHeapMB(p)
	floor := th.NearLimitShare * top
	enter := bandEntry(ys, floor)
	band := n - enter
	if band < th.LingerMinFullGCs || xs[n-1]-xs[enter] <= 0 {
		return nil
	}
	bandFit := robustFit(xs[enter:], ys[enter:])
	l := &linger{enterMS: xs[enter] * 1000, bandRate: bandFit.b, fullGCs: band}
	if enter >= th.SegmentMinPoints-1 {
		// Each stretch of time counts once (thinByTime): 330 back-to-back full GCs at one level
		// before the band outweigh, point for point, the steps a leak climbed before them.
		px, py := retained(p, xs[:enter+1], ys[:enter+1], th)
		px, py = thinCells(px, py, th)
		l.preRate = robustFit(px, py).b
		// The rate before is the growth that led into the band: a resident table loaded at
		// start (a DNS block list, 246 MB of 320 in 3 s, then a leak of 2.9 MB/s for 9 s) is
		// no rate the band's stay can be held to. A load is fast (LoadRateRatio times what
		// follows), short (half the time of what follows or less), and what follows is a
		// growth of its own (twice the noise): a growth that slowed as it went (a coupon
		// collector's, over 30 s) and a settling at the band's edge (a working set's last
		// 5 MB) are the course a heap takes into its limit.
		if after, ok := rateAfterLoad(px, py, th); ok {
			l.preRate = after
		}
	}
	if l.preRate <= 0 {
		// It started near the limit: nothing grew into it.
		return l
	}
	cross := (top - floor) / l.preRate // how long the earlier growth would take to cross the band
	if l.bandRate >= th.LingerSlopeShare*l.preRate || xs[n-1]-xs[enter] < th.LingerCrossings*cross {
		return nil
	}
	// The wait after the arrival is no pause between steps when the full GCs after it held
	// one level (a load's last step, 0.66 s, then eleven full GCs at 133 ± 1.5 MB).
	from := enter
	if lo, hi := floats.Min(ys[enter+1:]), floats.Max(ys[enter+1:]); hi-lo <= th.noiseMB(lo) {
		from = enter + 1
	}
	if gap := longestGap(xs[from:]); gap > th.LingerGapShare*(xs[n-1]-xs[enter]) {
		// Most of the stay is one stretch without a full GC: the program was not pressing
		// against the limit then, but paused — a stepwise leak between two of its steps (a
		// route table rebuilt every 7 s, each rebuild kept: 5.1 s of an 8 s stay).
		return nil
	}
	if p.youngLeftOut() {
		// The time the program ran is not in the log: its young GCs, which near the limit
		// take much of it (each promoting into a full old generation), were left out. The
		// slower rise may be the program starved of time as well as a working set settling,
		// and the line that led into the band says a leak (a session scheduler's, 8.9 ->
		// 155.8 MB at 5.3 MB/s over 29 s, then 7 s at the limit under
		// --trace-gc-ignore-scavenger, read as a working set).
		return nil
	}
	// A leak retains memory as the program works: starved by GC at the limit, the program
	// does less and the heap rises more slowly in wall time, not in the time it ran.
	ms := onMutatorClock(p, xs)
	if ms[n-1] > ms[enter] {
		pre, in := robustFit(ms[:enter+1], ys[:enter+1]).b, robustFit(ms[enter:], ys[enter:]).b
		if pre > 0 && in >= th.LingerSlopeShare*pre {
			return nil
		}
	}
	l.kept = keptAlike(p, enter)
	return l
}

// rateAfterLoad is the rate of the growth that followed a start-up load in the heap after
// full GCs (xs, ys), if they begin with one: leading full GCs that rose LoadRateRatio times
// faster than the growth after them, over half its time or less, that growth itself rising by
// twice the noise. With eight full GCs or more the split is the two-segment fit's
// (trendStart); with fewer, the load's last full GC is shared by both stretches, each of
// three or more, and the split that leaves the least squared error is taken — a resident table
// loaded to 222 MB of 320 in 2.9 s, then 258 and 275 MB over the next 10 s, has too few full
// GCs for two disjoint segments of four.
func rateAfterLoad(xs, ys []float64, th *Thresholds) (float64, bool) {
	m := len(xs) - 1
	loadOf := func(s, from int) (float64, bool) {
		load, after := robustFit(xs[:s], ys[:s]).b, robustFit(xs[from:], ys[from:]).b
		ok := after > 0 && load >= th.LoadRateRatio*after && xs[s-1]-xs[0] <= (xs[m]-xs[from])/2 && ys[m]-ys[from] > 2*th.noiseMB(ys[from])
		return after, ok
	}
	if s := trendStart(xs, ys, th); s > 0 {
		return loadOf(s, s)
	}
	if m+1 >= 2*th.SegmentMinPoints {
		return 0, false
	}
	best, bestSSE := 0, math.Inf(1)
	for j := 2; j <= m-2; j++ {
		if e := sse(xs[:j+1], ys[:j+1]) + sse(xs[j:], ys[j:]); e < bestSSE {
			best, bestSSE = j, e
		}
	}
	if best == 0 {
		return 0, false
	}
	return loadOf(best+1, best)
}

// longestGap is the longest time between two consecutive of xs.
func longestGap(xs []float64) float64 {
	gap := 0.0
	for i := 1; i < len(xs); i++ {
		gap = math.Max(gap, xs[i]-xs[i-1])
	}
	return gap
}

// onMutatorClock is xs (seconds) on the program's clock (mutatorClock).
func onMutatorClock(p *proc, xs []float64) []float64 {
	ran := mutatorClock(p)
	own := make([]float64, len(xs))
	for i, x := range xs {
		own[i] = ran(x)
	}
	return own
}

// mutatorClock maps a time in seconds to the seconds the program ran until then: wall time
// less the GC pauses and incremental marking before it.
func mutatorClock(p *proc) func(float64) float64 {
	ends, spent := make([]float64, len(p.pauses.list)), make([]float64, len(p.pauses.list))
	sum := 0.0
	for i, q := range p.pauses.list {
		sum += q.ms
		ends[i], spent[i] = q.t, sum
	}
	return func(t float64) float64 {
		gc := 0.0
		if i := sort.SearchFloat64s(ends, t*1000+1e-6); i > 0 {
			gc = spent[i-1]
		}
		return t - gc/1000
	}
}

// bandEntry is where the heap after full GCs reached floor to stay: the first point at it from
// which at least four in five points stay near it (a point a little under it, between two
// GCs that freed more or less, does not end the stay).
func bandEntry(ys []float64, floor float64) int {
	for i, y := range ys {
		if y < floor {
			continue
		}
		in := 0
		for _, z := range ys[i:] {
			if z >= 0.97*floor {
				in++
			}
		}
		if 5*in >= 4*(len(ys)-i) {
			return i
		}
	}
	return len(ys)
}

// thrashing reports a process that spends its time in full GCs that free little, without (yet)
// meeting V8's own rule: over the recent part of the log the program got less than ThrashMu of
// the time, with full GCs back to back freeing under ThrashFreedShare of the heap each.
func thrashing(p *proc, out *Process, th *Thresholds) *thrash {
	if len(p.fulls) < th.ThrashMinFullGCs || out.FirstMS == nil {
		return nil
	}
	span := *out.LastMS - *out.FirstMS
	from := *out.LastMS - math.Max(th.ThrashWindowShare*span, 0)
	// Or the last ThrashMinFullGCs full GCs, when they reach further back: a paste of a few
	// full GCs is all recent.
	from = math.Min(from, p.fulls[len(p.fulls)-th.ThrashMinFullGCs].TimeMS)
	var fulls []fullGC
	for _, f := range p.fulls {
		if f.TimeMS >= from {
			fulls = append(fulls, f)
		}
	}
	if len(fulls) < th.ThrashMinFullGCs {
		return nil
	}
	window := *out.LastMS - fulls[0].TimeMS
	if window <= 0 {
		return nil
	}
	tl := p.timeline()
	// Young GCs the host held up were not GC work (HostStalls): the window's time, and GC's,
	// less theirs.
	stalled := stalledIn(p, out, fulls[0].TimeMS, *out.LastMS, th)
	mu := 1 - (tl.gcIn(fulls[0].TimeMS, *out.LastMS)-stalled)/(window-stalled)
	var freed []float64
	for _, f := range fulls {
		if f.BeforeMB > 0 {
			freed = append(freed, f.freedShare())
		}
	}
	share := stat.Mean(freed, nil)
	if mu >= th.ThrashMu || share >= th.ThrashFreedShare {
		return nil
	}
	return &thrash{fromMS: fulls[0].TimeMS, mu: mu, fullGCs: len(fulls), freedShare: share}
}

// stalledIn sums the pauses of the young GCs between from and to (ms) that HostStalls counts:
// the machine holding the process up, not GC work.
func stalledIn(p *proc, out *Process, from, to float64, th *Thresholds) float64 {
	st := out.HostStalls
	if st == nil {
		return 0
	}
	if p.stalls == nil {
		// Built once: pastThrash asks of every window of the log.
		floor := th.stallFloorMS(st.TypicalMS)
		p.stalls = &stallIndex{cum: []float64{0}}
		for _, ps := range p.pauses.list {
			if !(ps.n <= 1 && ps.full) && ps.atom >= floor {
				p.stalls.at = append(p.stalls.at, ps.t)
				p.stalls.cum = append(p.stalls.cum, p.stalls.cum[len(p.stalls.cum)-1]+ps.atom)
			}
		}
	}
	lo, _ := slices.BinarySearch(p.stalls.at, from)
	hi, found := slices.BinarySearch(p.stalls.at, to)
	for found && hi < len(p.stalls.at) && p.stalls.at[hi] == to {
		hi++ // to is in the window
	}
	return p.stalls.cum[hi] - p.stalls.cum[lo]
}

// stallIndex holds the times of a process's stalled young GCs, in order, and the running sum of
// their pauses (cum[k] is the sum of the first k).
type stallIndex struct {
	at, cum []float64
}

// thrash is what thrashing found: from when (and, for an episode that ended, until when), the
// utilization the program got, how many full GCs and the share of the heap they freed on
// average.
type thrash struct {
	fromMS, toMS, mu, freedShare float64
	fullGCs                      int
}

// pastThrash finds an earlier stretch of the log, as long as thrashing's recent window, in
// which the program thrashed — at least ThrashMinFullGCs full GCs freeing under
// ThrashFreedShare of the heap, the program getting under ThrashMu of the time — on a heap
// that did not grow meanwhile (a program loading its state also runs full GCs that free
// little, but its heap grows); or a shorter one, ThrashSevereWindowShare of the log, in which
// it got under ThrashSevereMu (an ad server whose ledger sat at 78% of its limit got 0.2–10% of
// the time for its first 8 s of 50, shedding bids, then 88%). The worst such stretch, nil if
// none: a service that thrashed for 40 s of its 75 and recovered at the end is not healthy.
func pastThrash(p *proc, out *Process, th *Thresholds) *thrash {
	if t := thrashIn(p, out, th, th.ThrashWindowShare, th.ThrashMu); t != nil {
		return t
	}
	return thrashIn(p, out, th, th.ThrashSevereWindowShare, th.ThrashSevereMu)
}

// thrashIn finds the worst window of share of the log in which the program got under mu of
// the time while its full GCs freed little on a heap that did not grow (pastThrash).
func thrashIn(p *proc, out *Process, th *Thresholds, share, mu float64) *thrash {
	if len(p.fulls) < th.ThrashMinFullGCs || out.FirstMS == nil {
		return nil
	}
	w := share * (*out.LastMS - *out.FirstMS)
	if w <= 0 {
		return nil
	}
	fulls := p.fulls
	freed := make([]float64, len(fulls)+1) // freed[k] is the sum of the shares the first k freed
	for k := range fulls {
		freed[k+1] = freed[k] + fulls[k].freedShare()
	}
	tl := p.timeline()
	var worst *thrash
	j := 0
	for i := range fulls {
		from, to := fulls[i].TimeMS, fulls[i].TimeMS+w
		if to > *out.LastMS {
			break
		}
		for j < len(fulls) && fulls[j].TimeMS <= to {
			j++
		}
		n := j - i
		if n < th.ThrashMinFullGCs {
			continue
		}
		level := fulls[i].AfterMB
		if fulls[j-1].AfterMB-level > th.noiseMB(level) {
			continue // the heap grew: loading, or a leak, not a working set GC grinds on
		}
		stalled := stalledIn(p, out, from, to, th)
		got, freedShare := 1-(tl.gcIn(from, to)-stalled)/(w-stalled), (freed[j]-freed[i])/float64(n)
		if got < mu && freedShare < th.ThrashFreedShare && (worst == nil || got < worst.mu) {
			worst = &thrash{fromMS: from, toMS: to, mu: got, fullGCs: n, freedShare: freedShare}
		}
	}
	return worst
}

// suddenArrival reads a crash block without history: the heap jumped by more than 2% of the
// limit between the last two GCs while V8's mutator utilization was still high (≥ 0.8), so the
// program was not grinding against the limit before — it arrived there at once.
func suddenArrival(p *proc, limit float64, th *Thresholds) bool {
	prev, last, ok := lastTwo(p)
	if !ok || limit <= 0 {
		return false
	}
	mu, ok := last.mu()
	jump := last.BeforeMB - prev.AfterMB
	return ok && mu >= th.HighMu && jump >= th.SuddenJumpShareOfLimit*limit && jump > th.SuddenJumpMinMB
}

// lastTwo is the process's last two GCs.
func lastTwo(p *proc) (prev, last *GCPoint, ok bool) {
	n := len(p.recent)
	if n < 2 {
		return nil, nil, false
	}
	return &p.recent[n-2], &p.recent[n-1], true
}

// keptJump reports a last GC, the only full GC of a crash, that left the heap at least
// LoneJumpShareOfLimit of the limit above what the GC before it left, the program running
// freely at them (V8's utilization high at the last GC, or at the one before where the last
// line was cut): it allocated and kept that much at once (a CLI whose heap went from 489 to
// 957 MB in 1.9 s at mu 0.99). A full GC that freed what came, or most of it, shows no such
// thing (2572 -> 1437 MB after a scavenge had left 1711).
func keptJump(p *proc, limit float64, th *Thresholds) bool {
	prev, last, ok := lastTwo(p)
	if !ok || limit <= 0 {
		return false
	}
	mu, ok := last.mu()
	if !ok {
		mu, ok = prev.mu()
	}
	return ok && mu >= th.HighMu && last.AfterMB-prev.AfterMB >= th.LoneJumpShareOfLimit*limit
}

// spike is a transient allocation a death at the limit came right after: the last full GC
// found the heap at beforeMB and left levelMB, no more than the GCs before it had left.
type spike struct {
	levelMB, beforeMB, atMS, sinceMS float64
}

// spikeAtDeath reads a death at the limit that came right after a full GC which found the
// heap far above what it left — more than the young generation holds, by SpikeShare of what it
// left and 32 MB — while what it left was no more than the GCs before it had left. The heap
// had reached the limit (or near it) and the live objects were not what filled it: a transient
// allocation on a steady heap was, and the next one did not fit.
func spikeAtDeath(p *proc, th *Thresholds) *spike {
	n, m := len(p.fulls), len(p.recent)
	if n == 0 || m < 2 {
		return nil
	}
	last := p.fulls[n-1]
	if p.recent[m-1].TimeMS != last.TimeMS || !last.Full {
		return nil // not the last GC before the death
	}
	young := youngRoomMB(p)
	if last.BeforeMB-last.AfterMB-young < math.Max(32, th.SpikeShare*last.AfterMB) {
		return nil
	}
	prev := p.recent[m-2]
	if last.AfterMB > prev.AfterMB+th.TrendNoiseMB || prev.BeforeMB > last.AfterMB+young {
		return nil // the heap grew into the death, or was already high before
	}
	return &spike{levelMB: prev.AfterMB, beforeMB: last.BeforeMB, atMS: last.TimeMS, sinceMS: prev.TimeMS}
}

// cycle is a rise of the heap after full GCs that the program freed again: where it started,
// its peak, and the level a later full GC freed it to.
type cycle struct {
	fromMS, fromMB, peakMS, peakMB, freedMS, freedToMB float64
}

// outgrown is a process that died in a rise like those it had freed before: the first of its
// freed cycles, the highest peak they reached, and where the last rise started.
type outgrown struct {
	first                         cycle
	cycles                        int
	topMB, lastFromMS, lastFromMB float64
}

// jobOutgrew is cycleOutgrew for a heap after full GCs that grew into the death, as the
// verdict, the evidence and the advice read it.
func jobOutgrew(p *proc, out *Process, th *Thresholds) *outgrown {
	if !growingTrend(p, out, th) {
		return nil
	}
	return cycleOutgrew(p, th)
}

// cycleOutgrew reports a process that died in a rise like those it had freed before: a batch
// or a job whose working set the program drops when it is done. Before the last rise the heap
// after full GCs rose by CycleMinShare of where it died, and a later full GC freed at least
// half of that rise; the last rise started no higher than the first freed cycle did, give or
// take CycleMinShare of the death heap (a leak under spikes or batches piles up: its floor
// climbs from cycle to cycle), went past every earlier peak without giving back half a cycle
// on the way, and climbed at the pace of the first cycle (within CycleRateRatio). A leak
// keeps what it gains; this program gave it back, and its last job needed more than the
// limit.
func cycleOutgrew(p *proc, th *Thresholds) *outgrown {
	n := len(p.fulls)
	if n < 2*th.FewFullGCs {
		return nil
	}
	death := 0.0
	for _, f := range p.fulls {
		death = math.Max(death, f.AfterMB)
	}
	material := th.CycleMinShare * death
	var o *outgrown
	low, lowAt, peak, peakAt := p.fulls[0].AfterMB, 0, p.fulls[0].AfterMB, 0
	for i, f := range p.fulls {
		if f.AfterMB > peak {
			peak, peakAt = f.AfterMB, i
		}
		if rise := peak - low; rise >= material && peakAt > lowAt && f.AfterMB <= low+rise/2 {
			c := cycle{fromMS: p.fulls[lowAt].TimeMS, fromMB: low, peakMS: p.fulls[peakAt].TimeMS, peakMB: peak, freedMS: f.TimeMS, freedToMB: f.AfterMB}
			if o == nil {
				o = &outgrown{first: c}
			}
			o.cycles++
			o.topMB = math.Max(o.topMB, peak)
			low, lowAt, peak, peakAt = f.AfterMB, i, f.AfterMB, i // the next cycle starts here
			continue
		}
		if f.AfterMB < low {
			low, lowAt = f.AfterMB, i
			if peakAt < lowAt {
				peak, peakAt = low, lowAt
			}
		}
	}
	if o == nil || low > o.first.fromMB+material || p.fulls[n-1].AfterMB <= o.topMB || lowAt >= n-th.FewFullGCs {
		return nil
	}
	o.lastFromMS, o.lastFromMB = p.fulls[lowAt].TimeMS, low
	// One run of the work: a last rise that itself gave back half a cycle or more on the way
	// is runs of it over a floor that climbs, a leak under batches (a fleet scorer's 24 MB
	// batch every 6 s over a 2 MB/s debug trace, 41 s of batches after the first one freed).
	top := low
	for _, f := range p.fulls[lowAt+1:] {
		if top-f.AfterMB >= (o.first.peakMB-o.first.fromMB)/2 {
			return nil
		}
		top = math.Max(top, f.AfterMB)
	}
	// The same work again: the last rise climbs the height the first freed one did at its
	// pace, within a factor of CycleRateRatio (a temporary load freed at start-up, then a
	// slow leak, is two kinds of growth). Only that stretch is compared: past it the last
	// rise nears the limit, where GC slows the program whatever it does.
	firstRate := (o.first.peakMB - o.first.fromMB) / math.Max(o.first.peakMS-o.first.fromMS, 1)
	i := lowAt + 1
	for p.fulls[i].AfterMB < o.first.peakMB {
		i++ // the last rise went past every earlier peak, so this ends
	}
	lastRate := (p.fulls[i].AfterMB - low) / math.Max(p.fulls[i].TimeMS-o.lastFromMS, 1)
	if lastRate*th.CycleRateRatio < firstRate || lastRate > th.CycleRateRatio*firstRate {
		return nil
	}
	return o
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
func isBurst(p *proc, limit float64, th *Thresholds) bool { return burstInto(p, limit, th) != nil }

// burstInto is how a process ran into its limit at once (burstOf), or, where it died under
// BurstReachShare of the limit, into the heap it died at: V8 gave up there because the
// burst's next allocation did not fit, which is the burst's doing, not a limit it never
// reached (a text-diff service's LCS table, 8 MB held for 24 s, then 145 MB in 0.3 s and
// "Reached heap limit" under a 192 MB flag). nil when neither.
func burstInto(p *proc, limit float64, th *Thresholds) *burst {
	if b := burstOf(p, limit, th); b != nil {
		return b
	}
	died := crashHeapMB(p)
	if p.crash == nil || died <= 0 || died >= th.BurstReachShare*limit {
		return nil
	}
	b := burstOf(p, died, th)
	if b != nil {
		b.diedMB = died
	}
	return b
}

// burst is how a process ran into its limit at once: the level it held, and when it left it
// and reached the limit. diedMB is set when what it reached was the heap it died at, under
// the limit (burstInto).
type burst struct {
	baseMB, fromMS, toMS float64
	// topMB is the heap the GC at toMS showed: what it left, or found where nothing left
	// as much near the limit.
	topMB  float64
	diedMB float64
}

// keptPartOfAllocation reports whether a climb (the points from its start to where it reached
// the limit) rose more slowly than the program allocated before it (the points before): a
// leak that began there, keeping a part of what the program allocates, not a burst. One
// operation that fills the heap allocates at full speed and keeps what it allocates, so it
// climbs faster than the program's whole allocation before it (real runs: 1.9 to 75 times);
// a leak switched on by a bug climbed at a third of it.
func keptPartOfAllocation(before, climb []GCPoint) bool {
	allocMB := 0.0
	for i := 1; i < len(before); i++ {
		allocMB += math.Max(before[i].BeforeMB-before[i-1].AfterMB, 0)
	}
	first, last := climb[0], climb[len(climb)-1]
	beforeS, climbS := (first.TimeMS-before[0].TimeMS)/1000, (last.TimeMS-first.TimeMS)/1000
	if allocMB <= 0 || beforeS <= 0 || climbS <= 0 {
		return false
	}
	return (last.BeforeMB-first.AfterMB)/climbS < allocMB/beforeS
}

// levelSpan is a heap level and how long the heap held it.
type levelSpan struct{ mb, ms float64 }

// heldLevel is the level the heap held for half of the time the spans cover (their median
// weighted by time), or their plain median when they cover no time.
func heldLevel(spans []levelSpan) float64 {
	slices.SortFunc(spans, func(a, b levelSpan) int { return cmp.Compare(a.mb, b.mb) })
	xs, ws := make([]float64, len(spans)), make([]float64, len(spans))
	total := 0.0
	for i, s := range spans {
		xs[i], ws[i] = s.mb, s.ms
		total += s.ms
	}
	if total <= 0 {
		ws = nil
	}
	return stat.Quantile(0.5, stat.Empirical, xs, ws)
}

// grewBefore is how much the heap after full GCs grew before a time, by a robust line
// through them (0 with fewer than three). A program whose heap (any GC of it, pts) first
// reached levelMB (within a young generation) within the first tenth of that time loaded its
// state there: the full GCs
// before are left out, since the heap held its level after them (a leak that grows slowly
// before it speeds up reaches its level late, and keeps them).
func grewBefore(p *proc, pts []GCPoint, levelMB, beforeMS float64, th *Thresholds) float64 {
	from := math.Inf(-1)
	if len(pts) > 0 {
		t0 := pts[0].TimeMS
		for i, g := range pts {
			if g.TimeMS > beforeMS {
				break
			}
			// The level is read from every GC, and a young GC leaves the young generation's
			// survivors too: the heap reached it within a young generation of it. It got
			// there after the GC before, which may be long before when the program then
			// allocated too little for a GC (a service idle for 5 s after it loaded).
			if g.AfterMB >= levelMB-math.Max(th.TrendNoiseMB, p.era.semiMB) {
				since := g.TimeMS
				if i > 0 {
					since = pts[i-1].TimeMS
				}
				if since-t0 <= 0.1*(beforeMS-t0) {
					from = g.TimeMS
				}
				break
			}
		}
	}
	var xs, ys []float64
	for _, f := range p.fulls {
		if f.TimeMS >= beforeMS {
			break // the GC the climb starts from is the climb's
		}
		if f.TimeMS < from {
			continue
		}
		xs, ys = append(xs, f.TimeMS/1000), append(ys, f.AfterMB)
	}
	xs, ys = retained(p, xs, ys, th)
	if len(xs) < 3 || xs[len(xs)-1] <= xs[0] {
		return 0
	}
	return math.Max(0, robustFit(xs, ys).b*(xs[len(xs)-1]-xs[0]))
}

func burstOf(p *proc, limit float64, th *Thresholds) *burst {
	pts := p.livePoints()
	if len(pts) < 4 || limit <= 0 {
		return nil
	}
	t0 := pts[0].TimeMS
	// The heap reaches the limit's neighbourhood in what a GC left: before a GC it holds the
	// young generation's garbage too, and a level heap whose young generation fills to 80%
	// of the limit at every scavenge (77 MB kept, 20 MB young, under a 128 MB limit) has not
	// reached it. Where no GC left that much, the heap a GC found is all there is.
	near := func(g GCPoint) bool { return g.AfterMB >= th.BurstReachShare*limit }
	if !slices.ContainsFunc(pts, near) {
		near = func(g GCPoint) bool { return math.Max(g.BeforeMB, g.AfterMB) >= th.BurstReachShare*limit }
	}
	reach := slices.IndexFunc(pts, near)
	// A climb the program came back from — a later full GC left the heap under half the
	// limit, or freed a quarter of it and left it where a burst may start from — did not
	// kill it (an export that filled the heap and was freed, every 10 s; a re-index that
	// built 38 MB of garbage over a 48 MB heap under 96 MB, every 5 s): the burst, if there
	// was one, is the last such climb.
	cameBack := func(g GCPoint) bool {
		return g.Full && (g.AfterMB < limit/2 || g.BeforeMB-g.AfterMB >= limit/4 && g.AfterMB < th.BurstMaxBaseShare*limit)
	}
	for reach >= 0 {
		back := slices.IndexFunc(pts[reach+1:], cameBack)
		if back < 0 {
			break
		}
		next := slices.IndexFunc(pts[reach+1+back:], near)
		if next < 0 {
			return nil
		}
		reach += 1 + back + next
	}
	if reach < 3 {
		return nil
	}
	// The level the heap held before: over the first half of the time before it reached the
	// limit, the level it held for half of that time. Weighted by time, not by GC: GCs come
	// thick while a program starts and loads its state, and sparse once its heap is level.
	var early []levelSpan
	half := t0 + 0.5*(pts[reach].TimeMS-t0)
	for i, g := range pts[:reach] {
		if g.TimeMS <= half {
			early = append(early, levelSpan{mb: g.AfterMB, ms: math.Max(pts[i+1].TimeMS-g.TimeMS, 0)})
		}
	}
	if len(early) < 3 {
		return nil
	}
	base := heldLevel(early)
	if base >= th.BurstMaxBaseShare*limit {
		return nil
	}
	low := base + th.BurstClimbFromShare*(limit-base)
	climb := reach
	// The climb is of what the GCs left: before a scavenge the heap holds the young
	// generation's garbage too, as much as the young generation holds (32 MB and more on
	// Node 24+), however level the heap is.
	for climb > 0 && pts[climb-1].AfterMB > low {
		climb--
	}
	if climb == 0 {
		return nil
	}
	lived := pts[reach].TimeMS - t0
	if lived <= 0 || pts[reach].TimeMS-pts[climb-1].TimeMS >= th.BurstMaxClimbShare*lived {
		return nil
	}
	if keptPartOfAllocation(pts[:climb], pts[climb-1:reach+1]) {
		return nil
	}
	if outgrewGivingBack(p, limit, th) {
		// A level held, then a climb that was freed in part as it went: work in flight
		// outgrowing the limit, not one operation keeping what it allocates.
		return nil
	}
	if grewBefore(p, pts, base, pts[climb-1].TimeMS, th) >= th.BurstClimbFromShare*(limit-base) {
		// Not a level that a burst left: the heap after full GCs was already climbing, and
		// what looks like a sudden arrival is a noisy leak's last stretch.
		return nil
	}
	top := pts[reach].AfterMB // the heap near the limit, as near read it
	if top < th.BurstReachShare*limit {
		top = math.Max(pts[reach].BeforeMB, top)
	}
	return &burst{baseMB: base, fromMS: pts[climbStart(pts, climb-1, reach, base, limit)].TimeMS, toMS: pts[reach].TimeMS, topMB: top}
}

// climbStart is the last GC of the level before a burst's climb: from the GC at i (the last
// one under a fifth of the way from the level to the limit) back over the GCs that each left
// more than the lowest of the three before them — by a step of 0.2% of the limit (half a MB
// at least), at a tenth of the climb's pace or faster (from i to the GC at reach), each
// within that climb's time of the one before — and no lower than the level. A CDC consumer's
// re-snapshot, 11 MB held until 20.12 s, then 30, 60 and 105 MB by 20.46 s under 512 MB: the
// fifth of the way is at 105 MB; its climb began at 20.12 s, and the trend before the burst
// is the level's, not the climb's start. The pace keeps a level that creeps (11 to 17 MB
// over 5 s at 1 MB/s, then 300 MB in 1.5 s) out of the climb.
func climbStart(pts []GCPoint, i, reach int, levelMB, limit float64) int {
	step := math.Max(0.002*limit, 0.5)
	climbMS := pts[reach].TimeMS - pts[i].TimeMS
	if climbMS <= 0 {
		return i
	}
	pace := (math.Max(pts[reach].AfterMB, pts[reach].BeforeMB) - pts[i].AfterMB) / climbMS
	for i > 0 && pts[i].AfterMB > levelMB+step && pts[i].TimeMS-pts[i-1].TimeMS <= climbMS {
		low := pts[i-1].AfterMB
		for k := 2; k <= 3 && i-k >= 0; k++ {
			low = math.Min(low, pts[i-k].AfterMB)
		}
		gain := pts[i].AfterMB - low
		if gain <= step || gain < 0.1*pace*(pts[i].TimeMS-pts[i-1].TimeMS) {
			break
		}
		i--
	}
	return i
}

// settledAfterStep reports a heap that rose by one step (Trend.OneStep) and has held its new
// level — by its full GCs after the step, or the young GCs after the last one that carry it
// (youngHeldTo) — longer than it held the level before, and longer than the step took, and
// marks it (OneStep.SettledToMS). A heap that settles holds its last level longest; a leak
// that grows in steps holds each about as long.
func settledAfterStep(p *proc, out *Process, th *Thresholds) bool {
	st := out.Trend.OneStep
	heldTo, held := st.TopMS+st.HeldMS, st.HeldMS
	if st.HeldMS > 0 {
		if y := youngHeldTo(p, p.growth, levelCeiling(p, out), th); y.toMS > heldTo {
			heldTo, held = y.toMS, y.toMS-st.TopMS
		}
	} else if from, to, ok := p.youngFlatTail(th); ok && to-from > held {
		// The step ends the full GCs: only the young GCs after it show a level, counted
		// from where they began to hold it — a next step's climb at the log's end holds
		// nothing (a report builder keeping each run, its young GCs flat for 2.8 s after
		// a step, then climbing again as the cut came).
		heldTo, held = to, to-from
	}
	if held <= st.LevelToMS-st.LevelFromMS || held < st.TopMS-st.LevelToMS {
		return false
	}
	st.SettledToMS = &heldTo
	return true
}
