package parser

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

func parseOne(t *testing.T, text string) []Event {
	t.Helper()
	evs, _, err := All(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestTable(t *testing.T) {
	for _, tc := range tableCases {
		t.Run(tc.name, func(t *testing.T) {
			evs := parseOne(t, tc.line+"\n")
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1: %v", len(evs), evs)
			}
			got, err := json.Marshal(evs[0])
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("line %q\n got %s\nwant %s", tc.line, got, tc.want)
			}
		})
	}
}

// TestRingFragmentReasons holds what is left of a ring entry to a reason that is one: a
// fragment whose text before ";" is anything but plain words is the rest of an entry cut
// elsewhere, and its "reason" was a timestamp, an address or the entry's sizes.
func TestRingFragmentReasons(t *testing.T) {
	cases := []struct {
		fragment, reason, comment string // "-": none
	}{
		// heldout-ar/ar013 (a paste whose author cut the entries down to their sizes).
		{"Mark-Compact (reduce) 15.3 (16.1) -> 15.3 (16.1) MB, last resort; GC in old space requested", "-", "GC in old space requested"},
		{"2024-04-19T09:45:53.046Z; GC in old space requested", "-", "GC in old space requested"},
		{"allocation failure; scavenge might not succeed", "allocation failure", "scavenge might not succeed"},
		{"task; finalize incremental marking via task", "task", "finalize incremental marking via task"},
	}
	for _, tc := range cases {
		g := gcs(parseOne(t, "<--- Last few GCs --->\n"+tc.fragment+"\n\n<--- JS stacktrace --->\n"))
		if len(g) != 1 || !g[0].Truncated {
			t.Errorf("%q: got %d gc events, want one truncated entry", tc.fragment, len(g))
			continue
		}
		if got := deref(g[0].Reason); got != tc.reason {
			t.Errorf("%q: reason %q, want %q", tc.fragment, got, tc.reason)
		}
		if got := deref(g[0].Comment); got != tc.comment {
			t.Errorf("%q: comment %q, want %q", tc.fragment, got, tc.comment)
		}
	}
}

// gcs returns the gc events of a parse.
func gcs(evs []Event) []*GC {
	var out []*GC
	for _, e := range evs {
		if e.Type == TypeGC {
			out = append(out, e.GC)
		}
	}
	return out
}

func TestRingBufferGluedAndTruncated(t *testing.T) {
	// node-20/leak-linear.semi-space-1.log: a leftover tail, then two entries glued without a
	// newline, the first cut by V8's 256-byte buffer.
	const block = "<--- Last few GCs --->\n" +
		"nce start of marking 18 ms) (average mu = 0.739, current mu = 0.204) all[22333:0x4341ae80]     6092 ms: Mark-Compact (reduce) 126.3 (130.9) -> 124.8 (130.9) MB, 3.61 / 0.00 ms  (+ 4.2 ms in 525 steps since start of marking, biggest step 1.4 ms, walltime since start of marking 11 ms) (average mu = 0.671, current mu = 0.355) fi[22333:0x4341ae80]     6153 ms: Mark-Compact 125.8 (130.9) -> 125.3 (132.7) MB, 15.38 / 0.00 ms  (average mu = 0.722, current mu = 0.749) allocation failure; scavenge might not succeed\n" +
		"\n\n<--- JS stacktrace --->\n"
	g := gcs(parseOne(t, block))
	if len(g) != 3 {
		t.Fatalf("got %d gc events, want 3 (fragment + 2 entries)", len(g))
	}
	frag, cut, whole := g[0], g[1], g[2]
	if !frag.Truncated || frag.TimeMS != nil || frag.Collector != nil || *frag.MuAverage != 0.739 || *frag.MuCurrent != 0.204 || frag.Reason != nil {
		t.Errorf("fragment = %+v", frag)
	}
	if !cut.Truncated || *cut.TimeMS != 6092 || *cut.MuCurrent != 0.355 || cut.Reason != nil || cut.Comment != nil || cut.Qualifiers[0] != "reduce" {
		t.Errorf("cut entry = %+v", cut)
	}
	if whole.Truncated || *whole.TimeMS != 6153 || *whole.Reason != "allocation failure" || *whole.Comment != "scavenge might not succeed" {
		t.Errorf("whole entry = %+v", whole)
	}
	for _, e := range g {
		if !e.InCrashDump {
			t.Errorf("entry not marked in_crash_dump: %+v", e)
		}
	}
}

