package analyze

// This file reads what a log tells of a process's death and its heap besides the GC trace: the
// fatal lines of V8, Node and the others who report a death (the kernel, a shell, a container);
// a crash seen only by its traces (a crash block, the out-of-memory frames of a stack) when the
// fatal message is not in the paste; Node's diagnostic reports; the heap samples a program
// printed; and the heap flags on the command lines a log echoes.

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
)

// v8Kinds are the fatal kinds V8 and Node name themselves: when one of these and a death told
// by others (a shell's Aborted, npm's exit code) meet for one process, V8's says what died.
func v8Kind(k parser.FatalKind) bool {
	return k != parser.FatalSystemOOM && k != parser.FatalUnknown
}

// inCodeSpan reports a fatal message that is the process's own with a backtick in it: the
// message quoted in a Markdown code span (an issue's "the error is `FATAL ERROR: …` again"
// below the paste; "`Fatal JavaScript out of memory: Ineffective mark-compacts near heap
// limit`" in a blockquote above it, the backtick landing between the location and the message
// the crash joins), which V8 never prints.
func inCodeSpan(own, quoted string) bool {
	if !strings.Contains(quoted, "`") {
		return false
	}
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return strings.HasPrefix(words(strings.ReplaceAll(quoted, "`", " ")), words(own))
}

// sameMessage reports whether two fatal messages are one, the shorter maybe cut short by a
// paste.
func sameMessage(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a)
}

// announcedLines is how far before a process's first GC line V8's own fatal line may stand
// and still announce the crash block Node prints after it: the line, a blank line, the
// block's header, a blank line (a Nuxt build on Node 8 printed its FATAL line so, then the
// block, then the FATAL line again).
const announcedLines = 4

// adjacentFatalLines is how close two different fatal lines must be to be one death: V8 prints
// a second one when another thread fails in the same moment.
const adjacentFatalLines = 2

