package parser

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/participle/v2/lexer"
)

// The fast path reads the hot line — a whole, well-formed --trace-gc line on a line of its
// own — without the grammar, which costs tens of microseconds a line. It accepts only what
// it fully understands and returns false on anything else, which then goes to the grammar.
// FuzzFastPath proves that every line it accepts yields exactly the event the grammar yields.

type scanner struct {
	s string
	i int
}

func (c *scanner) spaces() {
	i := c.i
	for i < len(c.s) && (c.s[i] == ' ' || c.s[i] == '\t') {
		i++
	}
	c.i = i
}

// ch consumes the byte b, then spaces.
func (c *scanner) ch(b byte) bool {
	if c.i >= len(c.s) || c.s[c.i] != b {
		return false
	}
	c.i++
	c.spaces()
	return true
}

// lit consumes lit, then spaces.
func (c *scanner) lit(lit string) bool {
	if !strings.HasPrefix(c.s[c.i:], lit) {
		return false
	}
	c.i += len(lit)
	c.spaces()
	return true
}

// word consumes a whole word (it must not run on into letters or digits), then spaces.
func (c *scanner) word(w string) bool {
	// Byte by byte: the words are short ("ms", "MB", "reduce"), and a general comparison
	// costs a call per word.
	s, i := c.s, c.i
	if len(s)-i < len(w) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if s[i+k] != w[k] {
			return false
		}
	}
	if j := i + len(w); j < len(s) && isWordByte(s[j]) {
		return false
	}
	c.i += len(w)
	c.spaces()
	return true
}

func isWordByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '.'
}

// number consumes digits[.digits] as the grammar's Number token would, then spaces. It fails
// on what the grammar would lex differently (an exponent, letters glued on).
func (c *scanner) number() (string, bool) {
	start := c.i
	j := scanDigits(c.s, c.i)
	if j == c.i || j-c.i >= 16 { // 16 digits lex as a Windows address in the grammar
		return "", false
	}
	if j+1 < len(c.s) && c.s[j] == '.' && c.s[j+1] >= '0' && c.s[j+1] <= '9' {
		j = scanDigits(c.s, j+1)
	}
	if j < len(c.s) && (isWordByte(c.s[j]) && c.s[j] != '.' || c.s[j] == '.' && j+1 < len(c.s) && isWordByte(c.s[j+1])) {
		return "", false
	}
	c.i = j
	c.spaces()
	return c.s[start:j], true
}

