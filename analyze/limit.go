package analyze

// This file decides the heap limit, where it came from, and where this V8 dies against it: the
// heap, as --trace-gc prints it after a full GC, at which V8 gives up. docs/heap-limit-model.md
// gives the V8 source each rule rests on.

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
)

// Heap limit sources: where heap_limit_mb came from.
const (
	LimitUser            = "user"             // --heap-limit
	LimitProcess         = "process"          // the process itself (gcanalyze run)
	LimitReport          = "report"           // a Node diagnostic report in the log
	LimitHeapStats       = "heap-stats"       // v8.getHeapStatistics() printed in the log
	LimitCommandLine     = "command-line"     // --max-old-space-size on a command line the log prints
	LimitVerbose         = "verbose"          // --trace-gc-verbose's memory allocator line
	LimitCrash           = "crash"            // the heap a crash at the limit reached
	LimitReducing        = "reducing"         // the heap V8 ran memory-reducing full GCs at, for want of room
	LimitDefaultEstimate = "default-estimate" // V8's default for the version and machine
	LimitUnknown         = "unknown"
)

// Heap limit kinds: which quantity a stated limit is.
const (
	// LimitKindOldSpace is what --max-old-space-size sets: the old generation's capacity.
	LimitKindOldSpace = "old-space"
	// LimitKindHeapSizeLimit is v8.getHeapStatistics().heap_size_limit (and a diagnostic
	// report's memoryLimit): the old generation plus the young generation's reservation.
	LimitKindHeapSizeLimit = "heap-size-limit"
)

// LimitKinds lists the heap limit kinds, the default first.
var LimitKinds = []string{LimitKindOldSpace, LimitKindHeapSizeLimit}

// heapLimit finds the limit, stated as old space (the quantity --max-old-space-size sets), from
// the best source the log has: the user's word; the process's own diagnostic report (its
// command line, else its memoryLimit); a heap_size_limit the program printed; a
// --max-old-space-size on a command line the log echoes; --trace-gc-verbose's memory allocator
// line; the heap a crash at the limit reached; the heap V8 ran memory-reducing full GCs at for
// want of room; V8's default for the version and machine a
// report names, or that the path of its binary names up to Node 11 (whatever the machine).
// Otherwise it stays unknown.
func (a *Analyzer) heapLimit(p *proc, out *Process) {
	set := func(mb *float64, source string) {
		out.HeapLimitMB, out.HeapLimitSource = mb, source
	}
	p.reducing, p.workerLimit = nil, false
	announced := a.announcedFor(p)
	switch {
	case a.opts.HeapLimitMB != nil:
		set(a.oldSpace(p, *a.opts.HeapLimitMB, a.opts.HeapLimitKind), LimitUser)
	case announced != nil:
		p.workerLimit = announced.Worker
		set(processOldSpace(announced), LimitProcess)
	case p.report != nil && (flagOf(p.report) != nil || p.report.HeapLimitMB != nil):
		if f := flagOf(p.report); f != nil {
			set(f, LimitReport)
		} else {
			set(reportOldSpace(p.report), LimitReport)
		}
	case heapStatsLimit(a.memory) != nil:
		set(a.oldSpace(p, *heapStatsLimit(a.memory), LimitKindHeapSizeLimit), LimitHeapStats)
	case commandLineLimit(a.flags, p) != nil:
		set(commandLineLimit(a.flags, p), LimitCommandLine)
	case p.verboseLimitMB != nil && verboseOldSpace(p) != nil:
		// The memory allocator's used + available is heap_size_limit: the old space plus
		// the young generation's reservation, which the log dates (a 96 MB flag: 130.5 MB
		// on Node 10, 144 MB on Node 16, 288 MB on Node 25).
		set(verboseOldSpace(p), LimitVerbose)
	case crashedAtLimit(p) && len(p.recent) > 0:
		// The heap it died at (or ran its last-resort GCs at) is the limit that mattered.
		v := crashHeapMB(p)
		set(&v, LimitCrash)
	case reducingAt(p) != nil:
		p.reducing = reducingAt(p)
		v := p.reducing.limitMB()
		set(&v, LimitReducing)
	case p.report != nil && defaultOldSpace(p.report) != nil:
		set(defaultOldSpace(p.report), LimitDefaultEstimate)
	case p.report == nil:
		if def, _ := a.versionDefault(p); def != nil {
			set(def, LimitDefaultEstimate)
		}
	}
}

// flagOf is the old space the heap flags of a report's command line give node (before its
// script), nil when it gives none.
func flagOf(r *parser.Report) *float64 {
	if len(r.CommandLine) == 0 {
		return nil
	}
	set := heapFlagSet{}
	for _, f := range parser.HeapFlags(strings.Join(r.CommandLine, " ")) {
		set.take(f)
	}
	return set.oldSpace(youngSizingOf(nodeMajor(r.NodeVersion)))
}