// addFatal gives a fatal error to the process that died, and decides when it is another
// process's death: a fatal message repeated (the same crash of another process: pm2 workers, a
// service restarted), or a second fatal line apart from the first, is another process.
func (a *Analyzer) addFatal(ev parser.Event) {
	f := ev.Fatal
	if f.Echo {
		return // the line before it, printed again by a logger
	}
	p := a.dyingProc(f)
	unnamed := f.PID == nil && len(f.NamedPIDs) == 0 && f.Kind != parser.FatalWorkerOOM
	a.ringKey = seenKey{}
	c := newCrash(f, ev.Line)
	if e := a.evidence; e != nil && c.Kind == parser.FatalUnknown {
		c.HeapOOM = c.HeapOOM || e.heapOOM // an abort after a crash block: V8's heap ran out
	}
	a.evidence = nil // the fatal message says what the traces before it could only suggest
	c.afterStack = a.nativeFrames > 0
	a.nativeFrames = 0
	if d := a.crashed; unnamed && f.PrintedBy == "v8" && d != nil && d.crash != nil && d.crash.PrintedBy == "v8" && a.otherLine < d.crash.Line {
		// V8's banners one after another, only their "#" lines between ("Fatal process OOM
		// in CodeRange setup", "Check failed", "… in New space setup"): threads failing in
		// the same moment, the first the cause.
		return
	}
	if old := p.crash; old != nil && old.PrintedBy == "js" && c.PrintedBy == "js" && p.gcs > 0 && !a.printedAgain(old, c, ev.Line) {
		// A process prints an uncaught error once, as it dies: one whose GCs the log traces
		// and which prints another went on after the first, and caught it (a renderer that
		// logs "render failed: RangeError: …" at each bad input, of three kinds in turn).
		a.catch(p, old)
	}
	if ce := p.caughtErrs[c.Fatal]; ce != nil && p.crash == nil && c.PrintedBy == "js" {
		ce.prints++
		return // an error the process is known to catch, logged again
	}
	if old := p.crash; old != nil {
		switch {
		case c.PrintedBy == "electron" && old.PrintedBy == "electron":
			p = a.newRun(p) // a renderer gone again, for whatever reason, is another renderer
		case !v8Kind(old.Kind) && v8Kind(c.Kind):
			// V8's own message names the death a shell or a package manager only reported.
			c.HeapOOM = c.HeapOOM || old.HeapOOM
		case old.PrintedBy == "js" && c.PrintedBy == "v8" && ev.Line-a.lastFrameLine <= 3 && ev.Line-old.Line <= sameErrorLines:
			// V8's fatal banner right after an uncaught error's stack (Deno aborting on an
			// error a worker did not catch): one death, which V8's message names.
		case c.PrintedBy == "js" && old.PrintedBy == "js" && a.printedAgain(old, c, ev.Line):
			// One uncaught error printed twice (a supervisor's "Uncaught Exception:", then
			// Node's), the second right after the first's stack; with other lines between
			// ("crash again"), the same error is another death. Printed a third time in a
			// row, it is no death at all: Node prints an uncaught error once, a supervisor
			// quotes it once more; a process that prints it again went on, and caught it (an
			// Express handler logging "Error fetching testimonials: RangeError: Invalid string
			// length" at each request, hours before the process died of its heap).
			if old.prints = max(old.prints, 1) + 1; old.prints >= caughtPrints && p.gcs == p.gcsAtCrash {
				a.catch(p, old)
			}
			return
		case c.Kind == parser.FatalWorkerOOM && old.Kind == parser.FatalWorkerOOM && c.Fatal == old.Fatal &&
			ev.Line-old.Line <= sameErrorLines && p.gcs == 0:
			// A worker's death quoted again by the error's reporter (a build tool's error
			// summary gives the message, the code frame and the stack, each with the text).
			// Workers traced by their GCs die each in its own isolate, never here.
			return
		case !v8Kind(c.Kind) && c.PrintedBy == "shell" && old.PrintedBy == "shell" && c.Fatal == old.Fatal:
			// A shell reports each job it saw killed once: a second "Killed" is another death.
			p = a.newRun(p)
		case !v8Kind(c.Kind) && (c.Fatal != old.Fatal || c.PrintedBy != "electron"):
			// npm, the shell and the platform all report the one death, each in its words
			// and some twice (npm's errno and exit status); a renderer gone again is another.
			if c.Kind == parser.FatalUnknown && old.Kind == parser.FatalUnknown {
				old.HeapOOM = old.HeapOOM || c.HeapOOM
			}
			return
		case v8Kind(c.Kind) && !sameMessage(old.Fatal, c.Fatal) && ev.Line-old.Line <= adjacentFatalLines:
			a.crashed = p
			return // two threads failing in the same moment: the first is the cause
		case v8Kind(c.Kind) && sameMessage(old.Fatal, c.Fatal) && p.gcs > 0 && p.gcs == p.gcsAtCrash && (ev.Line-old.Line <= sameErrorLines || p.crashQuoted || inCodeSpan(old.Fatal, c.Fatal)):
			// The same V8 message again, near or after the process's GC lines printed again,
			// for a process whose GCs the log traces, and not one new GC since: one death
			// printed twice (a logger that flushed the line again, a build tool's summary
			// quoting the crash block, an error object quoting the child's stderr), not a
			// second death. Fatal lines alone, one per restart of a service, stay deaths.
			return
		case unnamed && p.key.PID != 0 && p.gcs == p.gcsAtCrash:
			// A death that names no process, after the process printing last had died and
			// printed no GC since: another process the log does not name (a README's next
			// test program, its crash block empty), not a second run of that one.
			p = a.unnamedDeath()
		default:
			p = a.newRun(p)
		}
	}
	if p.gcs > 0 {
		t := p.last
		c.TimeMS = &t
	}
	c.LastGCs = p.lastGCs()
	if old := p.crash; old != nil && len(old.TopFrames) > 0 {
		c.TopFrames = old.TopFrames
	} else {
		c.TopFrames = append([]string(nil), a.frames...)
	}
	a.frames = a.frames[:0]
	p.crash, p.gcsAtCrash = c, p.gcs
	a.crashed = p
}

// printedAgain reports c, an uncaught-looking JavaScript error at line, as old printed again
// right after its stack: one error a supervisor quotes, or a program logs in a loop.
func (a *Analyzer) printedAgain(old, c *Crash, line int) bool {
	return c.Fatal == old.Fatal && line-old.Line <= sameErrorLines && (line-old.Line <= 2 || line-a.lastFrameLine <= 2)
}

// caughtErr is an error a process caught and logged: how many times, its kind, the line it
// was first printed on and how many GCs the process had then.
type caughtErr struct {
	prints, line, gcsAt int
	kind                parser.FatalKind
}

// catch records c, the process's crash so far, as an error it caught and logged: it is no
// longer its death, and later prints of it are not either.
func (p *proc) catch(c *Crash) {
	if p.caughtErrs == nil {
		p.caughtErrs = map[string]*caughtErr{}
	}
	if ce := p.caughtErrs[c.Fatal]; ce != nil {
		ce.prints += max(c.prints, 1)
	} else {
		p.caughtErrs[c.Fatal] = &caughtErr{prints: max(c.prints, 1), line: c.Line, gcsAt: p.gcsAtCrash, kind: c.Kind}
	}
	if p.crash == c {
		p.crash = nil
	}
}

