package parser

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unsafe"
)

// Stats counts what the parser read.
type Stats struct {
	Lines    int   // physical lines read
	Bytes    int64 // bytes read
	Blank    int   // blank lines
	Events   int   // events handed out
	Unknown  int   // Unknown events (lines not of V8's making, or not understood)
	Oversize int   // lines longer than MaxLineBytes, skipped
}

// section is the part of a crash block the parser is in; it decides how a line without a
// prefix is read (a "1: …" is a JS frame in the JS stack, a native frame after FATAL ERROR).
type section int

const (
	sectionNone   section = iota
	sectionRing           // after "<--- Last few GCs --->"
	sectionJS             // after "<--- JS stacktrace --->" / "==== JS stack trace"
	sectionNative         // after FATAL ERROR / "----- Native stack trace -----" / "# Fatal"
)

// Parser reads a log and hands out its events in order. It is not safe for concurrent use.
type Parser struct {
	r       *bufio.Reader
	lineNo  int
	peeked  physLine
	hasPeek bool
	eof     bool
	err     error
	queue   []Event
	qhead   int
	section section
	// ringEntries counts the entries seen in the current "Last few GCs" block: a blank line
	// ends the block only after its first entry.
	ringEntries int
	// echoed is what followed an Azure Pipelines "##[error]" marker on line echoedLine: the
	// agent prints each line a step writes to stderr twice, marked and then plain, and the
	// plain copy is not a second death (echoedCopy).
	echoed     string
	echoedLine int
	// echoLine is set while such a plain copy is read: its fatal error is marked Echo.
	echoLine bool
	// sectionItems counts frames in the current JS or native stack section.
	sectionItems int
	// repeats marks ring-buffer entries that repeat a GC traced live; made on first use,
	// since a caller that marks them itself (repeatsLater) needs none, and its window is
	// kilobytes cleared for every small log of a batch.
	repeats *Repeats
	stats   Stats
	// bufs are the two line buffers: the current line and the one peeked at.
	bufs [2][]byte
	slot int
	// slab, when set, holds the fast path's events (ParseParallel recycles it once the
	// block's events were delivered); used counts the slots taken.
	slab  []gcStore
	used  int
	lines lineCache
	// pre is the prefix of line preLine, read when it was peeked at.
	pre     prefixScan
	preLine int
	preMemo prefixMemo
	// curPre is pre of the line being read, kept while the next line is peeked at.
	curPre prefixScan
	// pend is a --trace-gc line whose output was cut off by application output glued onto it
	// (Deno and other embedders write V8's trace in blocks): its rest comes a few lines later.
	pend *pendingGC
	// report is a diagnostic report being collected; mem a sample of the heap the program
	// printed, waiting for its next line.
	report *reportAcc
	mem    *memoryAcc
	// braceOpen is set when the line before was a lone "{": a report's opening brace, if a
	// report's first key follows it.
	braceOpen bool
	// sourceNext is set when the line before was the "file:line" Node prints above an
	// uncaught error's source line: the next line is the program's code, quoted.
	sourceNext bool
	// sawRing is set once an entry of a crash dump's ring buffer was emitted.
	sawRing bool
	// repeatsLater is set when the caller marks repeats over the whole stream (ParseParallel
	// does, across its blocks), so the parser need not.
	repeatsLater bool
	// docCheck is set while the input, seen whole, is still to be checked for being a JSON
	// document (jsonDocument); jsonDoc when it is one: every line is then Unknown.
	docCheck, jsonDoc bool
	// startChecked is set once the input's start was checked for a JSON artifact.
	startChecked bool
	// src, when set, is the whole input in memory (a block of ParseParallel): lines are read
	// off it in place, with no copy.
	src    []byte
	srcPos int
	// wrap is the width the log's lines were hard-wrapped at (0: not wrapped), settled from
	// the log's head before its first line is read (wrapKnown).
	wrap      int
	wrapKnown bool
}

// newBytes returns a Parser over an input held in memory whose first line is line first.
func newBytes(src []byte, first int) *Parser {
	return &Parser{src: src, lineNo: first - 1}
}

// New returns a Parser reading from r.
func New(r io.Reader) *Parser {
	size := 64 << 10
	whole := false
	if l, ok := r.(interface{ Len() int }); ok && l.Len() < size {
		// An input held in memory and smaller than the buffer (a crash log of a batch):
		// a buffer its size, not 64 KB cleared for every log. It is seen whole without
		// waiting, so whether it is a JSON document is decided before its first line.
		size, whole = max(l.Len()+1, 16), true
	}
	return &Parser{r: bufio.NewReaderSize(r, size), docCheck: whole}
}

// head returns the start of the input not read yet, as much as is at hand without waiting
// for more (a pipe of a live process gives what it has), up to wrapHead bytes.
func (p *Parser) head() []byte {
	if p.src != nil {
		return p.src[p.srcPos:min(len(p.src), p.srcPos+wrapHead)]
	}
	if _, err := p.r.Peek(1); err != nil {
		return nil
	}
	b, _ := p.r.Peek(min(p.r.Buffered(), wrapHead))
	return b
}

