package parser

import (
	"encoding/binary"
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file holds what the parser does before a grammar sees a line: it removes what terminals
// and log collectors wrap around V8's text (ANSI colours, carriage returns, per-line prefixes),
// and finds where V8's own pieces start in a line, so that ring-buffer entries glued together
// without newlines, or a whole crash report collapsed onto one line, are cut apart.

// cleanLine reads a log collector's JSON record as the text it holds (recordText), removes
// carriage returns, ANSI escape sequences, NUL bytes and invalid UTF-8 from a raw line, and
// turns the HTML entities of "<" and ">" back into them (a crash block pasted from a blog's
// HTML: "&lt;--- Last few GCs ---&gt;", "993.1 (1673.5) -&gt; 993.1"). It returns the input
// unchanged (no allocation) when there is nothing to remove.
func cleanLine(b []byte) string {
	if len(b) > 0 && (b[0] == '{' || b[0] == ' ' || b[0] == '\t') {
		if t, ok := recordText(b); ok {
			b = t
		}
	}
	if !dirty(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\r' || c == 0:
			i++
		case c == 0x1b:
			i = skipEscape(b, i)
		case c == '&' && i+3 < len(b) && (b[i+1] == 'g' || b[i+1] == 'l') && b[i+2] == 't' && b[i+3] == ';':
			if b[i+1] == 'g' {
				sb.WriteByte('>')
			} else {
				sb.WriteByte('<')
			}
			i += 4
		case c < 0x80:
			sb.WriteByte(c)
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n <= 1 {
				sb.WriteRune(utf8.RuneError)
				i++
				continue
			}
			if r == utf8.RuneError && i+n < len(b) && b[i+n] == '[' {
				// An escape sequence whose ESC a copy turned into U+FFFD ("�[91mKilled").
				i = skipEscape(b, i+n-1)
				continue
			}
			sb.Write(b[i : i+n])
			i += n
		}
	}
	return sb.String()
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasByte reports whether any byte of w equals c (the classic SWAR zero-byte test).
func hasByte(w uint64, c byte) bool {
	x := w ^ (ones * uint64(c))
	return (x-ones)&^x&highs != 0
}

// dirty reports whether b holds a byte cleanLine removes or checks: CR, ESC, NUL, non-ASCII,
// or the "&" of an entity. It reads eight bytes at a time: this runs on every line.
func dirty(b []byte) bool {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if w&highs != 0 || hasByte(w, 0) || hasByte(w, 0x1b) || hasByte(w, '\r') || hasByte(w, '&') {
			return true
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '\r' || c == 0x1b || c == 0 || c >= 0x80 || c == '&' {
			return true
		}
	}
	return false
}

// skipEscape returns the index after the ANSI escape sequence that starts at b[i].
func skipEscape(b []byte, i int) int {
	i++ // ESC
	if i < len(b) && b[i] == '[' {
		i++
		for i < len(b) && (b[i] >= 0x30 && b[i] <= 0x3f || b[i] >= 0x20 && b[i] <= 0x2f) {
			i++
		}
		if i < len(b) {
			i++ // final byte
		}
		return i
	}
	if i < len(b) && b[i] == ']' { // OSC: up to BEL or ESC \
		for i < len(b) && b[i] != 0x07 && b[i] != 0x1b {
			i++
		}
		if i < len(b) && b[i] == 0x07 {
			i++
		}
		return i
	}
	if i < len(b) {
		i++
	}
	return i
}

// anchorKind says what starts at an anchor.
type anchorKind int

const (
	anchorPrefix      anchorKind = iota // [pid:isolate] …
	anchorBareGC                        // "   1234 ms: Scavenge" without prefix (Node ≤ 6 ring buffer, 0.12)
	anchorKeyword                       // a crash-block keyword: FATAL ERROR:, <--- …, # Fatal, …
	anchorNativeFrame                   // " 1: 0xADDR …"
)

type anchor struct {
	pos  int
	kind anchorKind
	// keyword is the keyword found, for anchorKeyword.
	keyword string
}

// crashKeywords start a piece of V8's or Node's crash output wherever they stand in a line.
var crashKeywords = [...]string{
	"<--- Last few GCs --->",
	"<--- JS stacktrace --->",
	// The same headers with their "<" lost: a digest or an HTML sanitizer that took it for a
	// tag's start ("--- Last few GCs --->"). Inside a whole header they are not anchors.
	"--- Last few GCs --->",
	"--- JS stacktrace --->",
	"==== JS stack trace",
	"==== C stack trace",
	"----- Native stack trace -----",
	// Its first dash lost or typed over (".---- Native stack trace -----", a paste retyped).
	"---- Native stack trace -----",
	// Dashes lost at both ends ("--- Native stack trace", a terminal screen copied by hand).
	// Inside a whole header it is not an anchor.
	"--- Native stack trace",
	"==== Native Stack Trace", // node-report's section (Node 4-10's node-report module)
	"FATAL ERROR:",
	"Security context:",
	"# Fatal",
	"#Fatal ", // V8's banner as some Windows consoles print it
	"terminate called after throwing an instance of 'std::bad_alloc'",
	"#FailureMessage",
	"# Debug check failed:",
	"# Check failed:",
	"# API fatal error handler returned after",
	"OOM error in V8:",
	"V8 javascript OOM (",
	"V8 process OOM (",
	"Fatal process out of memory:",
	"Fatal JavaScript out of memory:",
	"Fatal JavaScript invalid size error",
	"Fatal error in V8:",
	"Worker terminated due to reaching memory limit",
	"RangeError: Map maximum size exceeded",
	"RangeError: Set maximum size exceeded",
	"RangeError: Invalid array length",
	"RangeError: Value undefined out of range for undefined options property undefined",
	"RangeError: Invalid string length",
	"RangeError: Maximum call stack size exceeded",
	"RangeError: Maximum BigInt size exceeded",
	"WebAssembly.Memory(): could not allocate memory",
	"RangeError: WebAssembly.Memory.grow():",
	"RuntimeError: Aborted(OOM)",
	"RuntimeError: abort(OOM)",
	"WebAssembly.instantiate(): Out of memory",
	"RangeError: Invalid typed array length",
	"RangeError: Invalid array buffer length",
	"RangeError: Array buffer allocation failed",
	"RangeError [ERR_BUFFER_TOO_LARGE]",
	"RangeError: length > kMaxLength",
	"RangeError: Attempt to allocate Buffer larger than maximum size",
	"RangeError: \"size\" argument must not be larger than",
	"RangeError [ERR_OUT_OF_RANGE]: The value of \"size\" is out of range",
	"RangeError [ERR_OUT_OF_RANGE]: The value of \"length\" is out of range",
	"Error [ERR_STRING_TOO_LONG]",
	"Error: Cannot create a string longer than",
	"Error: \"toString()\" failed",
	"RangeError [ERR_FS_FILE_TOO_LARGE]",
	"Cannot get stack trace in GC.",
	"<--- Heap statistics --->",
	"<--- Near heap limit --->",
	ReportWrittenText,
	"Node.js report completed",
	"Wrote snapshot to ",
}

// keywordsByFirst lists, for each byte, the crash keywords that start with it.
var keywordsByFirst = func() (by [256][]int) {
	for k, kw := range crashKeywords {
		by[kw[0]] = append(by[kw[0]], k)
	}
	return by
}()

// findAnchors returns, in order, the positions in s where a piece of V8 output starts.
func findAnchors(s string) []anchor {
	var out []anchor
	// Keywords, in one pass: only a byte that starts one is looked at further. An occurrence
	// of a keyword is not sought inside the one before it.
	var nextFrom [len(crashKeywords)]int
	for i := 0; i < len(s); i++ {
		for _, k := range keywordsByFirst[s[i]] {
			kw := crashKeywords[k]
			if i < nextFrom[k] || !strings.HasPrefix(s[i:], kw) {
				continue
			}
			if kw != "# Fatal" && kw != "#Fatal " || i == 0 || s[i-1] != '#' { // "## Fatal" is not V8's banner
				out = append(out, anchor{pos: i, kind: anchorKeyword, keyword: kw})
			}
			nextFrom[k] = i + len(kw)
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '[':
			if n := prefixEnd(s, i); n > 0 {
				out = append(out, anchor{pos: i, kind: anchorPrefix})
				i = skipTimestamp(s, n) - 1
			}
		case c >= '0' && c <= '9' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			if bareGCAt(s, i) {
				out = append(out, anchor{pos: i, kind: anchorBareGC})
			} else if nativeFrameAt(s, i) {
				out = append(out, anchor{pos: i, kind: anchorNativeFrame})
			}
			for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			}
		}
	}
	if len(out) > 1 {
		out = sortAnchors(out)
	}
	return out
}