// catch is proc.catch for a process read as dead so far: it is dead no longer.
func (a *Analyzer) catch(p *proc, c *Crash) {
	p.catch(c)
	if a.crashed == p {
		a.crashed = nil
	}
}

// caughtPrints is how many times in a row the same uncaught-looking JavaScript error must be
// printed for the process to be read as having caught it.
const caughtPrints = 3

// sameErrorLines is how near a second report of the same uncaught JavaScript error must come
// to be the same death printed again: a stack's length.
const sameErrorLines = 40

// newCrash is the crash a fatal line reports.
func newCrash(f *parser.Fatal, line int) *Crash {
	var parts []string
	for _, s := range []*string{f.Location, f.Message} {
		if s != nil && *s != "" {
			parts = append(parts, *s)
		}
	}
	return &Crash{Kind: f.Kind, Fatal: strings.Join(parts, " "), HeapOOM: f.HeapOOM, Line: line, PrintedBy: f.PrintedBy}
}

// dyingProc finds the process a fatal line is about: the one whose pid a kill names, the
// worker that reached its limit, the isolate whose crash block came before, else the one
// printing last.
func (a *Analyzer) dyingProc(f *parser.Fatal) *proc {
	switch {
	case f.Kind == parser.FatalWorkerOOM:
		return a.workerThatDied()
	case f.PID != nil:
		return a.procOfPID(*f.PID)
	case a.tracedNamed(f.NamedPIDs) != nil:
		return a.tracedNamed(f.NamedPIDs)
	case a.ringKey.set:
		return a.proc(a.ringKey.key)
	case a.lastKey.set:
		return a.proc(a.lastKey.key)
	case len(a.order) == 1:
		return a.order[0] // the one process the log shows (by a warning, a report)
	}
	return a.proc(parser.IsolateKey{})
}

// procOfPID is the process with this pid: its main isolate when the trace shows it, the one
// process a log without pids holds, else a new process known only by its pid.
func (a *Analyzer) procOfPID(pid int64) *proc {
	for _, p := range a.order {
		if p.key.PID == pid {
			return a.procs[p.key]
		}
	}
	if len(a.order) == 1 && a.order[0].key.PID == 0 && a.order[0].crash == nil {
		return a.order[0]
	}
	return a.proc(parser.IsolateKey{PID: pid})
}

// unnamedDeath is the process a death that names none is given, once the process printing
// last is already dead: the log's unnamed process while it has shown nothing, else another.
func (a *Analyzer) unnamedDeath() *proc {
	q := a.procs[parser.IsolateKey{}] // not a.proc, which gives keyless lines to the last key
	switch {
	case q == nil:
		q = a.addProc(parser.IsolateKey{})
	case q.gcs > 0 || q.crash != nil || q.stopped != "":
		q = a.newRun(q)
	}
	return q
}

// newRun starts another process of the same key: a new run of it, or, without a pid, another
// process the log does not tell apart by name.
func (a *Analyzer) newRun(p *proc) *proc {
	if p.run == 0 {
		p.run = 1
	}
	q := &proc{key: p.key, order: len(a.order), chart: newPoints(maxChartPoints), run: p.run + 1}
	a.procs[p.key] = q
	a.order = append(a.order, q)
	a.setLast(q)
	for i, r := range a.recent {
		if r == p {
			a.recent[i] = nil // the earlier run's events are over
		}
	}
	return q
}

// oomFrames are symbols only V8's and its embedders' out-of-memory path has on a stack: where
// they show, the process died of memory even when its fatal message is not in the paste.
var oomFrames = []string{
	"FatalProcessOutOfMemory", "ReportOOMFailure", "OOMErrorHandler", "V8OOMErrorCallback",
	"ReportV8OOMError", "OnNoMemory", "TerminateBecauseOutOfMemory", "OOM_CRASH", "OutOfMemoryCallback",
	// The allocation slow path and the heap-limit checks: on a native stack, which Node and V8
	// print only at a fatal error, they mean the fatal error was the heap's.
	"AllocateRawWithRetryOrFail", "AllocateRawWithLightRetry", "Heap::RecomputeLimits",
}

// noteEvidence remembers a trace of a death whose fatal message the log may not hold: a crash
// block's header, an out-of-memory frame. It becomes the process's crash if no fatal line
// follows for it.
func (a *Analyzer) noteEvidence(what string, heapOOM bool, line int) {
	a.noteTrace(what, heapOOM, false, line)
}

