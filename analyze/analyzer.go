package analyze

import (
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
)

// Options tune an analysis.
type Options struct {
	// HeapLimitMB is the heap limit the user states (--heap-limit); nil to infer it.
	HeapLimitMB *float64
	// HeapLimitKind says which quantity HeapLimitMB is: LimitKindOldSpace (the default, what
	// --max-old-space-size sets) or LimitKindHeapSizeLimit (v8.getHeapStatistics()).
	HeapLimitKind string
	// Thresholds tune the verdicts and the prediction; nil means DefaultThresholds.
	Thresholds *Thresholds
}

// maxYoungSinceFull bounds the young GCs kept since the last full GC.
const maxYoungSinceFull = 256

// maxFullGCs bounds the full GCs kept for the trend; past it every other one is dropped,
// which thins the fit evenly and keeps the last point.
const maxFullGCs = 16384

type fullGC struct {
	GCPoint
	incrMS float64
	// youngBefore is the last young GC before this full GC since the one before it, when
	// there was one (TimeMS 0 when not): what it left less what this full GC left is
	// garbage the young GCs promoted in between.
	youngBefore GCPoint
	// allocatedMB is what the program had allocated by this full GC, as the GCs before it
	// show (proc.allocatedMB then): a clock of the work it did. A full GC a crash block's
	// ring puts before ones already read gets the total so far, later than its time: a
	// share read across it comes out 0, no share (keptShare).
	allocatedMB float64
}

// freedShare is the share of the heap this full GC freed; 0 where the line shows no heap
// before it.
func (f *fullGC) freedShare() float64 {
	if f.BeforeMB <= 0 {
		return 0
	}
	return (f.BeforeMB - f.AfterMB) / f.BeforeMB
}

// muSince is the program's share of the time from a full GC at prevMS to this one's end: what
// its pause and incremental marking leave (V8's current mu, marking counted); false when no
// time passed.
func (f *fullGC) muSince(prevMS float64) (float64, bool) {
	dt := f.TimeMS - prevMS
	if dt <= 0 {
		return 0, false
	}
	return math.Min(math.Max(1-(f.PauseMS+f.incrMS)/dt, 0), 1), true
}

// proc is the running state of one process and isolate.
type proc struct {
	key   parser.IsolateKey
	order int
	// run numbers the runs of one pid and isolate (1, 2, …) when the log holds several; 0
	// when it holds one.
	run int
	// startedAfter is set on a death no trace names when a process manager started a
	// process after it: it was the death of the process before, not of one traced later.
	startedAfter bool
	// stopped is a process manager's line saying it stopped this process (a signal asked
	// for, not a death), empty when none did.
	stopped string
	// exitCode is the code the process exited with, when the tool that ran it says (Exited).
	exitCode *int
	// firstLine is the line of the process's first GC in the log.
	firstLine int
	// lastSeq is the place of its last GC among the log's GCs; marks are times on its clock
	// with their places, one per markEveryMS at most (clockMark).
	lastSeq     int
	marks       []clockMark
	markEveryMS float64
	gcs         int
	full        int
	young       int
	first       *float64
	last        float64
	chart       *points
	fulls       []fullGC
	pauses      pauseLog
	// allocatedMB sums, over consecutive GCs, the growth from one GC's end to the next's
	// start: what the program allocated in between.
	allocatedMB float64
	prevAfter   float64 // the heap after the previous GC, when hasPrev
	hasPrev     bool
	prevTime    float64
	recent      []GCPoint // last GCs, for the crash block
	crash       *Crash
	// gcsAtCrash is how many GCs the process had when its crash was read. caughtErrs are the
	// uncaught-looking JavaScript errors the process went on after, by their message, and
	// caughtUntraced says they were printed where the log names no process, before the
	// trace that shows this one. crashQuoted says the log printed the process's GCs again
	// after its crash (an error object quoting its stderr).
	gcsAtCrash     int
	crashQuoted    bool
	caughtErrs     map[string]*caughtErr
	caughtUntraced bool
	verboseLimitMB *float64
	muPrinted      bool
	// paused and unpaused count the GC lines that printed their pause and those that did
	// not: cut short or abridged by hand, these say nothing of the time GC took or of the V8
	// that printed them.
	paused, unpaused int
	// era is what the trace's shape says about the V8 that printed it.
	era era
	// youngSinceFull are the young GCs since the last full GC (bounded; merged pairs keep the
	// smaller heap after): whether the heap kept growing after it, where V8 ran no full GC.
	youngSinceFull *points
	// lastYoung is the last young GC seen.
	lastYoung GCPoint
	// youngBeforeLast sums up the young GCs between the last two full GCs (nil when there
	// were none): what the heap held while no full GC weighed it.
	youngBeforeLast *youngStretch
	// keptNothing is keptNothingSince read once per report (in trend), nil when it does not hold.
	keptNothing *keptNothing
	// growth is the trend of the heap after full GCs, read once when the report is made.
	growth *growth
	// limit is the limit the process died against, read once per report (readLimit).
	limit limitReading
	// reducing is the run of memory-reducing full GCs the heap limit was read from (set by
	// heapLimit), nil when the limit came from elsewhere.
	reducing *reducing
	// workerLimit is set (by heapLimit) when the limit is one a worker thread announced under
	// `gcanalyze run`: its Worker's resourceLimits, not a flag of the process.
	workerLimit bool
	// snapshots are the heap snapshots Node wrote as this process's heap neared its limit
	// (set by the report from the analyzer's): each raised the limit.
	snapshots []nearLimitSnapshot
	// profiledAtMS is the time of the latest GC a heap snapshot asked for ("heap profiler"),
	// until the next GC; snapshotStill the longest stretch (ms) from such a GC to the next
	// one: the snapshot being written, the program not running.
	profiledAtMS  *float64
	snapshotStill [2]float64
	// report is the first diagnostic report of the process in the log.
	report *parser.Report
	// seen is set when the log shows the process by something other than its GCs or its
	// death: a diagnostic report, the heap it printed.
	seen bool
	// oomInvokedLine is the line where the kernel names this process as the one that invoked
	// its OOM killer (0 when it does not).
	oomInvokedLine int
	// mallocFailedLine is the first line where the system's allocator refused this process
	// memory outside V8's heap (0 when none).
	mallocFailedLine int
	// teardownMS is the time of the full GC that freed the heap as the process ended, left
	// out of the survivor series.
	teardownMS *float64
	// tl is the pause timeline, built once per report (finish clears it).
	tl *timeline
	// stalls indexes the young GCs the host held up, built on first use (stalledIn).
	stalls *stallIndex
	// levels are the levels the heap held before it died or now, by limit, read on first
	// use in a report (levelBeforeDeath).
	levels map[float64]levelReading
	// lingered is how the process spent its last part at its limit, read on first use in a
	// report (lingeredAtLimit); lingerRead says it was read.
	lingered   *linger
	lingerRead bool
}

