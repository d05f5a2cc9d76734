package analyze

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// TestRestartsAreSeparateRuns concatenates real logs of one program, as a container that
// restarts with the same pid leaves them: each run is analysed on its own.
func TestRestartsAreSeparateRuns(t *testing.T) {
	for _, name := range []string{"node-22/leak-linear.log", "node-10/healthy-churn.log"} {
		one := corpustest.ReadAll(t, corpustest.Dir()+"/"+name)
		single, err := FromReader(bytes.NewReader(one), name, Options{})
		if err != nil || len(single.Processes) != 1 {
			t.Fatalf("%s: %v, %d processes", name, err, len(single.Processes))
		}
		want := single.Processes[0]
		three := bytes.Repeat(one, 3)
		r, err := FromReader(bytes.NewReader(three), name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Processes) != 3 {
			t.Fatalf("%s three times: %d processes, want 3", name, len(r.Processes))
		}
		for i, p := range r.Processes {
			if p.Run != i+1 || p.PID != want.PID || p.Isolate != want.Isolate {
				t.Errorf("%s run %d: pid %d isolate %s run %d", name, i+1, p.PID, p.Isolate, p.Run)
			}
			if p.Verdict != want.Verdict || p.GCEvents != want.GCEvents || (p.Crash == nil) != (want.Crash == nil) {
				t.Errorf("%s run %d: %s with %d GCs (crashed %v), want %s with %d (crashed %v)", name, i+1,
					p.Verdict, p.GCEvents, p.Crash != nil, want.Verdict, want.GCEvents, want.Crash != nil)
			}
			if *p.GCOverhead != *want.GCOverhead {
				t.Errorf("%s run %d: GC overhead %v, want %v (pauses summed across runs?)", name, i+1, *p.GCOverhead, *want.GCOverhead)
			}
			if !strings.Contains(p.Name(name), "run ") {
				t.Errorf("%s: the title %q does not say which run", name, p.Name(name))
			}
		}
	}
}