// noteStack notes a death that a native stack's frames show.
func (a *Analyzer) noteStack(what string, heapOOM bool, line int) {
	a.noteTrace(what, heapOOM, true, line)
}

// noteTrace keeps the first trace of a death no fatal line has told yet; stack says it was a
// native stack's frames.
func (a *Analyzer) noteTrace(what string, heapOOM, stack bool, line int) {
	if a.evidence == nil {
		a.evidence = &evidence{what: what, heapOOM: heapOOM, stack: stack, line: line}
		return
	}
	a.evidence.heapOOM = a.evidence.heapOOM || heapOOM
}

// evidence is a trace of a death without its fatal message.
type evidence struct {
	what    string
	heapOOM bool
	// stack is set when the trace is a native stack's frames, which V8 prints last in a dump.
	stack bool
	line  int
}

// settleEvidence turns a trace of a death that no fatal line followed into the crash of the
// process it belongs to, of unknown kind.
func (a *Analyzer) settleEvidence(beforeBlock bool) {
	e := a.evidence
	if e == nil {
		return
	}
	a.evidence = nil
	p := a.proc(parser.IsolateKey{})
	switch {
	case a.ringKey.set:
		p = a.proc(a.ringKey.key)
	case a.lastKey.set:
		p = a.proc(a.lastKey.key)
	}
	if p.crash != nil {
		// A death an abort or a platform reported: the traces say whether it was V8's heap.
		p.crash.HeapOOM = p.crash.HeapOOM || e.heapOOM && p.crash.Kind == parser.FatalUnknown
		return
	}
	c := &Crash{Kind: parser.FatalUnknown, HeapOOM: e.heapOOM, Line: e.line, Fatal: "the fatal message is not in the log (" + e.what + ")",
		stackOnly: beforeBlock && e.stack}
	if p.gcs > 0 {
		t := p.last
		c.TimeMS = &t
	}
	c.LastGCs = p.lastGCs()
	c.TopFrames = append([]string(nil), a.frames...)
	p.crash = c
}

// addMarker reads a crash block's section headers: each starts (or shows) a crash, and a
// second block of a log without pids is another process's.
func (a *Analyzer) addMarker(ev parser.Event) {
	switch ev.Marker.Name {
	case parser.MarkerLastFewGCs:
		if e := a.evidence; e != nil && e.what == jsStackHeader && len(a.order) == 0 {
			// A paste that opens on a crash block's second header, then gives the block from
			// its first: the same death, the first header cut from where the user began to
			// copy (V8 prints "Last few GCs" before "JS stacktrace"), not a death of its own.
			a.evidence = nil
		}
		a.settleEvidence(true)
		a.nativeFrames = 0
		a.frames, a.crashed = a.frames[:0], nil
		a.noteEvidence("a crash block: V8 prints <--- Last few GCs ---> only when it runs out of memory", true, ev.Line)
		a.newBlock = true
	case parser.MarkerJSStacktrace:
		a.noteEvidence(jsStackHeader, true, ev.Line)
	case parser.MarkerSnapshotWritten:
		a.noteSnapshot(ev)
	case parser.MarkerReportWritten:
		a.noteReportFile(ev)
	case parser.MarkerSecurityContext:
		a.noteHeapAddress(ev.Marker.Text)
	}
}

// securityContext reads the address of the context object a JS stack trace of Node 13 or
// older opens with; the object's type after it shows the address was printed whole.
var securityContext = regexp.MustCompile(`^Security context:\s*((?:0x)?[0-9a-fA-F]+)\s+<`)

// noteHeapAddress keeps what the address of a JavaScript heap object says of the build: wider
// than 32 bits, a 64-bit one; narrower, a 32-bit one unless a wider address shows elsewhere.
func (a *Analyzer) noteHeapAddress(line string) {
	m := securityContext.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return
	}
	if wide(m[1]) {
		a.wideAddress = true
	} else if a.narrowHeapAddress == "" {
		a.narrowHeapAddress = m[1]
	}
}

// thirtyTwoBit is the JavaScript heap address that shows a 32-bit build, empty when the log
// shows none or shows a 64-bit one.
func (a *Analyzer) thirtyTwoBit() string {
	if a.wideAddress {
		return ""
	}
	return a.narrowHeapAddress
}

// reportFile is a diagnostic report Node wrote to a file of its own ("Writing Node.js report
// to file: report.<date>.<time>.<pid>.<thread>.<seq>.json", --report-on-fatalerror); pid is the
// process its name gives, 0 when it names none.
type reportFile struct {
	path string
	pid  int64
}

