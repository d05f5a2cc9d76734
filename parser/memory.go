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
var memoryPair = regexp.MustCompile(`(?:^|[\s{,])["']?([a-zA-Z_]+)["']?\s*:\s*["']?(\d{1,3}(?:[,_]\d{3})+|\d+(?:\.\d+)?)\s*(bytes|[kKMG]i?B|[kKMG]b)?["']?`)

// memoryPairs returns the known names and values (in MB) of a line, nil when it has none.
func memoryPairs(t string) map[string]float64 {
	if !strings.Contains(t, ":") {
		return nil
	}
	var out map[string]float64
	for _, m := range memoryPair.FindAllStringSubmatch(t, -1) {
		if _, ok := memoryNames[m[1]]; !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.NewReplacer(",", "", "_", "").Replace(m[2]), 64)
		if err != nil {
			continue
		}
		switch strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(m[3], "B"), "b")) {
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