// float reads a number as number does and returns its value, computed while scanning: the
// integer digits, then the fraction's, into one mantissa.
func (c *scanner) float() (float64, bool) {
	s, i := c.s, c.i
	var m uint64
	for i < len(s) && s[i]-'0' < 10 {
		m = m*10 + uint64(s[i]-'0')
		i++
	}
	intDigits, frac := i-c.i, 0
	if i+1 < len(s) && s[i] == '.' && s[i+1]-'0' < 10 {
		i++
		from := i
		for i < len(s) && s[i]-'0' < 10 {
			m = m*10 + uint64(s[i]-'0')
			i++
		}
		frac = i - from
	}
	if intDigits == 0 || intDigits+frac > 15 {
		n, ok := c.number() // rare: the general path decides
		if !ok {
			return 0, false
		}
		return parseDecimal(n)
	}
	if i < len(s) && (isWordByte(s[i]) && s[i] != '.' || s[i] == '.' && i+1 < len(s) && isWordByte(s[i+1])) {
		return 0, false
	}
	c.i = i
	c.spaces()
	if frac == 0 {
		return float64(m), true
	}
	return float64(m) / pow10[frac], true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseDecimal reads digits[.digits]. With at most 15 significant digits the mantissa and the
// power of ten are exact in a float64, so one division is correctly rounded: the result is the
// one strconv.ParseFloat gives, without its generality. Longer numbers go to ParseFloat.
func parseDecimal(n string) (float64, bool) {
	var m uint64
	digits, frac := 0, -1
	for k := 0; k < len(n); k++ {
		b := n[k]
		if b == '.' {
			frac = 0
			continue
		}
		m = m*10 + uint64(b-'0')
		digits++
		if frac >= 0 {
			frac++
		}
	}
	if digits > 15 {
		f, err := strconv.ParseFloat(n, 64)
		return f, err == nil
	}
	if frac <= 0 {
		return float64(m), true
	}
	return float64(m) / pow10[frac], true
}

// gcStore holds a fast-path event and its numbers in one allocation. Its strings point to
// shared copies (collector names, kinds, known reasons, isolates): events are read-only.
type gcStore struct {
	gc   GC
	vals [13]float64
	pid  int64
}

// keep stores v in the k-th number of the store and returns a pointer to it, for the event.
func (st *gcStore) keep(k int, v float64) *float64 {
	st.vals[k] = v
	return &st.vals[k]
}

// shared returns a pointer to the one shared copy of a string of a small fixed set.
func shared(m map[string]*string, s string) *string {
	if p, ok := m[s]; ok {
		return p
	}
	c := strings.Clone(s)
	return &c
}

var (
	kindPtrs   = sharedSet(KindScavenge, KindFull)
	sincePtrs  = sharedSet("start of marking", "last GC")
	qualSlices = map[string][]string{"reduce": {"reduce"}, "interleaved": {"interleaved"}, "during sweeping": {"during sweeping"}}
)

func sharedSet[S ~string](ss ...S) map[S]*S {
	m := map[S]*S{}
	for _, s := range ss {
		m[s] = &s
	}
	return m
}

// collectorNames are the names the fast path reads (the table's, in its order), with their
// shared strings.
var collectorNames = func() []collectorName {
	var out []collectorName
	for _, c := range collectors {
		if c.fast {
			name := c.name
			out = append(out, collectorName{text: c.name, name: &name, kind: kindPtrs[c.kind]})
		}
	}
	return out
}()

type collectorName struct {
	text string
	name *string
	kind *Kind
}

// smallInt reads up to 18 decimal digits (callers bound the length) without strconv.
func smallInt(d string) int64 {
	var v int64
	for i := 0; i < len(d); i++ {
		v = v*10 + int64(d[i]-'0')
	}
	return v
}

// fastGC parses a whole --trace-gc line with a "[pid:isolate]" prefix. ok is false when the
// line is anything else, or anything unusual.
func fastGC(s string) (*GC, bool) {
	return fastGCInto(s, nil, &gcStore{}, &lineCache{})
}

// lineCache remembers what consecutive lines of a parser repeat: the last isolate addresses
// (a log has a few) and the reasons of the last line.
type lineCache struct {
	text [4]string
	ptr  [4]*string
	next int
	// tail and tailPtrs remember the reasons of the last line.
	tail     string
	tailPtrs [2]*string
	// mu remembers the last mu clause read and its two values: V8 updates mu only at full
	// GCs, so nearly every line repeats the one before (97% of the corpus's lines).
	mu     [64]byte
	muLen  int
	muVals [2]float64
	// sizes remembers the last sizes clause ("S0 (M0) -> S1 (M1) MB,") and its four values: a
	// program in a steady state allocates and keeps the same between GCs, and its scavenges
	// print the same sizes line after line (98.8% of a churning Node 20 service's lines; 22.6%
	// of the corpus's GC lines).
	sizes     [48]byte
	sizesLen  int
	sizesVals [4]float64
}

func (c *lineCache) get(iso string) *string {
	for i := range c.ptr {
		if c.ptr[i] != nil && c.text[i] == iso {
			return c.ptr[i]
		}
	}
	p := internIsolate(iso)
	// Keep the interned copy: iso itself may point into a reused buffer.
	c.text[c.next], c.ptr[c.next] = *p, p
	c.next = (c.next + 1) % len(c.ptr)
	return p
}

// fastJSFrame reads a JavaScript stack frame "N: rest" as jsFrameParser does: an index of
// digits that the grammar lexes as one Number (no exponent, no decimals, under 16 digits, which
// would lex as a Windows address), spaces, a colon, and whatever follows as the rest.
func fastJSFrame(s string) (*JSFrame, bool) {
	i := 0
	for i < len(s) && lexSpace(s[i]) {
		i++
	}
	d := scanDigits(s, i)
	if d == i || d-i > 15 {
		return nil, false
	}
	j := d
	for j < len(s) && lexSpace(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != ':' {
		return nil, false
	}
	return jsFrame(s[i:d], s[j+1:]), true
}

// fastAtFrame reads a stack frame of an Error's stack, "at fn (file:line:col)", as
// atFrameParser does: the word "at" (a space after it, or the lexer would read a longer word),
// then at least one token.
func fastAtFrame(s string) (*JSFrame, bool) {
	if len(s) < 3 || s[0] != 'a' || s[1] != 't' || !lexSpace(s[2]) {
		return nil, false
	}
	rest := s[2:]
	for k := 0; k < len(rest); k++ {
		if !lexSpace(rest[k]) {
			return atFrame(rest), true
		}
	}
	return nil, false
}

// parseCFrame parses a native frame of the crash block's C stack with the grammar, when the
// grammar could take it: most lines after a native stack are the program's own output, and
// the grammar takes only a line with an address or an index followed by a module, or with
// "0x" in it (FuzzCFrameGuard).
func parseCFrame(text string) (*cFrameG, error) {
	if !mayBeCFrame(text) {
		return nil, errNotCFrame
	}
	return cFrameParser.ParseString("", text)
}

var errNotCFrame = errors.New("not a native frame")

// cFrameAccepted reports a parse of cFrameParser that is a native frame.
func cFrameAccepted(g *cFrameG, text string) bool {
	return g.Address != nil || g.Index != nil && g.Module != nil || g.Rest != nil && strings.Contains(g.Rest.text(text), "0x")
}

// mayBeCFrame is false only for a text cFrameAccepted refuses: no "0x", and neither its first
// token nor the one after a leading word can lex as a number or an address.
func mayBeCFrame(s string) bool {
	if strings.Contains(s, "0x") {
		return true
	}
	i := 0
	for i < len(s) && lexSpace(s[i]) {
		i++
	}
	if i == len(s) {
		return false
	}
	if b := s[i]; b >= '0' && b <= '9' || b >= 'A' && b <= 'F' {
		return true
	}
	if b := s[i]; !(b == '_' || b >= 'a' && b <= 'z' || b >= 'G' && b <= 'Z') {
		return false // punctuation or other: no index, module or address
	}
	i = lexWordEnd(s, i)
	for i < len(s) && lexSpace(s[i]) {
		i++
	}
	return i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] >= 'A' && s[i] <= 'F')
}