// reportFileName reads the pid from the name Node gives a diagnostic report.
var reportFileName = regexp.MustCompile(`report\.\d{8}\.\d{6}\.(\d+)\.\d+\.\d+\.json`)

// noteReportFile keeps a "Writing Node.js report to file:" line.
func (a *Analyzer) noteReportFile(ev parser.Event) {
	path, pid := writtenFile(ev, parser.ReportWrittenText, reportFileName)
	if path != "" && len(a.reportFiles) < maxSamples {
		a.reportFiles = append(a.reportFiles, reportFile{path, pid})
	}
}

// writtenFile reads the path of a file Node says it wrote (the line's text after prefix), and
// the pid its name gives by the pattern name (0 when it gives none).
func writtenFile(ev parser.Event, prefix string, name *regexp.Regexp) (path string, pid int64) {
	path = strings.TrimSpace(strings.TrimPrefix(ev.Marker.Text, prefix))
	if m := name.FindStringSubmatch(path); m != nil {
		pid, _ = strconv.ParseInt(m[1], 10, 64)
	}
	return path, pid
}

// reportFileOf is the diagnostic report file Node wrote for p (namedFor); nil when the log
// names none.
func (a *Analyzer) reportFileOf(p *proc) *reportFile {
	for i, f := range a.reportFiles {
		if a.namedFor(f.pid, p) {
			return &a.reportFiles[i]
		}
	}
	return nil
}

// namedFor reports whether a file whose name gives pid is p's: its pid names p, or, in a log
// of one process, it names no process of the log.
func (a *Analyzer) namedFor(pid int64, p *proc) bool {
	return pid == p.key.PID || len(a.order) == 1 && a.procOfPIDIn(pid) == nil
}

// nearLimitSnapshot is a heap snapshot Node wrote as the heap neared its limit
// (--heapsnapshot-near-heap-limit). To write it, Node's near-heap-limit callback raised the
// limit by the young generation's maximum size (Environment::NearHeapLimitCallback in
// src/env.cc), and V8 restores the limit only once the heap falls under 95% of it again: a
// process that keeps growing runs past the limit it was given.
type nearLimitSnapshot struct {
	path string
	// pid is the process the file's name gives (Heap.<date>.<time>.<pid>.<thread>.<seq>
	// .heapsnapshot), 0 when it names none.
	pid int64
}

// snapshotName reads the pid from the name Node gives a near-heap-limit snapshot.
var snapshotName = regexp.MustCompile(`Heap\.\d{8}\.\d{6}\.(\d+)\.\d+\.\d+\.heapsnapshot`)

// noteSnapshot keeps a "Wrote snapshot to" line for the process whose file it names.
func (a *Analyzer) noteSnapshot(ev parser.Event) {
	var s nearLimitSnapshot
	s.path, s.pid = writtenFile(ev, "Wrote snapshot to", snapshotName)
	if len(a.snapshots) < maxSamples {
		a.snapshots = append(a.snapshots, s)
	}
}

// snapshotsOf are the near-heap-limit snapshots of p (namedFor).
func (a *Analyzer) snapshotsOf(p *proc) []nearLimitSnapshot {
	var out []nearLimitSnapshot
	for _, s := range a.snapshots {
		if a.namedFor(s.pid, p) {
			out = append(out, s)
		}
	}
	return out
}

// procOfPIDIn is the latest process of the log with pid, nil when none has it.
func (a *Analyzer) procOfPIDIn(pid int64) *proc {
	for i := len(a.order) - 1; i >= 0; i-- {
		if a.order[i].key.PID == pid {
			return a.order[i]
		}
	}
	return nil
}

// jsStackHeader is the evidence a crash block's "JS stacktrace" header gives.
const jsStackHeader = "a crash block: V8 prints <--- JS stacktrace ---> only when it runs out of memory"

// oomSymbolIn notes V8's out-of-memory path in a line of a stack the parser did not read as a
// frame (a bare symbol per line, a report of strings pulled from a minidump).
func (a *Analyzer) oomSymbolIn(text string, line int) {
	for _, s := range oomFrames {
		if strings.Contains(text, s) {
			a.noteStack("a stack in V8's out-of-memory path ("+s+")", true, line)
			return
		}
	}
}