// timeline returns the pause timeline of the process, built on first use in a report.
func (p *proc) timeline() timeline {
	if p.tl == nil {
		tl := newTimeline(p.pauses.list)
		p.tl = &tl
	}
	return *p.tl
}

// era is what the shape of the trace says about the V8 that printed it, for the model of
// where it dies (see limit.go and docs/heap-limit-model.md).
type era struct {
	// markCompact: full GCs are named Mark-Compact (V8 11+, Node 20+), not Mark-sweep.
	markCompact bool
	// pooled: the lines carry "pooled: N MB" (V8 12+, Node 22+).
	pooled bool
	// nvp: the GCs come from --trace-gc-nvp lines, which print no mutator utilization in
	// any era, so its absence says nothing of the V8 version.
	nvp bool
	// semiMB is the largest young-generation growth between two GCs before an allocation
	// failure scavenge: about the semi-space size, which sets the young generation's share.
	semiMB float64
	// codeLargeObjects: --trace-gc-verbose's table has a code large object space (V8 7.4+,
	// Node 12+), whose heap_size_limit reserves three semi-spaces for the young generation;
	// before it, two.
	codeLargeObjects bool
	// trustedSpace: the table has a trusted space (V8 12+, Node 22+), whose young
	// generation's reservation the table does not date: 48 MB up to Node 23, 192 MB in
	// Node 24 and 25, 96 MB in Node 26 (64-bit, 4 GB or more).
	trustedSpace bool
	// wideTable: the verbose table's footer reads "Total time spent in GC:" (Node 25+);
	// incrementalNamed: a full GC is named "Incremental Mark-Compact" (Node 26+).
	wideTable, incrementalNamed bool
	// withoutMu: a whole --trace-gc line, its reason printed, carries no mutator utilization:
	// V8 before 6.7 (Node 10.5 or older), which every later V8 prints on every line.
	withoutMu bool
}

// Analyzer accumulates events. It is not safe for concurrent use.
type Analyzer struct {
	opts  Options
	th    Thresholds
	procs map[parser.IsolateKey]*proc
	order []*proc
	// lastKey is the isolate of the latest GC; ringKey that of the latest crash-dump entry.
	lastKey, ringKey seenKey
	crashed          *proc // the process the latest fatal error was given to
	// otherLine is the line of the latest event that is neither a fatal error nor a crash
	// banner's marker: V8's banners printed one after another, nothing else between, are
	// one process's threads failing together.
	otherLine   int
	context     map[string]bool
	unknownSeen int
	// last is the process of the latest event; recent the processes of the events before it,
	// so that isolates printing in turn do not each cost a map lookup.
	last   *proc
	recent [4]*proc
	// frames are JS frames seen before a fatal error, for the crash that follows.
	frames []string
	// jestHeap is the heap jest --logHeapUsage printed after each test file, in MB.
	jestHeap []float64
	// snapshots are the heap snapshots Node wrote as a heap neared its limit.
	snapshots []nearLimitSnapshot
	// reportFiles are the diagnostic reports Node said it wrote to files of their own.
	reportFiles []reportFile
	// evidence is a trace of a death whose fatal line has not (yet) come.
	evidence *evidence
	// nativeFrames counts native stack frames since the last crash.
	nativeFrames int
	// binary is the Node version the path of node's binary in a native stack names
	// (nvm, n, volta, asdf, Homebrew, nix, an unpacked release), empty when none does.
	binary string
	// isolateFreeOOM is set when a native stack's OOM frames take no isolate
	// (FatalProcessOutOfMemory(char const*, bool)), as they do up to Node 9: a version whose
	// default limit, 1400 MB on 64-bit, does not depend on the machine.
	isolateFreeOOM bool
	// nativeScripts is set when the JavaScript stack names one of V8's own scripts ("native
	// array.js"): V8 ran parts of its built-ins as JavaScript up to Node 11, whose default limit
	// is also 1400 MB on 64-bit; no Node from 12 on prints such a frame (none of the corpus's
	// Node 12 and 13 logs with a JavaScript stack does).
	nativeScripts bool
	// wideAddress is set when a native frame's address needs more than 32 bits: a 64-bit
	// build.
	wideAddress bool
	// narrowHeapAddress is the first address of a JavaScript heap object a crash printed
	// ("Security context: 0x2407c315 <JS Object>") that fits in 32 bits, empty when none
	// did: a 64-bit V8 maps its heap above 4 GB, so with no wider address beside it, the
	// build is a 32-bit one (thirtyTwoBit).
	narrowHeapAddress string
	// lastFrameLine is the line of the latest JavaScript stack frame.
	lastFrameLine int
	// newBlock is set by a crash block's header until its first entry: a block of a log
	// without pids, after a crash, is another process's.
	newBlock bool
	// flags are the heap flags the log's command lines give; memory the heap samples the
	// program printed; reports the diagnostic reports.
	flags []lineFlag
	// line is the line of the event being added.
	line int
	// gcSeq counts the GCs read, in log order (clockMark).
	gcSeq int
	// announced are the processes `gcanalyze run` traced, by pid, as their main threads
	// described themselves; announcedWorkers their worker threads.
	announced        map[int64]*parser.Process
	announcedWorkers map[int64][]*parser.Process
	// prevGC and prevGCMS are the isolate and time of the GC line read last, and startedAfter
	// holds, for two isolates of one process whose GC lines followed one another, the least by
	// which the second's clock started after the first's (threadOrder).
	prevGC       *proc
	prevGCMS     float64
	startedAfter map[[2]*proc]float64
	// anchors are the preload's lines that say when they were printed on the process's clock,
	// by pid, each with the times of the GCs printed just before and after it (startBounds).
	anchors map[int64][]*anchor
	memory  []*parser.Memory
	reports []*parser.Report
}

