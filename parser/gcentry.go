package parser

import "strings"

// A --trace-gc entry the fast path did not take, read by the grammar: whole, glued to the next
// entry, cut short, or set aside to wait for its rest (pending.go).

// processGC parses a --trace-gc entry. A glued entry (another entry follows on the same line)
// lost its newline to V8's 256-byte buffer, so it is truncated unless its reasons are whole.
func (p *Parser) processGC(seg string, glued bool, ev Event) {
	if fastPaths && !glued && p.pend == nil {
		// A whole entry the fast path reads, whose reasons end where V8's do, is what the
		// grammar would make of it (FuzzFastPath).
		if gc, at, ok := fastGCTail(seg, nil, &gcStore{}, &p.lines); ok && plainReasons(seg[at:]) {
			p.finishGC(gc, ev)
			return
		}
	}
	g, err := gcParser.ParseString("", seg)
	if p.section != sectionRing && !glued && p.pend == nil && (err != nil || !plainReasons(g.Tail.text(seg))) {
		// A live line that does not read whole, or whose reasons run on into other text: its
		// rest may come a few lines later.
		p.pend = &pendingGC{head: seg, line: ev.Line}
		return
	}
	p.processGCParsed(seg, glued, ev, g, err)
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
