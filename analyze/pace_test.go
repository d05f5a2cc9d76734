package analyze

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// TestAccelerationThatIsGCs: a leak whose rate is steady in the time the program ran, read on
// the wall clock while GC took a third to a half of the time and then relented, is a line,
// not a rate that doubles; a leak whose own rate rises keeps its curve however much of the
// time GC took.
func TestAccelerationThatIsGCs(t *testing.T) {
	for _, tc := range []struct {
		log          string
		cut          float64 // share of the life the log is cut at, its crash block removed (1: all of it)
		bySteadyPace bool
	}{
		{"node-26/promise-await-never-resolves.96.log.gz", 0.6, true},                    // parked promises, a steady leak
		{"node-11/grocery-order-events-amqp-confirm-after-reconnect.96.log.gz", 1, true}, // unconfirmed events kept, steady
		{"node-24/leak-accelerating.256.doubling3.log.gz", 1, false},                     // a rate that doubles every 3 s
		{"node-14/geofence-dropoff-rtree-remove-key-mismatch-rush.256.log.gz", 1, false}, // a rush hour's ramp
		{"node-25/referral-invite-tree-viral-generations.80.log.gz", 1, false},           // invitations by generation
	} {
		log := filepath.Join(corpustest.Dir(), tc.log)
		m, ok := corpustest.ReadMeta(log)
		if !ok || m.HeapLimitMB == nil {
			t.Fatalf("%s: no meta with a limit", tc.log)
		}
		until := math.Inf(1)
		if tc.cut < 1 {
			full := analyzeFile(t, log, Options{})
			until = tc.cut * *full.Processes[0].Crash.TimeMS
		}
		a := New(Options{HeapLimitMB: m.HeapLimitMB})
		for _, ev := range cutEvents(t, log, until) {
			a.Add(ev)
		}
		r := a.Report(tc.log, parser.Stats{})
		if len(a.order) != 1 || len(r.Processes) != 1 {
			t.Fatalf("%s: %d processes", tc.log, len(r.Processes))
		}
		p, out := a.order[0], r.Processes[0]
		if out.Trend == nil || p.growth == nil {
			t.Fatalf("%s: no trend", tc.log)
		}
		paced := slices.ContainsFunc(out.Evidence, func(ev string) bool { return strings.HasPrefix(ev, "pace:") })
		if got := p.growth.gcBent != nil; got != tc.bySteadyPace || paced != tc.bySteadyPace {
			t.Errorf("%s: read by the program's clock %v (evidence says so: %v), want %v; model %s", tc.log, got, paced, tc.bySteadyPace, out.Trend.Model)
		}
		if want := ModelAccelerating; !tc.bySteadyPace && out.Trend.Model != want {
			t.Errorf("%s: model %s, want %s", tc.log, out.Trend.Model, want)
		}
		if tc.bySteadyPace && (out.Trend.Model != ModelLinear || out.Trend.RateDoublesEveryS != nil) {
			t.Errorf("%s: model %s, a steady pace of the program's own is a line", tc.log, out.Trend.Model)
		}
	}
}

// TestKeptAlikeAtTheLimit: a process that lingered at its limit while keeping the share of
// what it allocated that it kept on the way there (a CPU-bound bundler's leak, starved by GC)
// is told apart in the evidence and the advice from a working set that fits no more, which
// keeps little of what it allocates once there; neither changes the verdict.
func TestKeptAlikeAtTheLimit(t *testing.T) {
	for _, tc := range []struct {
		log  string
		kept bool
	}{
		{"node-16/bundler-ast-cache-cpu-bound.128.log.gz", true},
		{"node-20/bundler-ast-cache-cpu-bound.128.log.gz", true},
		{"node-25/working-set-too-big.128.log.gz", false},
		{"node-21/crash-symbolicator-release-maps.96.log.gz", false},
		{"node-14/hyphenation-service-pattern-tables-too-small.96.log.gz", false},
	} {
		log := filepath.Join(corpustest.Dir(), tc.log)
		m, ok := corpustest.ReadMeta(log)
		if !ok || m.HeapLimitMB == nil {
			t.Fatalf("%s: no meta with a limit", tc.log)
		}
		p := target(analyzeFile(t, log, Options{HeapLimitMB: m.HeapLimitMB}))
		has := func(prefix string, in []string) bool {
			return slices.ContainsFunc(in, func(s string) bool { return strings.HasPrefix(s, prefix) })
		}
		if !has("at the limit:", p.Evidence) {
			t.Errorf("%s: no stay at the limit read: %q", tc.log, p.Evidence)
			continue
		}
		if got := has("kept:", p.Evidence); got != tc.kept {
			t.Errorf("%s: kept alike said %v, want %v: %q", tc.log, got, tc.kept, p.Evidence)
		}
		if got := has("Before raising it for good", p.Recommendations); got != tc.kept {
			t.Errorf("%s: advice to check with a bigger limit %v, want %v: %q", tc.log, got, tc.kept, p.Recommendations)
		}
		if p.Verdict != VerdictHeapTooSmall {
			t.Errorf("%s: verdict %s, the stay at the limit reads heap-too-small", tc.log, p.Verdict)
		}
	}
}
