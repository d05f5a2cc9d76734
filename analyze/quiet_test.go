package analyze

import (
	"strings"
	"testing"
)

// TestWorkerWentQuiet: a worker pool whose worker leaks into its resourceLimits (32 MB) and
// dies of ERR_WORKER_OUT_OF_MEMORY, which the pool logs by its code only and replaces — a real
// run on Node 20.20.2 of testdata/real-run-node20-worker-pool-silent-worker-oom.js with
// node --trace-gc. The first worker's GC lines stop at 20.7 s while GC starves it; the main
// thread and the next worker go on for 11 s more. Its report says it most likely died there,
// not that it "will run out"; the main thread, idle in GC but not starved, did not go quiet.
func TestWorkerWentQuiet(t *testing.T) {
	r := analyzeFile(t, "testdata/real-run-node20-worker-pool-silent-worker-oom.log.gz", Options{})
	quiet := 0
	for _, p := range r.Processes {
		if p.QuietAfterMS == nil {
			continue
		}
		quiet++
		if p.Isolate != "0x7f0220000f00" || p.Verdict != VerdictLeak || *p.QuietAfterMS < 5000 {
			t.Errorf("%s: quiet after %.0f ms, verdict %s; want only the first worker, a leak, quiet for the 11 s the others ran on", p.Who(), *p.QuietAfterMS, p.Verdict)
		}
		if h := leakHeadline(p); !strings.Contains(h, "most likely ran out of heap") || strings.Contains(h, "will run out") {
			t.Errorf("%s: headline %q", p.Who(), h)
		}
	}
	if quiet != 1 {
		t.Errorf("%d isolates went quiet, want the first worker alone", quiet)
	}
}
