package parser

import (
	"strings"
	"unsafe"
)

// V8's line prefix, "[pid]", "[pid:isolate]" or "[pid:isolate:id]", is read by one scanner,
// scanPrefix. It takes every shape a prefix comes in, whole or cut short, and says which it
// saw; each caller then decides which shapes, and which lengths and isolate spellings, it
// takes. The fast paths take fewer than the classifier: what they refuse goes to the grammar.

// prefixShape is the shape of what scanPrefix saw at the start of a text.
type prefixShape uint8

const (
	prefixNone      prefixShape = iota // no "[" and digits: no prefix at all
	prefixPID                          // [pid]
	prefixIsolate                      // [pid:isolate]
	prefixIsolateID                    // [pid:isolate:id]
	// prefixCut is a prefix that stops before its "]": the text ends, or goes on with
	// something else, after "[pid" or "[pid:isolate" (the isolate may be empty at the end of
	// the text).
	prefixCut
)

// prefixScan is what scanPrefix read. The strings are slices of the scanned text.
type prefixScan struct {
	shape prefixShape
	// spaced is set when spaces or tabs stand between "[" and the pid: the grammar takes
	// them, the classifier does not.
	spaced           bool
	pid, isolate, id string
	// end is the index after the "]" of a whole prefix; for prefixCut, after the pid or the
	// isolate, where the scan stopped.
	end int
}

// scanPrefix reads the prefix that starts at s[i], if one does. The isolate is what
// scanIsolate takes (0x and hex digits, or bare hex digits); the pid and the id are digits of
// any length.
// minBareIsolate is the fewest digits of an isolate printed without 0x: Windows prints 8 (ia32)
// or 16 (x64).
const minBareIsolate = 8

func scanPrefix(s string, i int) prefixScan {
	var p prefixScan
	if i >= len(s) || s[i] != '[' {
		return p
	}
	j := i + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	p.spaced = j > i+1
	k := scanDigits(s, j)
	if k == j {
		return prefixScan{}
	}
	p.pid = s[j:k]
	switch {
	case k == len(s):
		p.shape, p.end = prefixCut, k
		return p
	case s[k] == ']':
		p.shape, p.end = prefixPID, k+1
		return p
	case s[k] != ':':
		return prefixScan{}
	}
	e := scanIsolate(s, k+1)
	p.isolate = s[k+1 : e]
	switch {
	case e == len(s):
		p.shape, p.end = prefixCut, e
	case p.isolate == "":
		return prefixScan{}
	case !strings.HasPrefix(p.isolate, "0x") && len(p.isolate) < minBareIsolate:
		// "[02:39:27]" is a clock, not a pid and an isolate: Windows prints an isolate
		// without 0x, but as 8 or 16 digits.
		return prefixScan{}
	case s[e] == ']':
		p.shape, p.end = prefixIsolate, e+1
	case s[e] == ':':
		m := scanDigits(s, e+1)
		if m > e+1 && m < len(s) && s[m] == ']' {
			p.shape, p.id, p.end = prefixIsolateID, s[e+1:m], m+1
		} else {
			p.shape, p.end = prefixCut, e
		}
	default:
		p.shape, p.end = prefixCut, e
	}
	return p
}

// prefixMemo remembers the last few whole prefixes scanned: their bytes, their scans, and
// where the scans' strings start. The lines of a log mostly carry the prefix of the line
// before, or of one of a few isolates taking turns: comparing bytes costs less than scanning
// them again. The bytes are copied, since a streaming parser's line buffers are overwritten.
type prefixMemo struct {
	seen [4]memoPrefix
	next int // the entry the next prefix replaces
}

type memoPrefix struct {
	text               [40]byte
	n                  int // the prefix's length; 0 when the entry is empty
	scan               prefixScan
	pidAt, isoAt, idAt int
}

// scan returns scanPrefix(s, 0) and prefixEndOf of it, through the memo. A whole prefix's
// scan reads nothing after its "]", so a line that starts with the same bytes has the same
// scan, with its strings pointed at the line.
func (m *prefixMemo) scan(s string, p *prefixScan) int {
	for k := range m.seen {
		e := &m.seen[k]
		if n := e.n; n > 0 && len(s) >= n && s[:n] == unsafe.String(&e.text[0], n) {
			*p = e.scan
			p.pid = s[e.pidAt : e.pidAt+len(p.pid)]
			p.isolate = s[e.isoAt : e.isoAt+len(p.isolate)]
			p.id = s[e.idAt : e.idAt+len(p.id)]
			return p.end
		}
	}
	*p = scanPrefix(s, 0)
	end := prefixEndOf(s, p)
	// Only a whole prefix of V8's with an isolate is kept: prefixEndOf of a bare [pid] looks
	// at what follows it.
	if end > 0 && p.shape != prefixPID && p.end <= len(m.seen[0].text) {
		e := &m.seen[m.next]
		m.next = (m.next + 1) % len(m.seen)
		e.n = copy(e.text[:], s[:p.end])
		e.scan = *p
		e.pidAt, e.isoAt, e.idAt = offsetIn(s, p.pid), offsetIn(s, p.isolate), offsetIn(s, p.id)
	}
	return end
}

