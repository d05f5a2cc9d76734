package parser

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unsafe"
)

// MaxLineBytes is the longest line the parser keeps. A longer line is skipped (its start is
// reported as an oversize Unknown event) so that memory stays bounded on any input.
const MaxLineBytes = 1 << 20

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

type physLine struct {
	// raw is the line's bytes in one of the parser's two line buffers: valid until the
	// parser reads two more lines. text is the cleaned copy, made on demand.
	raw      []byte
	text     string
	hasText  bool
	no       int
	oversize int // original length when the line was cut
}

// str returns the cleaned text of the line (allocating it once).
func (l *physLine) str() string {
	if !l.hasText {
		l.text, l.hasText = cleanLine(l.raw), true
	}
	return l.text
}

// startsWithPrefix reports whether b starts with a V8 "[pid:…]" prefix.
func startsWithPrefix(b []byte) bool {
	return len(b) > 1 && b[0] == '[' && b[1] >= '0' && b[1] <= '9' && prefixEnd(unsafe.String(&b[0], len(b)), 0) > 0
}

type liveKey struct {
	pid     int64
	time    float64
	before  float64
	isFull  bool
	hasIso  bool
	isolate string
}

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
	// sectionItems counts frames in the current JS or native stack section.
	sectionItems int
	// repeats marks ring-buffer entries that repeat a GC traced live.
	repeats Repeats
	stats   Stats
	// bufs are the two line buffers: the current line and the one peeked at.
	bufs [2][]byte
	slot int
	// slab, when set, holds the fast path's events (ParseParallel recycles it once the
	// block's events were delivered); used counts the slots taken.
	slab  []gcStore
	used  int
	lines lineCache
	// pend is a --trace-gc line whose output was cut off by application output glued onto it
	// (Deno and other embedders write V8's trace in blocks): its rest comes a few lines later.
	pend *pendingGC
	// src, when set, is the whole input in memory (a block of ParseParallel): lines are read
	// off it in place, with no copy.
	src    []byte
	srcPos int
}

// pendingGC is the start of a --trace-gc line waiting for its rest.
type pendingGC struct {
	head string // the line from the GC prefix on: GC text, then the glued application text
	// prefixCut is set when the cut fell inside the "[pid:isolate" prefix: head[:prefixCut]
	// is V8's, and the rest of the line comes with the next block.
	prefixCut int
	line      int
	held      []Event // events of the lines in between, emitted after the GC
	tries     int     // candidate lines tried
}

// pendingWindow is how many lines the rest of a cut GC line is looked for.
const pendingWindow = 64

// newBytes returns a Parser over an input held in memory whose first line is line first.
func newBytes(src []byte, first int) *Parser {
	return &Parser{src: src, lineNo: first - 1}
}

