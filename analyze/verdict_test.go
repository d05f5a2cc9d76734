package analyze

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// TestThreeOnALine holds the three-full-GC leak rule to runs on either side of it: a steady
// leak whose three full GCs lie on a line over 30 s is a leak; a cache whose three slow down
// between them, and a V8 test run whose three span 8 s, are not.
func TestThreeOnALine(t *testing.T) {
	for _, c := range []struct {
		log  string
		leak bool
	}{
		{"node-24/cdn-fragment-lru-evict-off-by-one-leak.384.log.gz", true},
		{"node-19/cdn-fragment-lru-evict-off-by-one-leak.384.log.gz", true},
		{"node-25/spellcheck-suggestion-memo-saturating.256.log.gz", false},
		{"heldout-ap/ap005-v8-riscv-node-test-on-x64-simulator-trace-gc-three-mark-sweeps-11-18-22mb-scavenges-task-mu-098-no-crash.log", false},
	} {
		r := analyzeFile(t, filepath.Join(corpustest.Dir(), c.log), Options{})
		if len(r.Processes) != 1 {
			t.Fatalf("%s: %d processes", c.log, len(r.Processes))
		}
		p := r.Processes[0]
		if p.FullGCs != 3 {
			t.Errorf("%s: %d full GCs, the case is three", c.log, p.FullGCs)
		}
		if got := p.Verdict == VerdictLeak; got != c.leak {
			t.Errorf("%s: verdict %s, want leak %v\n  %s", c.log, p.Verdict, c.leak, strings.Join(p.Evidence, "\n  "))
		}
	}
}