// jestHeapSize reads jest --logHeapUsage's "PASS path/x.test.ts (6.8 s, 221 MB heap size)".
func jestHeapSize(line string) (float64, bool) {
	i := strings.Index(line, " MB heap size)")
	if i < 0 || !(strings.Contains(line, "PASS ") || strings.Contains(line, "FAIL ")) {
		return 0, false
	}
	j := i
	for j > 0 && (line[j-1] >= '0' && line[j-1] <= '9' || line[j-1] == '.') {
		j--
	}
	v, err := strconv.ParseFloat(line[j:i], 64)
	return v, err == nil && j < i
}

// New returns an empty Analyzer.
func New(opts Options) *Analyzer {
	a := &Analyzer{opts: opts, th: DefaultThresholds, procs: map[parser.IsolateKey]*proc{}, context: map[string]bool{},
		announced: map[int64]*parser.Process{}, announcedWorkers: map[int64][]*parser.Process{}, startedAfter: map[[2]*proc]float64{},
		anchors: map[int64][]*anchor{}}
	if opts.Thresholds != nil {
		a.th = *opts.Thresholds
	}
	return a
}

func (a *Analyzer) proc(k parser.IsolateKey) *proc {
	if k == (parser.IsolateKey{}) && a.lastKey.set {
		// Entries without prefix (Node ≤ 6 ring buffer) belong to the isolate printing them.
		k = a.lastKey.key
	}
	if a.last != nil && a.last.key == k {
		return a.last // consecutive events mostly come from one isolate
	}
	for i, q := range a.recent {
		if q != nil && q.key == k {
			a.recent[i], a.last = a.last, q
			return q
		}
	}
	p := a.procs[k]
	if p == nil {
		p = a.addProc(k)
	}
	a.setLast(p)
	return p
}

// addProc adds the first process of key k.
func (a *Analyzer) addProc(k parser.IsolateKey) *proc {
	p := &proc{key: k, order: len(a.order), chart: newPoints(maxChartPoints)}
	a.procs[k] = p
	a.order = append(a.order, p)
	return p
}

// setLast makes p the process of the latest event, keeping the one before it among the recent.
func (a *Analyzer) setLast(p *proc) {
	if a.last != nil && a.last != p {
		copy(a.recent[1:], a.recent[:len(a.recent)-1])
		a.recent[0] = a.last
	}
	a.last = p
}

// seenKey is an isolate key that may not have been seen yet.
type seenKey struct {
	key parser.IsolateKey
	set bool
}

// maxSamples bounds the heap flags and samples kept.
const maxSamples = 4096

// restartBackMS is how far V8's clock must go back within one pid and isolate, to under half
// of where it was, for the log to hold a new run: a container restarted with the same pid, or
// logs of several runs concatenated. Times are milliseconds since the isolate started, so a
// new run starts near zero; lines of one run never go back that far.
const restartBackMS = 200

// procAt returns the process of key k for an event at time t, starting a new run of it when
// the clock went back.
func (a *Analyzer) procAt(k parser.IsolateKey, t float64) *proc {
	p := a.proc(k)
	if !wentBack(p, t) {
		return p
	}
	return a.newRun(p)
}

// wentBack reports a time far enough behind the process's clock to start a new run.
func wentBack(p *proc, t float64) bool {
	return p.gcs > 0 && t < p.last/2 && p.last-t >= restartBackMS
}

// lineFlag is a heap flag a command line in the log gives, and the line it is on.
type lineFlag struct {
	*parser.HeapFlag
	line int
}