// heapFlagSet is the heap flags one node was given, nil where it was given none.
type heapFlagSet struct {
	oldSpaceFlag, semiSpaceFlag, heapSizeFlag *parser.HeapFlag
}

// take keeps f under its name, the later of two of the same name (V8 reads them in order).
func (s *heapFlagSet) take(f *parser.HeapFlag) {
	switch f.Name {
	case "max-old-space-size":
		s.oldSpaceFlag = f
	case "max-semi-space-size":
		s.semiSpaceFlag = f
	case "max-heap-size":
		s.heapSizeFlag = f
	}
}

// oldSpace is the old-space limit the flags set: --max-old-space-size, which takes precedence,
// else what --max-heap-size leaves the old generation (oldSpaceOfHeapSize); nil for neither.
func (s heapFlagSet) oldSpace(young youngSizing) *float64 {
	switch {
	case s.oldSpaceFlag != nil:
		v := s.oldSpaceFlag.MB
		return &v
	case s.heapSizeFlag != nil:
		var semi *float64
		if s.semiSpaceFlag != nil {
			semi = &s.semiSpaceFlag.MB
		}
		v := oldSpaceOfHeapSize(s.heapSizeFlag.MB, semi, young)
		return &v
	}
	return nil
}

// youngSizing is how a V8 sizes its semi-spaces from the old generation's limit: a ratio-th
// of it above 256 MB (a 256th up to 256 MB), at least 1 MB, at most maxSemiMB.
type youngSizing struct {
	ratio, maxSemiMB float64
}

// youngSizingOf is the sizing of a Node major on 64-bit, 0 when not known (taken as Node
// ≤ 23's): a 128th up to Node 23, at most 16 MB; a 32nd from Node 24 on, at most 64 MB in
// Node 24 and 25 and 32 MB in Node 26. Measured with --max-heap-size and --trace-gc-verbose
// (the new space's committed memory, two semi-spaces, at its most under a leak): 512 MB gave
// 4 MB semi-spaces on Node 20–23, 16 on Node 24, 15 on Node 25 and 26; 1024 MB 32, 28 and 27.
func youngSizingOf(major int) youngSizing {
	switch {
	case major >= 26:
		return youngSizing{ratio: 32, maxSemiMB: 32}
	case major >= 24:
		return youngSizing{ratio: 32, maxSemiMB: 64}
	}
	return youngSizing{ratio: 128, maxSemiMB: 16}
}

// oldSpaceOfHeapSize is the old-space limit V8 makes of --max-heap-size=heapMB, in MB. The young
// generation comes out of the same budget: three semi-spaces (two, and the new large object
// space) of the --max-semi-space-size given, else of the size V8 derives from the old
// generation's (youngSizing), in 256 KB pages, and the old generation is the largest that
// fits beside it (v8 src/heap/heap.cc: Heap::ConfigureHeap, Heap::GenerationSizesFromHeapSize,
// Heap::YoungGenerationSizeFromOldGenerationSize; 64-bit without pointer compression, as Node
// is built). A 128 MB heap leaves 125 MB of old space, not the 80 MB that subtracting the
// default young generation would.
func oldSpaceOfHeapSize(heapMB float64, semiMB *float64, sizing youngSizing) float64 {
	if semiMB != nil {
		return math.Max(heapMB-3**semiMB, 0)
	}
	young := func(old float64) float64 {
		ratio := sizing.ratio
		if old <= 256 {
			ratio = 256
		}
		semi := math.Min(math.Max(old/ratio, 1), sizing.maxSemiMB)
		return 3 * math.Ceil(semi*4) / 4
	}
	lo, hi := 0.0, heapMB // bisect for the largest old generation that fits
	for hi-lo > 0.01 {
		if mid := (lo + hi) / 2; mid+young(mid) <= heapMB {
			lo = mid
		} else {
			hi = mid
		}
	}
	return round1(lo)
}

// reportOldSpace is a report's memoryLimit less the young generation's reservation: three
// semi-spaces, the new space's size (two of them) telling one.
func reportOldSpace(r *parser.Report) *float64 {
	semi := 16.0
	for _, s := range r.Spaces {
		if s.Name == "new_space" && s.SizeMB != nil && *s.SizeMB > 0 {
			semi = *s.SizeMB / 2
		}
	}
	v := math.Max(*r.HeapLimitMB-3*semi, *r.HeapLimitMB/2)
	return &v
}

// heapStatsLimit is the heap_size_limit the program printed, nil when it printed none.
func heapStatsLimit(samples []*parser.Memory) *float64 {
	for _, m := range samples {
		if v, ok := m.Values["heap_size_limit"]; ok && v > 0 {
			return &v
		}
	}
	return nil
}