// setWrap sets the width the log was hard-wrapped at, settled from its head by the caller.
func (p *Parser) setWrap(width int) { p.wrap, p.wrapKnown = width, true }

// NewAt returns a Parser for a piece of a log whose first line is line number first.
func NewAt(r io.Reader, first int) *Parser {
	p := New(r)
	p.lineNo = first - 1
	return p
}

// Stats returns the counts so far.
func (p *Parser) Stats() Stats { return p.stats }

// Next returns the next event, or io.EOF after the last one. Any other error is a read error
// of the underlying reader.
func (p *Parser) Next() (Event, error) {
	for p.qhead >= len(p.queue) {
		p.queue, p.qhead = p.queue[:0], 0
		if p.err != nil {
			return Event{}, p.err
		}
		if err := p.fill(); err != nil {
			p.err = err
		}
	}
	ev := p.queue[p.qhead]
	p.queue[p.qhead] = Event{}
	p.qhead++
	p.stats.Events++
	if ev.Type == TypeUnknown {
		p.stats.Unknown++
	}
	return ev, nil
}

// appendAll parses the whole input, appending the events to evs: Next without the per-event
// hand-over, for ParseParallel's blocks.
// The events are queued straight onto evs: a block's events are copied once, not twice.
func (p *Parser) appendAll(evs []Event) []Event {
	p.queue = evs
	for {
		from := len(p.queue)
		err := p.fill()
		for i := from; i < len(p.queue); i++ {
			if p.queue[i].Type == TypeUnknown {
				p.stats.Unknown++
			}
		}
		p.stats.Events += len(p.queue) - from
		if err != nil {
			evs, p.queue = p.queue, nil
			return evs
		}
	}
}

// All reads every event of r.
func All(r io.Reader) ([]Event, Stats, error) {
	p := New(r)
	var out []Event
	for {
		ev, err := p.Next()
		if err == io.EOF {
			return out, p.Stats(), nil
		}
		if err != nil {
			return out, p.Stats(), err
		}
		out = append(out, ev)
	}
}

// fill reads one logical line (a physical line, joined with the lines a terminal or logger
// split off it) and queues its events.
func (p *Parser) fill() error {
	if !p.wrapKnown {
		p.wrap, p.wrapKnown = wrapWidth(p.head()), true
	}
	if p.docCheck {
		p.docCheck = false
		b, _ := p.r.Peek(p.r.Size())
		p.jsonDoc = jsonDocument(b)
	}
	if !p.startChecked {
		// A JSON artifact of V8's or Node's (a heap snapshot, a profile) is known by its
		// start however large it is; read whole, only a small input can be.
		p.startChecked = true
		p.jsonDoc = p.jsonDoc || p.lineNo == 0 && jsonArtifact(p.head()) != ""
	}
	cur, err := p.readPhys()
	if p.jsonDoc && err == nil {
		if stripDecoration(cur.str()) == "" {
			p.stats.Blank++
		} else {
			p.emit(Event{Type: TypeUnknown, Line: cur.no, EndLine: cur.no, Unknown: &Unknown{Text: cur.str()}})
		}
		return nil
	}
	if err != nil {
		if err == io.EOF && (p.pend != nil || p.report != nil || p.mem != nil) {
			p.dropPending()
			p.endReport()
			p.flushMemory()
			return nil
		}
		return err
	}
	if p.mem != nil && cur.oversize == 0 && memoryPairs(stripDecoration(cur.str())) == nil {
		p.flushMemory() // the heap sample ended with the line before this one
	}
	if p.pend != nil {
		if p.resumePending(cur.str(), cur.no) {
			return nil
		}
		if cur.no-p.pend.line > pendingWindow {
			p.dropPending()
		}
	}
	if cur.oversize > 0 {
		p.emit(Event{Type: TypeUnknown, Line: cur.no, EndLine: cur.no, Unknown: &Unknown{Text: cur.str(), Oversize: true, Bytes: cur.oversize}})
		return nil
	}
	// The prefix of this line was read when it was the line after the last one.
	p.curPre = p.pre // peeking at the next line overwrites p.pre
	curHasPre := p.preLine == cur.no
	end := cur.no
	joined := false
	var text, piece string // piece: the last physical line joined
	for joins := 0; joins < 8; joins++ {
		nxt := p.peek()
		if nxt == nil || nxt.oversize > 0 || p.peekedPrefix(nxt) {
			break // the common case, decided without copying either line
		}
		if !joined && endsReasons(cur.raw) {
			// A whole --trace-gc line whose reasons end with V8's ";" is never continued
			// (continuation joins a line cut inside its numbers or a reason's word): read it
			// now rather than ask of the line after it, application output most often.
			if gc, ok := p.fastGC(cur.raw, &p.curPre, curHasPre); ok {
				p.finishGC(gc, Event{Line: cur.no, EndLine: end})
				return nil
			}
		}
		if !joined {
			text = cur.str()
			piece = text
		}
		if !joined {
			if j, app, ok := spliceRepair(text, nxt.str()); ok {
				p.processLine(app, cur.no, cur.no) // the program's line, printed into V8's
				text, piece, end, joined = j, nxt.str(), nxt.no, true
				p.hasPeek = false
				continue
			}
		}
		if wrappedPiece(piece, nxt.str(), p.wrap) {
			piece = nxt.str()
			text, end, joined = text+piece, nxt.no, true
			p.hasPeek = false
			continue
		}
		j, ok := continuation(text, nxt.str())
		if !ok {
			break
		}
		text, piece, end, joined = j, nxt.str(), nxt.no, true
		p.hasPeek = false
	}
	if !joined {
		// The hot line: a whole --trace-gc line, read in place without a copy. fastGC keeps
		// no part of the line it reads.
		// Raw, decoration and all: the fast path refuses any byte the normalizer would change
		// (FuzzFastPath holds it to that).
		if gc, ok := p.fastGC(cur.raw, &p.curPre, curHasPre); ok {
			p.finishGC(gc, Event{Line: cur.no, EndLine: end})
			return nil
		}
		text = cur.str()
	}
	if strings.Contains(text, "](") {
		text = unwrapLinks(text)
	}
	p.echoLine = p.echoedCopy(text, cur.no)
	p.processLine(text, cur.no, end)
	p.echoLine = false
	return nil
}

