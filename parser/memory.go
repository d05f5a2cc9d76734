package parser

import (
	"regexp"
	"strconv"
	"strings"
	"unsafe"
)

// What a program prints of its own heap: process.memoryUsage() and v8.getHeapStatistics(),
// as Node prints the object (one line or several), as JSON, or as "key: value" lines, in bytes
// (with or without thousands separators) or as strings with units ("139.69 MB"). Consecutive
// lines of such names make one sample; a name seen twice starts the next.

// memoryNames are the names of process.memoryUsage() and v8.getHeapStatistics(), and which
// printer each belongs to.
var memoryNames = map[string]string{
	"rss": "memory_usage", "heapTotal": "memory_usage", "heapUsed": "memory_usage", "external": "memory_usage",
	"arrayBuffers":    "memory_usage",
	"total_heap_size": "heap_statistics", "total_heap_size_executable": "heap_statistics",
	"total_physical_size": "heap_statistics", "total_available_size": "heap_statistics",
	"used_heap_size": "heap_statistics", "heap_size_limit": "heap_statistics",
	"malloced_memory": "heap_statistics", "peak_malloced_memory": "heap_statistics",
	"external_memory": "heap_statistics", "total_global_handles_size": "heap_statistics",
	"used_global_handles_size": "heap_statistics",
}

// memoryPair matches one name and its value: rss: 4935680, "heapUsed":"139.69 MB",
// heap_size_limit: 4,345,298,944. It is the definition scanPairs reads by hand (the regexp
// engine took 15 µs on an application's line of counters); FuzzScanPairs holds them equal.
var memoryPair = regexp.MustCompile(`(?:^|[\s{,])["']?([a-zA-Z_]+)["']?\s*([:=])\s*["']?(\d{1,3}(?:[,_]\d{3})+|\d+(?:\.\d+)?)(?:\s*(bytes|[kKMG]i?B|[kKMG]b))?["']?`)

// pairMatch is one match of memoryPair: the name, ":" or "=", the number and the unit.
type pairMatch struct{ name, sep, number, unit string }

// scanPairs returns the matches of memoryPair in t, as FindAllStringSubmatch finds them:
// leftmost, not overlapping.
func scanPairs(t string) []pairMatch {
	var out []pairMatch
	for start := 0; start < len(t); start++ {
		if start > 0 && !pairDelimiter(t[start]) {
			continue // no match starts here
		}
		if m, end, ok := pairAt(t, start); ok {
			out = append(out, m)
			start = end - 1 // the next search begins where the match ended
		}
	}
	return out
}

// pairDelimiter reports one of [\s{,], which begins a match of memoryPair after the text's
// start.
func pairDelimiter(c byte) bool { return lexSpace(c) || c == '{' || c == ',' }

// skipSpace returns the index after the \s run at t[i].
func skipSpace(t string, i int) int {
	for i < len(t) && lexSpace(t[i]) {
		i++
	}
	return i
}

// pairAt matches memoryPair at start: "^" there (start 0) or one of [\s{,] first. Every
// choice of the pattern is decided by the next byte (what follows each optional part cannot
// begin it), but for the number's two forms, tried in the pattern's order.
func pairAt(t string, start int) (pairMatch, int, bool) {
	if start == 0 {
		if m, end, ok := pairFrom(t, 0); ok {
			return m, end, true
		}
	}
	if pairDelimiter(t[start]) {
		return pairFrom(t, start+1)
	}
	return pairMatch{}, 0, false
}

