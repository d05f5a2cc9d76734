package analyze

import (
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// TestWorkerOwnLimit: `gcanalyze run --log` of cmd/gcanalyze/testdata/run/worker.js
// on Node 20.20.2 with the argument 5: a worker leaking into the 64 MB its Worker's
// resourceLimits give it while the main thread churns under the default limit, the program
// exiting at 5 s before the worker runs out. The preload announced both threads' limits; the
// worker's is told against its own 64 MB, the main thread against the process's ~4 GB, though
// no crash says which isolate is the worker: their clocks do.
func TestWorkerOwnLimit(t *testing.T) {
	r := analyzeFile(t, "testdata/real-run-node20-run-log-worker-resource-limits-64.log.gz", Options{})
	if len(r.Processes) != 2 {
		t.Fatalf("%d isolates, want the main thread and the worker", len(r.Processes))
	}
	for _, p := range r.Processes {
		want := 4096.0
		if strings.HasPrefix(p.Isolate, "0x7f") { // a thread's arena on glibc: the worker
			want = 64
		}
		if p.HeapLimitMB == nil || *p.HeapLimitMB != want || p.HeapLimitSource != LimitProcess {
			t.Errorf("%s: limit %v from %s, want %v MB from the process", p.Who(), p.HeapLimitMB, p.HeapLimitSource, want)
		}
	}
}

// TestWorkerOfAnIdleMainThread: the same program with its main thread idle (argument "idle"),
// its worker started 0.3 s in: the worker's isolate is the only one that prints GCs, so no
// other isolate's clock compares with its; the preload's lines, printed among its GCs with
// the time each thread's environment was made, place it as the worker, told against its own
// 64 MB. (Threads started within some 35 ms of each other may not be told apart so: then the
// main thread's limit, as before.)
func TestWorkerOfAnIdleMainThread(t *testing.T) {
	a := analyzerOf(t, "testdata/real-run-node20-run-log-worker-idle-main-64.log.gz")
	var isolates []*proc
	for _, p := range a.order {
		if p.gcs > 0 {
			isolates = append(isolates, p)
		}
	}
	if len(isolates) != 1 || a.threadOrder(isolates[0]) != -1 {
		t.Fatalf("want one isolate, read as a worker: %d isolates", len(isolates))
	}
	r := analyzeFile(t, "testdata/real-run-node20-run-log-worker-idle-main-64.log.gz", Options{})
	if p := r.Processes[0]; p.HeapLimitMB == nil || *p.HeapLimitMB != 64 {
		t.Errorf("limit %v, want the worker's 64 MB", p.HeapLimitMB)
	}
}

// TestThreadOrder: in a log of several isolates of one process, the one whose clock started
// first is the main thread: a real Node 20 worker pool (node --trace-gc, no preload) whose
// workers' isolates live in thread arenas (0x7f… on glibc), the main thread's in the main
// heap; and the run log above.
func TestThreadOrder(t *testing.T) {
	for _, log := range []string{"testdata/real-run-node20-worker-pool-silent-worker-oom.log.gz", "testdata/real-run-node20-run-log-worker-resource-limits-64.log.gz"} {
		a := analyzerOf(t, log)
		mains := 0
		for _, p := range a.order {
			if p.gcs == 0 {
				continue
			}
			order := a.threadOrder(p)
			worker := strings.HasPrefix(p.key.Isolate, "0x7f")
			if worker && order != -1 || !worker && order != 1 {
				t.Errorf("%s: isolate %s read as %d (1 main thread, -1 worker, 0 unknown)", log, p.key.Isolate, order)
			}
			if order == 1 {
				mains++
			}
		}
		if mains != 1 {
			t.Errorf("%s: %d main threads", log, mains)
		}
	}
}

// analyzerOf is an Analyzer that has read the whole log.
func analyzerOf(t *testing.T, log string) *Analyzer {
	t.Helper()
	f, err := corpustest.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evs, _, err := parser.All(f)
	if err != nil {
		t.Fatal(err)
	}
	a := New(Options{})
	for _, ev := range evs {
		a.Add(ev)
	}
	return a
}