// Add feeds one event.
func (a *Analyzer) Add(ev parser.Event) {
	a.line = ev.Line
	if ev.Type != parser.TypeMarker && ev.Type != parser.TypeFatal {
		a.otherLine = ev.Line
	}
	switch ev.Type {
	case parser.TypeGC:
		a.addGC(ev.GC)
	case parser.TypeNVP:
		a.addNVP(ev.NVP)
	case parser.TypeHeapStats:
		hs := ev.HeapStats
		if p := a.proc(hs.Key()); hs.Space == "Memory allocator" && hs.UsedKB != nil && hs.AvailableKB != nil && p.verboseLimitMB == nil {
			// The first table's: the limit configured (V8 before 6.4 raised it as its
			// GCs took pages past it, 160 → 390 MB on Node 8).
			limit := (*hs.UsedKB + *hs.AvailableKB) / 1024
			p.verboseLimitMB = &limit
		}
		switch hs.Space {
		case "Code large object space":
			a.proc(hs.Key()).era.codeLargeObjects = true
		case "Trusted space":
			a.proc(hs.Key()).era.trustedSpace = true
		}
		if k := hs.Key(); k.PID != 0 {
			a.proc(k).seen = true // V8's own line about this process, if no GC of it shows
		}
	case parser.TypeFatal:
		a.addFatal(ev)
	case parser.TypeJSFrame:
		a.lastFrameLine = ev.EndLine
		f := ev.JSFrame
		name := f.Function
		if f.File != nil {
			name += " " + *f.File
			if f.Position != nil {
				name += ":" + strconv.FormatInt(*f.Position, 10)
			}
		}
		a.noteContext(name)
		if f.File != nil && strings.HasPrefix(*f.File, "native ") && strings.HasSuffix(*f.File, ".js") {
			a.nativeScripts = true
		}
		if strings.HasSuffix(f.Function, "Frame") && f.File == nil || strings.HasPrefix(f.Function, "arguments adaptor frame") {
			break // V8's own frames (ExitFrame, StubFrame, …) say nothing about the program
		}
		// Node ≤ 13 print the JS stack before FATAL ERROR, an uncaught RangeError after it.
		if a.crashed != nil && a.crashed.crash != nil && len(a.crashed.crash.TopFrames) < 5 {
			a.crashed.crash.TopFrames = append(a.crashed.crash.TopFrames, name)
		} else if a.crashed == nil && len(a.frames) < 5 {
			a.frames = append(a.frames, name)
		}
	case parser.TypeMarker:
		a.addMarker(ev)
	case parser.TypeNativeFrame:
		a.addNativeFrame(ev)
	case parser.TypeReport:
		a.addReport(ev)
	case parser.TypeV8Other:
		switch o := ev.Other; {
		case o.Name == parser.OtherNodeWarning && o.PID != nil:
			a.noteContext(o.Text)
			a.procOfPID(*o.PID).seen = true
		case o.Name == parser.OtherKernelTask && o.PID != nil:
			p := a.procOfPID(*o.PID)
			p.seen, p.oomInvokedLine = true, ev.Line
		case o.Name == parser.OtherMallocFailure && o.PID != nil:
			p := a.procOfPID(*o.PID)
			if !p.seen || p.mallocFailedLine == 0 {
				p.mallocFailedLine = ev.Line
			}
			p.seen = true
		case o.Name == parser.OtherVerboseFooter && o.PID != nil && strings.HasPrefix(o.Text, "Total time spent in GC:"):
			a.proc(o.Key()).era.wideTable = true // Node 25 and later print it so
		case o.PID != nil:
			a.proc(o.Key()).seen = true // V8's own line about this process, if no GC of it shows
		}
	case parser.TypeMemory:
		if len(a.memory) < maxSamples {
			a.memory = append(a.memory, ev.Memory)
		}
	case parser.TypeProcess:
		if pr := ev.Process; pr.PID != nil && pr.AtMS != nil && len(a.anchors[*pr.PID]) < maxSamples {
			a.addAnchor(*pr.PID, *pr.AtMS)
		}
		switch pr := ev.Process; {
		case pr.PID == nil:
		case pr.Worker && len(a.announcedWorkers[*pr.PID]) < maxSamples:
			a.announcedWorkers[*pr.PID] = append(a.announcedWorkers[*pr.PID], pr)
		case !pr.Worker && len(a.announced) < maxSamples:
			a.announced[*pr.PID] = pr
		}
	case parser.TypeHeapFlag:
		if len(a.flags) < maxSamples {
			a.flags = append(a.flags, lineFlag{ev.HeapFlag, ev.Line})
		}
	case parser.TypeUnknown:
		a.addUnknown(ev)
	}
}

// addUnknown reads what a line that is not V8's can still say: a process manager starting or
// stopping a process, the tool the program is, an OOM the system printed, jest's heap sizes.
func (a *Analyzer) addUnknown(ev parser.Event) {
	if startsProcess(ev.Unknown.Text) {
		a.processStarted()
	} else if stop, ok := stoppedBy(ev.Unknown.Text); ok {
		a.processStopped(stop)
	}
	if a.unknownSeen < 2000 { // the context of a log shows in its first lines and its crash
		a.unknownSeen++
		a.noteContext(ev.Unknown.Text)
		a.oomSymbolIn(ev.Unknown.Text, ev.Line)
		if mb, ok := jestHeapSize(ev.Unknown.Text); ok && len(a.jestHeap) < 10000 {
			a.jestHeap = append(a.jestHeap, mb)
		}
	}
}

// startsProcess reports whether a line is a process manager saying it started (or restarts)
// a process: Homebridge's supervisor ("Started Homebridge v1.5.0 with PID: 3958"), pm2 ("App
// [api:0] starting in -fork mode-"), nodemon, forever, systemd.
func startsProcess(s string) bool {
	if !strings.Contains(s, "tart") {
		return false // the common line, at the cost of one search
	}
	switch {
	case strings.Contains(s, "Started ") && (strings.Contains(s, " with PID: ") || strings.Contains(s, " with pid ")):
		return true
	case strings.Contains(s, " in -fork mode-") || strings.Contains(s, " in -cluster mode-"):
		return true
	case strings.Contains(s, "[nodemon] starting `") || strings.Contains(s, "[nodemon] restarting"):
		return true
	case strings.Contains(s, "Script restart attempt #") || strings.Contains(s, "Scheduled restart job"):
		return true
	}
	return false
}