func TestRingBufferCutMidNumber(t *testing.T) {
	// 022-pnpm-win-reduce-truncated-mu.log: cut inside the mu clause.
	evs := parseOne(t, "<--- Last few GCs --->\n\n[6032:000002616DD91000]    25475 ms: Mark-Compact (reduce) 2047.0 (2085.0) -> 2047.0 (2084.0) MB, pooled: 0 MB, 1310.32 / 0.00 ms  (+ 1.9 ms in 0 steps since start of marking, biggest step 0.0 ms, walltime since start of marking 1320 ms) (average mu = 0.1\n")
	g := gcs(evs)
	if len(g) != 1 {
		t.Fatalf("got %d gc events", len(g))
	}
	if !g[0].Truncated || g[0].MuAverage != nil || g[0].MuCurrent != nil || *g[0].PauseMS != 1310.32 || g[0].Reason != nil {
		t.Errorf("entry = %+v", g[0])
	}
}

// TestHeaderThatLostItsAngle reads the crash block's headers with their "<" lost (pastes-AK
// ak009: an issue digest printed "--- Last few GCs --->"): still the crash dump, and the
// whole header still one marker.
func TestHeaderThatLostItsAngle(t *testing.T) {
	for _, header := range []string{"--- Last few GCs --->", "<--- Last few GCs --->"} {
		evs := parseOne(t, header+"\n[58283:0x7e91000]    14451 ms: Scavenge 10230.6 (10239.3) -> 10230.6 (10243.3) MB, pooled: 0 MB, 1.59 / 0.00 ms  (average mu = 0.977, current mu = 0.931) allocation failure; \n--- JS stacktrace --->\n")
		var markers []MarkerName
		for _, ev := range evs {
			if ev.Type == TypeMarker {
				markers = append(markers, ev.Marker.Name)
			}
		}
		if g := gcs(evs); len(g) != 1 || !g[0].InCrashDump {
			t.Errorf("%q: want one GC in the crash dump, got %d", header, len(g))
		}
		if len(markers) != 2 || markers[0] != MarkerLastFewGCs || markers[1] != MarkerJSStacktrace {
			t.Errorf("%q: markers %v", header, markers)
		}
	}
}

func TestRepeatsMarked(t *testing.T) {
	live := "[1:0x1]      100 ms: Mark-Compact 10.0 (20.0) -> 9.0 (20.0) MB, 1.00 / 0.00 ms  (average mu = 0.900, current mu = 0.900) allocation failure; GC in old space requested\n"
	ring := "<--- Last few GCs --->\n\n" + live + "[1:0x1]      200 ms: Mark-Compact 11.0 (20.0) -> 10.0 (20.0) MB, 1.00 / 0.00 ms  (average mu = 0.900, current mu = 0.900) allocation failure; GC in old space requested\n\n"
	g := gcs(parseOne(t, live+ring))
	if len(g) != 3 || g[0].InCrashDump || !g[1].Repeat || g[2].Repeat || !g[2].InCrashDump {
		for _, x := range g {
			t.Logf("%v repeat=%v dump=%v", *x.TimeMS, x.Repeat, x.InCrashDump)
		}
		t.Fatal("want the ring copy of 100 ms marked a repeat and 200 ms not")
	}
}