// offsetIn returns where sub, a slice of s (or empty), starts in s.
func offsetIn(s, sub string) int {
	if sub == "" {
		return 0
	}
	return int(uintptr(unsafe.Pointer(unsafe.StringData(sub))) - uintptr(unsafe.Pointer(unsafe.StringData(s))))
}

// maxPIDDigits is the longest pid a prefix has (a 32-bit pid has at most 10 digits); a longer
// run of digits in brackets is not V8's.
const maxPIDDigits = 10

// prefixEnd returns the index after a V8 line prefix starting at s[i] ('['), or 0 if none is
// there. A prefix is [pid], [pid:isolate] or [pid:isolate:id]. A bare [pid] is only taken for
// V8's when a timestamp or a verbose heap row follows, because "[1] " is also what
// concurrently, foreman and friends put before every line.
func prefixEnd(s string, i int) int {
	p := scanPrefix(s, i)
	return prefixEndOf(s, &p)
}

// prefixEndOf is prefixEnd given what scanPrefix read of s.
func prefixEndOf(s string, p *prefixScan) int {
	if p.spaced || len(p.pid) > maxPIDDigits {
		return 0
	}
	switch p.shape {
	case prefixPID:
		if pidOnlyFollowedByV8(s[p.end:]) {
			return p.end
		}
	case prefixIsolate, prefixIsolateID:
		return p.end
	}
	return 0
}

// msColonEnd returns the index after the " ms: " that follows a time whose digits end at d,
// or -1. V8 prints one space on each side; a paste that doubled the spaces, or turned a tab
// into them, is read as the grammar reads it, spaces being no token to it.
func msColonEnd(s string, d int) int {
	i := d
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i == d || !strings.HasPrefix(s[i:], "ms:") {
		return -1
	}
	j := i + len("ms:")
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k == j {
		return -1
	}
	return k
}

// pidOnlyFollowedByV8 reports whether what follows a "[pid]" prefix is V8's: a timestamp
// ("   115 ms: ") or a verbose heap row ("Memory allocator, used: …").
func pidOnlyFollowedByV8(rest string) bool {
	t := strings.TrimLeft(rest, " \t")
	if len(t) == len(rest) {
		return false
	}
	if d := scanDigits(t, 0); d > 0 && msColonEnd(t, d) > 0 {
		return true
	}
	return strings.Contains(t, "used:") && strings.Contains(t, ",") || strings.HasPrefix(t, "Total time spent in GC") ||
		strings.HasPrefix(t, "External memory") || strings.HasPrefix(t, "Hurrying incremental marking") ||
		strings.HasPrefix(t, "Increasing marking speed") || strings.HasPrefix(t, "Memory reducer")
}

// scanIsolate scans an isolate address: 0x + hex digits, or bare hex digits (Windows).
func scanIsolate(s string, i int) int {
	if strings.HasPrefix(s[i:], "0x") {
		i += 2
	}
	j := i
	for j < len(s) && isHex(s[j]) {
		j++
	}
	return j
}

// startsWithPrefix reports whether b starts with a V8 "[pid:…]" prefix.
func startsWithPrefix(b []byte) bool {
	return len(b) > 1 && b[0] == '[' && b[1] >= '0' && b[1] <= '9' && prefixEnd(unsafe.String(&b[0], len(b)), 0) > 0
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

// cutPrefixLen returns the length of a "[pid:0xhex" prefix cut short at the start of t (no
// closing bracket), or 0. A whole "[pid:0xhex:id]" counts as cut after its isolate: it only
// gets here when its pid is too long for prefixEnd.
func cutPrefixLen(t string) int {
	p := scanPrefix(t, 0)
	if p.spaced || !strings.HasPrefix(p.isolate, "0x") || p.shape != prefixCut && p.shape != prefixIsolateID {
		return 0
	}
	return len("[") + len(p.pid) + len(":") + len(p.isolate)
}

// isCutPrefix reports whether t is the start of a V8 prefix and nothing more: "[123:0x5639fa".
func isCutPrefix(t string) bool {
	p := scanPrefix(t, 0)
	return p.shape == prefixCut && !p.spaced && p.end == len(t)
}