// lexWordEnd returns the end of the Word token that starts at s[i]: letters, digits and '_',
// with inner '-' or '.' followed by more of them.
func lexWordEnd(s string, i int) int {
	word := func(b byte) bool {
		return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	i++
	for i < len(s) {
		switch {
		case word(s[i]):
			i++
		case (s[i] == '-' || s[i] == '.') && i+1 < len(s) && word(s[i+1]):
			i += 2
		default:
			return i
		}
	}
	return i
}

// fastFatal reads Node's "FATAL ERROR: <location> Allocation failed - <message>" as
// fatalParser does, when the line is plain: it starts "FATAL ERROR:" exactly, and the word
// "Allocation" occurs at most once, as a token of its own (a space before it, a space or the
// end after it). The location is what lies between, the message the rest from "Allocation".
func fastFatal(s string) (*Fatal, bool) {
	rest, ok := strings.CutPrefix(s, "FATAL ERROR:")
	if !ok {
		return nil, false
	}
	trim := func(t string) string {
		return strings.TrimFunc(t, func(r rune) bool { return r < 0x80 && lexSpace(byte(r)) })
	}
	at := strings.Index(rest, "Allocation")
	if at < 0 {
		return newFatal(trim(rest), "", "node"), true
	}
	end := at + len("Allocation")
	if strings.Contains(rest[end:], "Allocation") || at == 0 || !lexSpace(rest[at-1]) || end < len(rest) && !lexSpace(rest[end]) {
		return nil, false
	}
	return newFatal(trim(rest[:at]), trim(rest[at:]), "node"), true
}

// fastOtherLine reads a prefixed line of V8's that is neither a GC nor a heap row nor NVP
// ("[pid:isolate] Memory reducer: …", "[pid:isolate]   123 ms: Scavenge stack scanning: …")
// as otherLineParser does: the prefix, an optional "T ms:", the rest as text. A prefix the
// grammar could lex otherwise, or Node 4's "[I:…]" mark, is the grammar's.
func fastOtherLine(s string) (*Other, bool) {
	p := scanPrefix(s, 0)
	if p.spaced || len(p.pid) > maxPIDDigits || len(p.id) > maxPIDDigits {
		return nil, false
	}
	g := prefixG{PID: p.pid}
	switch p.shape {
	case prefixPID:
	case prefixIsolate, prefixIsolateID:
		if !oneTokenIsolate(p.isolate) {
			return nil, false
		}
		g.Isolate = &p.isolate
	default:
		return nil, false
	}
	c := scanner{s: s, i: p.end}
	for c.i < len(s) && lexSpace(s[c.i]) { // the grammar's spaces, form feeds included
		c.i++
	}
	if markAhead(s[c.i:]) {
		return nil, false
	}
	ev := &Other{Origin: g.origin()}
	if c.i < len(s) && s[c.i] >= '0' && s[c.i] <= '9' {
		// "T ms:" as V8 prints it; any other text that starts with a digit ("12ms:",
		// "1e5 ms:", "12 foo") the grammar's lexer reads its own way.
		t, ok := c.number()
		if !ok || !c.word("ms") || !c.ch(':') {
			return nil, false
		}
		ev.TimeMS = numPtr(&t)
	}
	ev.Text = strings.TrimSpace(s[c.i:])
	ev.Name = otherName(ev.Text)
	return ev, true
}

// markAhead reports text that may open Node 4's "[I:…]" isolate mark, spaces allowed where
// the grammar allows them: "[", spaces, "I".
func markAhead(t string) bool {
	if t == "" || t[0] != '[' {
		return false
	}
	j := 1
	for j < len(t) && lexSpace(t[j]) {
		j++
	}
	return j < len(t) && t[j] == 'I'
}

// lexSpace reports a byte the grammar's lexer reads as space (RE2's \s).
func lexSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' }

// fastPaths switches the fast paths on; TestFastPathsChangeNothing parses the corpus without
// them too, and holds the two parses to the same events.
var fastPaths = true

// fastGCInto is fastGC writing into st, which must be zero. pre, when not nil, is the prefix
// of s, read already: a line's prefix is read first to decide that the line before it ends.
func fastGCInto(s string, pre *prefixScan, st *gcStore, cache *lineCache) (*GC, bool) {
	gc, _, ok := fastGCTail(s, pre, st, cache)
	return gc, ok
}

// fastGCTail is fastGCInto that also returns where the reasons start.
func fastGCTail(s string, pre *prefixScan, st *gcStore, cache *lineCache) (*GC, int, bool) {
	r := gcReader{scanner: scanner{s: s}, st: st}
	if !r.prefix(pre, cache) || !r.time() || !r.collector() || !r.qualifiers() || !r.sizes(cache) || !r.pooled() ||
		!r.durations() || !r.incremental() || !r.mu(cache) {
		return nil, 0, false
	}
	at := r.i
	if !r.reasons(cache) {
		return nil, 0, false
	}
	return &st.gc, at, true
}

// gcReader reads a --trace-gc line for the fast path one clause at a time, in the order of
// gcLineG's fields, so that a line the fast path reads wrong (FuzzFastPath names the fields)
// points at one reader. Each reader takes its clause and the spaces after it and fills in the
// event, or returns false at anything it does not fully understand: the line then goes to the
// grammar. An optional clause that is not there is no failure.
//
// The line cache is passed to the two readers that use it rather than kept here: escape
// analysis does not tell a struct's fields apart, and the event's pointers into st would make
// the cache, and with it the Parser that holds it, escape to the heap.
type gcReader struct {
	scanner
	st *gcStore
}

// prefix reads "[pid:isolate]", or "[pid]" (Node 0.12 and io.js), or nothing before the time
// (a ring-buffer entry of Node 4–6's crash block).
func (r *gcReader) prefix(p *prefixScan, cache *lineCache) bool {
	if r.s != "" && r.s[0] != '[' {
		r.spaces()
		return true
	}
	if p == nil {
		scan := scanPrefix(r.s, 0)
		p = &scan
	}
	switch {
	case len(p.pid) > maxPIDDigits:
		return false
	case p.shape == prefixPID:
		r.st.pid = smallInt(p.pid)
		r.st.gc.PID = &r.st.pid
	case p.shape == prefixIsolate && oneTokenIsolate(p.isolate):
		r.st.pid = smallInt(p.pid)
		r.st.gc.PID, r.st.gc.Isolate = &r.st.pid, cache.get(p.isolate)
	default:
		return false
	}
	r.i = p.end
	r.spaces()
	return true
}

// oneTokenIsolate reports whether the grammar lexes an isolate as one token, as the fast path
// reads it: 0x and hex digits, or upper-case hex digits (Windows).
func oneTokenIsolate(iso string) bool {
	if strings.HasPrefix(iso, "0x") {
		return len(iso) > 2
	}
	for k := 0; k < len(iso); k++ {
		if iso[k] >= 'a' && iso[k] <= 'f' {
			return false
		}
	}
	return true
}

// valueIn reads a number, its unit and the punctuation after it ("0 MB,"), and keeps the
// number in st.vals[k].
func (r *gcReader) valueIn(k int, unit string, punct byte) bool {
	v, ok := r.float()
	if !ok || !r.word(unit) || !r.ch(punct) {
		return false
	}
	r.st.vals[k] = v
	return true
}

// time reads "T ms:".
func (r *gcReader) time() bool {
	if !r.valueIn(0, "ms", ':') {
		return false
	}
	r.st.gc.TimeMS = &r.st.vals[0]
	return true
}

// collector reads the collector's name, one of the table's marked fast.
func (r *gcReader) collector() bool {
	if r.i >= len(r.s) {
		return false
	}
	// Look only at the names that start with this letter.
	first := r.s[r.i]
	for k := range collectorNames {
		if cn := &collectorNames[k]; cn.text[0] == first && r.word(cn.text) {
			r.st.gc.Collector, r.st.gc.Kind = cn.name, cn.kind
			return true
		}
	}
	return false
}

// qualifiers reads up to two of "(reduce)", "(interleaved)", "(during sweeping)".
func (r *gcReader) qualifiers() bool {
	var quals []string
	for r.i < len(r.s) && r.s[r.i] == '(' {
		r.ch('(')
		var q string
		switch {
		case r.word("reduce"):
			q = "reduce"
		case r.word("interleaved"):
			q = "interleaved"
		case r.word("during") && r.word("sweeping"):
			q = "during sweeping"
		default:
			return false
		}
		if !r.ch(')') || len(quals) == 2 {
			return false
		}
		if quals == nil {
			quals = qualSlices[q] // shared: one qualifier is the common case
		} else {
			quals = append(append([]string(nil), quals...), q)
		}
	}
	r.st.gc.Qualifiers = quals
	return true
}

// sizes reads "S0 (M0) -> S1 (M1) MB,". A clause that is the last one's, byte for byte, has
// its values: how it reads depends on its text alone, up to its comma.
func (r *gcReader) sizes(cache *lineCache) bool {
	st := r.st
	g := &st.gc
	if n := cache.sizesLen; n > 0 && len(r.s)-r.i >= n && string(cache.sizes[:n]) == r.s[r.i:r.i+n] {
		r.i += n
		r.spaces()
		st.vals[1], st.vals[2], st.vals[3], st.vals[4] = cache.sizesVals[0], cache.sizesVals[1], cache.sizesVals[2], cache.sizesVals[3]
		g.HeapBeforeMB, g.CommittedBeforeMB, g.HeapAfterMB, g.CommittedAfterMB = &st.vals[1], &st.vals[2], &st.vals[3], &st.vals[4]
		return true
	}
	start := r.i
	var ok1, ok2, ok3, ok4 bool
	st.vals[1], ok1 = r.float()
	if !ok1 || !r.ch('(') {
		return false
	}
	st.vals[2], ok2 = r.float()
	if !ok2 || !r.ch(')') || !r.lit("->") {
		return false
	}
	st.vals[3], ok3 = r.float()
	if !ok3 || !r.ch('(') {
		return false
	}
	st.vals[4], ok4 = r.float()
	if !ok4 || !r.ch(')') || !r.word("MB") || !r.ch(',') {
		return false
	}
	g.HeapBeforeMB, g.CommittedBeforeMB, g.HeapAfterMB, g.CommittedAfterMB = &st.vals[1], &st.vals[2], &st.vals[3], &st.vals[4]
	if clause := strings.TrimRight(r.s[start:r.i], " \t"); len(clause) <= len(cache.sizes) {
		cache.sizesLen = copy(cache.sizes[:], clause)
		cache.sizesVals = [4]float64{st.vals[1], st.vals[2], st.vals[3], st.vals[4]}
	}
	return true
}

// pooled reads "pooled: P MB," (Node 22+) when it is there.
func (r *gcReader) pooled() bool {
	if !r.word("pooled") {
		return true
	}
	if !r.ch(':') || !r.valueIn(5, "MB", ',') {
		return false
	}
	r.st.gc.PooledMB = &r.st.vals[5]
	return true
}

// durations reads "P / E ms" (Node 4+), "E / P ms" (Node 0.12: the external time first, an
// integer) or "P ms" (0.12 and io.js without external time), telling which is which from the
// digits as the grammar's conversion does (setDurations).
func (r *gcReader) durations() bool {
	firstAt := r.i
	first, ok := r.float()
	if !ok {
		return false
	}
	firstDot := strings.Contains(r.s[firstAt:r.i], ".")
	if !r.ch('/') {
		if !r.word("ms") {
			return false
		}
		r.st.gc.PauseMS = r.st.keep(6, first)
		return true
	}
	secondAt := r.i
	second, ok := r.msAfter()
	if !ok {
		return false
	}
	if !firstDot && strings.Contains(r.s[secondAt:r.i], ".") {
		first, second = second, first
	}
	r.st.gc.PauseMS, r.st.gc.ExternalMS = r.st.keep(6, first), r.st.keep(7, second)
	return true
}

// incremental reads "(+ X ms in N steps since start of marking[, biggest step B ms[,
// walltime since start of marking W ms]])" when it is there.
func (r *gcReader) incremental() bool {
	if !strings.HasPrefix(r.s[r.i:], "(+") {
		return true
	}
	r.ch('(')
	r.ch('+')
	v, ok := r.msAfter()
	if !ok || !r.word("in") {
		return false
	}
	stepsText, ok := r.number()
	if !ok || strings.Contains(stepsText, ".") || !r.words("steps", "since") || len(stepsText) > 18 {
		return false
	}
	since := "start of marking"
	switch {
	case r.words("start", "of", "marking"):
	case r.words("last", "GC"): // Node ≤ 6: steps since the last GC, a scavenge included
		since = "last GC"
	default:
		return false
	}
	steps := smallInt(stepsText)
	// Full GCs only: allocated apart so the hot scavenge line stays small.
	in := &incrStore{marking: v, steps: steps}
	in.incr.MarkingMS, in.incr.Steps, in.incr.Since = &in.marking, &in.steps, sincePtrs[since]
	if r.ch(',') {
		v, ok := r.msAfter("biggest", "step")
		if !ok {
			return false
		}
		in.biggest = v
		in.incr.BiggestStepMS = &in.biggest
		if r.ch(',') {
			v, ok := r.msAfter("walltime", "since", "start", "of", "marking")
			if !ok {
				return false
			}
			in.wall = v
			in.incr.WalltimeMS = &in.wall
		}
	}
	if !r.ch(')') {
		return false
	}
	r.st.gc.Incremental = &in.incr
	return true
}

// words reads the words ws, in order.
func (r *gcReader) words(ws ...string) bool {
	for _, w := range ws {
		if !r.word(w) {
			return false
		}
	}
	return true
}

// msAfter reads the words ws, then "N ms", and returns N.
func (r *gcReader) msAfter(ws ...string) (float64, bool) {
	if !r.words(ws...) {
		return 0, false
	}
	v, ok := r.float()
	if !ok || !r.word("ms") {
		return 0, false
	}
	return v, true
}

// mu reads "(average mu = A, current mu = C)" (Node 10.4+) when it is there. A clause that
// is the last one's, byte for byte, has its values: how it reads depends on its text alone.
func (r *gcReader) mu(cache *lineCache) bool {
	rest := r.s[r.i:]
	if !strings.HasPrefix(rest, "(average") {
		return true
	}
	if n := cache.muLen; n > 0 && len(rest) >= n && string(cache.mu[:n]) == rest[:n] {
		r.i += n
		r.spaces()
		r.st.gc.MuAverage, r.st.gc.MuCurrent = r.st.keep(8, cache.muVals[0]), r.st.keep(9, cache.muVals[1])
		return true
	}
	start := r.i
	a, ok := r.muValue("(average mu = ", '(', "average")
	if !ok {
		return false
	}
	cur, ok := r.muValue(", current mu = ", ',', "current")
	if !ok || !r.ch(')') {
		return false
	}
	r.st.gc.MuAverage, r.st.gc.MuCurrent = r.st.keep(8, a), r.st.keep(9, cur)
	clause := strings.TrimRight(r.s[start:r.i], " \t")
	if len(clause) <= len(cache.mu) {
		cache.muLen = copy(cache.mu[:], clause)
		cache.muVals = [2]float64{a, cur}
	}
	return true
}

// muValue reads one half of the mu clause, "(average mu = A" or ", current mu = C": text is
// the half up to its number as V8 prints it, with single spaces, matched at once; any other
// spacing is read token by token, from the punctuation punct and the word name on.
func (r *gcReader) muValue(text string, punct byte, name string) (float64, bool) {
	if strings.HasPrefix(r.s[r.i:], text) {
		r.i += len(text)
	} else if !r.ch(punct) || !r.word(name) || !r.word("mu") || !r.ch('=') {
		return 0, false
	}
	return r.float()
}

// reasons reads the rest of the line as the reasons: plain words, or Node ≤ 6's bracketed
// groups of plain words ending in a full stop ("[allocation failure] [promotion limit
// reached]."); anything else (a colon, digits, a glued next entry) is the grammar's.
func (r *gcReader) reasons(cache *lineCache) bool {
	tail := r.s[r.i:]
	if reason, comment, ok := cache.sameReasons(tail); ok {
		// The last line's reasons, read and checked then: most lines repeat a few.
		r.st.gc.Reason, r.st.gc.Comment = reason, comment
		return true
	}
	if strings.HasPrefix(tail, "[") && !bracketReasons(tail) {
		return false
	}
	for k := 0; k < len(tail); k++ {
		if b := tail[k]; !reasonByte(b) && (tail[0] != '[' || b != '[' && b != ']' && b != '.') {
			return false
		}
	}
	r.st.gc.Reason, r.st.gc.Comment = cache.reasons(tail)
	return true
}

// reasonByte reports a byte of a plain-word reason.
func reasonByte(b byte) bool {
	return b == ' ' || b == ';' || b == '-' || b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// bracketReasons reports a tail of the shape "[words] [words]." with any spacing between the
// groups and after them, the full stop optional, no bracket inside a group.
func bracketReasons(tail string) bool {
	i := 0
	groups := 0
	for i < len(tail) && tail[i] == '[' {
		end := strings.IndexByte(tail[i+1:], ']')
		if end < 0 || strings.IndexByte(tail[i+1:i+1+end], '[') >= 0 {
			return false
		}
		i += end + 2
		groups++
		for i < len(tail) && tail[i] == ' ' {
			i++
		}
	}
	if i < len(tail) && tail[i] == '.' {
		i++
	}
	for i < len(tail) && tail[i] == ' ' {
		i++
	}
	return groups > 0 && i == len(tail)
}

// reasons splits and shares the reasons of a line, remembering the last tail: consecutive
// lines mostly end alike ("allocation failure; ").
func (c *lineCache) reasons(tail string) (reason, comment *string) {
	if reason, comment, ok := c.sameReasons(tail); ok {
		return reason, comment
	}
	r, cm, _ := splitReasons(tail)
	if r != "" {
		reason = shared(reasonPtrs, r)
	}
	if cm != "" {
		comment = shared(reasonPtrs, cm)
	}
	// Only shared copies may be cached: a clone made for an unknown reason is the event's own.
	if (r == "" || reasonPtrs[r] != nil) && (cm == "" || reasonPtrs[cm] != nil) {
		c.tail = strings.Clone(tail)
		c.tailPtrs = [2]*string{reason, comment}
	}
	return reason, comment
}

// sameReasons returns the reasons of the last line read whole when tail is that line's.
func (c *lineCache) sameReasons(tail string) (reason, comment *string, ok bool) {
	if (c.tailPtrs[0] != nil || c.tailPtrs[1] != nil || c.tail != "") && tail == c.tail {
		return c.tailPtrs[0], c.tailPtrs[1], true
	}
	return nil, nil, false
}

type incrStore struct {
	incr                   Incremental
	marking, biggest, wall float64
	steps                  int64
}

// isolates interns isolate addresses: a log has a handful, printed on every line. The table
// stops growing at 4096 entries, so hostile input cannot grow it without bound.
var (
	isolates     sync.Map
	isolateCount atomic.Int64
)

func internIsolate(s string) *string {
	if v, ok := isolates.Load(s); ok {
		return v.(*string)
	}
	c := strings.Clone(s)
	if isolateCount.Add(1) <= 4096 {
		isolates.Store(c, &c)
	}
	return &c
}

// reasonPtrs are the shared copies of the known reasons and collector reasons.
var reasonPtrs = func() map[string]*string {
	m := map[string]*string{}
	for r := range knownReasons {
		m[r] = &r
	}
	for _, c := range knownComments {
		m[c] = &c
	}
	return m
}()

// fastNativeFrame reads a native stack frame ("12: 0xADDR symbol [module]") as the grammar's
// nativeFrameG does, without it: crash logs hold dozens of frames. FuzzFastNativeFrame checks
// that it agrees with the grammar wherever it answers.
func fastNativeFrame(s string) (*NativeFrame, bool) {
	for k := 0; k < len(s); k++ {
		if s[k] < 0x20 && s[k] != '\t' {
			return nil, false // other whitespace and controls: the grammar's lexer decides
		}
	}
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	d := scanDigits(s, i)
	if d == i || d-i > 9 || d >= len(s) || s[d] != ':' {
		return nil, false
	}
	ev := &NativeFrame{Index: intPtr(s[i:d])}
	j := d + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	// An address as the lexer reads one: 0x and hex digits, or upper-case hex digits (16 of
	// them, or any run holding a letter) ending a word.
	if k := addrEnd(s, j); k > j {
		a := s[j:k]
		ev.Address = &a
		j = k
	}
	ev.Symbol, ev.Module = symbolAndModule(s[j:])
	return ev, true
}

// addrEnd returns where the lexer's Addr token starting at s[j] ends, or j when none starts.
func addrEnd(s string, j int) int {
	if strings.HasPrefix(s[j:], "0x") {
		k := j + 2
		for k < len(s) && isHex(s[k]) {
			k++
		}
		if k > j+2 {
			return k
		}
		return j
	}
	k, letter := j, false
	for k < len(s) && (s[k] >= '0' && s[k] <= '9' || s[k] >= 'A' && s[k] <= 'F') {
		letter = letter || s[k] >= 'A'
		k++
	}
	wordEnd := k == len(s) || !(s[k] == '_' || s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9')
	switch {
	case k-j >= 16 && isWordBoundary16(s, j):
		return j + 16
	case letter && wordEnd:
		return k
	}
	return j
}

// isWordBoundary16 reports whether 16 upper-case hex digits at s[j] end a word.
func isWordBoundary16(s string, j int) bool {
	e := j + 16
	return e == len(s) || !(s[e] == '_' || s[e] >= 'a' && s[e] <= 'z' || s[e] >= 'A' && s[e] <= 'Z' || s[e] >= '0' && s[e] <= '9')
}

// fastNVP reads a --trace-gc-nvp line ("[pid:isolate] T ms: k=v k=v …" or Node 25's
// "… ms: GC: {json}") into the grammar's node, without the grammar: an NVP line holds a hundred
// tokens and more. It refuses anything unusual; FuzzFastNVP checks it against the grammar.
func fastNVP(s string) (*nvpLineG, bool) {
	for k := 0; k < len(s); k++ {
		if s[k] < 0x20 && s[k] != '\t' {
			return nil, false // other whitespace and controls: the grammar's lexer decides
		}
	}
	// [pid:0xisolate] or, from Node 24, [pid:0xisolate:id]; an id of 16 digits would lex as
	// an address.
	p := scanPrefix(s, 0)
	if p.shape != prefixIsolate && p.shape != prefixIsolateID || len(p.pid) > maxPIDDigits || !hexIsolate(p.isolate) || len(p.id) >= 16 {
		return nil, false
	}
	iso := p.isolate
	pre := &prefixG{PID: p.pid, Isolate: &iso}
	if p.shape == prefixIsolateID {
		id := p.id
		pre.ID = &id
	}
	c := scanner{s: s, i: p.end}
	c.spaces()
	tStart := c.i
	if _, ok := c.number(); !ok {
		return nil, false
	}
	g := &nvpLineG{Prefix: pre, Time: strings.TrimRight(s[tStart:c.i], " \t")}
	if !c.word("ms") || !c.ch(':') {
		return nil, false
	}
	if strings.HasPrefix(s[c.i:], "GC:") {
		c.i += 3
		c.spaces()
		end := len(strings.TrimRight(s, " \t"))
		if c.i >= end || s[c.i] != '{' {
			return nil, false
		}
		g.JSON = &span{Pos: lexer.Position{Offset: c.i}, EndPos: lexer.Position{Offset: end}}
		return g, true
	}
	for c.i < len(s) {
		// key: a lower-case word (V8's keys; an upper-case one could lex as an address)
		k := c.i
		if b := s[k]; !(b >= 'a' && b <= 'z' || b == '_') {
			return nil, false
		}
		e := wordEnd(s, k)
		if e >= len(s) || s[e] != '=' {
			return nil, false
		}
		p := &pairG{Key: s[k:e]}
		c.i = e + 1
		c.spaces()
		switch {
		case c.i < len(s) && (s[c.i] == '-' || s[c.i] >= '0' && s[c.i] <= '9'):
			if s[c.i] == '-' {
				p.Minus = true
				c.i++
				c.spaces()
			}
			n := scanDigits(s, c.i)
			if n == c.i || n-c.i >= 16 || strings.HasPrefix(s[c.i:], "0x") {
				return nil, false // no digits, 16 (an address to the lexer), or 0x…
			}
			if n+1 < len(s) && s[n] == '.' && s[n+1] >= '0' && s[n+1] <= '9' {
				n = scanDigits(s, n+1)
			}
			if n < len(s) && (s[n] == 'e' || s[n] == 'E') && n+1 < len(s) && (s[n+1] >= '0' && s[n+1] <= '9' || s[n+1] == '+' || s[n+1] == '-') {
				return nil, false // an exponent: the grammar's lexer reads those
			}
			if n < len(s) && (s[n] >= 'A' && s[n] <= 'Z' || s[n] == '.') {
				return nil, false // digits running into capitals could lex as an address
			}
			num := s[c.i:n]
			p.Num = &num
			c.i = n
			c.spaces()
			if c.i < len(s) && s[c.i] == '%' {
				c.i++
				c.spaces()
			}
		case c.i < len(s) && s[c.i] >= 'a' && s[c.i] <= 'z':
			e := wordEnd(s, c.i)
			if e < len(s) && s[e] == '=' {
				return nil, false // no value: a key follows; leave that to the grammar
			}
			str := s[c.i:e]
			p.Str = &str
			c.i = e
			c.spaces()
		default:
			return nil, false
		}
		g.Pairs = append(g.Pairs, p)
	}
	return g, len(g.Pairs) > 0
}

// hexIsolate reports whether an isolate is 0x and hex digits, the only spelling the NVP and
// verbose-row fast paths read.
func hexIsolate(iso string) bool {
	return len(iso) > 2 && strings.HasPrefix(iso, "0x")
}

// wordEnd returns where the lexer's Word token starting at s[i] ends:
// [A-Za-z_][A-Za-z0-9_]*([-.][A-Za-z0-9_]+)*
func wordEnd(s string, i int) int {
	alnum := func(b byte) bool {
		return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	j := i + 1
	for j < len(s) && alnum(s[j]) {
		j++
	}
	for j+1 < len(s) && (s[j] == '-' || s[j] == '.') && alnum(s[j+1]) {
		j += 2
		for j < len(s) && alnum(s[j]) {
			j++
		}
	}
	return j
}

// fastHeapRow reads a --trace-gc-verbose row ("[pid:isolate] Old space,   used: 2417 KB,
// available: 141 KB, committed: 2608 KB") into the grammar's node, without the grammar: a
// verbose log prints a dozen rows per GC. FuzzFastHeapRow checks it against the grammar.
func fastHeapRow(s string) (*heapRowG, bool) {
	for k := 0; k < len(s); k++ {
		if s[k] < 0x20 && s[k] != '\t' {
			return nil, false
		}
	}
	// [pid] or [pid:0xisolate]
	p := scanPrefix(s, 0)
	if p.shape != prefixPID && p.shape != prefixIsolate || len(p.pid) > maxPIDDigits || p.shape == prefixIsolate && !hexIsolate(p.isolate) {
		return nil, false
	}
	pre := &prefixG{PID: p.pid}
	if p.shape == prefixIsolate {
		iso := p.isolate
		pre.Isolate = &iso
	}
	c := scanner{s: s, i: p.end}
	c.spaces()
	g := &heapRowG{Prefix: pre}
	// Label: words (lower- or title-case: an upper-case run could lex as an address), then ",".
	for c.i < len(s) && s[c.i] != ',' {
		b := s[c.i]
		if !(b >= 'a' && b <= 'z' || b >= 'G' && b <= 'Z' || b == '_') {
			return nil, false
		}
		e := wordEnd(s, c.i)
		g.Label = append(g.Label, s[c.i:e])
		c.i = e
		c.spaces()
	}
	if len(g.Label) == 0 || !c.ch(',') {
		return nil, false
	}
	for c.i < len(s) {
		b := s[c.i]
		if !(b >= 'a' && b <= 'z') {
			return nil, false
		}
		e := wordEnd(s, c.i)
		col := &heapColG{Name: s[c.i:e]}
		c.i = e
		c.spaces()
		if !c.ch(':') {
			return nil, false
		}
		c.ch('*')
		n := scanDigits(s, c.i)
		if n == c.i || n-c.i >= 16 || n < len(s) && (s[n] == '.' || s[n] == 'e' || s[n] == 'E' || s[n] >= 'A' && s[n] <= 'F' || s[n] == 'x') {
			return nil, false // only plain integers, as V8 prints them
		}
		col.Value = s[c.i:n]
		c.i = n
		c.spaces()
		if !c.word("KB") {
			return nil, false
		}
		c.ch('*')
		c.ch(',')
		g.Cols = append(g.Cols, col)
	}
	return g, len(g.Cols) > 0
}