func TestHardWrappedAndSplitLines(t *testing.T) {
	// 004-gemini-cli-linux-hard-wrapped.log: a GC line over three lines, FATAL over two.
	text := "<--- Last few GCs --->\n\n[8398:0x2403ab30] 76983070 ms: Mark-Compact 1671.8 (1839.6) -> 1655.2\n(1839.3) MB, 267.98 / 0.01 ms (average mu = 0.346, current mu = 0.362)\nallocation failure; scavenge might not succeed\n\nFATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed -\nJavaScript heap out of memory\n"
	evs := parseOne(t, text)
	var gc *Event
	var fatal *Event
	for i := range evs {
		switch evs[i].Type {
		case TypeGC:
			gc = &evs[i]
		case TypeFatal:
			fatal = &evs[i]
		case TypeUnknown:
			t.Errorf("unknown line %d: %q", evs[i].Line, evs[i].Unknown.Text)
		}
	}
	if gc == nil || gc.Line != 3 || gc.EndLine != 5 || *gc.GC.CommittedAfterMB != 1839.3 || *gc.GC.Comment != "scavenge might not succeed" {
		t.Errorf("gc = %+v", gc)
	}
	if fatal == nil || fatal.Line != 7 || fatal.EndLine != 8 || *fatal.Fatal.Message != "Allocation failed - JavaScript heap out of memory" {
		t.Errorf("fatal = %+v", fatal)
	}
	// A terminal 120 columns wide wrapped a FATAL line after other output, inside a word, and
	// another at a space (hand-made from heldout-f/f002's line, cut as a terminal would).
	for _, tc := range []struct{ text, location string }{
		{"print 92% chunk asset optimization unnamed compat pluginFATAL ERROR: Ineffe\nctive mark-compacts near heap limit Allocation failed - JavaScript heap out of memory\n", "Ineffective mark-compacts near heap limit"},
		{"FATAL ERROR: Reached heap\nlimit Allocation failed - JavaScript heap out of memory\n", "Reached heap limit"},
	} {
		var f *Fatal
		for _, ev := range parseOne(t, tc.text) {
			if ev.Type == TypeFatal {
				f = ev.Fatal
			}
		}
		if f == nil || f.Location == nil || *f.Location != tc.location {
			t.Errorf("%q: fatal %+v, want location %q", tc.text, f, tc.location)
		}
	}
	// 048-pm2-time-prefix-split-gc-line.log: a logger split a word.
	evs = parseOne(t, "2024-02-27T09:49:55: [499824:0x6312ae0] 69835335 ms: Mark-Compact 1964.7 (2082.8) -> 1948.7 (2082.8) MB, 69.2 / 0.0 ms  (average mu = 0.341, current mu = 0.342) allocation failure; scaveng\ne might not succeed\n")
	if g := gcs(evs); len(g) != 1 || len(evs) != 1 || *g[0].Comment != "scavenge might not succeed" {
		t.Errorf("split word: %d events %+v", len(evs), evs)
	}
}

// TestAddressOnlyFrameEndsItself: Node 10 prints a JIT frame as its address alone ("12:
// 0x17a22f5bf1d "); the parent's own log line after it opens with a bracketed word and is no
// [module] of the frame (set BZ's month-end close, Node 10, its lines 136–137 as printed). A
// module on a line of its own still joins its frame (hand-made).
func TestAddressOnlyFrameEndsItself(t *testing.T) {
	for _, tc := range []struct {
		text   string
		events int
		module string
	}{
		{"12: 0x17a22f5bf1d \n[close-orchestrator] t=24.9s close job FAILED: globex-marketplace (exit code null, signal SIGABRT) -> manual-close ticket filed\n", 2, ""},
		{" 3: 0xb0336e v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, bool)\n[/root/.cache/node-binaries/10.24.1/bin/node]\n", 1, "/root/.cache/node-binaries/10.24.1/bin/node"},
	} {
		evs := parseOne(t, tc.text)
		var frames []*NativeFrame
		for _, ev := range evs {
			if ev.Type == TypeNativeFrame {
				frames = append(frames, ev.NativeFrame)
			}
		}
		if len(frames) != 1 || len(evs) != tc.events {
			t.Errorf("%q: %d events, %d frames", tc.text, len(evs), len(frames))
			continue
		}
		if got := frames[0].Module; tc.module != "" && (got == nil || *got != tc.module) {
			t.Errorf("%q: module %v, want %q", tc.text, got, tc.module)
		}
	}
}