// addNativeFrame reads a native frame: the symbols of V8's out-of-memory path show a death of
// memory; its module names the runtime.
func (a *Analyzer) addNativeFrame(ev parser.Event) {
	f := ev.NativeFrame
	a.nativeFrames++
	// Three frames make a stack; so does the tail of one, whose frame numbers say how many
	// came before.
	if a.nativeFrames == 3 || a.nativeFrames == 1 && f.Index != nil && *f.Index >= 3 {
		a.noteStack("a native stack: Node and V8 print one only when the process dies of a fatal error", false, ev.Line)
	}
	if f.Symbol != nil {
		a.noteContext(*f.Symbol)
		a.oomSymbolIn(*f.Symbol, ev.Line)
		if strings.Contains(*f.Symbol, "node::OnFatalError") {
			a.noteStack("a native stack in Node's fatal-error handler", false, ev.Line)
		}
	}
	if f.Module != nil && a.binary == "" {
		a.binary = binaryVersion(*f.Module)
	}
	if f.Symbol != nil && isolateFreeOOMFrame(*f.Symbol) {
		a.isolateFreeOOM = true
	}
	if f.Address != nil && wide(*f.Address) {
		a.wideAddress = true
	}
	if f.Module != nil && (*f.Module == "deno" || strings.EqualFold(*f.Module, "deno.exe")) {
		a.context["deno"] = true // macOS and Windows stacks name the module in a column
	}
}

// fatalTriggers are the report triggers of a death (Node 11–26).
var fatalTriggers = map[string]bool{"OOMError": true, "FatalError": true, "OOMErrorHandler": true}

// addReport reads a diagnostic report: the process it is of (by its pid), the death it was
// written for when it was, and what it says of the heap.
func (a *Analyzer) addReport(ev parser.Event) {
	r := ev.Report
	if len(a.reports) >= maxSamples {
		return
	}
	a.reports = append(a.reports, r)
	var p *proc
	switch {
	case r.PID != nil:
		p = a.procOfPID(*r.PID)
	case a.ringKey.set:
		p = a.proc(a.ringKey.key)
	case a.lastKey.set:
		p = a.proc(a.lastKey.key)
	default:
		p = a.proc(parser.IsolateKey{})
	}
	if p.report == nil {
		p.report = r
	}
	p.seen = true
	event := ""
	if r.Event != nil {
		event = *r.Event
	}
	fatal := r.Trigger != nil && fatalTriggers[*r.Trigger] || strings.Contains(strings.ToLower(event), "out of memory")
	if r.Event == nil && r.Trigger == nil && (heapFull(r) || oomStack(r.NativeStack)) {
		fatal = true // a part of a report without its header, written as the heap ran out
	}
	if !fatal {
		return
	}
	for _, f := range r.CommandLine {
		a.noteContext(f)
	}
	if p.crash == nil {
		if event == "" {
			event = "the heap ran out, by its spaces (the header that names the event is not in the log)"
		}
		c := &Crash{Kind: parser.FatalUnknown, HeapOOM: strings.Contains(strings.ToLower(event), "heap out of memory") || r.Event == nil && heapFull(r),
			Fatal: event, Line: ev.Line, PrintedBy: "report"}
		if p.gcs > 0 {
			t := p.last
			c.TimeMS = &t
		}
		c.LastGCs = p.lastGCs()
		p.crash = c
		a.evidence = nil
	}
	if c := p.crash; len(c.TopFrames) == 0 {
		for _, f := range r.JSStack {
			if f != "" && f != "Unavailable." && len(c.TopFrames) < 5 {
				c.TopFrames = append(c.TopFrames, strings.TrimPrefix(f, "at "))
			}
		}
	}
}

// heapAtDeath is the heap the process held when it died, as far as the log shows: the largest
// of its last GCs, else what a report or the program's own heap sample says it used; 0 when the
// log shows none.
func (a *Analyzer) heapAtDeath(p *proc) float64 {
	if n := len(p.recent); n > 0 {
		g := p.recent[n-1]
		return math.Max(g.BeforeMB, g.AfterMB)
	}
	if p.report != nil && p.report.HeapUsedMB != nil {
		return *p.report.HeapUsedMB
	}
	for i := len(a.memory) - 1; i >= 0; i-- {
		for _, k := range []string{"used_heap_size", "heapUsed"} {
			if v, ok := a.memory[i].Values[k]; ok {
				return v
			}
		}
	}
	return 0
}

// heapFull reports whether a report's heap was full: used within 2% of heap_size_limit, or the
// old space without room.
func heapFull(r *parser.Report) bool {
	if r.HeapUsedMB != nil && r.HeapLimitMB != nil && *r.HeapUsedMB >= 0.98**r.HeapLimitMB {
		return true
	}
	for _, s := range r.Spaces {
		if s.Name == "old_space" && s.AvailableMB != nil && s.CapacityMB != nil && *s.CapacityMB > 1 && *s.AvailableMB < 0.02**s.CapacityMB {
			return true
		}
	}
	return false
}