// commandLineLimit is the old-space limit the log's command lines give the node of process p:
// that of the last command given before its first GC — a shell session that ran a script under
// one flag after another shows each run after its command —, else of the last one given
// before it died; nil when none. A command after its death is not the one it ran: pastes
// follow a crash with the fix ("solución: $ node --max-old-space-size=4096 app.js" below a
// death at 1408 MB of the default).
func commandLineLimit(flags []lineFlag, p *proc) *float64 {
	return commandLineFlags(flags, p).oldSpace(youngSizingOf(traceMajor(p)))
}

// traceMajor is the Node major the shape of p's trace names, 0 when it names none: full GCs
// called "Incremental Mark-Compact" are Node 26's.
func traceMajor(p *proc) int {
	if p.era.incrementalNamed {
		return 26
	}
	return 0
}

// commandLineFlags is the heap flags of the command commandLineLimit reads.
func commandLineFlags(flags []lineFlag, p *proc) heapFlagSet {
	var before, last heapFlagSet
	lastLine := -1
	for _, f := range flags {
		if p.crash != nil && p.crash.Line > 0 && f.line > p.crash.Line {
			continue
		}
		if f.line != lastLine && f.Name != "max-semi-space-size" {
			last = heapFlagSet{} // another command; a semi-space flag alone sets no limit
		}
		lastLine = f.line
		last.take(f.HeapFlag)
		if f.line < p.firstLine {
			before = last
		}
	}
	if before.oldSpaceFlag != nil || before.heapSizeFlag != nil {
		return before
	}
	return last
}

// versionDefault is V8's default old-space limit for the Node version the log shows of the
// process p without a report — the path of node's binary, or OOM frames of Node 9 or older
// beside an address of a 64-bit build — and how the log shows it; nil when it shows none, or
// one whose default depends on the machine (Node 12 on).
func (a *Analyzer) versionDefault(p *proc) (*float64, string) {
	if def := defaultFor(nodeMajor(&a.binary), 0); def != nil {
		return def, fmt.Sprintf("Node %s (the path of its binary in the native stack)", a.binary)
	}
	// The frames must be Node's: Electron and Atom of that era print the same V8 frames in
	// their crash reports, under Chromium's limits. A 32-bit build's default is half that;
	// its addresses fit in 32 bits.
	if a.isolateFreeOOM && p.crash != nil && p.crash.PrintedBy == "node" && (a.wideAddress || wide(p.key.Isolate)) {
		return defaultFor(9, 0), "Node 9 or older (its native stack's OOM frames take no isolate, as up to Node 9)"
	}
	if a.nativeScripts && p.crash != nil && p.crash.PrintedBy == "node" && (a.wideAddress || wide(p.key.Isolate)) {
		return defaultFor(11, 0), "Node 11 or older (its JavaScript stack names V8's own scripts, as [native array.js], which Node 10 and 11 print and Node 12 on do not)"
	}
	return nil, ""
}

// beforeMu reports a process whose --trace-gc lines print no mutator utilization: V8 before
// 6.7 (Node 10.5 or older), which also ignores a small limit before 6.4 (Node 8, 9).
func (p *proc) beforeMu() bool {
	return p.gcs > 0 && p.paused > 0 && !p.muPrinted && !p.era.nvp && p.report == nil
}

// shortOfDefault is a death by CALL_AND_RETRY_LAST, with no limit stated, whose heap — used
// and committed — was well under the default limit of the Node version the log shows.
type shortOfDefault struct {
	defaultMB, heapMB, committedMB float64
	// version says which Node, and how the log shows it.
	version string
	// eraOnly is set when only the trace's era shows the version: the verdict does not
	// rest on it.
	eraOnly bool
}

// belowDefault reads a death as shortOfDefault, nil when it is not one. An allocation that
// failed after last-resort GCs, not V8's near-the-limit rule: old V8 counts the space it holds
// against the limit, so a committed heap at the default is a death at the limit, however little
// of it was in use; one well under it failed for a request bigger than the room left.
func (a *Analyzer) belowDefault(p *proc, out *Process) *shortOfDefault {
	c := out.Crash
	if out.HeapLimitMB == nil || out.HeapLimitSource != LimitCrash || c == nil || c.Kind != parser.FatalCallAndRetryLast {
		return nil
	}
	def, version := a.versionDefault(p)
	eraOnly := false
	if def == nil && p.era.withoutMu && p.beforeMu() && c.PrintedBy == "node" && (a.wideAddress || wide(p.key.Isolate)) {
		// The trace dates V8 but names no flag: the heap may have met a lower limit a flag
		// set (a demo's banner saying "max_old_space_size = 200 MB" in prose, Node 8) as
		// well as one allocation too big (a spread of new Array(1e9), Node 9), which the
		// verdict cannot tell apart; the evidence says both.
		def, version, eraOnly = defaultFor(10, 0), "Node 10.5 or older (its --trace-gc lines print no mutator utilization, as before V8 6.7)", true
	}
	if def == nil {
		return nil
	}
	committed := 0.0
	for _, g := range c.LastGCs {
		committed = math.Max(committed, g.CommittedMB)
	}
	if math.Max(*out.HeapLimitMB, committed) >= defaultBelowShare**def {
		return nil
	}
	return &shortOfDefault{defaultMB: *def, heapMB: *out.HeapLimitMB, committedMB: committed, version: version, eraOnly: eraOnly}
}