// TestEmbedderFatal: Cloudflare's workerd prints V8's fatal error as "V8 fatal error;
// location = …; message = …" — the location and message Node prints after "FATAL ERROR:" —
// in full or wrapped by wrangler at its location (pastes BJ bj012, heldout-af af011).
func TestEmbedderFatal(t *testing.T) {
	for _, tc := range []struct {
		line string
		kind FatalKind
		oom  bool
	}{
		{"workerd/jsg/setup.c++:38: fatal: V8 fatal error; location = Reached heap limit; message = : allocation failed: JavaScript heap out of memory", FatalHeapLimit, true},
		{"  workerd/jsg/setup.c++:38: fatal: V8 fatal error; location = Reached heap", FatalHeapLimit, true},
		{"│ workerd/jsg/setup.c++:38: fatal: V8 fatal error; location = ExternalEntityTable::AllocateEntry; message = : allocation failed: process out of memory", FatalProcessOOM, false},
		{"V8 fatal error; location = CALL_AND_RETRY_LAST; message = : allocation failed: JavaScript heap out of memory", FatalCallAndRetryLast, true},
		// V8's own banner when Node's out-of-memory handler returned (pastes BJ bj020, three
		// build workers' messages fused on one line): the same words for any memory, so the
		// kind is left to the log around it (node-9/leak-spiky.128.r8: its heap at the limit).
		{"# API fatal error handler returned after process out of memoryAPI fatal error handler returned after process out of memory", FatalUnknown, false},
	} {
		var f *Fatal
		for _, ev := range parseOne(t, tc.line+"\n") {
			if ev.Type == TypeFatal {
				f = ev.Fatal
			}
		}
		if f == nil || f.Kind != tc.kind || f.HeapOOM != tc.oom {
			t.Errorf("%q: fatal %+v, want kind %s, heap OOM %v", tc.line, f, tc.kind, tc.oom)
		}
	}
}

func TestPrefixesRemoved(t *testing.T) {
	gcLine := "[26105:0x3bd1d000]      125 ms: Scavenge 4.4 (5.1) -> 3.8 (6.1) MB, pooled: 0 MB, 0.73 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; "
	for _, prefix := range []string{"", "3|muon-nod | ", "2024-02-27T09:49:55: ", "[1] [1] ", "> ", "[Error] ", "2:11:38 AM: ", "Nov 15 14:06:06 ip-172-31-11-84 docker[2954]: ", "\x1b[31m", "    "} {
		evs := parseOne(t, prefix+gcLine+"\r\n")
		g := gcs(evs)
		if len(evs) != 1 || len(g) != 1 || *g[0].PID != 26105 || *g[0].HeapAfterMB != 3.8 {
			t.Errorf("prefix %q: %d events", prefix, len(evs))
		}
	}
}

// TestShellKillBehindALogPrefix: the shell's "Killed" line reads as the system's kill of the
// process however a build log decorates it — AWS Amplify puts its time and "[WARNING]: " before
// every line (held-out set br, a CodeBuild "npm run build" killed with no V8 output at all).
func TestShellKillBehindALogPrefix(t *testing.T) {
	line := "/codebuild/output/src816153359/src/site/amplify.sh: line 19:  1979 Killed                  npm run build"
	for _, prefix := range []string{"", "[WARNING]: ", "2020-06-24T09:54:22.252Z [WARNING]: ", "2020-06-24T09:54:22.252Z [WARNING] "} {
		evs := parseOne(t, prefix+line+"\n")
		if len(evs) != 1 || evs[0].Fatal == nil || evs[0].Fatal.Kind != FatalSystemOOM || evs[0].Fatal.PID == nil || *evs[0].Fatal.PID != 1979 {
			t.Errorf("prefix %q: %+v", prefix, evs)
		}
	}
}