// oomStack reports whether native frames are V8's out-of-memory path.
func oomStack(symbols []string) bool {
	for _, sym := range symbols {
		for _, s := range oomFrames {
			if strings.Contains(sym, s) {
				return true
			}
		}
	}
	return false
}

// mergePIDOnly folds a process known only by its pid — from a Node warning, a kill line or a
// report that came before its trace — into the traced isolate of the same pid, so that one
// process is not reported twice.
func (a *Analyzer) mergePIDOnly() {
	var kept []*proc
	for _, p := range a.order {
		if p.key.Isolate == "" && p.key.PID != 0 && p.gcs == 0 {
			if into := a.tracedOfPID(p.key.PID); into != nil {
				if into.crash == nil {
					into.crash = p.crash
				}
				if into.report == nil {
					into.report = p.report
				}
				continue
			}
		}
		kept = append(kept, p)
	}
	a.order = kept
	a.mergeOrphanDeath()
	a.mergeOrphanCaught()
}

// mergeOrphanCaught gives an error a process caught and logged where the log names no process
// (its own output, before the trace) to the one process the log traces: an error it logged
// over and over is evidence about that process — a string or array past V8's size limit
// tells that it builds huge values — whatever it later died of.
func (a *Analyzer) mergeOrphanCaught() {
	var orphan, traced *proc
	for _, p := range a.order {
		switch {
		case p.key == (parser.IsolateKey{}) && p.gcs == 0 && p.crash == nil && len(p.caughtErrs) > 0 && p.report == nil:
			if orphan != nil {
				return
			}
			orphan = p
		case p.gcs > 0:
			if traced != nil {
				return // which process logged it, the log does not say
			}
			traced = p
		}
	}
	if orphan == nil || traced == nil || len(traced.caughtErrs) > 0 {
		return
	}
	traced.caughtErrs, traced.caughtUntraced = orphan.caughtErrs, true
	a.order = slices.DeleteFunc(a.order, func(p *proc) bool { return p == orphan })
}

// mergeOrphanDeath gives deaths that name no process (a shell's "Aborted", a CI step's "exit
// code 134" printed before the log it ends, FATAL lines that interleaved output put before
// the crash block they belong to) to the processes the log shows by their traces whose own
// death is missing or shown without its message, or only by a shell's word of its signal:
// one traced process and one such death are one process that died, whatever their order. A
// message beats an abort; traces that already show a death without its message (a crash
// block) beat an abort too; and aborts reported beside the one traced process that V8's fatal
// error ended are that death.
func (a *Analyzer) mergeOrphanDeath() {
	var orphans, traced []*proc
	for _, p := range a.order {
		switch {
		case p.startedAfter:
			// The death of a process before a start a process manager printed.
		case p.key == (parser.IsolateKey{}) && p.gcs == 0 && p.crash != nil && p.report == nil:
			orphans = append(orphans, p)
		case p.gcs > 0 || p.key != (parser.IsolateKey{}):
			traced = append(traced, p)
		}
	}
	if len(orphans) == 0 || len(orphans) > len(traced) && len(traced) != 1 {
		return
	}
	merged := map[*proc]bool{}
	for _, t := range traced {
		if len(merged) == len(orphans) {
			break
		}
		if t.crash != nil && !evidenceOnly(t.crash) && !shellAbort(t.crash) {
			continue
		}
		for _, o := range orphans {
			if merged[o] {
				continue
			}
			if o.crash.stackOnly && t.crash != nil {
				// A native stack ends a crash dump, after its last few GCs: one that
				// ends before a process's own crash block began is an earlier death (a
				// build's previous webpack process, its stack's last frames, then the
				// next one's block 1.5 min later).
				continue
			}
			switch {
			case t.crash == nil:
				t.crash = o.crash
				if t.gcs > 0 {
					last := t.last
					t.crash.TimeMS, t.crash.LastGCs = &last, t.lastGCs()
				}
			case o.crash.Kind != parser.FatalUnknown:
				// The message of a death whose traces the process shows.
				o.crash.TimeMS, o.crash.LastGCs = t.crash.TimeMS, t.crash.LastGCs
				if len(o.crash.TopFrames) == 0 {
					o.crash.TopFrames = t.crash.TopFrames
				}
				t.crash = o.crash
			}
			merged[o] = true
			break
		}
	}
	if len(traced) == 1 && traced[0].crash != nil && (traced[0].crash.PrintedBy == "node" || traced[0].crash.PrintedBy == "v8") {
		// V8's fatal error (printed by Node or V8) ends in an abort: the shell's or a
		// wrapper's word of one ("Command was killed with SIGABRT", "CLI Error (Code 134)"),
		// printed before the child's stderr or told in the prose above the paste, is the
		// same death, however many say it. So is V8's own line of it right before the crash
		// block Node prints ("Fatal process out of memory: Zone Allocation failed", then the
		// last few GCs, then "FATAL ERROR: Zone Allocation failed - process out of memory"),
		// and its message quoted in a Markdown code span anywhere else in the log (the
		// issue's prose above the paste). The same FATAL line printed again, bare, may be
		// another process's death (two terser workers dying together, one crash block shown).
		t := traced[0]
		for _, o := range orphans {
			// An abort right after a native stack's last frames, before the traced process
			// printed anything, is that stack's death: a language server's previous run
			// ("12: 00007FF6DDC2FC3D", then "Server process exited with code 134", then
			// the restarted server's own crash block).
			abort := o.crash.Kind == parser.FatalUnknown && o.crash.PrintedBy == "shell" && !(o.crash.afterStack && o.crash.Line < t.firstLine)
			// A message just before the block announces it only where the block's process
			// printed its own message after it too (a Nuxt build on Node 8): where it printed
			// none, the messages before are the deaths themselves, one of them the block's
			// (two terser workers dying together: two FATAL lines, then one crash block).
			justBefore := o.crash.Line < t.firstLine && t.firstLine-o.crash.Line <= announcedLines && t.crash.Line > t.firstLine
			announced := o.crash.Kind == t.crash.Kind && (justBefore || inCodeSpan(t.crash.Fatal, o.crash.Fatal))
			if !merged[o] && (abort || announced) {
				t.crash.HeapOOM = t.crash.HeapOOM || o.crash.HeapOOM
				merged[o] = true
			}
		}
	}
	a.order = slices.DeleteFunc(a.order, func(p *proc) bool { return merged[p] })
}