func sortAnchors(a []anchor) []anchor {
	// Insertion sort: a line has a handful of anchors.
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j].pos < a[j-1].pos; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
	// Drop anchors that fall inside a keyword anchor's keyword (e.g. a frame anchor inside
	// "# Fatal"), keeping the earliest.
	w := 0
	for i := range a {
		if w > 0 && a[w-1].kind == anchorKeyword && a[i].pos < a[w-1].pos+len(a[w-1].keyword) {
			continue
		}
		a[w] = a[i]
		w++
	}
	return a[:w]
}

// skipTimestamp returns the index after the "[I:0x…]" tag and "   T ms: " that may follow a
// prefix ending at i, so that the timestamp is not taken for a prefix-less entry.
func skipTimestamp(s string, i int) int {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if strings.HasPrefix(s[j:], "[I:") {
		if k := strings.IndexByte(s[j:], ']'); k > 0 {
			j += k + 1
			for j < len(s) && s[j] == ' ' {
				j++
			}
		}
	}
	if d := scanDigits(s, j); d > j {
		if end := msColonEnd(s, d); end > 0 {
			return end
		}
	}
	return i
}

func scanDigits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// bareGCAt reports whether a prefix-less GC entry ("1234 ms: Scavenge …") or NVP line
// ("1234 ms: pause=…") starts at s[i]. Unlike after a prefix, the spacing must be V8's: a hex
// dump's text column ("39  ms: Mark-sweep") is no entry.
func bareGCAt(s string, i int) bool {
	d := scanDigits(s, i)
	if !strings.HasPrefix(s[d:], " ms: ") {
		return false
	}
	rest := s[d+5:]
	return startsWithCollector(rest) || strings.HasPrefix(rest, "pause=")
}