// TestAzureEchoReadOnce: an Azure Pipelines agent prints each line a step writes to stderr
// twice, marked "##[error]" and then plain (corpus/heldout-bu bu005, as pasted): the copy is
// marked Echo, one death; two plain copies, or a marked line and a different one, stay two.
func TestAzureEchoReadOnce(t *testing.T) {
	const marked = "2018-10-17T03:27:02.7920878Z ##[error]03:27:02.651 ERROR: FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory\n"
	const plain = "2018-10-17T03:27:02.8077118Z 03:27:02.651 ERROR: FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory\n"
	const other = "2018-10-17T03:27:02.8077118Z 03:27:02.700 ERROR: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n"
	fatals := func(text string) int {
		n := 0
		for _, ev := range parseOne(t, text) {
			if ev.Type == TypeFatal && !ev.Fatal.Echo {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		text string
		want int
	}{{marked + plain, 1}, {plain + plain, 2}, {marked + other, 2}, {marked + "\n" + plain, 2}} {
		if got := fatals(c.text); got != c.want {
			t.Errorf("%q: %d fatal events, want %d", c.text, got, c.want)
		}
	}
}

// TestLinksSplicedIntoNumbers: GitHub Actions' log view links line numbers, and a copy of the
// page splices them into the GC line's numbers; an archive may have replaced the address with a
// placeholder. The line is two real lines of corpus/heldout-f f005 and pastes-I i012, as pasted.
func TestLinksSplicedIntoNumbers(t *testing.T) {
	for _, line := range []string{
		"[1878:0x636c800]    782[19](https://github.com/haniffalab/sci-spatial-web-app/runs/5108716653?check_suite_focus=true#step:8:19) ms: Mark-sweep (reduce) [20](https://github.com/haniffalab/sci-spatial-web-app/runs/5108716653?check_suite_focus=true#step:8:20)41.8 (2051.5) -> 2041.2 (2052.3) MB, 4410.5 / 0.0 ms  (average mu = 0.191, current mu = 0.001) allocation failure scavenge might not succeed",
		"[1904:0x54fb0d0]   132902 ms: Mark-sweep (reduce) 2043.3 (2083.1) -> 2042.6 (2083.6) MB, 2407.8 / 0.0 ms  (average mu = 0.[17](github-repo-link)0, current mu = 0.030) allocation failure scavenge might not succeed",
		"[[19](../runs/1#step:5:19)04:0x54fb0d0]   135384 ms: Mark-sweep (reduce) [20](github-repo-link)43.6 (2083.6) -> 2043.1 (2084.1) MB, 2476.2 / 0.0 ms  (average mu = 0.100, current mu = 0.026) allocation failure scavenge might not succeed",
	} {
		g := gcs(parseOne(t, line+"\n"))
		if len(g) != 1 || g[0].HeapBeforeMB == nil || *g[0].HeapBeforeMB < 2000 || g[0].MuAverage == nil || *g[0].MuAverage >= 1 {
			t.Errorf("%.60s…: %d GC events, want one with the link texts in its numbers", line, len(g))
		}
	}
}

func TestUnknownNeverStopsTheParse(t *testing.T) {
	text := "hello\n[1:0x1]      100 ms: Mark-Compact 10.0 (20.0) -> 9.0 (20.0) MB, 1.00 /\n[1:0x1]      100 ms: Mark-Compact 10.0 (garbage\n\x00\xff\xfe\n[1:0x1]      120 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; \n"
	evs := parseOne(t, text)
	last := evs[len(evs)-1]
	if last.Type != TypeGC || *last.GC.TimeMS != 120 || last.Line != 5 {
		t.Errorf("last event = %+v", last)
	}
}

func TestOversizeLineSkipped(t *testing.T) {
	long := strings.Repeat("x", MaxLineBytes+10)
	p := New(strings.NewReader(long + "\n[1:0x1]      120 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  allocation failure \n"))
	var evs []Event
	for {
		ev, err := p.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	if len(evs) != 2 || !evs[0].Unknown.Oversize || evs[0].Unknown.Bytes != MaxLineBytes+11 || len(evs[0].Unknown.Text) > 200 || evs[1].Type != TypeGC || evs[1].Line != 2 {
		t.Errorf("events = %+v", evs)
	}
	if p.Stats().Oversize != 1 {
		t.Errorf("oversize = %d", p.Stats().Oversize)
	}
}

func TestGCLineCutByApplicationOutput(t *testing.T) {
	// corpus/deno-2.9/leak-with-app-output.log: Deno writes V8's trace in blocks, so a GC
	// line stops where a block ended, the application's lines follow, and the line's rest
	// comes with the next block.
	text := "[1718:0x55771aa15000]     3085 ms: Scavenge 80.2 (110.6) -> 66.3 (116.9) MB, pooled: 0.0[app] tick 31 handled 20000 requests\n" +
		"[app] tick 32 handled 20000 requests\n" +
		"{\n  event: \"stats\",\n}\n" +
		" MB, 8.22 / 0.00 ms (average mu = 0.985, current mu = 0.988) allocation failure; \n" +
		"[1718:0x55771aa15000]     4102 ms: Incremental Mark-Compact 89.2 (116.9) -> 85.8 (116.9) MB, pooled: 0.0 MB, 5.14 / 0.00 ms (average mu = 0.912, current mu = 0.920) finalize incremental marking via task; G[app] tick 42 handled\n" +
		"[app] tick 43 handled\n" +
		"C in old space requested\n"
	evs := parseOne(t, text)
	var lines []string
	for _, ev := range evs {
		s := fmt.Sprintf("%s %d-%d", ev.Type, ev.Line, ev.EndLine)
		switch ev.Type {
		case TypeGC:
			comment := "<nil>"
			if ev.GC.Comment != nil {
				comment = *ev.GC.Comment
			}
			s += fmt.Sprintf(" %v %v/%v %v", *ev.GC.TimeMS, *ev.GC.PauseMS, *ev.GC.PooledMB, comment)
		case TypeUnknown:
			s += " " + ev.Unknown.Text
		}
		lines = append(lines, s)
	}
	want := []string{
		"gc 1-6 3085 8.22/0 <nil>",
		"unknown 1-1 [app] tick 31 handled 20000 requests",
		"unknown 2-2 [app] tick 32 handled 20000 requests",
		"unknown 3-3 {", "unknown 4-4   event: \"stats\",", "unknown 5-5 }",
		"gc 7-9 4102 5.14/0 GC in old space requested",
		"unknown 7-7 [app] tick 42 handled",
		"unknown 8-8 [app] tick 43 handled",
	}
	got := strings.Join(lines, "\n")
	if got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestPrefixCutByTimestamp: a Deno 2.9 run (behaviours-M, als-trace-context-store) whose
// application line, starting with an ISO timestamp, cut a GC line inside its isolate: the
// prefix's scan took "2026" for hex digits of the isolate. The isolate is the one the process
// prints everywhere else, and the timestamp stays with the application's text.
func TestPrefixCutByTimestamp(t *testing.T) {
	text := "[31346:0x555aca085000]    35386 ms: Incremental Mark-Compact 40.3 (74.5) -> 40.1 (73.8) MB, pooled: 10.0 MB, 3.70 / 0.00 ms (average mu = 0.980, current mu = 0.976) finalize incremental marking via task; GC in old space requested\n" +
		"[31346:0x552026-11-29T16:42:08.246Z INFO [orders] trace=2031d87e68732f2dda36336badcf485e order #20000 done\n" +
		"5aca085000]    35426 ms: Incremental Mark-Compact 40.3 (74.0) -> 40.1 (73.5) MB, pooled: 10.2 MB, 2.99 / 0.00 ms (average mu = 0.979, current mu = 0.975) finalize incremental marking via task; GC in old space requested\n"
	var isolates, unknown []string
	for _, ev := range parseOne(t, text) {
		switch ev.Type {
		case TypeGC:
			isolates = append(isolates, *ev.GC.Isolate)
		case TypeUnknown:
			unknown = append(unknown, ev.Unknown.Text)
		}
	}
	if len(isolates) != 2 || isolates[1] != isolates[0] {
		t.Errorf("isolates %v, want two of 0x555aca085000", isolates)
	}
	if len(unknown) != 1 || !strings.HasPrefix(unknown[0], "2026-11-29T16:42:08.246Z INFO") {
		t.Errorf("application text %q, want the line from its timestamp on", unknown)
	}
}

// TestGCJSONMatchesEncodingJSON holds the hand-written GC encoder to encoding/json's output on
// every GC of the corpus, and on extreme numbers.
func TestGCJSONMatchesEncodingJSON(t *testing.T) {
	check := func(g *GC) {
		want, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendGCJSON(nil, g); string(got) != string(want) {
			t.Fatalf("\n got %s\nwant %s", got, want)
		}
	}
	n := 0
	for _, log := range corpusLogs(t) {
		f := openLog(t, log)
		evs, _, _ := All(f)
		f.Close()
		for _, ev := range evs {
			if ev.Type == TypeGC {
				check(ev.GC)
				n++
			}
		}
	}
	for _, v := range []float64{0, -0.5, 1e-7, 1.5e-6, 1e21, 123456789012345678, 3.14159e-10, -2e22} {
		x, s := v, "a<b>&\"\\\x01é"
		check(&GC{TimeMS: &x, HeapBeforeMB: &x, Reason: &s, Qualifiers: []string{s, "reduce"}})
	}
	if n < 5000 {
		t.Errorf("only %d GCs checked", n)
	}
}

// TestMemoryPrefilterKnowsEveryName holds mayNameMemory to the names memoryPairs reads: a
// name it missed would silently stop a sample from being read.
func TestMemoryPrefilterKnowsEveryName(t *testing.T) {
	names := []string{"Heap Used", "HEAP TOTAL", "RSS", "External", "Heap: used=21.9MB"}
	for n := range memoryNames {
		names = append(names, n)
	}
	for n := range humanNames {
		names = append(names, n)
	}
	for _, n := range names {
		if !mayNameMemory(n) {
			t.Errorf("mayNameMemory(%q) = false", n)
		}
	}
	if mayNameMemory("[app] tick 45 handled 20000 requests") {
		t.Error("an application line without a memory name passes the prefilter")
	}
}

// TestSizeLimitErrors: the uncaught RangeErrors of V8's per-structure limits and Node's buffer
// limits, each as a real process printed it, are fatal events of their kind, wherever the line
// starts (Node prints the error after the source line and a caret).
func TestSizeLimitErrors(t *testing.T) {
	for _, tc := range []struct {
		line string
		kind FatalKind
	}{
		{"RangeError: Map maximum size exceeded", FatalInvalidTableSize},
		{"RangeError: Set maximum size exceeded", FatalInvalidTableSize},
		{"RangeError: Invalid string length", FatalInvalidStringLength},
		{"RangeError: Invalid array length", FatalInvalidArrayLength},
		{"RangeError: Invalid typed array length: 4294967296", FatalInvalidTypedArrayLength},
		{"RangeError: Array buffer allocation failed", FatalArrayBufferAllocation},
		// Node 20: Buffer.toString of 512 MB, and fs.readFileSync of a 2.2 GB file.
		{"Error: Cannot create a string longer than 0x1fffffe8 characters", FatalInvalidStringLength},
		{"RangeError [ERR_FS_FILE_TOO_LARGE]: File size (2306867200) is greater than 2 GiB", FatalBufferTooLarge},
		// Node 8: Buffer.toString past V8's string length limit (set CE's CDN log archive).
		{`Error: "toString()" failed`, FatalInvalidStringLength},
		// A docker-compose prefix before the message.
		{"mmon  | Error: Cannot create a string longer than 0x1fffffe8 characters", FatalInvalidStringLength},
		// Node 12–26: a WebAssembly memory grown past its maximum (set CM), and one the
		// process could not reserve.
		{"RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded", FatalWasmMemoryMax},
		// Node 10's V8 writes it in lower case.
		{"RangeError: WebAssembly.Memory.grow(): maximum memory size exceeded", FatalWasmMemoryMax},
		{"RangeError [Error]: WebAssembly.Memory(): could not allocate memory", FatalOther},
		// An Emscripten module whose memory cannot grow: its abort now and before Emscripten 2.0.
		{"RuntimeError: Aborted(OOM). Build with -sASSERTIONS for more info.", FatalWasmMemoryMax},
		{"RuntimeError: abort(OOM). Build with -s ASSERTIONS=1 for more info.", FatalWasmMemoryMax},
	} {
		var kinds []FatalKind
		for _, ev := range parseOne(t, tc.line+"\n    at Set.add (<anonymous>)\n") {
			if ev.Type == TypeFatal {
				kinds = append(kinds, ev.Fatal.Kind)
			}
		}
		if len(kinds) != 1 || kinds[0] != tc.kind {
			t.Errorf("%q: fatal kinds %v, want [%s]", tc.line, kinds, tc.kind)
		}
	}
}

// TestQuotedSourceLine: Node prints an uncaught error under the file and line it was thrown
// at and that line of the program, quoted; a comment or a string on that line which names an
// error is the program's text, not a second error (set EJ's departure-board export on Node 12
// to 25, whose join carried "// throws RangeError: Invalid string length", read as printed
// twice, so caught). Hand-made from that run's tail.
func TestQuotedSourceLine(t *testing.T) {
	for _, header := range []string{
		"/srv/pis/export.js:70",
		"file:///srv/pis/export.mjs:70",
		`C:\srv\pis\export.js:70`,
	} {
		text := header + "\n" +
			"  const feed = dayBuffer.join('\\n');   // throws RangeError: Invalid string length\n" +
			"                         ^\n\n" +
			"RangeError: Invalid string length\n" +
			"    at Array.join (<anonymous>)\n"
		var fatalLines []int
		for _, ev := range parseOne(t, text) {
			if ev.Type == TypeFatal {
				fatalLines = append(fatalLines, ev.Line)
			}
		}
		if len(fatalLines) != 1 || fatalLines[0] != 5 {
			t.Errorf("%s: fatal events on lines %v, want only line 5", header, fatalLines)
		}
	}
	// Without the file:line above it, a line that names the error is read as before.
	for _, ev := range parseOne(t, "app started\n[worker 3] RangeError: Invalid string length\n") {
		if ev.Type == TypeFatal {
			return
		}
	}
	t.Error("an error printed after a logger's tag was not read")
}