// defaultBelowShare: a death at a heap under this share of the version's default limit is
// stated beside it (V8's own slack puts a death at the default a few percent under it).
const defaultBelowShare = 0.9

// defaultOldSpace is V8's default old-space limit for the Node version and machine a report
// names (defaultFor). Nil when the report does not say enough.
func defaultOldSpace(r *parser.Report) *float64 {
	ram := 0.0
	if r.TotalMemoryMB != nil {
		ram = *r.TotalMemoryMB
	}
	if r.CgroupLimitMB != nil && (ram == 0 || *r.CgroupLimitMB < ram) {
		ram = *r.CgroupLimitMB
	}
	return defaultFor(nodeMajor(r.NodeVersion), ram)
}

// defaultFor is V8's default old-space limit for a Node major on a 64-bit machine of ramMB
// (0: unknown; docs/heap-limit-model.md): 1400 MB up to Node 11, whatever the machine; from
// Node 12 half the memory (the container's, when it is less), at least 256 MB and at most
// 2 GB — 4 GB from Node 14 on machines of 15 GB or more. Nil when the major is unknown, or
// from Node 12 on when the memory is.
func defaultFor(major int, ramMB float64) *float64 {
	if major == 0 {
		return nil
	}
	v := 1400.0
	if major >= 12 {
		if ramMB <= 0 {
			return nil
		}
		limit := 2048.0
		if major >= 14 && ramMB >= 15*1024 {
			limit = 4096
		}
		v = math.Min(math.Max(ramMB/2, 256), limit)
	}
	return &v
}

// nodeMajor reads the major of a Node version ("v20.20.2", "20.20.2"), 0 when it cannot.
func nodeMajor(v *string) int {
	if v == nil {
		return 0
	}
	s := strings.TrimPrefix(*v, "v")
	if i := strings.IndexByte(s, '.'); i > 0 {
		s = s[:i]
	}
	n, _ := strconv.Atoi(s)
	return n
}

// oldSpace states a limit as old space: heap_size_limit less the young generation's
// reservation, three semi-spaces (two, and one for young large objects) from V8 7.4 on.
func (a *Analyzer) oldSpace(p *proc, mb float64, kind string) *float64 {
	if kind == LimitKindHeapSizeLimit {
		mb = math.Max(mb-3*maxSemiMB(p), mb/2)
	}
	return &mb
}

// verboseOldSpace is the old space --trace-gc-verbose's heap_size_limit leaves: less the young
// generation's reservation on 64-bit machines of 4 GB or more (docs/heap-limit-model.md §4),
// dated by the table and the trace: two 16 MB semi-spaces before V8 7.4 (no code large
// object space in the table), three up to Node 21 (no trusted space), three of 32 MB in
// Node 26 (a wide table, full GCs named "Incremental Mark-Compact"). nil where the log does
// not date it: a narrow table with a trusted space is Node 22 or 23 (48 MB) or Node 24
// (192 MB), and a wide one with no full GC named so Node 25 (192 MB) or 26 (96 MB). (A
// --max-semi-space-size would change it; no log of the corpus gives one beside the table.)
func verboseOldSpace(p *proc) *float64 {
	semis, semi := 3.0, 16.0
	switch e := p.era; {
	case !e.codeLargeObjects:
		semis = 2
	case e.wideTable && e.incrementalNamed:
		semi = 32
	case e.wideTable || e.trustedSpace:
		return nil
	}
	mb := *p.verboseLimitMB
	mb = round1(math.Max(mb-semis*semi, mb/2))
	return &mb
}

// maxSemiMB is the semi-space size V8 reserves: the largest the log shows, rounded up to a
// power of two as V8 sizes it, between 1 and 64 MB (Node 24's maximum); 16 MB (the maximum up
// to Node 22 on machines of 4 GB or more) when the log shows no young GC. What the log shows
// is the heap's growth between GCs, which also holds what was allocated outside the young
// generation meanwhile (large objects, pretenured ones): 16.7–19.9 MB on Node 10–12 with
// 16 MB semi-spaces, read as 32. The death range's late end (F + S) was calibrated with S
// read this way, and covers old V8's overshoot the better for it (rounding to the nearest
// size instead put two more forecasts' crashes past their interval); where the reservation
// itself matters (verboseOldSpace), the version's default is used.
func maxSemiMB(p *proc) float64 {
	s := p.era.semiMB
	if s <= 0 {
		return defaultSemiMB
	}
	return math.Min(math.Max(math.Exp2(math.Ceil(math.Log2(s))), 1), 64)
}

