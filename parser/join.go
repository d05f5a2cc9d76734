package parser

import "strings"

// Joining: a line a terminal hard-wrapped, or a logger split, is joined to the line that
// continues it before it is classified. Whether the next line continues this one is decided by
// what this one ends with and what the next one starts with.

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
	as := findAnchors(cur)
	if len(as) == 0 {
		return "", false
	}
	last := as[len(as)-1]
	seg := strings.TrimRight(cur[last.pos:], " ")
	if last.kind == anchorPrefix && prefixEnd(seg, 0) == len(seg) && startsTimedGC(nt) {
		// A reflow that broke the line right after its prefix: the GC goes on on the next
		// line ("[144950:0x594f3e0]" / "84427 ms: Mark-sweep (reduce) 2046.4 (2084.0)").
		return joinWrapped(cur, next), true
	}
	if as := findAnchors(next); len(as) > 0 && strings.TrimSpace(next[:as[0].pos]) == "" {
		return "", false
	}
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
		if rest := seg[mb:]; strings.Count(rest, "(") > strings.Count(rest, ")") && strings.Contains(nt, ")") && onlyClause(rest[strings.LastIndexByte(rest, '(')+1:]) {
			// Cut inside a clause — the incremental marking's or the mutator utilization's —
			// that closes on the next line.
			if j, ok := joinClause(cur, next); ok {
				return j, true
			}
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
			strings.HasPrefix(nt, "process out of memory") || strings.HasSuffix(seg, "Allocation failed -") ||
			strings.HasSuffix(seg, " Allocation") && strings.HasPrefix(nt, "failed - ") {
			return joinWrapped(cur, next), true
		}
		// A terminal that wrapped the line at its width, inside a word: the rest of V8's
		// message follows, and the word cut in two is one of its words.
		if !strings.Contains(seg, "Allocation failed") && strings.Contains(nt, "Allocation failed - ") && strings.HasSuffix(nt, "out of memory") {
			cut := seg[strings.LastIndexAny(seg, " :")+1:]
			if fatalWords[cut+firstWord(nt)] {
				return strings.TrimRight(cur, " ") + strings.TrimLeft(next, " "), true
			}
			return joinWrapped(cur, next), true
		}
	case last.kind == anchorNativeFrame:
		if strings.HasSuffix(seg, "]") || nativeFrameAt(nt, 0) || symbolFrameStart(nt) == 0 {
			return "", false
		}
		// A symbol a terminal wrapped: the rest of a C++ signature, or the [module] — the
		// whole line, or its start when the module too was wrapped. A line that only opens
		// with a bracketed word is another's ("[close-orchestrator] t=24.9s close job
		// FAILED", the parent's own log after a child's address-only frame).
		if module := strings.IndexByte(nt, ']'); strings.HasPrefix(nt, "[") && (module < 0 || module == len(nt)-1) ||
			strings.Count(seg, "(") > strings.Count(seg, ")") ||
			strings.Contains(nt, "::") && !strings.Contains(nt, " at ") {
			return joinWrapped(cur, next), true
		}
	}
	return "", false
}

// startsTimedGC reports a text that starts as a --trace-gc line does after its prefix: a time
// in ms, then a collector's name.
func startsTimedGC(t string) bool {
	d := scanDigits(t, 0)
	return d > 0 && strings.HasPrefix(t[d:], " ms: ") && startsWithCollector(t[d+len(" ms: "):])
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

// clauseWords are the words of the clauses in parentheses after a GC's pause.
var clauseWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("ms in steps since start of marking biggest step walltime last GC average mu current") {
		m[w] = true
	}
	return m
}()

// joinClause joins a GC line cut inside a parenthesised clause to its rest: end to end when
// the cut fell inside a word or a number of the clause, with a space when it fell between two.
// It is false when next does not go on with the clause's words (output of the program that
// cut V8's line, whose rest comes later).
func joinClause(cur, next string) (string, bool) {
	c, n := strings.TrimRight(cur, " "), strings.TrimLeft(next, " ")
	if c == "" || n == "" {
		return "", false
	}
	left := c[strings.LastIndexAny(c, " (,=+")+1:]
	right := n
	if i := strings.IndexAny(n, " ),"); i >= 0 {
		right = n[:i]
	}
	clause := func(w string) bool { return clauseWords[w] || isDecimal(w) }
	spaced := len(c) < len(cur) || len(n) < len(next)
	switch {
	case !spaced && clause(left+right):
		return c + n, true
	case clause(right) || right == "" && (n[0] == ')' || n[0] == ','):
		return joinWrapped(cur, next), true
	}
	return "", false
}

// onlyClause reports whether s, the open clause of a cut GC line, holds the clause's words
// only: not the output of a program that cut V8's line (Deno writes the two unsynchronised).
func onlyClause(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '=' || r == '+' })
	for i, w := range words {
		if clauseWords[w] || isDecimal(strings.TrimSuffix(w, ".")) {
			continue
		}
		if i < len(words)-1 || !clausePrefix(w) {
			return false
		}
	}
	return true
}

