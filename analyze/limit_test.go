package analyze

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

func TestBinaryVersion(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"/Users/dev/.nvm/versions/node/v10.4.0/bin/node", "10.4.0"},
		{"/home/dev/.volta/tools/image/node/18.12.1/bin/node", "18.12.1"},
		{"/usr/local/Cellar/node/20.3.1/bin/node", "20.3.1"},
		{"/nix/store/0c3zkvxa6pnbqgq3s2m6lq5b2a4m1w3c-nodejs-18.19.0/bin/node", "18.19.0"},
		{"/opt/node-v12.16.0-linux-x64/bin/node", "12.16.0"},
		{`C:\Users\dev\AppData\Roaming\nvm\v14.17.0\node.exe`, "14.17.0"},
		{"/usr/local/n/versions/node/16.3.0/bin/node", "16.3.0"},
		{"/usr/local/bin/node", ""},
		{`C:\Program Files\nodejs\node.exe`, ""},
		{"/usr/lib/x86_64-linux-gnu/libnode.so.108", ""},
		{"/home/dev/.nvm/versions/node/v14.17.0/lib/node_modules/x/y.node", ""},
		{"node", ""},
	} {
		if got := binaryVersion(c.path); got != c.want {
			t.Errorf("binaryVersion(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// TestDefaultLimitBesideCrash holds the line that sets a crash below the version's default
// limit beside it to the deaths it explains: an allocation that failed after last-resort GCs
// well under Node ≤ 11's 1400 MB. A death at the default (committed space counts), or by V8's
// near-the-limit rule at a heap a flag made small, gets no such line.
func TestDefaultLimitBesideCrash(t *testing.T) {
	for _, c := range []struct {
		log  string
		want bool
	}{
		{"../corpus/heldout-l/l026-netlify-build-cache-hash-280m-string-last-resort.log", true},         // Node 10, 922 MB used, 990 committed
		{"../corpus/heldout-i/i026-react-starter-kit-node9-sourcemap-stringify-last-resort.log", false}, // Node 9 at 1338 of 1400
		{"../corpus/heldout-m/m017-jest-watch-node631-46min-772mb-used-1434mb-committed.log", false},    // committed at the default
		{"../corpus/realworld/009-node10-macos-nimiq-small-heap.log", false},                            // ineffective mark-compacts at 125 MB
	} {
		r := analyzeFile(t, c.log, Options{})
		if len(r.Processes) != 1 {
			t.Fatalf("%s: %d processes", c.log, len(r.Processes))
		}
		got := false
		for _, e := range r.Processes[0].Evidence {
			got = got || strings.HasPrefix(e, "default limit:")
		}
		if got != c.want {
			t.Errorf("%s: default-limit line %v, want %v (evidence %q)", c.log, got, c.want, r.Processes[0].Evidence)
		}
	}
}

// TestCommandLineLimitOfTheRunThatDied: the flag a log's command lines give a process is the
// one given before its first GC, else one given while it ran; a command after its death is a
// fix the poster ran next, not its limit.
func TestCommandLineLimitOfTheRunThatDied(t *testing.T) {
	flag := func(mb float64, line int) lineFlag {
		return lineFlag{HeapFlag: &parser.HeapFlag{Name: "max-old-space-size", MB: mb}, line: line}
	}
	for _, c := range []struct {
		name      string
		flags     []lineFlag
		crashLine int
		want      float64 // 0: none
	}{
		{"before the trace", []lineFlag{flag(512, 1)}, 40, 512},
		{"the last before the trace", []lineFlag{flag(256, 1), flag(512, 5), flag(1024, 60)}, 40, 512},
		{"while it ran", []lineFlag{flag(512, 20)}, 40, 512},
		{"after its death", []lineFlag{flag(4096, 45)}, 40, 0},
		{"no death known", []lineFlag{flag(4096, 45)}, 0, 4096},
	} {
		p := &proc{firstLine: 10}
		if c.crashLine > 0 {
			p.crash = &Crash{Line: c.crashLine}
		}
		got := commandLineLimit(c.flags, p)
		switch {
		case c.want == 0 && got != nil:
			t.Errorf("%s: %v MB, want none", c.name, *got)
		case c.want != 0 && (got == nil || *got != c.want):
			t.Errorf("%s: %v, want %v MB", c.name, got, c.want)
		}
	}
}

// TestReducingLimitHoldsTheFlag holds the limit read from V8's memory-reducing full GCs to the
// runs of the corpus that state their --max-old-space-size: read without it, every process
// whose limit comes from them must have the flag within the range the evidence gives, and the
// estimate within a tenth of it. Processes of their own (a forked child, a worker) run under
// limits of their own and are left out: the main process is the first.
func TestReducingLimitHoldsTheFlag(t *testing.T) {
	// misses are runs whose limit read this way is off, as they came, each with why; the list
	// may only shrink.
	misses := map[string]string{
		// Set DO's route optimizer on Node 23, thrashing at 66-76% of its 128 MB flag with
		// 60 MB/s of candidates promoted: the heap before its 85 memory-reducing full GCs
		// reached 138.7 MB, 1.08 of the flag (the 45 runs of the calibration: 0.89-1.03),
		// the young generation's objects on top of a full old generation.
		"node-23/school-bus-route-optimizer-leg-matrix-thrash.128.log.gz": "a thrash whose heap before its reducing full GCs passed the flag by 8%",
	}
	seen := 0
	for _, log := range corpustest.Logs(t) {
		m, ok := corpustest.ReadMeta(log)
		if !ok || m.HeapLimitMB == nil {
			continue
		}
		r := analyzeFile(t, log, Options{})
		if len(r.Processes) == 0 || r.Processes[0].HeapLimitSource != LimitReducing {
			continue
		}
		seen++
		if why, ok := misses[corpustest.Name(log)]; ok {
			t.Logf("%s: listed (%s)", corpustest.Name(log), why)
			continue
		}
		p, flag := r.Processes[0], *m.HeapLimitMB
		var low, high string
		for _, ev := range p.Evidence {
			if rest, ok := strings.CutPrefix(ev, "heap limit: ~"); ok {
				if _, rng, ok := strings.Cut(rest, "an estimate, "); ok {
					low, high, _ = strings.Cut(strings.SplitN(rng, ":", 2)[0], "–")
				}
			}
		}
		lo, errLo := strconv.ParseFloat(strings.TrimSuffix(low, " MB"), 64)
		hi, errHi := strconv.ParseFloat(strings.TrimSuffix(high, " MB"), 64)
		if errLo != nil || errHi != nil {
			t.Errorf("%s: no range in the heap limit's evidence %q", log, p.Evidence)
			continue
		}
		if flag < lo || flag > hi || math.Abs(*p.HeapLimitMB-flag) > 0.1*flag {
			t.Errorf("%s: limit %.1f MB (%.1f–%.1f) from memory-reducing full GCs, run with --max-old-space-size=%.0f", log, *p.HeapLimitMB, lo, hi, flag)
		}
	}
	if seen < 20 {
		t.Errorf("only %d corpus runs read their limit from memory-reducing full GCs", seen)
	}
	t.Logf("%d corpus runs read their limit from memory-reducing full GCs", seen)
}

// TestReducingModeNotForRoom: under --optimize-for-size V8 runs every full GC in
// memory-reducing mode, from the first at 9 MB committed; a run of them on the plateau of set
// CA's link checker (Node 17 and 25, 160 MB flag) read a limit of 89–93 MB. Memory-reducing
// full GCs at committed memory the program later grew far past say nothing of the limit;
// those V8 runs short of room still do (a bounded memo cache on Node 16, an A/B exposure
// log on Node 19 whose memory-reducing full GCs compacted 104 MB committed to 63).
func TestReducingModeNotForRoom(t *testing.T) {
	for _, tc := range []struct {
		log      string
		reducing bool
	}{
		{"../corpus/node-17/docs-linkcheck-redirect-table-warmup.160.log.gz", false},
		{"../corpus/node-25/docs-linkcheck-redirect-table-warmup.160.log.gz", false},
		{"../corpus/node-16/memo-cache-bounded-keyspace.96.log.gz", true},
		{"../corpus/node-19/experiment-exposure-ramping-status-leak.80.log.gz", true},
	} {
		p := analyzeFile(t, tc.log, Options{}).Processes[0]
		if got := p.HeapLimitSource == LimitReducing; got != tc.reducing {
			t.Errorf("%s: limit %v from %q; want it read from memory-reducing full GCs: %v", tc.log, p.HeapLimitMB, p.HeapLimitSource, tc.reducing)
		}
	}
}

// TestPressedUnderTheDefault: set CC's genome annotator on Node 10 died at 75.8 MB, far under
// Node 10's 1400 MB default, after 18 full GCs back to back within 10% of that level (its
// flag, 80 MB, is not in the log). Far under the default alone reads one allocation too big;
// pressing against the level says a lower limit was in effect: heap-too-small, and the
// evidence does not call it one allocation.
func TestPressedUnderTheDefault(t *testing.T) {
	p := analyzeFile(t, "../corpus/node-10/genome-variant-annotator-too-small.80.log.gz", Options{}).Processes[0]
	if p.Verdict != VerdictHeapTooSmall {
		t.Fatalf("verdict %s, want %s (evidence %q)", p.Verdict, VerdictHeapTooSmall, p.Evidence)
	}
	for _, ev := range p.Evidence {
		if strings.HasPrefix(ev, "default limit") && !strings.Contains(ev, "a lower limit was in effect") {
			t.Errorf("evidence contradicts the verdict: %q", ev)
		}
	}
}

// Node's --heapsnapshot-near-heap-limit raises the limit to write each snapshot: a process that
// wrote one and died past its flag ran past a limit Node raised, not past one V8 ignores or
// one that was not its own. Real pastes of three users (Node 14, 18 and a recent one); and set
// CE's run on Node 20 and 23, given their 192 MB flag, died between it and the limit raised.
func TestNearLimitSnapshots(t *testing.T) {
	for _, log := range []string{
		"../corpus/node-20/vaccine-clinic-slot-release-closed-day-index.192.log.gz",
		"../corpus/node-23/vaccine-clinic-slot-release-closed-day-index.192.log.gz",
	} {
		flag := 192.0
		p := analyzeFile(t, log, Options{HeapLimitMB: &flag}).Processes[0]
		if p.RaisedLimitMB == nil || p.HeapAfterFullGC == nil {
			t.Fatalf("%s: no raised limit (%v) or no heap after full GC", log, p.RaisedLimitMB)
		}
		if died := p.HeapAfterFullGC.LastMB; died <= flag || died > *p.RaisedLimitMB {
			t.Errorf("%s: died at %.1f MB, outside the flag %.0f and the limit raised, %.1f", log, died, flag, *p.RaisedLimitMB)
		}
		// Writing the snapshot stood the program still for 11–13 s: the evidence says so.
		if !slices.ContainsFunc(p.Evidence, func(ev string) bool { return strings.HasPrefix(ev, "snapshot pause: no GC from") }) {
			t.Errorf("%s: no word of the time the snapshot took: %q", log, p.Evidence)
		}
	}
	for _, log := range []string{
		"../corpus/heldout-aa/aa011-node-cli-docs-heapsnapshot-near-heap-limit-max-old-100-two-mark-sweeps-130mb.log",
		"../corpus/heldout-aj/aj011-vi-k8s-course-heapsnapshot-near-heap-limit-max-old-64-one-mark-compact-reduce-294mb-elided.log",
		"../corpus/heldout-bj/bj017-node-18-pre-concurrent-marking-heapsnapshot-near-heap-limit-worker-50mb-fused-mark-sweep-41mb.log",
	} {
		t.Run(filepath.Base(log)[:5], func(t *testing.T) {
			raw, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			p := target(analyzeFile(t, log, Options{}))
			if len(p.HeapSnapshots) == 0 || !strings.HasSuffix(p.HeapSnapshots[0], ".heapsnapshot") {
				t.Fatalf("heap snapshots %q, want the file Node wrote", p.HeapSnapshots)
			}
			said := strings.Join(p.Evidence, "\n")
			if !strings.Contains(said, "heap snapshots") {
				t.Errorf("no evidence names the snapshots: %q", p.Evidence)
			}
			for _, wrong := range []string{"limit not enforced", "limit in effect"} {
				if strings.Contains(said, wrong) {
					t.Errorf("evidence %q: Node raised the limit to write the snapshot", wrong)
				}
			}
			if p.HeapLimitSource != LimitCrash && p.HeapLimitMB != nil && (p.RaisedLimitMB == nil || *p.RaisedLimitMB <= *p.HeapLimitMB) {
				t.Errorf("limit %v MB stated, raised to %v: Node raised it to write the snapshot", *p.HeapLimitMB, p.RaisedLimitMB)
			}
			if !strings.Contains(strings.Join(p.Recommendations, "\n"), filepath.Base(p.HeapSnapshots[len(p.HeapSnapshots)-1])) {
				t.Errorf("the advice does not point to the snapshot Node wrote: %q", p.Recommendations)
			}
			// Without the lines that say Node wrote the snapshots, the same log is read as
			// before: the lines are what changed the reading.
			var kept []string
			for _, l := range strings.Split(string(raw), "\n") {
				if !strings.Contains(l, "Wrote snapshot to") {
					kept = append(kept, l)
				}
			}
			r, err := FromReader(strings.NewReader(strings.Join(kept, "\n")), log, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if q := target(r); len(q.HeapSnapshots) != 0 {
				t.Errorf("snapshots %q read from a log without them", q.HeapSnapshots)
			}
		})
	}
}

// TestVerboseLimitIsTheFlag: --trace-gc-verbose's memory allocator line gives heap_size_limit,
// the old space plus the young generation's reservation, which changed with V8 7.4: every
// corpus run that printed it, read without its flag, states the --max-old-space-size it ran
// with (before, a 96 MB flag on Node 10 read as 65 MB, and its heap past that as a V8 that
// does not enforce its limit).
func TestVerboseLimitIsTheFlag(t *testing.T) {
	seen := 0
	for _, log := range corpustest.Logs(t) {
		m, ok := corpustest.ReadMeta(log)
		if !ok || m.HeapLimitMB == nil {
			continue
		}
		for _, p := range analyzeFile(t, log, Options{}).Processes {
			if p.HeapLimitSource != LimitVerbose {
				continue
			}
			seen++
			if got, want := *p.HeapLimitMB, *m.HeapLimitMB; math.Abs(got-want) > 0.05*want {
				t.Errorf("%s: limit %.1f MB from the verbose table, ran with %.0f", corpustest.Name(log), got, want)
			}
		}
	}
	if seen < 5 {
		t.Errorf("%d runs read their limit from --trace-gc-verbose, want 5 or more", seen)
	}
}