// semiCapMB is the most a semi-space may hold: the one the log measured (maxSemiMB), which is
// what the new space had grown to, or V8's default cap (defaultSemiMB) when that is more.
func semiCapMB(p *proc) float64 { return math.Max(maxSemiMB(p), defaultSemiMB) }

// youngRoomMB is the most the young generation may hold when a full GC starts: three
// semi-spaces (two of the new space, one being promoted), of 16 MB at least.
func youngRoomMB(p *proc) float64 { return 3 * semiCapMB(p) }

// crashHeapMB is the heap the process died at: what survived its last full GCs (the old
// generation at its cap, which is what --max-old-space-size sets) or, when one of them found
// more than that in the old generation (the heap before it less what the young generation
// holds: a transient allocation it freed), that; when the log shows no full GC, the largest
// heap before its last GCs.
func crashHeapMB(p *proc) float64 {
	var m float64
	if n := len(p.fulls); n > 0 {
		young := youngRoomMB(p)
		for _, f := range p.fulls[max(0, n-3):] {
			m = math.Max(m, math.Max(f.AfterMB, f.BeforeMB-young))
		}
		return m
	}
	for _, g := range p.recent[max(0, len(p.recent)-3):] {
		m = math.Max(m, g.BeforeMB)
	}
	return m
}

// liveShareAtDeath is the share of an old-space limit F the heap after full GC reaches when V8
// gives up: it dies at a full GC that leaves the old generation's capacity — its live objects
// plus some 3–7% of fragmentation — past F. Real runs of Node 10–26 outlived every full GC
// that left less than 0.93·F and died at the first one past 0.94–0.96·F.
const liveShareAtDeath = 0.95

// deathPoint is where V8 gives up against an old-space limit F, in the heap --trace-gc prints
// after a full GC (all spaces' live objects). From V8 6.4 on the limit is hard: V8 dies when
// the old generation's capacity — its live objects plus fragmentation — passes F, after a GC
// that may itself promote up to one semi-space S past it (V8 8.8+). Real runs of Node 10–26
// died with the heap after full GC between 0.93·F and F + S — those of the first calibration;
// programs holding many small objects died as early as 0.8·F, where V8's
// ineffective-mark-compacts rule ends a process its full GCs starve.
// Before V8 6.4 (Node 8 and 9) pages taken during GCs were not counted, so a small F is not
// enforced at all: those runs died anywhere from 1.3·F to 3·F.
type deathPoint struct {
	mb, lo, hi float64
	// soft is set when this V8 may not enforce F: the trace is of the era before V8 6.7 (no
	// mutator utilization printed), which includes the unenforced V8 < 6.4.
	soft bool
	// ignored is set when the heap after full GC already went past F by more than the
	// model allows, alive: this V8 does not enforce the limit.
	ignored bool
	// reached is set when the point is the heap a full GC left at the crash itself.
	reached bool
	// earlyWhy says why the range starts as early as 0.8·F.
	earlyWhy string
	// survived is the heap a live process held after its last full GCs when that is past
	// liveShareAtDeath·F: mb is then moved to where such processes died.
	survived float64
	// raisedMB is how far Node raised F to write heap snapshots near it (nearLimitSnapshot);
	// the point is against the raised limit.
	raisedMB float64
	// pastFlag is set when a live process already held more than pastFlagShare·F after its
	// last full GCs: V8 let it past its limit, as V8 6.7–8.7 let some processes of Node
	// 10–13 live to 1.25–1.48·F, so the death range runs to pastFlagLateShare·F.
	pastFlag bool
	// lateMode is set when a live process already held lateModeShare·F or more after its
	// full GCs (heldMB), under the central point: aimed where the runs that lived that far
	// died, past the early deaths' band it is in.
	lateMode bool
	heldMB   float64
	// pressMB is the central point before a live process's heap moved it: where a heap that
	// lingers counts as pressed against its limit (livesAtDeathPoint) or short of room
	// (tightHeadroom). A heap alive at 0.85·F is aimed at 0.99·F for its forecast, yet one
	// that has lingered at 0.93·F is pressed against its limit as much as before.
	pressMB float64
}

// open reports a death point with no late end: V8 may not enforce the limit (soft), Node
// raised it to write heap snapshots, by a young generation each time V8 neared it, and may
// raise it again while it writes (raisedMB).
func (d *deathPoint) open() bool { return d.soft || d.raisedMB > 0 }

// pastFlagShare is how far past F a live process's heap after full GCs must be for the limit
// to have let it past: crashed runs of Node 14–26 died within 3% of F (a GC may promote past
// it), and Node 10–13 ones up to 1.48·F.
const pastFlagShare = 1.02