// clausePrefix reports whether w can be the start of a clause's word, cut by a wrap.
func clausePrefix(w string) bool {
	for c := range clauseWords {
		if strings.HasPrefix(c, w) {
			return true
		}
	}
	return false
}

// isDecimal reports whether s is a number as V8 prints one: digits, with a decimal point.
func isDecimal(s string) bool {
	i := scanDigits(s, 0)
	if i < len(s) && s[i] == '.' {
		i = scanDigits(s, i+1)
	}
	return i > 0 && i == len(s)
}

func joinWrapped(cur, next string) string {
	return strings.TrimRight(cur, " ") + " " + strings.TrimLeft(next, " ")
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

// fatalWords are the words of V8's fatal OOM lines, to tell a word a terminal cut in two
// ("Ineffe" + "ctive") from two words cut at a space.
var fatalWords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range []string{
		"Reached heap limit Allocation failed - JavaScript heap out of memory",
		"Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory",
		"CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory",
		"invalid table size Allocation failed - JavaScript heap out of memory",
		"invalid array length Allocation failed - JavaScript heap out of memory",
		"MarkCompactCollector: young object promotion failed Allocation failed - JavaScript heap out of memory",
		"Scavenger: semi-space copy Allocation failed - process out of memory",
	} {
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}()

// spliceRepair mends a V8 line another writer's line was printed into: V8's trace goes out
// through a buffer of its own (Deno's in 4 KB pieces; Node's stdio when the output is a file),
// the program's log lines straight away, so a program line can land inside a V8 line, which
// goes on on the next line: "[14577:0x55b" + "2026-11-29T22:03:18.426Z INFO …" then
// "b76573000] External memory reported: …". When cur holds, after the start of a V8 line, a
// line of the program's beginning with an ISO-8601 time, next does not start a line of its own,
// and the V8 line's start with next reads as a V8 event where the start alone does not, it
// returns that V8 line and the program's line.
//
// A program line that begins with a tag in brackets ("[introspect-cache] t=10.0s …") is found
// the same way when cur begins with a whole V8 prefix and a GC line's time, the program's line
// after it (a Deno run of set CR: "… Incremental Mark-Compact 48.7 (9" + the program's line,
// then "9.1) -> 47.9 (99.1) MB, …"); before, the start was a GC cut short and the rest a
// crash-dump fragment of no GC.
func spliceRepair(cur, next string) (joined, app string, ok bool) {
	if len(cur) < 2 || cur[0] != '[' || next == "" || next[0] == '[' && prefixEnd(next, 0) > 0 || isoTimeIn(next, 0) == 0 {
		return "", "", false
	}
	try := func(i int) bool {
		head := cur[:i]
		joined = head + next
		return readsAsV8(joined) && !readsAsV8(head)
	}
	if i := isoTimeIn(cur, 1); i >= 0 {
		if try(i) {
			return joined, cur[i:], true
		}
		return "", "", false
	}
	if e := prefixEnd(cur, 0); e > 0 {
		if ms := strings.Index(cur[e:], " ms: "); ms >= 0 {
			for i, tries := e+ms, 0; tries < 3; tries++ {
				k := strings.IndexByte(cur[i+1:], '[')
				if k < 0 {
					break
				}
				if i += 1 + k; try(i) {
					return joined, cur[i:], true
				}
			}
		}
	}
	return "", "", false
}

// isoTimeIn returns the first position at or after from where s holds an ISO-8601 date and
// time (isoDateTime), -1 if none.
func isoTimeIn(s string, from int) int {
	for i := from; i+19 <= len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' && isoDateTime(s[i:]) {
			return i
		}
	}
	return -1
}

// readsAsV8 reports whether a line, read alone, gives a GC or an NVP record, whole, or a row of
// V8's heap tables.
func readsAsV8(l string) bool {
	return readAlone(l, func(ev Event) (bool, bool) {
		switch ev.Type {
		case TypeGC:
			return !ev.GC.Truncated, true
		case TypeNVP:
			return ev.NVP.Kind != nil && ev.NVP.HeapAfterMB != nil, true // a JSON record cut short reads as neither
		case TypeHeapStats:
			return true, true
		case TypeV8Other:
			return ev.Other.Name != OtherCutLine, true
		}
		return false, false
	})
}

// readAlone reads one line with a parser of its own (no wrap), giving decide its events in
// turn until decide is done, and returns decide's answer; false when the line ends first.
func readAlone(l string, decide func(Event) (answer, done bool)) bool {
	p := New(strings.NewReader(l))
	p.setWrap(0)
	for {
		ev, err := p.Next()
		if err != nil {
			return false
		}
		if answer, done := decide(ev); done {
			return answer
		}
	}
}