// nativeFrameAt reports whether a native stack frame with an address (" 1: 0x8cd49c …",
// " 3: 00007FF71B6E8077 …") starts at s[i].
func nativeFrameAt(s string, i int) bool {
	d := scanDigits(s, i)
	if d-i > 5 || !strings.HasPrefix(s[d:], ": ") {
		return false
	}
	a := d + 2
	if strings.HasPrefix(s[a:], "0x") {
		e := a + 2
		for e < len(s) && isHex(s[e]) {
			e++
		}
		return d-i <= 3 && e > a+2 && (e == len(s) || s[e] == ' ')
	}
	e := a
	for e < len(s) && (s[e] >= '0' && s[e] <= '9' || s[e] >= 'A' && s[e] <= 'F') {
		e++
	}
	// 16 digits on x64 Windows, 8 on ia32; a pasted excerpt may cut the last one short.
	return e-a >= 8 && e-a <= 16 && (e == len(s) || s[e] == ' ')
}

// stripDecoration removes what log collectors and pastes put before each line: timestamps
// (ISO, PM2 --time, 12-hour clocks, syslog), PM2's "3|name | ", concurrently's "[1] ",
// console level tags ("[Error] "), markdown quotes ("> ") and stray backticks. It is used to
// see whether a line holds anything at all, and where a bare frame starts.
func stripDecoration(s string) string {
	for range 8 {
		t := strings.TrimLeft(s, " \t`>")
		if n := decorationLen(t); n > 0 {
			s = t[n:]
			continue
		}
		return t
	}
	return s
}

// isoDateTime reports whether t starts with an ISO-8601 date and time: 2024-02-27T09:49:55
// (or a space for the T).
func isoDateTime(t string) bool {
	return len(t) >= 19 && t[4] == '-' && t[7] == '-' && (t[10] == 'T' || t[10] == ' ') && t[13] == ':' && scanDigits(t, 0) == 4
}