// pastFlagLateShare is the late end of the death range of a process alive past its flag: the
// furthest past F a crashed corpus run of a V8 that enforces it died (Node 10, 1.48·F).
const pastFlagLateShare = 1.5

// snapshotRaiseMB is how much Node raises the limit for each near-heap-limit snapshot: the
// young generation's maximum size, three semi-spaces of their configured size — 16 MB up to
// Node 23 — which the semi-spaces a program's young GCs show may never have grown to (1 MB
// ones under a 48 MB young generation, Node 20), or may seem to pass (the growth between
// GCs holds what was allocated outside the young generation too: 21 MB with 16 MB ones).
func snapshotRaiseMB(p *proc) float64 {
	semi := float64(defaultSemiMB)
	if s := p.era.semiMB / growthPastSemi; s > semi {
		semi = math.Min(math.Exp2(math.Ceil(math.Log2(s))), 64)
	}
	return 3 * semi
}

// defaultSemiMB is V8's default maximum semi-space on 64-bit machines of 4 GB or more from
// Node 8 to 22 (docs/heap-limit-model.md § 4), which --max-old-space-size does not change.
const defaultSemiMB = 16

// growthPastSemi is how far the growth between two GCs may pass the semi-space it fills.
const growthPastSemi = 1.4

// deathPointOf returns where this process dies against its limit.
func deathPointOf(p *proc, out *Process) *deathPoint {
	if out.HeapLimitMB == nil {
		return nil
	}
	f := *out.HeapLimitMB
	if out.HeapLimitSource == LimitCrash {
		return &deathPoint{mb: f, lo: f, hi: f, reached: true, pressMB: f}
	}
	raised := float64(len(p.snapshots)) * snapshotRaiseMB(p)
	f += raised
	// What the young generation holds after a full GC counts in the heap --trace-gc prints:
	// up to a semi-space of survivors. The log measures the new space as it grew, not its
	// cap, which is 16 MB on 64-bit whatever --max-old-space-size says (V8's default): a fast
	// leak on Node 20, dead 3 s after start at 72 MB under a 64 MB flag, had shown 1 MB
	// fills, and its report put the death at 51–66 MB and said the flag was not its own.
	s := math.Min(semiCapMB(p), 0.25*f)
	// Without mu in the trace this may be V8 before 6.4; a diagnostic report (Node 11.8+)
	// or no trace at all says nothing of the kind.
	d := &deathPoint{mb: liveShareAtDeath * f, lo: 0.8 * f, hi: f + s, soft: p.beforeMu(), raisedMB: raised}
	if r := p.reducing; r != nil && out.HeapLimitSource == LimitReducing {
		// The limit is an estimate: the late end is where the highest limit it allows dies.
		d.hi = r.highMB() + s
	}
	// V8's ineffective-mark-compacts rule ends a process that GC starves (average mu under
	// 0.4 over consecutive mark-compacts) from 0.8·F on. Whether a program's full GCs turn
	// back to back and starve it there, or it lives to 0.95·F, could not be read from its
	// earlier GCs (docs/heap-limit-model.md): 38 of 319 crashed corpus runs died at
	// 0.80–0.87·F, so every range starts there.
	d.earlyWhy = "if its full GCs turn back to back near the limit and starve it, V8's ineffective-mark-compacts rule ends it from 0.8 of its limit (programs holding many small objects often die there)"
	if n := len(p.fulls); n > 0 {
		if mu, ok := p.fulls[n-1].mu(); ok && mu < 0.5 {
			d.earlyWhy = fmt.Sprintf("GC already starves the process (V8's average utilization %.2f), and V8's ineffective-mark-compacts rule ends such a process from 0.8 of its limit", mu)
		}
	}
	peak := 0.0
	for _, g := range p.fulls {
		peak = math.Max(peak, g.AfterMB)
	}
	if peak > d.hi*1.05 && raised == 0 {
		// Past the raised limit, V8 asked again while Node wrote the snapshot, and Node
		// raised it each time (a 64 MB flag, one snapshot, a death at 294 MB): the point
		// is open, not ignored.
		d.ignored = true
	}
	d.pressMB = d.mb
	if held := heldAfterFullGCs(p); p.crash == nil && !d.ignored && held >= lateModeShare*f && held < d.mb {
		// Alive in the early deaths' band: of the crashed corpus runs of Node 10–26 alive
		// at 0.8·F or more a second before they died, the median died at 0.985·F, 65 of
		// 988 under 0.88·F. The range keeps its early end.
		d.lateMode, d.heldMB = true, held
		d.mb = math.Min(d.hi, survivedShareAtDeath*f)
	} else if p.crash == nil && !d.ignored && held >= d.mb {
		// Alive past the point where most runs die: of the crashed corpus runs of Node
		// 10–26 alive at 0.95·F or more a second before they died, the median died at
		// 0.99·F, 0.02·F above the most they had held alive.
		d.survived = held
		d.mb = math.Min(d.hi, math.Max(survivedShareAtDeath*f, held+0.02*f))
		if held > f*pastFlagShare {
			d.pastFlag = true
			d.hi = math.Max(d.hi, pastFlagLateShare*f)
		}
		d.pressMB = d.mb
	}
	return d
}

