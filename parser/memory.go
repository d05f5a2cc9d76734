package parser

import (
	"regexp"
	"strconv"
	"strings"
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
// heap_size_limit: 4,345,298,944.
var memoryPair = regexp.MustCompile(`(?:^|[\s{,])["']?([a-zA-Z_]+)["']?\s*([:=])\s*["']?(\d{1,3}(?:[,_]\d{3})+|\d+(?:\.\d+)?)(?:\s*(bytes|[kKMG]i?B|[kKMG]b))?["']?`)

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
	if m := electronHeap.FindStringSubmatch(t); m != nil {
		used, _ := strconv.ParseFloat(m[1], 64)
		limit, _ := strconv.ParseFloat(m[2], 64)
		return map[string]float64{"used_heap_size": used, "heap_size_limit": limit}
	}
	return named
}

// humanPairs reads a line of memory in words, nil unless it gives two or more.
func humanPairs(t string) map[string]float64 {
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
	matches := memoryPair.FindAllStringSubmatch(t, -1)
	for _, m := range matches {
		printer, ok := memoryNames[m[1]]
		// "name = value" for getHeapStatistics' names, as embedders print them; for
		// memoryUsage's only when the line gives several ("rss=75.0MB heapUsed=3.4MB
		// external=31.1MB"): an application's lone "heapUsed=…" is its own log line.
		if !ok || m[2] == "=" && printer != "heap_statistics" && usageAssignments(matches) < 2 {
			continue
		}
		v, err := strconv.ParseFloat(strings.NewReplacer(",", "", "_", "").Replace(m[3]), 64)
		if err != nil {
			continue
		}
		switch strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(m[4], "B"), "b")) {
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
		out[m[1]] = v
	}
	return out
}

// memoryWords are, lower-cased, parts of every name memoryPairs knows: each name holds one.
var memoryWords = []string{"rss", "heap", "external", "arraybuffers", "malloced", "global_handles", "total_physical", "total_available"}

// mayNameMemory reports whether t holds one of memoryWords in any case: most lines hold none,
// and the patterns are then not run.
func mayNameMemory(t string) bool {
	for _, w := range memoryWords {
		if containsFold(t, w) {
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
func usageAssignments(matches [][]string) int {
	n := 0
	for _, m := range matches {
		if m[2] == "=" && memoryNames[m[1]] == "memory_usage" {
			n++
		}
	}
	return n
}

// humanMemory is a program's own line of its memory in words: "RSS: 427.36 MB | Heap Used:
// 58.44 MB / Heap Total: 64.29 MB". Two such names on a line make a sample.
var humanMemory = regexp.MustCompile(`(?i)(?:^|[\s|\]])(RSS|Heap Used|Heap Total|External)\s*[:=]\s*([\d.]+)\s*([KMG]i?B)\b`)

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