// decorationLen returns the length of one decoration at the start of t, or 0.
func decorationLen(t string) int {
	if isoDateTime(t) {
		i := 19
		for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.' || t[i] == 'Z' || t[i] == ':' || t[i] == '+') {
			i++
		}
		return i
	}
	// 12- or 24-hour clock: 2:11:38 AM: / 09:49:55
	if d := scanDigits(t, 0); d > 0 && d <= 2 && d < len(t) && t[d] == ':' {
		i := d
		for i < len(t) && (t[i] == ':' || t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
			i++
		}
		if strings.HasPrefix(t[i:], " AM") || strings.HasPrefix(t[i:], " PM") {
			i += 3
		}
		if i < len(t) && t[i] == ':' {
			i++
		}
		if i > d+3 {
			return i
		}
	}
	// BuildKit: "#12 3.456 " (a step and the seconds since it started) or "#12 ".
	if len(t) > 2 && t[0] == '#' && t[1] >= '0' && t[1] <= '9' {
		i := scanDigits(t, 1)
		if i < len(t) && t[i] == ' ' {
			j := i + 1
			if k := scanDigits(t, j); k > j && k < len(t) && t[k] == '.' {
				if m := scanDigits(t, k+1); m > k+1 && m < len(t) && t[m] == ' ' {
					return m + 1
				}
			}
			return j
		}
	}
	// [1] , [Error] , [INFO] and the like: a short bracketed tag without spaces, and the
	// colon AWS Amplify's build log puts after its level ("[WARNING]: ").
	if strings.HasPrefix(t, "[") {
		if e := strings.IndexByte(t, ']'); e > 1 && e <= 12 && !strings.ContainsAny(t[1:e], " :") {
			if e+1 < len(t) && t[e+1] == ':' {
				return e + 2
			}
			return e + 1
		}
	}
	// PM2: "3|name  | "
	if d := scanDigits(t, 0); d > 0 && d < len(t) && t[d] == '|' {
		if e := strings.Index(t[d+1:], "| "); e >= 0 && e < 40 {
			return d + 1 + e + 1
		}
	}
	return 0
}

// jsFrameStart returns the index where a JavaScript stack frame ("    1: name [file:line] …")
// starts in s, or -1. Outside the JS stack section a frame must look like one: it carries a
// [file:line], a [pc…] or (this=…), or is one of V8's named internal frames.
func jsFrameStart(s string, inJSSection bool) int {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || (i > 0 && s[i-1] != ' ' && s[i-1] != '\t') {
			continue
		}
		d := scanDigits(s, i)
		if d-i > 3 || !strings.HasPrefix(s[d:], ": ") || d+2 >= len(s) || s[d+2] == ' ' {
			i = d
			continue
		}
		rest := s[d+2:]
		if inJSSection || strings.Contains(rest, "(this=") || strings.Contains(rest, " [pc") ||
			strings.Contains(rest, "[bytecode=") || strings.HasSuffix(rest, "...") ||
			strings.HasPrefix(rest, "ExitFrame [pc") || strings.HasPrefix(rest, "StubFrame [pc") ||
			strings.HasPrefix(rest, "InternalFrame [pc") || strings.HasPrefix(rest, "EntryFrame [pc") ||
			strings.HasPrefix(rest, "BuiltinExitFrame [pc") || strings.HasPrefix(rest, "ConstructFrame [pc") ||
			strings.HasPrefix(rest, "arguments adaptor frame") {
			return i
		}
		return -1
	}
	return -1
}

// symbolFrameStart returns the index where a native frame without an address starts
// (Node 6–9: " 1: node::Abort() [/usr/local/bin/node]"), or -1.
func symbolFrameStart(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || (i > 0 && s[i-1] != ' ' && s[i-1] != '\t') {
			continue
		}
		d := scanDigits(s, i)
		if d-i <= 3 && strings.HasPrefix(s[d:], ": ") && d+2 < len(s) && s[d+2] != ' ' {
			rest := s[d+2:]
			if strings.HasSuffix(rest, "]") && strings.Contains(rest, " [") ||
				strings.Contains(rest, "::") {
				return i
			}
		}
		i = d
	}
	return -1
}

// mdLink is a markdown link whose text is digits: what GitHub Actions' log view puts into a
// line it links ("[18](https://…#step:16:19)4.88" for 184.88), copied with the page. The
// target may be relative, or a placeholder where an archive of the page redacted the address
// ("[17](github-repo-link)0"): any target without spaces or parentheses.
var mdLink = regexp.MustCompile(`\[(\d+)\]\([^()\s]+\)`)

// unwrapLinks puts such links' text back in place of the links.
func unwrapLinks(s string) string { return mdLink.ReplaceAllString(s, "$1") }
