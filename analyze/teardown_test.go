package analyze

import (
	"io"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// TestWorkerTeardownSaysNothing: Node terminates a worker that reached its memory limit, and
// the worker's isolate collects what its work held as it is disposed — a last full GC that
// leaves a fraction of the heap before it. That GC is no recovery: every worker of the corpus
// that died of its memory reads the same with its last full GC as without it.
func TestWorkerTeardownSaysNothing(t *testing.T) {
	seen := 0
	for _, log := range corpustest.Logs(t) {
		r := analyzeFile(t, log, Options{})
		for _, p := range r.Processes {
			if p.Crash == nil || p.Crash.Kind != parser.FatalWorkerOOM {
				continue
			}
			evs := allEvents(t, log)
			key := parser.IsolateKey{PID: p.PID, Isolate: p.Isolate}
			i := lastFullGCOf(evs, key)
			if i < 0 {
				continue
			}
			g := evs[i].GC
			if prev := lastFullGCOf(evs[:i], key); prev < 0 || *g.HeapAfterMB >= 0.5**evs[prev].GC.HeapAfterMB {
				continue
			}
			seen++
			a := New(Options{})
			for j, ev := range evs {
				if j != i {
					a.Add(ev)
				}
			}
			without := "no process"
			for _, q := range a.Report(log, parser.Stats{}).Processes {
				if q.PID == p.PID && q.Isolate == p.Isolate {
					without = q.Verdict
				}
			}
			if without != p.Verdict {
				t.Errorf("%s: worker %d %s reads %s, and %s without the full GC at line %d that left %.1f MB as it was torn down", corpustest.Name(log), p.PID, p.Isolate, p.Verdict, without, evs[i].Line, *g.HeapAfterMB)
			}
		}
	}
	if seen < 3 {
		t.Errorf("only %d workers of the corpus died of their memory with a teardown GC", seen)
	}
	t.Logf("%d workers that died of their memory ended with a teardown GC", seen)
}

// allEvents is every event of a corpus log.
func allEvents(t *testing.T, log string) []parser.Event {
	t.Helper()
	f, err := corpustest.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evs, _, err := parser.All(f)
	if err != nil && err != io.EOF {
		t.Fatalf("%s: %v", log, err)
	}
	return evs
}

// lastFullGCOf is the index in evs of the last full GC of the isolate key, -1 if none.
func lastFullGCOf(evs []parser.Event, key parser.IsolateKey) int {
	for i := len(evs) - 1; i >= 0; i-- {
		if g := evs[i].GC; evs[i].Type == parser.TypeGC && g.Key() == key && g.Kind != nil && *g.Kind == parser.KindFull && g.HeapAfterMB != nil {
			return i
		}
	}
	return -1
}
