package analyze

import (
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// TestThirtyTwoBitBuild: a crash whose JS stack puts a heap object under 4 GB comes from a
// 32-bit Node — a 64-bit V8 maps its heap above it — and the report says so beside advice to
// raise the limit, which a 32-bit process can only do within its address space. The pastes
// are ones their labellers read as 32-bit from their context (a Raspberry Pi's arm32 Docker
// image, a Windows 32-bit Node whose 8 GB flag did nothing, a Node 7 at 675 MB, Homebridge's
// 32-bit UI); the others are 64-bit Nodes of the same eras, whose addresses take 12 digits.
func TestThirtyTwoBitBuild(t *testing.T) {
	for _, c := range []struct {
		log       string
		thirtyTwo bool
	}{
		{"../corpus/heldout-bf/bf011-dashy-docker-pi3b-arm32-fatal-first-two-mark-sweeps-228mb-webpack-sources-js-stack-yarn-sigabrt.log", true},
		{"../corpus/heldout-bq/bq010-electron-builder-19-yarn-windows-32-bit-node-no-pid-four-mark-sweeps-673-to-690mb-two-last-resort-frame-line-broken.log", true},
		{"../corpus/heldout-x/x007-billboard-karma-32bit-node7-four-mark-sweeps-675mb-call-and-retry-last-heap.log", true},
		{"../corpus/heldout-f/f017-homebridge-ui-32bit-last-resort-sigterm.log", true},
		{"../corpus/heldout-aa/aa002-running-servers-notes-axios-three-mark-sweeps-1318mb-call-and-retry-last.log", false},
		{"../corpus/heldout-aa/aa004-riotjs-leak-sample-node4-6-scavenge-two-last-resort-mark-sweeps-1397mb.log", false},
		{"../corpus/heldout-aa/aa006-lodash-difference-huge-length-node8-9-three-mark-sweeps-580mb-grow-array.log", false},
	} {
		r := analyzeFile(t, c.log, Options{})
		if len(r.Processes) == 0 {
			t.Fatalf("%s: no process", c.log)
		}
		p := r.Processes[0]
		advised := slices.ContainsFunc(p.Recommendations, func(a string) bool { return strings.HasPrefix(a, "This is a 32-bit Node") })
		if says(p, "32-bit build") != c.thirtyTwo || c.thirtyTwo && p.Verdict == VerdictHeapTooSmall && !advised {
			t.Errorf("%s: verdict %s, 32-bit build said %v, advised %v; want %v\n  %s\n  %s", c.log, p.Verdict, says(p, "32-bit build"), advised, c.thirtyTwo, strings.Join(p.Evidence, "\n  "), strings.Join(p.Recommendations, "\n  "))
		}
	}
	// The corpus's runs were all made on x86-64: none is a 32-bit build.
	for _, log := range corpustest.Logs(t) {
		if m, ok := corpustest.ReadMeta(log); !ok || m.Scenario == "" {
			continue
		}
		for _, p := range analyzeFile(t, log, Options{}).Processes {
			if says(p, "32-bit build") {
				t.Errorf("%s: a run made on x86-64 read as a 32-bit build: %q", corpustest.Name(log), p.Evidence)
			}
		}
	}
}
