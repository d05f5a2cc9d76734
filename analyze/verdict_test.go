package analyze

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
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

// TestOneStep holds the one-step reading to runs on either side of it: a forecast API that
// loads a second range's grid (a level, one step, a level held longer since) is healthy and
// says why, and cut before it held its new level as long as the old one, says it cannot tell
// yet; a WAF that keeps a rule-set generation per reload, cut where its full GCs show one step
// but its young GCs an earlier level, a feature store's undo journal that stepped for 36 s
// before its last level, and a quote cache whose climb off its level has not held, are leaks
// as before. A fare engine whose step ends its full GCs, the young GCs after it flat for 25 s,
// is healthy; a report builder cut as its young GCs climb into its next step is a leak.
func TestOneStep(t *testing.T) {
	for _, c := range []struct {
		log     string
		cutS    float64 // where the log is cut; 0: the whole log
		step    bool
		verdict string
	}{
		{"node-24/avalanche-forecast-api-second-range-grid-doubles-once.320.log.gz", 0, true, VerdictHealthy},
		{"node-11/avalanche-forecast-api-second-range-grid-doubles-once.320.log.gz", 0, true, VerdictHealthy},
		{"node-11/avalanche-forecast-api-second-range-grid-doubles-once.320.log.gz", 32, true, VerdictInsufficientData},
		{"node-22/waf-ruleset-reload-prototype-layers.96.log.gz", 22.7, false, VerdictLeak},
		{"node-22/loyalty-quote-cache-rotation-stops-after-statsd-error.80.log.gz", 25, false, VerdictLeak},
		{"node-16/featurestore-migration-undo-journal.96.log.gz", 0, false, VerdictLeak},
		{"node-25/wholesale-pricelist-import-previews-held.128.log.gz", 0, false, VerdictLeak},
		// The step ends the full GCs; the young GCs after it show the level.
		{"node-10/rail-fare-engine-summer-timetable-one-step-flat.384.log.gz", 0, true, VerdictHealthy},
		{"node-25/rail-fare-engine-summer-timetable-one-step-flat.384.log.gz", 0, true, VerdictHealthy},
		{"node-12/report-builder-keeps-every-run.128.log.gz", 8.48, false, VerdictLeak},
	} {
		log := filepath.Join(corpustest.Dir(), c.log)
		r := analyzeFile(t, log, Options{})
		if c.cutS > 0 {
			a := New(Options{})
			for _, ev := range cutEvents(t, log, 1000*c.cutS) {
				a.Add(ev)
			}
			r = a.Report(c.log, parser.Stats{})
		}
		p := target(r)
		if got := p.Trend != nil && p.Trend.OneStep != nil; got != c.step {
			t.Errorf("%s cut at %v s: one step %v, want %v\n  %s", c.log, c.cutS, got, c.step, strings.Join(p.Evidence, "\n  "))
		}
		if p.Verdict != c.verdict {
			t.Errorf("%s cut at %v s: verdict %s, want %s\n  %s", c.log, c.cutS, p.Verdict, c.verdict, strings.Join(p.Evidence, "\n  "))
		}
		if c.step && (p.PredictedOOMMS != nil || !strings.Contains(Headline(p), "one step")) {
			t.Errorf("%s cut at %v s: a time-to-OOM, or a headline without the step: %q", c.log, c.cutS, Headline(p))
		}
	}
}