// pairFrom matches memoryPair from its optional quote on.
func pairFrom(t string, i int) (pairMatch, int, bool) {
	var m pairMatch
	quote := func() {
		if i < len(t) && (t[i] == '"' || t[i] == '\'') {
			i++
		}
	}
	quote()
	from := i
	for i < len(t) && (t[i] == '_' || t[i] >= 'a' && t[i] <= 'z' || t[i] >= 'A' && t[i] <= 'Z') {
		i++
	}
	if i == from {
		return m, 0, false
	}
	m.name = t[from:i]
	quote()
	i = skipSpace(t, i)
	if i >= len(t) || t[i] != ':' && t[i] != '=' {
		return m, 0, false
	}
	m.sep = t[i : i+1]
	i = skipSpace(t, i+1)
	quote()
	from = i
	digits := scanDigits(t, i)
	if digits == i {
		return m, 0, false
	}
	if n := digits - i; n <= 3 && groupAt(t, digits) {
		// \d{1,3}(?:[,_]\d{3})+, the first form
		i = digits
		for groupAt(t, i) {
			i += 4
		}
	} else {
		i = digits
		if i+1 < len(t) && t[i] == '.' && t[i+1] >= '0' && t[i+1] <= '9' {
			i = scanDigits(t, i+1)
		}
	}
	m.number = t[from:i]
	j := skipSpace(t, i)
	if u := unitAt(t, j); u > j {
		m.unit, i = t[j:u], u
	}
	quote()
	return m, i, true
}

// groupAt reports a thousands group, [,_] and three digits, at t[i].
func groupAt(t string, i int) bool {
	return i+3 < len(t) && (t[i] == ',' || t[i] == '_') && isDigit(t[i+1]) && isDigit(t[i+2]) && isDigit(t[i+3])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// unitAt returns the end of a unit (bytes, [kKMG]i?B, [kKMG]b) at t[j], or j.
func unitAt(t string, j int) int {
	if strings.HasPrefix(t[j:], "bytes") {
		return j + len("bytes")
	}
	if j >= len(t) || !strings.ContainsRune("kKMG", rune(t[j])) {
		return j
	}
	switch {
	case j+2 < len(t) && t[j+1] == 'i' && t[j+2] == 'B':
		return j + 3
	case j+1 < len(t) && (t[j+1] == 'B' || t[j+1] == 'b'):
		return j + 2
	}
	return j
}

// memoryPairs returns the known names and values (in MB) of a line, nil when it has none.
func memoryPairs(t string) map[string]float64 {
	if !strings.ContainsAny(t, ":=") || !mayNameMemory(t) {
		return nil
	}
	named := namedPairs(t)
	if len(named) >= 2 {
		return named
	}
	if out := humanPairs(t); out != nil {
		return out
	}
	if !strings.Contains(t, "Heap: used=") {
		return named
	}
	if m := electronHeap.FindStringSubmatch(t); m != nil {
		used, _ := strconv.ParseFloat(m[1], 64)
		limit, _ := strconv.ParseFloat(m[2], 64)
		return map[string]float64{"used_heap_size": used, "heap_size_limit": limit}
	}
	return named
}

// humanPairs reads a line of memory in words, nil unless it gives two or more.
func humanPairs(t string) map[string]float64 {
	if !containsAnyFold(t, humanWords) {
		return nil // none of its names: the pattern need not run
	}
	ms := humanMemory.FindAllStringSubmatch(t, -1)
	if len(ms) < 2 {
		return nil
	}
	out := map[string]float64{}
	for _, m := range ms {
		v, _ := strconv.ParseFloat(m[2], 64)
		switch strings.ToUpper(m[3][:1]) {
		case "K":
			v /= 1 << 10
		case "G":
			v *= 1 << 10
		}
		out[humanNames[strings.ToLower(m[1])]] = v
	}
	return out
}

// namedPairs reads the pairs of memoryUsage's and getHeapStatistics' own names.
func namedPairs(t string) map[string]float64 {
	var out map[string]float64
	matches := scanPairs(t)
	for _, m := range matches {
		printer, ok := memoryNames[m.name]
		// "name = value" for getHeapStatistics' names, as embedders print them; for
		// memoryUsage's only when the line gives several ("rss=75.0MB heapUsed=3.4MB
		// external=31.1MB"): an application's lone "heapUsed=…" is its own log line.
		if !ok || m.sep == "=" && printer != "heap_statistics" && usageAssignments(matches) < 2 {
			continue
		}
		v, err := strconv.ParseFloat(strings.NewReplacer(",", "", "_", "").Replace(m.number), 64)
		if err != nil {
			continue
		}
		switch strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(m.unit, "B"), "b")) {
		case "", "BYTES", "BYTE":
			v /= 1 << 20
		case "K", "KI":
			v /= 1 << 10
		case "G", "GI":
			v *= 1 << 10
		}
		if out == nil {
			out = map[string]float64{}
		}
		out[m.name] = v
	}
	return out
}

