package analyze

import (
	"strings"
	"testing"
)

// TestOldSpaceOfHeapSize: --max-heap-size sizes the young generation from the old one (a 256th
// up to 256 MB, a 128th above, 1 MB at least, the version's default at most), so a small heap
// keeps almost all of itself for the old generation; a --max-semi-space-size given sets the
// young generation instead.
func TestOldSpaceOfHeapSize(t *testing.T) {
	semi8 := 8.0
	for _, tc := range []struct {
		heapMB, maxSemiMB float64
		semiMB            *float64
		want              float64
	}{
		{128, 16, nil, 125},     // semi-spaces of the 1 MB minimum
		{512, 16, nil, 500},     // 4 MB semi-spaces
		{2048, 16, nil, 2000.8}, // 15.75 MB, under the cap
		{4096, 16, nil, 4048},   // the 16 MB cap of Node ≤ 23
		{4096, 64, nil, 4001.5}, // Node 24 and 25: 31.5 MB, under their 64 MB cap
		{512, 16, &semi8, 488},  // the flag's semi-spaces
		{2, 16, nil, 0},         // no room for the smallest young generation
	} {
		if got := oldSpaceOfHeapSize(tc.heapMB, tc.semiMB, tc.maxSemiMB); got < tc.want-0.3 || got > tc.want+0.3 {
			t.Errorf("--max-heap-size=%.0f (cap %.0f MB, semi %v): old space %.1f MB, want %.1f", tc.heapMB, tc.maxSemiMB, tc.semiMB, got, tc.want)
		}
	}
}

// TestMaxHeapSizeOnTheCommandLine: real runs of a leak under --max-heap-size (Node 20.20 with
// 128 and 512 MB, Node 25.9 with 512 MB; testdata/real-run-max-heap-size-*.js; the first line is
// the shell's echo of the command, as a CI job prints it). The flag is the limit, less the
// young generation V8 takes out of it, and each run died within the death range it gives —
// which subtracting the default young generation (48 MB) would not hold: the 128 MB run died
// with 117.7 MB after its last full GC, past 80 + 16 MB.
func TestMaxHeapSizeOnTheCommandLine(t *testing.T) {
	for _, tc := range []struct {
		log    string
		flagMB float64
	}{
		{"testdata/real-run-node20-max-heap-size-128.log.gz", 128},
		{"testdata/real-run-node20-max-heap-size-512.log.gz", 512},
		{"testdata/real-run-node25-max-heap-size-512.log.gz", 512},
	} {
		r := analyzeFile(t, tc.log, Options{})
		if len(r.Processes) != 1 {
			t.Fatalf("%s: %d processes", tc.log, len(r.Processes))
		}
		p := r.Processes[0]
		if p.HeapLimitSource != LimitCommandLine || p.HeapLimitMB == nil || *p.HeapLimitMB >= tc.flagMB || *p.HeapLimitMB < tc.flagMB-3*16 {
			t.Errorf("%s: limit %v MB from %s, want under the %.0f MB flag by a young generation, from the command line", tc.log, p.HeapLimitMB, p.HeapLimitSource, tc.flagMB)
			continue
		}
		if p.Verdict != VerdictLeak || p.OOMAtHeapRangeMB == nil || p.Trend == nil {
			t.Errorf("%s: verdict %s, death range %v", tc.log, p.Verdict, p.OOMAtHeapRangeMB)
			continue
		}
		died, rng := p.HeapAfterFullGC.LastMB, *p.OOMAtHeapRangeMB
		if died < rng[0] || died > rng[1] {
			t.Errorf("%s: died with %.1f MB after its last full GC, outside the death range %v of a %.1f MB limit", tc.log, died, rng, *p.HeapLimitMB)
		}
		if !strings.Contains(strings.Join(p.Evidence, "\n"), "from --max-heap-size=") {
			t.Errorf("%s: the evidence does not say the limit came from --max-heap-size: %q", tc.log, p.Evidence)
		}
	}
}