// lateModeShare is the share of F from which a live process is aimed at where the runs that
// live that far die (survivedShareAtDeath), not at liveShareAtDeath: the deaths split into an
// early mode at 0.80–0.87·F and a late one near 0.99·F, and a process alive in the early
// mode's band is more likely in the late one than anywhere between. Further down, the line's
// own error is centred on liveShareAtDeath (docs/heap-limit-model.md).
const lateModeShare = 0.8

// survivedShareAtDeath is the share of F at which a process that lived past liveShareAtDeath·F
// dies: the median of the corpus runs that did.
const survivedShareAtDeath = 0.99

// heldAfterFullGCs is the most the heap held after the last three full GCs.
func heldAfterFullGCs(p *proc) float64 {
	held := 0.0
	for _, g := range p.fulls[max(0, len(p.fulls)-3):] {
		held = math.Max(held, g.AfterMB)
	}
	return held
}

// processOldSpace is the old-space limit of a process that said its heap_size_limit (gcanalyze
// run's preload): the --max-old-space-size it was given, else heap_size_limit less the young
// generation's three semi-spaces — the --max-semi-space-size given, else the default of its
// Node version on a machine of 4 GB or more (docs/heap-limit-model.md §4): 16 MB up to Node 23,
// 64 MB in Node 24 and 25, 32 MB from Node 26 on.
func processOldSpace(pr *parser.Process) *float64 {
	if pr.Worker && pr.MaxYoungGenerationMB != nil {
		// A worker's young generation is its resourceLimits' (48 MB on Node 20, 96 on
		// Node 26 by default), whatever the flags gave the main thread's.
		v := round1(math.Max(pr.HeapSizeLimitMB-*pr.MaxYoungGenerationMB, 0))
		return &v
	}
	if pr.MaxOldSpaceMB != nil {
		return pr.MaxOldSpaceMB
	}
	if pr.MaxHeapSizeMB != nil {
		// heap_size_limit is the flag itself; the young generation came out of it.
		v := oldSpaceOfHeapSize(*pr.MaxHeapSizeMB, pr.MaxSemiSpaceMB, youngSizingOf(nodeMajor(&pr.NodeVersion)))
		return &v
	}
	semi := youngSizingOf(nodeMajor(&pr.NodeVersion)).maxSemiMB
	if pr.MaxSemiSpaceMB != nil {
		semi = *pr.MaxSemiSpaceMB
	}
	v := round1(math.Max(pr.HeapSizeLimitMB-3*semi, pr.HeapSizeLimitMB/2))
	return &v
}

// announcedFor is what `gcanalyze run`'s preload said of the thread p's isolate runs: the main
// thread's line, unless the process's workers announced another limit (a Worker's
// resourceLimits, which only a process without --max-old-space-size keeps). Then an isolate
// the clocks show started after another (threadOrder) is a worker, and so is one Node
// terminated for its memory (ERR_WORKER_OUT_OF_MEMORY); a worker gets its workers' limit when
// they all announced the same one, else none (nil: the other sources decide).
func (a *Analyzer) announcedFor(p *proc) *parser.Process {
	main := a.announced[p.key.PID]
	if main == nil || p.key.PID == 0 {
		return nil
	}
	mainMB := *processOldSpace(main)
	var worker *parser.Process
	differ, several := false, false
	for _, w := range a.announcedWorkers[p.key.PID] {
		mb := *processOldSpace(w)
		if math.Abs(mb-mainMB) > 1 {
			differ = true
		}
		if worker != nil && math.Abs(mb-*processOldSpace(worker)) > 1 {
			several = true
		}
		worker = w
	}
	if !differ {
		return main
	}
	switch order := a.threadOrder(p); {
	case order > 0:
		return main
	case order < 0 || p.crash != nil && p.crash.Kind == parser.FatalWorkerOOM:
		if several {
			return nil
		}
		return worker
	}
	return main
}

// allocationReasons are the GC reasons the program's own allocation gives: a full GC run in
// memory-reducing mode for one of them was not asked for by the memory reducer, an embedder's
// low-memory notification or external memory.
var allocationReasons = map[string]bool{
	"allocation failure": true, "allocation limit": true, "global allocation limit": true,
	"background allocation failure": true, "CppHeap allocation failure": true, "task": true,
	"finalize incremental marking via task": true, "finalize incremental marking via stack guard": true,
}