// stoppedBy reads pm2's word that it stopped an app with a signal that asks a process to end
// ("App [api:0] exited with code [0] via signal [SIGINT]", before pm2 2: "App [api] with id
// [0] and pid [8817], exited with code [255] via signal [SIGINT]"): a process that ended, not
// one that died. It returns the words from "exited".
func stoppedBy(s string) (string, bool) {
	i := strings.Index(s, "exited with code [")
	if i < 0 || !strings.Contains(s[:i], "App [") {
		return "", false
	}
	rest := s[i:]
	for _, sig := range []string{"via signal [SIGINT]", "via signal [SIGTERM]", "via signal [SIGQUIT]"} {
		if strings.HasSuffix(strings.TrimSpace(rest), sig) {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// Exited records that the process pid exited with code, as the tool that ran it saw (gcanalyze
// run knows its command's end). Each of its isolates' latest run takes it: a report then says the
// process ended, and a time-to-OOM is what the trend would have reached had it gone on.
func (a *Analyzer) Exited(pid int64, code int) {
	latest := map[parser.IsolateKey]*proc{}
	for _, p := range a.order {
		if p.key.PID == pid {
			latest[p.key] = p
		}
	}
	for _, p := range latest {
		c := code
		p.exitCode = &c
	}
}

// processStopped records a process its manager stopped. It is the process printing last, when
// that one is still running; otherwise one the log shows nothing else of, whose run is over.
func (a *Analyzer) processStopped(how string) {
	if p := a.proc(parser.IsolateKey{}); p.crash == nil && p.stopped == "" && !p.startedAfter {
		p.stopped, p.seen = how, true
		return
	}
	p := a.procs[parser.IsolateKey{}]
	switch {
	case p == nil:
		p = a.addProc(parser.IsolateKey{})
	case p.gcs > 0 || p.crash != nil || p.stopped != "" || p.seen:
		p = a.newRun(p)
	}
	p.stopped, p.seen = how, true
}

// processStarted marks the deaths no trace names so far, and the stops, as those of processes
// before the one a process manager just started: a trace that comes later is another
// process's.
func (a *Analyzer) processStarted() {
	for _, p := range a.order {
		if p.key == (parser.IsolateKey{}) && p.gcs == 0 && (p.crash != nil || p.stopped != "") && !p.startedAfter {
			p.startedAfter = true
			if a.procs[p.key] == p {
				a.newRun(p)
			}
		}
	}
}

// contextMarks are tools whose names in a stack or in the application's output change the
// advice: each has its own way to raise the limit or to find a leak.
var contextMarks = []struct{ mark, name string }{
	{"jest", "jest"}, {"__tests__/", "jest"}, {"MB heap size)", "jest"}, {"webpack", "webpack"}, {"terser", "webpack"}, {"typescript", "tsc"},
	{"tsc.js", "tsc"}, {"fork-ts-checker", "tsc"}, {"@angular", "angular"}, {"ng build", "angular"},
	{"Angular", "angular"}, {"next/dist", "next"}, {"next build", "next"}, {"next dev", "next"},
	{"worker_threads", "worker"}, {"node::worker::", "worker"}, {"ERR_WORKER_OUT_OF_MEMORY", "worker"},
	{"vite", "vite"}, {"rollup", "rollup"}, {"esbuild", "esbuild"}, {"babel", "babel"},
	{"gatsby", "gatsby"}, {"nuxt", "nuxt"}, {"mocha", "mocha"}, {"Electron", "electron"},
	{"electron", "electron"}, {"MaxListenersExceededWarning", "listener-leak"},
	// Deno: its commands, its extension modules in JS stacks, its binary in native stacks
	// (Linux "…/deno(+0x…)", "<???> at /usr/local/bin/deno"); not a bare "deno", which a path
	// or a package name of a Node program may hold.
	{"deno run ", "deno"}, {"deno task ", "deno"}, {"deno test ", "deno"}, {"ext:deno_", "deno"},
	{"/deno(+0x", "deno"}, {"/bin/deno", "deno"}, {"\\deno.exe", "deno"},
}

func (a *Analyzer) noteContext(s string) {
	for _, c := range contextMarks {
		if strings.Contains(s, c.mark) {
			a.context[c.name] = true
		}
	}
}

func (a *Analyzer) addGC(g *parser.GC) {
	if g.TimeMS == nil {
		return // a fragment of a ring-buffer entry: no time, nothing to place
	}
	// The crash dump that follows belongs to the isolate whose entries it shows, repeats
	// included.
	k := g.Key()
	if k != (parser.IsolateKey{}) {
		a.lastKey = seenKey{k, true}
		if g.InCrashDump {
			a.ringKey = a.lastKey
		}
	} else if g.InCrashDump && a.lastKey.set {
		a.ringKey = a.lastKey
	}
	if g.Repeat || g.Kind == nil || g.HeapBeforeMB == nil || g.HeapAfterMB == nil {
		return // repeats are counted once, live
	}
	if k == (parser.IsolateKey{}) && a.lastKey.set && wentBack(a.proc(k), *g.TimeMS) {
		// A GC line without its prefix in a log whose lines carry one, its clock far behind
		// the process's: the tail of a line the program's output was spliced into
		// ("[25670:0x…]    485" + "48.5s wave #12 …", then "39 ms: Scavenge …" on the next
		// line, at 48539 ms), not a new run. Its time is not the process's; it is left out.
		return
	}
	p := a.proc(k)
	if p.crash != nil && *g.TimeMS <= p.last && p.seenRecently(*g.TimeMS, *g.HeapBeforeMB, *g.HeapAfterMB, g.IsFull(), 8) {
		// One of the last GCs of a process that died, again (an error object quoting the
		// child's stderr as a string, crash block included): asked before the clock's going
		// back starts a new run (procAt), as a copy goes back to where it was printed. A log
		// of runs concatenated starts again from a run's first GCs.
		p.crashQuoted = true
		return
	}
	if wentBack(p, *g.TimeMS) {
		p = a.newRun(p)
	}
	if *g.TimeMS <= p.last && p.gcs > 0 && p.seenRecently(*g.TimeMS, *g.HeapBeforeMB, *g.HeapAfterMB, g.IsFull(), len(p.recent)) {
		// The same GC again — its time and heap to the tenth of a MB: the log printed it
		// twice (a build tool's error summary quoting the crash block it streamed before),
		// which the parser's repeat rule, made for the crash dump's copy of live lines, does
		// not catch.
		return
	}
	if g.InCrashDump && a.newBlock {
		a.newBlock = false
		if k == (parser.IsolateKey{}) && !a.lastKey.set && p.crash != nil {
			p = a.newRun(p) // another crash block, without pids: another process
		}
	}
	pt := GCPoint{
		TimeMS: *g.TimeMS, Full: g.IsFull(), BeforeMB: *g.HeapBeforeMB, AfterMB: *g.HeapAfterMB,
		InCrashDump: g.InCrashDump,
	}
	if g.MuCurrent != nil {
		pt.muCur, pt.hasCur = *g.MuCurrent, true
		p.muPrinted = true
	}
	if g.MuAverage != nil {
		pt.muAvg, pt.hasAvg = *g.MuAverage, true
	}
	if g.MuCurrent == nil && g.MuAverage == nil && g.Reason != nil && !g.Truncated {
		p.era.withoutMu = true
	}
	if g.PooledMB != nil {
		p.era.pooled = true
	}
	if g.Collector != nil {
		pt.Collector = *g.Collector
		if strings.HasPrefix(pt.Collector, "Mark-Compact") {
			p.era.markCompact = true
		}
		if pt.Collector == "Incremental Mark-Compact" {
			p.era.incrementalNamed = true
		}
		if len(g.Qualifiers) > 0 {
			pt.Collector += " (" + strings.Join(g.Qualifiers, ") (") + ")"
		}
	}
	if g.CommittedAfterMB != nil {
		pt.CommittedMB = *g.CommittedAfterMB
	}
	if g.CommittedBeforeMB != nil {
		pt.committedBeforeMB = *g.CommittedBeforeMB
	}
	p.notePause(&pt, g.PauseMS)
	if g.Reason != nil {
		pt.Reason = *g.Reason
	}
	pt.oldSpaceFull = g.Comment != nil && *g.Comment == "scavenge might not succeed" && g.IsFull()
	pt.reducing = pt.Full && slices.Contains(g.Qualifiers, "reduce") && allocationReasons[strings.TrimSpace(pt.Reason)]
	var incr float64
	if g.Incremental != nil && g.Incremental.MarkingMS != nil {
		incr = *g.Incremental.MarkingMS
	}
	var wall float64
	if g.Incremental != nil && g.Incremental.WalltimeMS != nil {
		wall = *g.Incremental.WalltimeMS
	}
	if p.gcs == 0 {
		p.firstLine = a.line
	}
	p.addPoint(&pt, incr, wall)
	a.clockMark(p, pt.TimeMS)
	a.startOrder(p, pt)
}

// startOrder notes, for a GC of p printed right after one of another isolate of its process,
// how much later p's clock started at least: V8 prints a GC's line as it ends, both isolates'
// lines go through one stdout, and each line's time is its isolate's clock since it started,
// so the earlier line's time less this one's is a lower bound on the gap (threadOrder).
func (a *Analyzer) startOrder(p *proc, pt GCPoint) {
	if q := a.prevGC; q != nil && q != p && q.key.PID == p.key.PID && p.key.PID != 0 && !pt.InCrashDump {
		k := [2]*proc{q, p}
		if gap, ok := a.startedAfter[k]; ok && a.prevGCMS-pt.TimeMS > gap || !ok && len(a.startedAfter) < maxSamples {
			a.startedAfter[k] = a.prevGCMS - pt.TimeMS
		}
	}
	a.prevGC, a.prevGCMS = p, pt.TimeMS
	if pt.InCrashDump {
		a.prevGC = nil
		return
	}
	if len(a.anchors) == 0 {
		return // no preload line says when it was printed: the common case, kept cheap
	}
	for _, an := range a.anchors[p.key.PID] {
		if _, ok := an.after[p]; !ok {
			// The line may give the GC's start: it ended, and printed, a pause later.
			an.after[p] = pt.TimeMS + pt.PauseMS
		}
	}
}

// anchor is a line the preload printed at atMS on its process's clock, with the time of each
// isolate's last GC printed before it and of its first GC printed after it, on the isolate's
// own clock.
type anchor struct {
	atMS          float64
	before, after map[*proc]float64
}

// addAnchor notes a preload line of pid printed at atMS.
func (a *Analyzer) addAnchor(pid int64, atMS float64) {
	an := &anchor{atMS: atMS, before: map[*proc]float64{}, after: map[*proc]float64{}}
	for _, q := range a.order {
		if q.key.PID == pid && q.gcs > 0 {
			an.before[q] = q.last
		}
	}
	a.anchors[pid] = append(a.anchors[pid], an)
}

// startBounds is when, on its process's clock, p's isolate started, as the preload's lines
// printed among its GCs bound it: a GC printed before such a line at t on the isolate's clock
// puts the start at or before the line's time less t, one that ended after it at t at or
// after that.
// One side may be open (infinite): an isolate whose every GC came after the preload's lines
// is bounded from below only. ok is false when no line bounds it at all.
func (a *Analyzer) startBounds(p *proc) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(-1), math.Inf(1)
	for _, an := range a.anchors[p.key.PID] {
		if t, ok := an.before[p]; ok {
			hi = math.Min(hi, an.atMS-t)
		}
		if t, ok := an.after[p]; ok {
			lo = math.Max(lo, an.atMS-t)
		}
	}
	return lo, hi, !math.IsInf(lo, 0) || !math.IsInf(hi, 0)
}

// threadStartGapMS is how much later an isolate's clock must be shown to have started than
// another's for it to be read as a thread the first one started: GC lines print whole
// milliseconds, and a Worker takes tens of milliseconds to start.
const threadStartGapMS = 5

// threadOrder tells whether p's isolate started before every other isolate of its process
// that printed GCs (1: its main thread), after one of them (-1: a worker), or the log's
// clocks do not show (0).
func (a *Analyzer) threadOrder(p *proc) int {
	first, others := true, 0
	for _, q := range a.order {
		if q == p || q.key.PID != p.key.PID || q.gcs == 0 {
			continue
		}
		others++
		if a.startedAfter[[2]*proc{q, p}] >= threadStartGapMS {
			return -1
		}
		if a.startedAfter[[2]*proc{p, q}] < threadStartGapMS {
			first = false
		}
	}
	if others > 0 && first {
		return 1
	}
	return a.threadByStart(p)
}

// isolateLeadMS is how long before its thread's Node environment an isolate may start: V8
// sets the isolate up first (a worker's on Node 20 started 0-14 ms before its environment, by
// the GCs printed around its preload's line). roundingMS allows for GC lines printing whole
// milliseconds.
const (
	isolateLeadMS = 30
	roundingMS    = 2
)

// threadByStart places p's isolate by when it started (startBounds) against when the preload
// says each thread of its process started: the main thread (1) when only the main thread's
// start lies within the bounds, a worker (-1) when only workers' do, 0 otherwise. It places
// the one isolate that prints GCs of a process whose main thread runs none (a program that
// hands its work to a worker and waits).
func (a *Analyzer) threadByStart(p *proc) int {
	main := a.announced[p.key.PID]
	if main == nil || main.StartedMS == nil {
		return 0
	}
	lo, hi, ok := a.startBounds(p)
	if !ok {
		return 0
	}
	// A thread whose environment was made at env started its isolate within isolateLeadMS
	// before it: placed there if that stretch meets the bounds. A bound open on one side
	// places it only where a single thread's start meets the other (an idle main thread's
	// worker whose GCs all came after the preload's lines, on a loaded machine: started at
	// least 300 ms in, where only the worker's environment was made).
	within := func(env float64) bool { return env+roundingMS >= lo && env-isolateLeadMS-roundingMS <= hi }
	worker := false
	for _, w := range a.announcedWorkers[p.key.PID] {
		if w.StartedMS != nil && within(*w.StartedMS) {
			worker = true
		}
	}
	switch isMain := within(*main.StartedMS); {
	case isMain && !worker:
		return 1
	case worker && !isMain:
		return -1
	}
	return 0
}

// clockMark notes a GC of p at time t (p's clock) in p's marks, one per quarter second of its
// clock, with the GC's place among all GCs of the log: enough to tell, at the end, how long
// p's clock ran after another isolate's last GC (quietAfter), in constant time per GC.
func (a *Analyzer) clockMark(p *proc, t float64) {
	a.gcSeq++
	p.lastSeq = a.gcSeq
	if n := len(p.marks); n > 0 && t-p.marks[n-1].t < p.markEveryMS {
		return
	}
	if p.markEveryMS == 0 {
		p.markEveryMS = 250
	}
	if len(p.marks) == maxClockMarks {
		// Every other mark, twice as far apart: a bounded record of any length of log.
		for i := range len(p.marks) / 2 {
			p.marks[i] = p.marks[2*i]
		}
		p.marks = p.marks[:len(p.marks)/2]
		p.markEveryMS *= 2
	}
	p.marks = append(p.marks, clockMark{seq: a.gcSeq, t: t})
}

// maxClockMarks bounds a process's clock marks.
const maxClockMarks = 1024

// clockMark is a time on an isolate's clock and the place of its GC among the log's GCs.
type clockMark struct {
	seq int
	t   float64
}

func (a *Analyzer) addNVP(n *parser.NVP) {
	if n.TimeMS == nil || n.Kind == nil || n.HeapBeforeMB == nil || n.HeapAfterMB == nil {
		return
	}
	k := n.Key()
	p := a.procAt(k, *n.TimeMS)
	p.era.nvp = true
	a.lastKey = seenKey{k, true}
	pt := GCPoint{TimeMS: *n.TimeMS, Full: *n.Kind == parser.KindFull, BeforeMB: *n.HeapBeforeMB, AfterMB: *n.HeapAfterMB}
	if n.Collector != nil {
		pt.Collector = *n.Collector
	}
	p.notePause(&pt, n.PauseMS)
	if v, ok := n.Numbers["end_memory_size"]; ok {
		pt.CommittedMB = v / (1 << 20)
	} else if v, ok := n.Numbers["total_size_after"]; ok && n.Numbers["holes_size_after"] >= 0 {
		pt.CommittedMB = v/(1<<20) + n.Numbers["holes_size_after"]/(1<<20)
	}
	if s, ok := n.Strings["reason"]; ok {
		pt.Reason = s
	}
	var incr float64
	for _, key := range []string{"incremental", "incremental.steps_took", "steps_took"} {
		if v, ok := n.Numbers[key]; ok && pt.Full {
			incr = v
			break
		}
	}
	if p.gcs == 0 {
		p.firstLine = a.line
	}
	p.addPoint(&pt, incr, 0)
	a.clockMark(p, pt.TimeMS)
}

// plausible bounds a GC's numbers: a log can carry anything, and a size of 1e300 MB would
// turn sums and fits into infinities.
func plausible(pt *GCPoint, incrMS float64) bool {
	ok := func(v, lo, hi float64) bool { return v >= lo && v <= hi }
	return ok(pt.TimeMS, -1e15, 1e15) && ok(pt.BeforeMB, 0, 1e9) && ok(pt.AfterMB, 0, 1e9) &&
		ok(pt.CommittedMB, 0, 1e9) && ok(pt.PauseMS, 0, 1e9) && ok(incrMS, 0, 1e9)
}

func (p *proc) addPoint(pt *GCPoint, incrMS, wallMS float64) {
	if !plausible(pt, incrMS) || !(wallMS >= 0 && wallMS <= 1e9) {
		return
	}
	p.gcs++
	if p.first == nil || pt.TimeMS < *p.first {
		t := pt.TimeMS
		p.first = &t
	}
	if p.profiledAtMS != nil && pt.TimeMS > *p.profiledAtMS && !strings.HasPrefix(pt.Reason, "heap profiler") {
		// The first GC after a heap snapshot's: the snapshot was written in between.
		if gap := pt.TimeMS - *p.profiledAtMS; gap > p.snapshotStill[1]-p.snapshotStill[0] {
			p.snapshotStill = [2]float64{*p.profiledAtMS, pt.TimeMS}
		}
		p.profiledAtMS = nil
	}
	if strings.HasPrefix(pt.Reason, "heap profiler") {
		t := pt.TimeMS
		p.profiledAtMS = &t
	}
	if pt.TimeMS > p.last {
		p.last = pt.TimeMS
	}
	at := -1 // where a full GC went in p.fulls
	if pt.Full {
		p.full++
		if len(p.fulls) >= maxFullGCs {
			p.thinFulls()
		}
		// In time order: a crash block's ring repeats the live trace's last lines, and may hold
		// one the paste cut from the trace, earlier than those.
		at = len(p.fulls)
		for at > 0 && p.fulls[at-1].TimeMS > pt.TimeMS {
			at--
		}
		p.fulls = slices.Insert(p.fulls, at, fullGC{GCPoint: *pt, incrMS: incrMS})
		if at == len(p.fulls)-1 {
			p.youngBeforeLast = stretchOf(p.youngSinceFull)
			if p.youngSinceFull != nil {
				p.fulls[at].youngBefore = p.lastYoung
			}
		}
		p.youngSinceFull = nil
	} else {
		p.young++
		if p.youngSinceFull == nil {
			p.youngSinceFull = newPoints(maxYoungSinceFull)
		}
		p.youngSinceFull.add(pt)
		p.lastYoung = *pt
		// NVP lines carry no reason: their young GCs are read as allocation failures, the
		// kind nearly all of them are.
		if p.hasPrev && (strings.HasPrefix(pt.Reason, "allocation failure") || pt.Reason == "" && p.era.nvp) && pt.TimeMS >= p.prevTime {
			p.era.semiMB = math.Max(p.era.semiMB, pt.BeforeMB-p.prevAfter)
		}
	}
	if p.hasPrev && pt.TimeMS >= p.prevTime && pt.BeforeMB > p.prevAfter {
		p.allocatedMB += pt.BeforeMB - p.prevAfter
	}
	if at >= 0 {
		p.fulls[at].allocatedMB = p.allocatedMB
	}
	p.prevAfter, p.prevTime, p.hasPrev = pt.AfterMB, pt.TimeMS, true
	p.chart.add(pt)
	p.pauses.add(pause{t: pt.TimeMS, ms: pt.PauseMS + incrMS, full: pt.Full, atom: pt.PauseMS, wall: wallMS, unprinted: pt.noPause})
	if len(p.recent) == 64 { // keep the last 8, without allocating or moving them on every GC
		p.recent = p.recent[:copy(p.recent, p.recent[56:])]
	}
	p.recent = append(p.recent, *pt)
}

// seenRecently reports a GC with this time, heap before and after, and kind among the last
// (at most) of the process's recent GCs.
func (p *proc) seenRecently(timeMS, beforeMB, afterMB float64, full bool, last int) bool {
	for i := len(p.recent) - 1; i >= max(0, len(p.recent)-last); i-- {
		g := &p.recent[i]
		if g.TimeMS == timeMS && g.BeforeMB == beforeMB && g.AfterMB == afterMB && g.Full == full {
			return true
		}
	}
	return false
}

func (p *proc) thinFulls() {
	out := p.fulls[:0]
	for i := 0; i < len(p.fulls); i += 2 {
		out = append(out, p.fulls[i])
	}
	p.fulls = out
}

// workerThatDied picks the isolate a worker's ERR_WORKER_OUT_OF_MEMORY belongs to: the one
// whose heap was largest at its last GC, since resource limits stop a worker when its heap
// reaches them. The main thread is not left out by its place in the log: a worker may print
// its first GC before the main thread does.
func (a *Analyzer) workerThatDied() *proc {
	var best *proc
	var bestMB float64
	for _, p := range a.order {
		if p.crash != nil || len(p.recent) == 0 {
			continue
		}
		if mb := p.recent[len(p.recent)-1].BeforeMB; best == nil || mb > bestMB {
			best, bestMB = p, mb
		}
	}
	if best == nil {
		return a.proc(parser.IsolateKey{})
	}
	return best
}

// FromReader parses r and analyses its events. It returns a *parser.NotV8Error (with the
// report) when the input holds nothing of V8's, and the read error when r fails. A large input
// is parsed on all cores (parser.ParseParallel) while the events are analysed in order.
func FromReader(r io.Reader, source string, opts Options) (*Report, error) {
	a := New(opts)
	var sniff parser.Sniffer
	stats, err := parser.ParseParallel(r, 0, func(evs []parser.Event) {
		for i := range evs {
			sniff.Observe(&evs[i])
			a.Add(evs[i])
		}
	})
	rep := a.Report(source, stats)
	if err != nil {
		return rep, err
	}
	if len(rep.Processes) > 0 {
		// No GC line, but what the log shows of a process (its death, the kernel's word on
		// it, the heap it printed) is worth a report.
		return rep, nil
	}
	return rep, sniff.Err(stats)
}

// notePause sets a GC's pause as printed (nil: not printed) and counts it.
func (p *proc) notePause(pt *GCPoint, pause *float64) {
	if pause == nil {
		pt.noPause = true
		p.unpaused++
		return
	}
	pt.PauseMS = *pause
	p.paused++
}

// pausesKnown reports whether the process's GC lines printed enough of their pauses (four in
// five or more) for the time GC took to be read from them: a blog's abridged lines, one of
// five with its pause, made 10% of the time from that one.
func (p *proc) pausesKnown() bool {
	return p.paused > 0 && 5*p.unpaused <= p.paused+p.unpaused
}
