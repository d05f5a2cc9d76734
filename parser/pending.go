package parser

import "strings"

// A --trace-gc line cut off by application output glued onto it (Deno and other embedders
// write V8's trace in blocks) waits here for its rest, which comes a few lines later. The
// events of the lines in between are held back and emitted after the GC.

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
		rest := strings.TrimLeft(text, " \t")
		cut := isolateCut(pd.head, pd.prefixCut, rest)
		gc, ok := fastGC(pd.head[:cut] + rest)
		if !ok || !(gc.Reason == nil || knownReasons[*gc.Reason]) || !(gc.Comment == nil || isKnownComment(*gc.Comment)) {
			return false
		}
		p.pend = nil
		p.finishGC(gc, Event{Line: pd.line, EndLine: line})
		p.emit(Event{Type: TypeUnknown, Line: pd.line, EndLine: pd.line, Unknown: &Unknown{Text: pd.head[cut:]}})
		p.emitHeld(pd.held)
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
		p.emitHeld(held)
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
	if pd == nil {
		return
	}
	p.pend = nil
	if pd.prefixCut > 0 {
		p.emit(Event{Type: TypeUnknown, Line: pd.line, EndLine: pd.line, Unknown: &Unknown{Text: pd.head}})
		for _, ev := range pd.held {
			p.emit(ev)
		}
		return
	}
	p.processGCNow(pd.head, false, Event{Line: pd.line, EndLine: pd.line})
	p.emitHeld(pd.held)
}

// emitHeld emits the events held back while a GC line waited for its rest, once that GC is
// out. A crash block's entry among them may repeat it: read as it came, before the GC it
// repeats was known, the entry is matched again (ParseParallel marks repeats over the events
// in the order they are emitted, so it needs no second look).
func (p *Parser) emitHeld(held []Event) {
	for _, ev := range held {
		if ev.Type == TypeGC && ev.GC.InCrashDump && !ev.GC.Repeat && !p.repeatsLater {
			p.observeRepeat(ev.GC)
		}
		p.emit(ev)
	}
}

// findAnchorAtStart reports whether a V8 piece starts the line.
func findAnchorAtStart(text string) bool {
	as := findAnchors(text)
	return len(as) > 0 && strings.TrimSpace(text[:as[0].pos]) == ""
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

// maxIsolateHexDigits is the most hex digits an isolate address printed with "0x" has: user
// space on x64 and arm64 is 47–48 bits (every such isolate in the corpus has 6 to 12).
const maxIsolateHexDigits = 12

// isolateCut returns where V8's text ends in the head of a GC line cut inside its
// "[pid:0xhex" prefix, given the rest of the line: cut, unless the output glued on began with
// hex digits (a timestamp, "2026-11-29…") that the prefix's scan took for the isolate's — then
// as many fewer as make the isolate, with the digits the rest begins with, no longer than an
// address can be.
func isolateCut(head string, cut int, rest string) int {
	from := strings.Index(head, ":0x")
	if from < 0 || from+3 >= cut {
		return cut
	}
	from += 3 // the first hex digit
	tail := 0
	for tail < len(rest) && isHex(rest[tail]) {
		tail++
	}
	if over := cut - from + tail - maxIsolateHexDigits; over > 0 && cut-over > from {
		return cut - over
	}
	return cut
}