// reducingRun is how many full GCs in a row must run in memory-reducing mode before they are
// read as V8 short of room: the memory reducer runs at most three (MemoryReducer's
// kMaxNumberOfGCs), and over the corpus's runs of Node 14–26 and Deno with a stated limit, four
// in a row came only where the heap before them held 0.83–1.12 of it (of 430 processes; three
// in a row came at 0.3 of it, an idle heap's memory reducer).
const reducingRun = 4

// reducingKeptShare is the least share of the heap before a run of memory-reducing full GCs
// that their median must leave for the run to read as V8 short of room. A heap pressed
// against its limit holds its live objects near it; full GCs that free most of it each time
// found room to spare, whatever mode V8 ran them in (a tram counter's churn under
// --optimize-for-size on Node 14, 18 and 24: 0.28–0.39 of a 14 MB top under a 64 MB flag,
// where every run of the corpus with a stated limit whose reducing GCs put one near it
// left 0.73 or more).
const reducingKeptShare = 0.5

// reducingOutgrown is how far past the committed memory of a memory-reducing full GC the
// program may later commit before the mode is read as V8's setting rather than a want of
// room: short of room, V8 has committed most of what its limit allows.
const reducingOutgrown = 1.6

// The most the heap held before such runs of full GCs, as a share of the limit, over the 45
// processes of the corpus that were alive at the end of their log, with a stated limit, and
// had them: the median, and the lowest and highest.
const (
	reducingShare     = 0.98
	reducingLowShare  = 0.89
	reducingHighShare = 1.03
)

// reducing is the limit the full GCs of a process show without a flag: V8 (8.3 on, Node 14.5
// on) runs a full GC in memory-reducing mode, and prints "(reduce)" after its name, when the
// old generation cannot grow by an eighth of its maximum (Heap::ShouldOptimizeForMemoryUsage,
// CanExpandOldGeneration(max_old_generation_size / 8)), besides when the memory reducer or the
// embedder asks. mb is the most the heap held before such full GCs, from fromMS on, over
// count of them.
type reducing struct {
	mb, fromMS float64
	count      int
}

// limitMB is the limit the heap before the memory-reducing full GCs puts, as most processes
// held it; lowMB and highMB bound it.
func (r *reducing) limitMB() float64 { return round1(r.mb / reducingShare) }
func (r *reducing) lowMB() float64   { return round1(r.mb / reducingHighShare) }
func (r *reducing) highMB() float64  { return round1(r.mb / reducingLowShare) }

// reducingAt finds runs of reducingRun or more full GCs in a row that V8 ran in
// memory-reducing mode for the program's allocation, each with the heap before it at 0.7 or
// more of the most it had held (the memory reducer collects a heap the program has left, not
// one at its top); nil when there is none.
//
// A full GC V8 ran in that mode for the program's allocation with less memory committed as it
// began than the program later took by far (reducingOutgrown) was not short of room — V8 asks whether the
// old generation's committed memory can grow, not its live objects —: V8 runs every full GC so under
// --optimize-for-size, in memory-savings mode or under the embedder's memory pressure, and
// then no run of them says where the limit is (a docs link checker run with
// --optimize-for-size on Node 17 and 25: "(reduce)" from its first full GC at 9 MB, a limit
// of 89–93 MB read from its plateau under a 160 MB flag).
func reducingAt(p *proc) *reducing {
	later := 0.0
	for i := len(p.fulls) - 1; i >= 0; i-- {
		f := p.fulls[i]
		if f.reducing && f.committedBeforeMB > 0 && later > reducingOutgrown*f.committedBeforeMB {
			return nil
		}
		later = math.Max(later, f.committedBeforeMB)
	}
	var found *reducing
	take := func(run []fullGC) {
		if len(run) < reducingRun {
			return
		}
		// The run counts from its reducingRun-th full GC on, the heap before it at its most
		// from there, if what its full GCs left says the heap was pressed (reducingKeptShare).
		runTop, left := 0.0, make([]float64, len(run))
		for i, f := range run {
			runTop, left[i] = math.Max(runTop, f.BeforeMB), f.AfterMB
		}
		if median(left) < reducingKeptShare*runTop {
			return
		}
		if found == nil {
			found = &reducing{fromMS: run[0].TimeMS}
		}
		found.mb = math.Max(found.mb, runTop)
		found.count += len(run)
	}
	top, from := 0.0, -1
	for i, f := range p.fulls {
		if f.reducing && f.BeforeMB >= 0.7*top {
			if from < 0 {
				from = i
			}
		} else if from >= 0 {
			take(p.fulls[from:i])
			from = -1
		}
		top = math.Max(top, f.BeforeMB)
	}
	if from >= 0 {
		take(p.fulls[from:])
	}
	return found
}