// evidenceOnly reports a crash known only by its traces: no fatal line, no one's report of it.
func evidenceOnly(c *Crash) bool { return c.Kind == parser.FatalUnknown && c.PrintedBy == "" }

// shellAbort reports a crash known only by a shell's or a wrapper's word of a signal: the
// fatal message, where the log holds it, says what the death was (a Docker build's log with
// the FATAL line first, the crash block, then yarn's 'Command failed with signal "SIGABRT"').
func shellAbort(c *Crash) bool { return c.Kind == parser.FatalUnknown && c.PrintedBy == "shell" }

// tracedNamed is the traced process of the first of pids that has one, nil when none has: a
// death a supervisor reports belongs to the child it names, if the log traced that child.
func (a *Analyzer) tracedNamed(pids []int64) *proc {
	for _, pid := range pids {
		if p := a.tracedOfPID(pid); p != nil {
			return p
		}
	}
	return nil
}

// tracedOfPID is the first isolate of a pid that has GCs, nil when none has.
func (a *Analyzer) tracedOfPID(pid int64) *proc {
	for _, p := range a.order {
		if p.key.PID == pid && p.key.Isolate != "" && p.gcs > 0 {
			return p
		}
	}
	return nil
}

// wide reports an address (0x and hex digits, or bare hex digits as Windows prints them) that
// needs more than 32 bits.
func wide(addr string) bool {
	h := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(addr, "0x"), "0X"), "0")
	return len(h) > 8
}

// isolateFreeOOMFrame reports one of V8's OOM reporters with the signature it had up to Node 9
// (V8 6.2): no isolate among its arguments. From Node 10 (V8 6.6) on, both take one first.
func isolateFreeOOMFrame(symbol string) bool {
	return strings.Contains(symbol, "FatalProcessOutOfMemory(char const*, bool)") || strings.Contains(symbol, "ReportOOMFailure(char const*, bool)")
}

// binaryVersion is the Node version a path to node's binary names — a directory of a version
// manager or a release ("…/.nvm/versions/node/v10.4.0/bin/node", "…\\nvm\\v14.17.0\\node.exe",
// "/nix/store/…-nodejs-18.19.0/bin/node", "…/node-v12.16.0-linux-x64/bin/node"), "" when the
// path is not node's or names no version.
func binaryVersion(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	if base != "node" && !strings.EqualFold(base, "node.exe") && base != "nodejs" {
		return ""
	}
	if m := versionDir.FindStringSubmatch(path); m != nil {
		return m[1]
	}
	return ""
}

// versionDir finds a path component that is a Node version, bare or after the names version
// managers and packagers give it.
var versionDir = regexp.MustCompile(`(?:^|[/\\-])(?:node(?:js)?[-@]?)?v?(\d{1,2}\.\d{1,3}\.\d{1,3})(?:-[\w.-]+)?[/\\]`)
