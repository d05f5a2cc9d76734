package parser

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// FuzzReport feeds the diagnostic-report reader report-shaped text: it must read what it can
// and never fail, and what it reads must be sane — sizes finite and not negative, each heap
// space named once, the event's lines within the input. Its seeds are the corpus logs that
// hold a report (whole, or a pasted part; its first 8 KB) and a minimal report written for
// the test.
func FuzzReport(f *testing.F) {
	for _, log := range corpusLogs(f) {
		b := corpustest.ReadAll(f, log)
		i := bytes.Index(b, []byte(`"header": {`))
		if j := bytes.Index(b, []byte(`"javascriptHeap"`)); i < 0 || j >= 0 && j < i {
			i = j
		}
		if i < 0 {
			continue
		}
		// The report's first 8 KB: small seeds keep the fuzzer's minimizing quick.
		b = b[max(0, i-64):]
		f.Add(b[:min(len(b), 8192)])
	}
	f.Add([]byte("{\n \"header\": {\n  \"event\": \"Allocation failed - JavaScript heap out of memory\",\n  \"nodejsVersion\": \"v20.1.0\"\n },\n \"javascriptHeap\": {\n  \"totalMemory\": 4096,\n  \"memoryLimit\": 117440512,\n  \"heapSpaces\": {\n   \"old_space\": {\"memorySize\": 1048576, \"used\": 524288}\n  }\n }\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		evs, stats, err := All(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		// Not a timing test: a bound a thousand times what such input takes, so that input
		// that makes the reader go quadratic is caught rather than hanging the fuzzer.
		if d := time.Since(start); d > 2*time.Second && len(data) < 1<<20 {
			t.Fatalf("%d bytes took %v", len(data), d)
		}
		for _, ev := range evs {
			if ev.Type != TypeReport {
				continue
			}
			r := ev.Report
			if ev.Line < 1 || ev.EndLine < ev.Line || ev.EndLine > stats.Lines {
				t.Fatalf("report on lines %d..%d of %d", ev.Line, ev.EndLine, stats.Lines)
			}
			for name, v := range map[string]*float64{"heap limit": r.HeapLimitMB, "heap used": r.HeapUsedMB,
				"heap total": r.HeapTotalMB, "heap available": r.HeapAvailableMB, "rss": r.RSSMB,
				"total memory": r.TotalMemoryMB, "cgroup limit": r.CgroupLimitMB} {
				if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0) || *v < 0) {
					t.Fatalf("%s read as %v", name, *v)
				}
			}
			seen := map[string]bool{}
			for _, s := range r.Spaces {
				if seen[s.Name] || strings.TrimSpace(s.Name) == "" {
					t.Fatalf("space %q named twice or blank", s.Name)
				}
				seen[s.Name] = true
			}
			if _, err := ev.MarshalJSON(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