// New returns a Parser reading from r.
func New(r io.Reader) *Parser {
	return &Parser{r: bufio.NewReaderSize(r, 64<<10)}
}

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
func (p *Parser) appendAll(evs []Event) []Event {
	for {
		err := p.fill()
		for i := range p.queue {
			if p.queue[i].Type == TypeUnknown {
				p.stats.Unknown++
			}
		}
		p.stats.Events += len(p.queue)
		evs = append(evs, p.queue...)
		clear(p.queue)
		p.queue = p.queue[:0]
		if err != nil {
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

// readPhys reads one physical line.
func (p *Parser) readPhys() (physLine, error) {
	if p.hasPeek {
		p.hasPeek = false
		return p.peeked, nil
	}
	if p.eof {
		return physLine{}, io.EOF
	}
	if p.src != nil {
		return p.readSrc()
	}
	p.slot ^= 1
	buf := p.bufs[p.slot][:0]
	defer func() { p.bufs[p.slot] = buf }()
	total := 0
	for {
		chunk, err := p.r.ReadSlice('\n')
		total += len(chunk)
		if len(buf) < MaxLineBytes {
			room := MaxLineBytes - len(buf)
			if len(chunk) > room {
				chunk = chunk[:room]
			}
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return physLine{}, err
		}
		if err == io.EOF {
			p.eof = true
			if total == 0 {
				return physLine{}, io.EOF
			}
		}
		break
	}
	p.lineNo++
	p.stats.Lines++
	p.stats.Bytes += int64(total)
	b := buf
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	l := physLine{no: p.lineNo}
	if total > MaxLineBytes {
		l.oversize = total
		p.stats.Oversize++
		if len(b) > 200 {
			b = b[:200]
		}
	}
	l.raw = b
	return l, nil
}

// readSrc reads the next line of an in-memory input.
func (p *Parser) readSrc() (physLine, error) {
	rest := p.src[p.srcPos:]
	if len(rest) == 0 {
		p.eof = true
		return physLine{}, io.EOF
	}
	n := bytes.IndexByte(rest, '\n')
	total := n + 1
	line := rest
	if n < 0 {
		total = len(rest)
	} else {
		line = rest[:n]
	}
	p.srcPos += total
	if p.srcPos >= len(p.src) {
		p.eof = true
	}
	p.lineNo++
	p.stats.Lines++
	p.stats.Bytes += int64(total)
	l := physLine{no: p.lineNo, raw: line}
	if total > MaxLineBytes { // as the streaming reader counts it: newline included
		l.oversize = total
		p.stats.Oversize++
		l.raw = line[:200]
	}
	return l, nil
}

func (p *Parser) peek() *physLine {
	if !p.hasPeek && !p.eof {
		l, err := p.readPhys()
		if err != nil {
			if err != io.EOF {
				p.err = err
			}
			return nil
		}
		p.peeked, p.hasPeek = l, true
	}
	if !p.hasPeek {
		return nil
	}
	return &p.peeked
}

// fill reads one logical line (a physical line, joined with the lines a terminal or logger
// split off it) and queues its events.
func (p *Parser) fill() error {
	cur, err := p.readPhys()
	if err != nil {
		if p.pend != nil && err == io.EOF {
			p.dropPending()
			return nil
		}
		return err
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
	end := cur.no
	joined := false
	var text string
	for joins := 0; joins < 8; joins++ {
		nxt := p.peek()
		if nxt == nil || nxt.oversize > 0 || startsWithPrefix(nxt.raw) {
			break // the common case, decided without copying either line
		}
		if !joined {
			text = cur.str()
		}
		j, ok := continuation(text, nxt.str())
		if !ok {
			break
		}
		text, end, joined = j, nxt.no, true
		p.hasPeek = false
	}
	if !joined {
		// The hot line: a whole --trace-gc line, read in place without a copy. fastGC keeps
		// no part of the line it reads.
		if len(cur.raw) > 0 && cur.raw[0] == '[' && !dirty(cur.raw) {
			var st *gcStore
			if p.used < len(p.slab) {
				st = &p.slab[p.used]
				*st = gcStore{}
			} else {
				st = &gcStore{}
			}
			if gc, ok := fastGCInto(unsafe.String(&cur.raw[0], len(cur.raw)), st, &p.lines); ok {
				if p.used < len(p.slab) {
					p.used++
				}
				p.finishGC(gc, Event{Line: cur.no, EndLine: end})
				return nil
			}
		}
		text = cur.str()
	}
	p.processLine(text, cur.no, end)
	return nil
}

func (p *Parser) emit(ev Event) {
	if ev.EndLine == 0 {
		ev.EndLine = ev.Line
	}
	if p.pend != nil {
		p.pend.held = append(p.pend.held, ev)
		return
	}
	p.queue = append(p.queue, ev)
}

// resumePending tries a line as the rest of the pending GC line: the GC text of the head (up
// to where the glued application text begins) followed by this line must read as one whole
// --trace-gc line. On success it emits the GC, the glued text and the held events.
func (p *Parser) resumePending(text string, line int) bool {
	pd := p.pend
	t := strings.TrimSpace(text)
	if t == "" || !couldEndGC(t) || findAnchorAtStart(text) {
		return false
	}
	if pd.prefixCut > 0 {
		pd.tries++
		if pd.tries > 6 {
			return false
		}
		gc, ok := fastGC(pd.head[:pd.prefixCut] + strings.TrimLeft(text, " \t"))
		if !ok || !(gc.Reason == nil || knownReasons[*gc.Reason]) || !(gc.Comment == nil || isKnownComment(*gc.Comment)) {
			return false
		}
		p.pend = nil
		p.finishGC(gc, Event{Line: pd.line, EndLine: line})
		p.emit(Event{Type: TypeUnknown, Line: pd.line, EndLine: pd.line, Unknown: &Unknown{Text: pd.head[pd.prefixCut:]}})
		for _, ev := range pd.held {
			p.emit(ev)
		}
		return true
	}
	start := strings.Index(pd.head, " ms: ")
	if start < 0 {
		return false
	}
	// A few candidate lines per head: a log full of broken lines must not cost seconds.
	pd.tries++
	if pd.tries > 6 {
		return false
	}
	if lo := len(pd.head) - 240; lo > start {
		start = lo // the cut is near the end of the head: V8's text, then what was glued on
	}
	// The joined line must end as V8 ends one: with reasons V8 prints, not with other text.
	known := func(r *string) bool { return r == nil || knownReasons[*r] || isKnownComment(*r) }
	accept := func(gc *GC, k int) bool {
		if !known(gc.Reason) || !known(gc.Comment) {
			return false
		}
		p.pend = nil
		held := pd.held
		p.finishGC(gc, Event{Line: pd.line, EndLine: line})
		if glued := strings.TrimSpace(pd.head[k:]); glued != "" {
			p.emit(Event{Type: TypeUnknown, Line: pd.line, EndLine: pd.line, Unknown: &Unknown{Text: glued}})
		}
		for _, ev := range held {
			p.emit(ev)
		}
		return true
	}
	// Every cut with the fast path (cheap), longest head first ...
	for k := len(pd.head); k > start+5; k-- {
		if gc, ok := fastGC(pd.head[:k] + text); ok && accept(gc, k) {
			return true
		}
	}
	// ... then the grammar at a few cuts where a token may end: it is slow.
	tries := 0
	for k := len(pd.head); k > start+5 && tries < 6; k-- {
		if k < len(pd.head) && isWordByte(pd.head[k-1]) && isWordByte(pd.head[k]) {
			continue
		}
		tries++
		cand := pd.head[:k] + text
		g, err := gcParser.ParseString("", cand)
		if err != nil || g.Time == "" || !plainReasons(g.Tail.text(cand)) {
			continue
		}
		if accept(gcEvent(g, cand, false), k) {
			return true
		}
	}
	return false
}

// couldEndGC reports whether a line may be the rest of a --trace-gc line: it goes on where a
// GC line goes on, or it is a short run of reason words.
func couldEndGC(t string) bool {
	if continuesGC(t) || strings.HasPrefix(t, "MB") {
		return true
	}
	if len(t) > 120 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c == ' ' || c == ';' || c == '-' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// dropPending gives up waiting: the head is emitted as what it is, a GC line cut short.
func (p *Parser) dropPending() {
	pd := p.pend
	p.pend = nil
	if pd.prefixCut > 0 {
		p.emit(Event{Type: TypeUnknown, Line: pd.line, EndLine: pd.line, Unknown: &Unknown{Text: pd.head}})
		for _, ev := range pd.held {
			p.emit(ev)
		}
		return
	}
	p.processGCNow(pd.head, false, Event{Line: pd.line, EndLine: pd.line})
	for _, ev := range pd.held {
		p.emit(ev)
	}
}

// findAnchorAtStart reports whether a V8 piece starts the line.
func findAnchorAtStart(text string) bool {
	as := findAnchors(text)
	return len(as) > 0 && strings.TrimSpace(text[:as[0].pos]) == ""
}

// processLine classifies one logical line and queues its events.
func (p *Parser) processLine(text string, line, end int) {
	if stripDecoration(text) == "" {
		p.stats.Blank++
		switch {
		case p.section == sectionRing && p.ringEntries > 0:
			p.section = sectionNone
		case (p.section == sectionNative || p.section == sectionJS) && p.sectionItems > 0:
			p.section = sectionNone
		}
		return
	}
	anchors := findAnchors(text)
	if len(anchors) == 0 {
		p.processBare(text, line, end)
		return
	}
	if lead := text[:anchors[0].pos]; stripDecoration(lead) != "" && p.section == sectionRing &&
		anchors[0].kind != anchorKeyword && p.ringEntries == 0 {
		// The ring buffer's oldest entry lost its start: what is left precedes the first entry.
		p.emitFragment(lead, line, end)
	}
	for i, a := range anchors {
		stop := len(text)
		if i+1 < len(anchors) {
			stop = anchors[i+1].pos
		}
		seg := text[a.pos:stop]
		glued := i+1 < len(anchors) && (anchors[i+1].kind == anchorPrefix || anchors[i+1].kind == anchorBareGC)
		p.processSegment(a, seg, glued, line, end)
	}
}

// processBare handles a line with no anchor: a JS or native frame, the start-less fragment of
// a ring-buffer entry, or the application's own text.
func (p *Parser) processBare(text string, line, end int) {
	ev := Event{Line: line, EndLine: end}
	if i := jsFrameStart(text, p.section == sectionJS); i >= 0 && (p.section == sectionJS || p.section == sectionNone) {
		if g, err := jsFrameParser.ParseString("", text[i:]); err == nil || g.Index != "" {
			ev.Type, ev.JSFrame = TypeJSFrame, jsFrameEvent(g, text[i:])
			p.sectionItems++
			p.emit(ev)
			return
		}
	}
	if p.section == sectionNative {
		if i := symbolFrameStart(text); i >= 0 {
			if f, ok := p.nativeFrame(text[i:]); ok {
				ev.Type, ev.NativeFrame = TypeNativeFrame, f
				p.sectionItems++
				p.emit(ev)
				return
			}
		}
	}
	if p.section == sectionNative {
		if g, err := cFrameParser.ParseString("", text); err == nil && (g.Address != nil || g.Index != nil && g.Module != nil ||
			g.Rest != nil && strings.Contains(g.Rest.text(text), "0x")) {
			ev.Type, ev.NativeFrame = TypeNativeFrame, cFrameEvent(g, text)
			p.sectionItems++
			p.emit(ev)
			return
		}
	}
	t := stripDecoration(text)
	if t == "#" || (p.section == sectionNative && strings.HasPrefix(t, "# ")) {
		ev.Type, ev.Marker = TypeMarker, &Marker{Name: "v8_fatal_banner", Text: t}
		p.emit(ev)
		return
	}
	if strings.HasPrefix(t, "at ") && (strings.HasSuffix(t, ")") || strings.Contains(t, ":")) {
		if g, err := atFrameParser.ParseString("", t); err == nil {
			ev.Type, ev.JSFrame = TypeJSFrame, atFrameEvent(g, t)
			p.emit(ev)
			return
		}
	}
	if n := cutPrefixLen(t); n > 0 && n < len(t) && p.pend == nil && p.section != sectionRing {
		// A line cut inside its "[pid:isolate" prefix, with other output glued on: wait for
		// the rest of the prefix and the line.
		p.pend = &pendingGC{head: t, prefixCut: n, line: line}
		return
	}
	if isCutPrefix(t) {
		// A line that stops inside its own "[pid:isolate" prefix: the process died before its
		// buffered trace was written out.
		ev.Type, ev.Other = TypeV8Other, &Other{Name: "cut_line", Text: t}
		p.emit(ev)
		return
	}
	if isNVPFragment(t) {
		// The rest of a --trace-gc-nvp line whose start is not in the log.
		ev.Type, ev.Other = TypeV8Other, &Other{Name: "nvp_fragment", Text: t}
		p.emit(ev)
		return
	}
	if p.section == sectionRing && looksLikeFragment(t) {
		p.emitFragment(t, line, end)
		return
	}
	if p.section == sectionJS && (strings.HasSuffix(t, "...") || strings.HasPrefix(t, "=====")) {
		ev.Type, ev.Marker = TypeMarker, &Marker{Name: "js_stack_end", Text: t}
		p.emit(ev)
		return
	}
	if name := otherName(t); name != "other" {
		ev.Type, ev.Other = TypeV8Other, &Other{Name: name, Text: t}
		p.emit(ev)
		return
	}
	ev.Type, ev.Unknown = TypeUnknown, &Unknown{Text: text}
	p.emit(ev)
}

// looksLikeFragment reports whether text is the tail of a --trace-gc entry.
func looksLikeFragment(t string) bool {
	if strings.Contains(t, "(average mu = ") || strings.Contains(t, " steps since ") ||
		strings.Contains(t, "walltime since start of marking") {
		return true
	}
	r, c, _ := splitReasons(t)
	return knownReasons[r] || isKnownComment(c) || strings.HasSuffix(t, "ms") && len(t) < 40
}

func (p *Parser) emitFragment(text string, line, end int) {
	var g *gcTailG
	if i := strings.Index(text, "("); i >= 0 {
		g, _ = gcTailParser.ParseString("", text[i:])
		if g != nil && (g.Incr != nil || g.Mu != nil) {
			p.emit(Event{Type: TypeGC, Line: line, EndLine: end, GC: gcFragmentEvent(g, text[i:])})
			return
		}
	}
	// Only reasons (or nothing usable) survived.
	ev := &GC{Truncated: true, InCrashDump: true}
	if r, c, complete := splitReasons(text); complete {
		ev.Reason, ev.Comment = strPtr(r), strPtr(c)
	}
	p.emit(Event{Type: TypeGC, Line: line, EndLine: end, GC: ev})
}

// processSegment handles the piece of a line that starts at one anchor.
func (p *Parser) processSegment(a anchor, seg string, glued bool, line, end int) {
	ev := Event{Line: line, EndLine: end}
	switch a.kind {
	case anchorPrefix, anchorBareGC:
		p.processPrefixed(seg, glued, a.kind == anchorBareGC, ev)
	case anchorNativeFrame:
		p.enterNativeSection()
		if f, ok := p.nativeFrame(seg); ok {
			ev.Type, ev.NativeFrame = TypeNativeFrame, f
			p.sectionItems++
		} else {
			ev.Type, ev.Unknown = TypeUnknown, &Unknown{Text: seg}
		}
		p.emit(ev)
	case anchorKeyword:
		p.processKeyword(a.keyword, seg, ev)
	}
}

func (p *Parser) enterNativeSection() {
	if p.section != sectionNative {
		p.section, p.sectionItems = sectionNative, 0
	}
}

// nativeFrame reads a native stack frame: the fast path, else the grammar.
func (p *Parser) nativeFrame(s string) (*NativeFrame, bool) {
	if f, ok := fastNativeFrame(s); ok {
		return f, true
	}
	g, err := nativeFrameParser.ParseString("", s)
	if err != nil && (g == nil || g.Index == "") {
		return nil, false
	}
	return nativeFrameEvent(g, s), true
}

func (p *Parser) processKeyword(kw, seg string, ev Event) {
	marker := func(name string) {
		ev.Type, ev.Marker = TypeMarker, &Marker{Name: name, Text: strings.TrimSpace(seg)}
		p.emit(ev)
	}
	fatal := func(f *Fatal) {
		ev.Type, ev.Fatal = TypeFatal, f
		p.emit(ev)
	}
	switch kw {
	case "<--- Last few GCs --->":
		p.section, p.ringEntries = sectionRing, 0
		marker("last_few_gcs")
		// A ring buffer that starts on the header's own line is a fragment, then entries.
		if rest := strings.TrimSpace(seg[len(kw):]); rest != "" {
			p.emitFragment(rest, ev.Line, ev.EndLine)
		}
	case "<--- JS stacktrace --->":
		p.section, p.sectionItems = sectionJS, 0
		marker("js_stacktrace")
	case "==== JS stack trace":
		p.section, p.sectionItems = sectionJS, 0
		marker("js_stack_trace_block")
	case "==== C stack trace":
		p.enterNativeSection()
		marker("c_stack_trace")
	case "----- Native stack trace -----":
		p.enterNativeSection()
		marker("native_stack_trace")
	case "Security context:":
		p.section = sectionJS
		marker("security_context")
	case "Cannot get stack trace in GC.":
		marker("no_stack_in_gc")
	case "Writing Node.js report to file:":
		marker("report_written")
	case "Node.js report completed":
		marker("report_completed")
	case "FATAL ERROR:":
		p.enterNativeSection()
		g, _ := fatalParser.ParseString("", seg)
		if g == nil {
			g = &fatalLineG{}
		}
		fatal(fatalEvent(g, seg))
	case "# Fatal", "#FailureMessage":
		p.enterNativeSection()
		g, _ := bannerParser.ParseString("", seg)
		if g == nil {
			g = &bannerLineG{}
		}
		if f, m := bannerEvent(g, seg); f != nil {
			fatal(f)
		} else {
			ev.Type, ev.Marker = TypeMarker, m
			p.emit(ev)
		}
	case "OOM error in V8:", "V8 javascript OOM (", "V8 process OOM (":
		p.enterNativeSection()
		g, _ := embedderOOMParser.ParseString("", seg)
		if g == nil {
			g = &embedderOOMG{}
		}
		fatal(embedderOOMEvent(g, seg))
	case "Fatal process out of memory:":
		p.enterNativeSection()
		g, _ := embedderOOMParser.ParseString("", seg)
		if g == nil || !g.Process {
			g = &embedderOOMG{Process: true}
		}
		fatal(embedderOOMEvent(g, seg))
	case "Worker terminated due to reaching memory limit":
		// Node: "Error [ERR_WORKER_OUT_OF_MEMORY]: Worker terminated …"; Deno: "[Error: Worker
		// terminated …] {".
		msg := strings.TrimSpace(seg)
		if i := strings.IndexByte(msg, ']'); i >= 0 {
			msg = strings.TrimSpace(msg[:i])
		}
		f := newFatal("", msg, "worker")
		f.Kind, f.HeapOOM = FatalWorkerOOM, true
		fatal(f)
	case "RangeError: Map maximum size exceeded", "RangeError: Value undefined out of range for undefined options property undefined":
		f := newFatal("", strings.TrimSpace(seg), "js")
		f.Kind = FatalInvalidTableSize
		fatal(f)
	case "RangeError: Invalid array length":
		f := newFatal("", strings.TrimSpace(seg), "js")
		f.Kind = FatalInvalidArrayLength
		fatal(f)
	default:
		marker("other")
	}
}

// processPrefixed handles a segment that starts with a V8 prefix (or a bare "T ms: " entry).
func (p *Parser) processPrefixed(seg string, glued, bare bool, ev Event) {
	body := seg
	if !bare {
		body = afterPrefixes(seg)
	}
	t := strings.TrimLeft(body, " \t")
	d := scanDigits(t, 0)
	timed := d > 0 && strings.HasPrefix(t[d:], " ms: ")
	if timed {
		rest := t[d+5:]
		switch {
		case startsWithCollector(rest):
			p.processGC(seg, glued, ev)
			return
		case strings.HasPrefix(rest, "pause=") || strings.HasPrefix(rest, "GC: {") ||
			(isNVPStart(rest) && !strings.HasPrefix(rest, "action=")):
			g, ok := fastNVP(seg)
			var err error
			if !ok {
				g, err = nvpParser.ParseString("", seg)
			}
			if err == nil || (g != nil && len(g.Pairs) > 0) || (g != nil && g.JSON != nil) {
				ev.Type, ev.NVP = TypeNVP, nvpEvent(g, seg)
				p.emit(ev)
				return
			}
		}
	} else if strings.Contains(t, "used:") {
		g, ok := fastHeapRow(seg)
		var err error
		if !ok {
			g, err = heapRowParser.ParseString("", seg)
		}
		if err == nil {
			ev.Type, ev.HeapStats = TypeHeapStats, heapStatsEvent(g)
			p.emit(ev)
			return
		}
	}
	g, _ := otherLineParser.ParseString("", seg)
	if g == nil || g.Prefix == nil {
		ev.Type, ev.Other = TypeV8Other, &Other{Name: "other", Text: strings.TrimSpace(seg)}
		p.emit(ev)
		return
	}
	ev.Type, ev.Other = TypeV8Other, otherEvent(g, seg)
	p.emit(ev)
}

// afterPrefixes returns seg after its "[pid:isolate]" prefix and a Node 4 "[I:0x…]" tag.
func afterPrefixes(seg string) string {
	if n := prefixEnd(seg, 0); n > 0 {
		seg = seg[n:]
	} else if i := strings.Index(seg, "]"); i >= 0 {
		seg = seg[i+1:]
	}
	t := strings.TrimLeft(seg, " ")
	if strings.HasPrefix(t, "[I:") {
		if i := strings.Index(t, "]"); i >= 0 {
			return t[i+1:]
		}
	}
	return seg
}

func startsWithCollector(rest string) bool {
	if strings.HasPrefix(rest, "Scavenge stack") {
		return false
	}
	for _, c := range collectorStarts[:len(collectorStarts)-1] {
		if strings.HasPrefix(rest, c) {
			return true
		}
	}
	return false
}

// isNVPStart reports whether rest starts with a name=value pair.
func isNVPStart(rest string) bool {
	i := 0
	for i < len(rest) && (rest[i] == '_' || rest[i] == '.' || rest[i] >= 'a' && rest[i] <= 'z' || rest[i] >= 'A' && rest[i] <= 'Z' || rest[i] >= '0' && rest[i] <= '9') {
		i++
	}
	return i > 0 && i < len(rest) && rest[i] == '='
}

// processGC parses a --trace-gc entry. A glued entry (another entry follows on the same line)
// lost its newline to V8's 256-byte buffer, so it is truncated unless its reasons are whole.
func (p *Parser) processGC(seg string, glued bool, ev Event) {
	g, err := gcParser.ParseString("", seg)
	if p.section != sectionRing && !glued && p.pend == nil && (err != nil || !plainReasons(g.Tail.text(seg))) {
		// A live line that does not read whole, or whose reasons run on into other text: its
		// rest may come a few lines later.
		p.pend = &pendingGC{head: seg, line: ev.Line}
		return
	}
	p.processGCParsed(seg, glued, ev, g, err)
}

// plainReasons reports whether the reasons of a GC line are what V8 prints: words, not
// application output glued on.
func plainReasons(tail string) bool {
	reason, comment, complete := splitReasons(tail)
	plain := func(s string) bool {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !(c == ' ' || c == '-' || c == ':' || c == '.' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return false
			}
		}
		return true
	}
	return strings.TrimSpace(tail) == "" || complete && plain(reason) && plain(comment)
}

// processGCNow parses a --trace-gc entry as it stands.
func (p *Parser) processGCNow(seg string, glued bool, ev Event) {
	g, err := gcParser.ParseString("", seg)
	p.processGCParsed(seg, glued, ev, g, err)
}

// processGCParsed makes the event of a parsed --trace-gc entry.
func (p *Parser) processGCParsed(seg string, glued bool, ev Event, g *gcLineG, err error) {
	truncated := err != nil
	if err == nil {
		tail := strings.TrimSpace(g.Tail.text(seg))
		if strings.HasPrefix(tail, "(") {
			truncated = true // a clause cut short: "(average mu = 0.1"
		} else if glued {
			_, _, complete := splitReasons(tail)
			truncated = !complete
		}
	}
	if truncated {
		// The last token may be cut mid-number or mid-word: drop it and read what is left.
		cut := strings.TrimRight(seg, " ")
		if len(cut) == len(seg) {
			if i := strings.LastIndexAny(cut, " ("); i > 0 {
				cut = cut[:i]
			}
		}
		g, _ = gcParser.ParseString("", cut)
		seg = cut
	}
	if g == nil || g.Time == "" {
		ev.Type, ev.Unknown = TypeUnknown, &Unknown{Text: seg}
		p.emit(ev)
		return
	}
	p.finishGC(gcEvent(g, seg, truncated), ev)
}

// finishGC places a GC in the log's structure: a crash-dump entry (and whether it repeats a
// live one) or a live GC, which ends any crash section.
func (p *Parser) finishGC(gc *GC, ev Event) {
	inRing := p.section == sectionRing
	gc.InCrashDump = inRing
	if inRing {
		p.ringEntries++
	} else {
		p.section = sectionNone
	}
	p.repeats.Observe(gc)
	ev.Type, ev.GC = TypeGC, gc
	p.emit(ev)
}

func keyOf(g *GC) (liveKey, bool) {
	if g.TimeMS == nil || g.HeapBeforeMB == nil {
		return liveKey{}, false
	}
	k := liveKey{time: *g.TimeMS, before: *g.HeapBeforeMB, isFull: g.IsFull()}
	if g.PID != nil {
		k.pid = *g.PID
	}
	if g.Isolate != nil {
		k.hasIso, k.isolate = true, *g.Isolate
	}
	return k, true
}

// Repeats remembers the last live GCs and marks the crash dump's ring-buffer entries that
// repeat one of them, so nothing is counted twice. The parser uses one; a caller that parses
// a log in pieces runs one over the joined stream to catch repeats across the pieces.
type Repeats struct {
	recent [256]liveKey
	n, pos int
}

// Observe remembers a live GC or, for a crash-dump entry, marks it when it repeats one.
func (r *Repeats) Observe(g *GC) {
	k, ok := keyOf(g)
	if !ok {
		return
	}
	if !g.InCrashDump {
		r.recent[r.pos] = k
		r.pos = (r.pos + 1) % len(r.recent)
		if r.n < len(r.recent) {
			r.n++
		}
		return
	}
	if g.Repeat {
		return
	}
	// Entries of Node ≤ 6 carry no prefix, so they match on time, size and collector alone.
	for i := 0; i < r.n; i++ {
		x := r.recent[i]
		if x.time == k.time && x.before == k.before && x.isFull == k.isFull &&
			(!k.hasIso || (x.pid == k.pid && x.isolate == k.isolate)) {
			g.Repeat = true
			return
		}
	}
}

// continuation reports whether next continues cur (a line a terminal hard-wrapped, or a
// logger split), and returns the joined text.
func continuation(cur, next string) (string, bool) {
	if len(next) > 1 && next[0] == '[' && prefixEnd(next, 0) > 0 {
		return "", false // the next line starts a V8 line of its own: the common case, cheaply
	}
	nt := strings.TrimSpace(next)
	if nt == "" || strings.TrimSpace(cur) == "" {
		return "", false
	}
	// A logger that put a frame's number and its symbol on two lines (Netlify).
	if sc := stripDecoration(cur); len(sc) <= 4 && strings.HasSuffix(sc, ":") && scanDigits(sc, 0) == len(sc)-1 {
		if sn := stripDecoration(next); sn != "" && (scanDigits(sn, 0) == 0 || strings.HasPrefix(sn, "0x")) {
			return sc + " " + sn, true
		}
	}
	if as := findAnchors(next); len(as) > 0 && strings.TrimSpace(next[:as[0].pos]) == "" {
		return "", false
	}
	as := findAnchors(cur)
	if len(as) == 0 {
		return "", false
	}
	last := as[len(as)-1]
	seg := strings.TrimRight(cur[last.pos:], " ")
	switch {
	case last.kind == anchorPrefix && isNVPStart(afterTime(seg)) && (isNVPFragment(nt) || strings.HasPrefix(nt, "_")):
		// A --trace-gc-nvp line broken inside a name or value. This case comes before the
		// --trace-gc one below, which takes every prefixed line and would refuse the join.
		return strings.TrimRight(cur, " ") + strings.TrimLeft(next, " "), true
	case last.kind == anchorPrefix || last.kind == anchorBareGC:
		if !strings.Contains(seg, " ms: ") || !startsWithCollector(afterTime(seg)) {
			if strings.HasSuffix(seg, "Removed pages: 0, removed large pages: 0") && strings.HasPrefix(nt, ", removed") {
				return cur + next, true // Node 26's memory-pool message ends on the next line.
			}
			return "", false
		}
		mb := strings.Index(seg, " MB, ")
		if mb < 0 || !strings.Contains(seg[mb:], " ms") {
			if !continuesGC(nt) {
				return "", false // not the rest of this line: application output after it
			}
			return joinWrapped(cur, next), true // cut inside the sizes or durations
		}
		tail := gcTailText(seg)
		if tail == "" {
			if reasonFirstWords[firstWord(nt)] {
				return joinWrapped(cur, next), true
			}
			return "", false
		}
		lastWord := tail[strings.LastIndexAny(tail, " ;")+1:]
		fw := firstWord(nt)
		if lastWord != "" && !reasonWords[lastWord] && reasonWords[lastWord+fw] {
			return strings.TrimRight(cur, " ") + strings.TrimLeft(next, " "), true // split mid-word
		}
	case last.kind == anchorKeyword && last.keyword == "FATAL ERROR:":
		if strings.HasSuffix(seg, "memory") {
			return "", false
		}
		if strings.HasPrefix(nt, "Allocation failed") || strings.HasPrefix(nt, "JavaScript heap out of memory") ||
			strings.HasPrefix(nt, "process out of memory") || strings.HasSuffix(seg, "Allocation failed -") {
			return joinWrapped(cur, next), true
		}
	case last.kind == anchorNativeFrame:
		if strings.HasSuffix(seg, "]") || nativeFrameAt(nt, 0) || symbolFrameStart(nt) == 0 {
			return "", false
		}
		// A symbol a terminal wrapped: the rest of a C++ signature, or the [module].
		if strings.HasPrefix(nt, "[") || strings.Count(seg, "(") > strings.Count(seg, ")") ||
			strings.Contains(nt, "::") && !strings.Contains(nt, " at ") {
			return joinWrapped(cur, next), true
		}
	}
	return "", false
}

// continuesGC reports whether a line can be the rest of a --trace-gc line a terminal wrapped:
// it starts where a GC line goes on (a size, a clause, a unit), not with other text.
func continuesGC(t string) bool {
	if t == "" {
		return false
	}
	if c := t[0]; c == '(' || c == '-' || c == '/' || c == ',' || c >= '0' && c <= '9' {
		return true
	}
	for _, p := range []string{"MB", "ms", "pooled"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

func joinWrapped(cur, next string) string {
	return strings.TrimRight(cur, " ") + " " + strings.TrimLeft(next, " ")
}

// cutPrefixLen returns the length of a "[pid:0xhex" prefix cut short at the start of t (no
// closing bracket), or 0.
func cutPrefixLen(t string) int {
	if !strings.HasPrefix(t, "[") {
		return 0
	}
	d := scanDigits(t, 1)
	if d == 1 || d >= len(t) || t[d] != ':' || !strings.HasPrefix(t[d+1:], "0x") {
		return 0
	}
	e := scanIsolate(t, d+1)
	if e < len(t) && t[e] == ']' {
		return 0 // a whole prefix
	}
	return e
}

// isCutPrefix reports whether t is the start of a V8 prefix and nothing more: "[123:0x5639fa".
func isCutPrefix(t string) bool {
	if !strings.HasPrefix(t, "[") {
		return false
	}
	d := scanDigits(t, 1)
	if d == 1 || d == len(t) {
		return d == len(t) && d > 1
	}
	if t[d] != ':' {
		return false
	}
	return scanIsolate(t, d+1) == len(t)
}

// isNVPFragment reports whether t is a run of name=value pairs without a prefix.
func isNVPFragment(t string) bool {
	return strings.Count(t, "=") >= 4 && strings.Count(t, " ") < 2*strings.Count(t, "=")+2 &&
		!strings.Contains(t, "(") && !strings.Contains(t, "\"")
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " ;"); i >= 0 {
		return s[:i]
	}
	return s
}

// afterTime returns what follows "T ms: " in a GC segment.
func afterTime(seg string) string {
	if i := strings.Index(seg, " ms: "); i >= 0 {
		return seg[i+5:]
	}
	return ""
}

// gcTailText returns the reasons part of a complete-looking GC segment: what follows the last
// ")" of the mu or incremental clause, or the durations' "ms".
func gcTailText(seg string) string {
	mb := strings.Index(seg, " MB, ")
	rest := seg[mb:]
	if i := strings.LastIndex(rest, ")"); i >= 0 {
		return strings.TrimSpace(rest[i+1:])
	}
	if i := strings.Index(rest, " ms"); i >= 0 {
		return strings.TrimSpace(rest[i+3:])
	}
	return ""
}

// ErrNotV8 reports that an input held nothing of V8's.
var ErrNotV8 = errors.New("no V8 garbage-collector output found")