// memoryWords are, lower-cased, parts of every name memoryPairs knows: each name holds one.
var memoryWords = []string{"rss", "heap", "external", "arraybuffers", "malloced", "global_handles", "total_physical", "total_available"}

// mayNameMemory reports whether t holds one of memoryWords in any case: most lines hold none,
// and the patterns are then not run.
func mayNameMemory(t string) bool {
	return containsAnyFold(t, memoryWords)
}

// containsAnyFold reports whether s holds one of the lower-case ASCII words ws in any case. A
// line is lower-cased once, on the stack, for the library's fast search; a longer one is
// searched byte by byte.
func containsAnyFold(s string, ws []string) bool {
	var buf [512]byte
	if len(s) > len(buf) {
		for _, w := range ws {
			if containsFold(s, w) {
				return true
			}
		}
		return false
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c |= 0x20
		}
		b[i] = c
	}
	lower := unsafe.String(unsafe.SliceData(b), len(b))
	for _, w := range ws {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether s holds the lower-case ASCII word w in any case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		k := 0
		for k < len(w) && (s[i+k] == w[k] || s[i+k] >= 'A' && s[i+k] <= 'Z' && s[i+k]|0x20 == w[k]) {
			k++
		}
		if k == len(w) {
			return true
		}
	}
	return false
}

// usageAssignments counts the process.memoryUsage() names a line gives with "=".
func usageAssignments(matches []pairMatch) int {
	n := 0
	for _, m := range matches {
		if m.sep == "=" && memoryNames[m.name] == "memory_usage" {
			n++
		}
	}
	return n
}

// humanMemory is a program's own line of its memory in words: "RSS: 427.36 MB | Heap Used:
// 58.44 MB / Heap Total: 64.29 MB". Two such names on a line make a sample.
var humanMemory = regexp.MustCompile(`(?i)(?:^|[\s|\]])(RSS|Heap Used|Heap Total|External)\s*[:=]\s*([\d.]+)\s*([KMG]i?B)\b`)

// humanWords are humanMemory's names, lower-cased.
var humanWords = []string{"rss", "heap used", "heap total", "external"}

// humanNames maps the words of humanMemory to process.memoryUsage()'s names.
var humanNames = map[string]string{"rss": "rss", "heap used": "heapUsed", "heap total": "heapTotal", "external": "external"}

// electronHeap is Electron's own line before a V8 OOM: "Heap: used=21.9MB limit=4192.0MB".
var electronHeap = regexp.MustCompile(`\bHeap: used=([\d.]+)MB limit=([\d.]+)MB`)

// memoryAcc is a sample being collected over consecutive lines.
type memoryAcc struct {
	values      map[string]float64
	first, last int
}

// add takes the pairs of one line; it returns false when a name repeats, which ends the
// sample before this line.
func (m *memoryAcc) add(pairs map[string]float64, line int) bool {
	for k := range pairs {
		if _, seen := m.values[k]; seen {
			return false
		}
	}
	for k, v := range pairs {
		m.values[k] = v
	}
	m.last = line
	return true
}

// event makes the sample's event.
func (m *memoryAcc) event() *Memory {
	printer := "memory_usage"
	for k := range m.values {
		if memoryNames[k] == "heap_statistics" {
			printer = "heap_statistics"
		}
	}
	return &Memory{Printer: printer, Values: m.values}
}
