package analyze

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// TestPasteLabels holds the analysis to what real pastes show, as a person labelled them from
// their text before the tool was run on them: for each paste the number of processes, and for
// each process its verdict and crash kind. A paste's verdict (crash kind) is right when every
// process it was labelled with got its verdict (crash kind); each of the three must be right
// for at least 97% of the pastes. The misses are listed.
func TestPasteLabels(t *testing.T) {
	var pastes, countRight, verdictRight, kindRight int
	var misses []string
	for _, log := range corpustest.Logs(t) {
		want := readAnalysisExpect(t, log)
		if want.ProcessCount == nil {
			continue
		}
		r, notV8 := analyzePaste(t, log)
		name := corpustest.Name(log)
		pastes++
		if notV8 && len(r.Processes) > 0 {
			t.Errorf("%s: %d processes, yet the error says no V8 output was found", name, len(r.Processes))
		}
		if len(r.Processes) == *want.ProcessCount {
			countRight++
		} else {
			misses = append(misses, fmt.Sprintf("%s: %d processes, labelled %d", name, len(r.Processes), *want.ProcessCount))
		}
		verdictOK, kindOK := true, true
		used := map[*Process]bool{}
		for i, w := range want.Processes {
			gotVerdict, gotKind := "no process", "none"
			if p := matchProcess(r, w, want.Processes, used); p != nil {
				used[p] = true
				gotVerdict = p.Verdict
				if p.Crash != nil {
					gotKind = string(p.Crash.Kind)
				}
			}
			wantKind := "none"
			if w.CrashKind != nil {
				wantKind = *w.CrashKind
			}
			verdictOK = verdictOK && gotVerdict == w.Verdict
			kindOK = kindOK && gotKind == wantKind
			if gotVerdict != w.Verdict || gotKind != wantKind {
				misses = append(misses, fmt.Sprintf("%s #%d: %s/%s, labelled %s/%s", name, i+1, gotVerdict, gotKind, w.Verdict, wantKind))
			}
		}
		if verdictOK {
			verdictRight++
		}
		if kindOK {
			kindRight++
		}
	}
	share := func(n int) float64 { return float64(n) / float64(max(pastes, 1)) }
	t.Logf("%d pastes: process count right for %d (%.1f%%), verdicts for %d (%.1f%%), crash kinds for %d (%.1f%%)\n  %s",
		pastes, countRight, 100*share(countRight), verdictRight, 100*share(verdictRight), kindRight, 100*share(kindRight),
		strings.Join(misses, "\n  "))
	for what, n := range map[string]int{"process count": countRight, "verdict": verdictRight, "crash kind": kindRight} {
		if share(n) < 0.97 {
			t.Errorf("%s right for %.1f%% of pastes (floor 97%%)", what, 100*share(n))
		}
	}
}

// analyzePaste analyses a paste as the CLI does; notV8 is whether it said nothing was found.
func analyzePaste(t *testing.T, log string) (r *Report, notV8 bool) {
	t.Helper()
	f, err := corpustest.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err = FromReader(f, log, Options{})
	var nv *parser.NotV8Error
	if err != nil && !errors.As(err, &nv) {
		t.Fatal(err)
	}
	return r, nv != nil
}

// matchProcess finds the process a label speaks of: by its pid when the label names one and
// the report has it, else the first process that no label names by pid and none took yet.
func matchProcess(r *Report, w processExpect, labels []processExpect, used map[*Process]bool) *Process {
	named := map[int64]bool{}
	for _, l := range labels {
		if l.PID != nil {
			named[*l.PID] = true
		}
	}
	if w.PID != nil {
		for _, p := range r.Processes {
			if p.PID == *w.PID && !used[p] && (w.Isolate == nil || p.Isolate == *w.Isolate) {
				return p
			}
		}
	}
	for _, p := range r.Processes {
		if !used[p] && !named[p.PID] {
			return p
		}
	}
	return nil
}