// azureErrorMark is how an Azure Pipelines agent marks a line a step wrote to stderr.
const azureErrorMark = "##[error]"

// echoedCopy reports text, on line no, as the plain copy of the line before it that carried
// Azure's "##[error]" marker: the same text after the agent's own timestamp. It remembers a
// marked line for the next.
func (p *Parser) echoedCopy(text string, no int) bool {
	prev, prevLine := p.echoed, p.echoedLine
	p.echoed = ""
	if i := strings.Index(text, azureErrorMark); i >= 0 {
		p.echoed, p.echoedLine = strings.TrimSpace(text[i+len(azureErrorMark):]), no
		return false
	}
	if prev == "" || prevLine != no-1 {
		return false
	}
	// The copy differs only in the timestamp the agent put before it.
	const maxLeadLen = 40
	t := strings.TrimSpace(text)
	return strings.HasSuffix(t, prev) && len(t)-len(prev) <= maxLeadLen
}

// fastGC reads raw, a whole line with the prefix pre read already when hasPre, on the fast
// path into the parser's slab: nil and false when the fast path is off or refuses the line.
func (p *Parser) fastGC(raw []byte, pre *prefixScan, hasPre bool) (*GC, bool) {
	if !fastPaths || len(raw) == 0 || raw[0] != '[' || p.report != nil {
		return nil, false
	}
	var st *gcStore
	if p.used < len(p.slab) {
		st = &p.slab[p.used]
		*st = gcStore{}
	} else {
		st = &gcStore{}
	}
	if !hasPre {
		pre = nil
	}
	gc, ok := fastGCInto(unsafe.String(&raw[0], len(raw)), pre, st, &p.lines)
	if ok && p.used < len(p.slab) {
		p.used++
	}
	return gc, ok
}

// endsReasons reports whether a line ends, spaces aside, with the ";" V8 puts after a GC's
// reasons.
func endsReasons(raw []byte) bool {
	t := bytes.TrimRight(raw, " \t\r")
	return len(t) > 0 && t[len(t)-1] == ';'
}

// peekedPrefix reports whether the line after the current one starts with a V8 prefix, as
// startsWithPrefix does, and keeps what it read of the prefix for the fast path, which reads
// that line next.
func (p *Parser) peekedPrefix(l *physLine) bool {
	b := l.raw
	if len(b) < 2 || b[0] != '[' || b[1] < '0' || b[1] > '9' {
		return false
	}
	s := unsafe.String(&b[0], len(b))
	p.preLine = l.no
	return p.preMemo.scan(s, &p.pre) > 0
}

func (p *Parser) emit(ev Event) {
	if ev.EndLine == 0 {
		ev.EndLine = ev.Line
	}
	if p.mem != nil && ev.Line > p.mem.last {
		// A later line that reads as memory figures but is something else (a cut GC line
		// glued to an application's heap report): the sample before it has ended.
		p.flushMemory()
	}
	if p.pend != nil {
		p.pend.held = append(p.pend.held, ev)
		return
	}
	if ev.Type == TypeGC && ev.GC.InCrashDump {
		p.sawRing = true
	}
	if ev.Type == TypeFatal && p.echoLine {
		ev.Fatal.Echo = true
	}
	p.queue = append(p.queue, ev)
}

// endReport emits the diagnostic report being collected, if any.
func (p *Parser) endReport() {
	if r := p.report; r != nil {
		p.report = nil
		p.emit(Event{Type: TypeReport, Line: r.first, EndLine: r.last, Report: r.event()})
	}
}

// flushMemory emits the heap sample being collected, if any.
func (p *Parser) flushMemory() {
	if m := p.mem; m != nil {
		p.mem = nil
		p.emit(Event{Type: TypeMemory, Line: m.first, EndLine: m.last, Memory: m.event()})
	}
}
