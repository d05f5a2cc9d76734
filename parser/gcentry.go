package parser

import (
	"errors"
	"strings"

	"github.com/alecthomas/participle/v2"
)

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
	whole := seg
	if err != nil {
		if joined, ok := joinIndentedWraps(seg); ok {
			if jg, jerr := gcParser.ParseString("", joined); jerr == nil {
				seg, g, err = joined, jg, nil
			}
		}
	}
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
		if at := errorOffset(seg, err); at > 0 && at < len(cut) {
			// The grammar stopped inside the line, at text no entry has there: the token
			// before it was not followed by what V8 prints after it, and may be a piece of a
			// number the paste broke ("-> 141", then spaces, then "2.2 (1439.3) MB" read as
			// 141 MB left by a full GC of a 1,412 MB heap). Read up to that token.
			cut = strings.TrimRight(seg[:at], " ")
			seg = cut // no trailing space: the last token goes
		}
		if len(cut) == len(seg) {
			if i := strings.LastIndexAny(cut, " ("); i > 0 {
				cut = cut[:i]
			}
		}
		g, _ = gcParser.ParseString("", cut)
		seg = cut
	}
	if truncated && (g == nil || g.Sizes.HeapAfter == "") {
		if a, err := abridgedGCParser.ParseString("", whole); err == nil {
			g = a.line()
			seg = ""
		}
	}
	if g == nil || g.Time == "" {
		ev.Type, ev.Unknown = TypeUnknown, &Unknown{Text: seg}
		p.emit(ev)
		return
	}
	p.finishGC(gcEvent(g, seg, truncated), ev)
}

// line is the abridged line as V8's form with what it left out empty.
func (a *abridgedGCLineG) line() *gcLineG {
	return &gcLineG{gcHeadG: a.gcHeadG, Sizes: sizesG{HeapBefore: a.HeapBefore, HeapAfter: a.HeapAfter}}
}

// minWrapIndent is the shortest run of spaces taken for a wrap's indent inside an entry: V8
// pads no field of a --trace-gc line by more than a few spaces.
const minWrapIndent = 16

// joinIndentedWraps removes from seg the runs of minWrapIndent spaces or more that stand between
// two other characters: a pager or terminal that wraps a long line and indents its rest under a
// prefix column (journalctl) leaves them when the paste joins the pieces again, in the middle
// of a number or a word ("-> 141", 52 spaces, "2.2 (1439.3) MB"). ok is false when there are
// none.
func joinIndentedWraps(seg string) (string, bool) {
	if !strings.Contains(seg, strings.Repeat(" ", minWrapIndent)) {
		return seg, false // the common case: a line the grammar could not read for another reason
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(seg); {
		j := i
		for j < len(seg) && seg[j] == ' ' {
			j++
		}
		if j-i >= minWrapIndent && i > 0 && j < len(seg) {
			changed = true
			i = j
			continue
		}
		if j > i {
			b.WriteString(seg[i:j])
			i = j
			continue
		}
		b.WriteByte(seg[i])
		i++
	}
	return b.String(), changed
}

// errorOffset is the byte offset in the one-line seg where the grammar's err stopped it; 0 when
// err says no position.
func errorOffset(seg string, err error) int {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return 0
	}
	pos := perr.Position()
	if pos.Offset > 0 || pos.Line != 1 || pos.Column < 1 {
		return pos.Offset
	}
	col := 1 // the lexer counts columns in runes
	for i := range seg {
		if col == pos.Column {
			return i
		}
		col++
	}
	return len(seg)
}
