package parser

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// grammarGC is what the grammar path makes of a line that holds one --trace-gc entry, as the
// only line of a log. A line whose reasons do not read whole (a reason V8 does not print,
// without "; ") waits for its rest (pending.go); at the end of the log it is read as it
// stands, and that is the event compared.
func grammarGC(line string) *GC {
	fastPaths = false // processGC would take the fast path itself
	defer func() { fastPaths = true }()
	p := New(strings.NewReader(""))
	var out *GC
	p.processGC(line, false, Event{Line: 1})
	if p.pend != nil {
		p.dropPending()
	}
	for _, ev := range p.queue {
		if ev.Type == TypeGC {
			out = ev.GC
		}
	}
	return out
}

// addCorpusSeeds adds as fuzz seeds up to perLog lines that keepLine accepts from each corpus
// log that keepLog accepts, and says how many it added.
func addCorpusSeeds(f *testing.F, perLog int, keepLog, keepLine func(string) bool) int {
	added := 0
	for _, log := range corpusLogs(f) {
		if !keepLog(log) {
			continue
		}
		fh := openLog(f, log)
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, MaxLineBytes)
		for n := 0; n < perLog && sc.Scan(); {
			if l := sc.Text(); keepLine(l) {
				f.Add(l)
				n++
				added++
			}
		}
		fh.Close()
	}
	return added
}

// FuzzFastPath is the differential test of the fast path: every line it accepts must yield
// exactly the event the grammar yields. Its seeds are the --trace-gc lines of the corpus.
func FuzzFastPath(f *testing.F) {
	seen := addCorpusSeeds(f, 40, func(log string) bool { return true }, func(l string) bool {
		return strings.HasPrefix(l, "[") && strings.Contains(l, " ms: ")
	})
	for _, tc := range tableCases {
		f.Add(tc.line)
	}
	if seen < 1000 {
		f.Fatalf("only %d seed lines", seen)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n\r") {
			return
		}
		fast, ok := fastGC(line)
		if !ok {
			return
		}
		if dirty([]byte(line)) {
			// The hot path gives the fast path raw lines, decoration and all: what it
			// accepts must be clean, or the normalizer would have made another line of it.
			t.Fatalf("line %q: the fast path reads a line with bytes the normalizer would change", line)
		}
		fj, _ := json.Marshal(fast)
		sj := grammarGCJSON(t, line)
		if string(fj) != string(sj) {
			t.Fatalf("line %q\nfast    %s\ngrammar %s\nclause readers: %v", line, fj, sj, differingClauses(fj, sj))
		}
		// Read again with the line cache warm from the line itself: the clauses it remembers
		// (the mu clause, the reasons) must read as they did cold.
		cache := &lineCache{}
		fastGCInto(line, nil, &gcStore{}, cache)
		warm, ok := fastGCInto(line, nil, &gcStore{}, cache)
		if !ok {
			t.Fatalf("line %q: the fast path reads it cold, not with the line cache warm", line)
		}
		if wj, _ := json.Marshal(warm); string(wj) != string(sj) {
			t.Fatalf("line %q, line cache warm\nfast    %s\ngrammar %s\nclause readers: %v", line, wj, sj, differingClauses(wj, sj))
		}
	})
}

// FuzzFastPathAfter holds the fast path to the grammar on a line read after another, with the
// line cache the first left: what it remembers of one line (the mu clause, the reasons) must
// never change how the next reads. Its seeds are pairs
// of consecutive --trace-gc lines of the corpus.
func FuzzFastPathAfter(f *testing.F) {
	seen := 0
	for _, log := range corpusLogs(f) {
		fh := openLog(f, log)
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, MaxLineBytes)
		prev := ""
		for n := 0; n < 20 && sc.Scan(); {
			l := sc.Text()
			if !strings.HasPrefix(l, "[") || !strings.Contains(l, " ms: ") {
				continue
			}
			if prev != "" {
				f.Add(prev, l)
				n++
				seen++
			}
			prev = l
		}
		fh.Close()
	}
	if seen < 500 {
		f.Fatalf("only %d seed pairs", seen)
	}
	f.Fuzz(func(t *testing.T, prev, line string) {
		if strings.ContainsAny(prev+line, "\n\r") {
			return
		}
		cache := &lineCache{}
		fastGCInto(prev, nil, &gcStore{}, cache)
		fast, ok := fastGCInto(line, nil, &gcStore{}, cache)
		cold, coldOK := fastGC(line)
		if ok != coldOK {
			t.Fatalf("after %q\nline %q: read %v after it, %v alone", prev, line, ok, coldOK)
		}
		if !ok {
			return
		}
		fj, _ := json.Marshal(fast)
		sj := grammarGCJSON(t, line)
		if string(fj) != string(sj) {
			cj, _ := json.Marshal(cold)
			t.Fatalf("after %q\nline %q\nfast    %s\ncold    %s\ngrammar %s\nclause readers: %v", prev, line, fj, cj, sj, differingClauses(fj, sj))
		}
	})
}

// grammarGCJSON is the JSON of the gc event the grammar path makes of a line the fast path
// read; there must be one.
func grammarGCJSON(t *testing.T, line string) []byte {
	t.Helper()
	slow := grammarGC(line)
	if slow == nil {
		t.Fatalf("line %q: the fast path reads it, the grammar path makes no gc event of it", line)
	}
	sj, _ := json.Marshal(slow)
	return sj
}

// gcClauses names the fast path's clause reader (gcReader) that fills each field of a GC's
// JSON; the fast path leaves the others as they are.
var gcClauses = map[string]string{
	"pid": "prefix", "isolate": "prefix", "time_ms": "time", "collector": "collector", "kind": "collector",
	"qualifiers": "qualifiers", "heap_before_mb": "sizes", "committed_before_mb": "sizes",
	"heap_after_mb": "sizes", "committed_after_mb": "sizes", "pooled_mb": "pooled",
	"pause_ms": "durations", "external_ms": "durations", "incremental": "incremental",
	"mu_average": "mu", "mu_current": "mu", "reason": "reasons", "comment": "reasons",
}

// differingClauses names the clause readers whose fields differ between two GCs' JSON.
func differingClauses(a, b []byte) []string {
	var ma, mb map[string]json.RawMessage
	_ = json.Unmarshal(a, &ma)
	_ = json.Unmarshal(b, &mb)
	var out []string
	for k, v := range ma {
		if string(v) == string(mb[k]) {
			continue
		}
		c, ok := gcClauses[k]
		if !ok {
			c = k + " (no clause reader: the fast path never sets it)"
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// TestGCClausesNameEveryField keeps gcClauses in step with the GC's fields.
func TestGCClausesNameEveryField(t *testing.T) {
	b, _ := json.Marshal(&GC{})
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m)
	for k := range m {
		if _, ok := gcClauses[k]; !ok && k != "in_crash_dump" && k != "repeat" && k != "truncated" {
			t.Errorf("GC field %q has no clause reader in gcClauses", k)
		}
	}
	x, y := []byte(`{"pid":1,"heap_after_mb":2,"mu_current":3}`), []byte(`{"pid":1,"heap_after_mb":5,"mu_current":4}`)
	if got := differingClauses(x, y); !slices.Equal(got, []string{"mu", "sizes"}) {
		t.Errorf("differingClauses = %v, want [mu sizes]", got)
	}
}

// TestFastPathTakesTheHotLines checks that the fast path is taken where it matters: the
// --trace-gc lines of every version from Node 10.4 on.
func TestFastPathTakesTheHotLines(t *testing.T) {
	for _, tc := range tableCases {
		_, ok := fastGC(tc.line)
		hot := strings.HasPrefix(tc.name, "node-1") && tc.name >= "node-10" || strings.HasPrefix(tc.name, "node-2") || strings.HasPrefix(tc.name, "windows")
		if hot && !ok && strings.Contains(tc.line, "(average mu") {
			t.Errorf("%s: fast path refused %q", tc.name, tc.line)
		}
	}
}

// FuzzParseDecimal checks the fast decimal reader against strconv.ParseFloat.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "0.0", "1.37", "4038.2", "1542276", "0.001", "123456789012345", "1234567890.12345", "99999999999999.9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := scanner{s: s}
		n, ok := c.number()
		if !ok || n != s {
			return
		}
		got, ok := parseDecimal(n)
		want, err := strconv.ParseFloat(n, 64)
		if !ok || err != nil || got != want {
			t.Fatalf("%q: %v, want %v (%v)", n, got, want, err)
		}
	})
}

// FuzzFastNativeFrame checks the native-frame fast path against the grammar.
func FuzzFastNativeFrame(f *testing.F) {
	for _, s := range []string{" 1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [/usr/local/bin/node]",
		" 1: 00007FF71AD3B106 node::OnFatalError+1318", " 2: 0x8cd49c [/usr/local/bin/node]", "12: 0x6be52e042fd",
		" 1: node::Abort() [/usr/local/bin/node]", " 2: 0xa1b70e  [node]", "13: 000001B78F25C5C1", "11: 00007FF79726",
		" 5: 00BFE90F v8::x", "3: 0x", "4: 0000000000000000 sym", "7: ABCDEFABCDEFABCDEF x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n\r") {
			return
		}
		fast, ok := fastNativeFrame(s)
		if !ok {
			return
		}
		g, err := nativeFrameParser.ParseString("", s)
		if err != nil && (g == nil || g.Index == "") {
			return // the grammar refuses the line: the fast path's answer is not compared
		}
		slow := nativeFrameEvent(g, s)
		sameAsGrammar(t, s, fast, slow)
	})
}

// FuzzFastNVP checks the NVP fast path against the grammar; its seeds are the NVP lines of the
// corpus.
func FuzzFastNVP(f *testing.F) {
	addCorpusSeeds(f, 20, func(log string) bool { return strings.Contains(log, "nvp") },
		func(string) bool { return true })
	f.Fuzz(func(t *testing.T, line string) {
		fast, ok := fastNVP(line)
		if !ok {
			return
		}
		g, err := nvpParser.ParseString("", line)
		if err != nil {
			t.Fatalf("%q: the fast path read it, the grammar says %v", line, err)
		}
		fj, _ := json.Marshal(nvpEvent(fast, line))
		sj, _ := json.Marshal(nvpEvent(g, line))
		if string(fj) != string(sj) {
			t.Fatalf("%q\nfast    %s\ngrammar %s", line, fj, sj)
		}
	})
}

// FuzzFastHeapRow checks the verbose-row fast path against the grammar; its seeds are the
// verbose rows of the corpus.
func FuzzFastHeapRow(f *testing.F) {
	addCorpusSeeds(f, 30, func(string) bool { return true },
		func(l string) bool { return strings.Contains(l, "used:") })
	f.Fuzz(func(t *testing.T, line string) {
		fast, ok := fastHeapRow(line)
		if !ok {
			return
		}
		g, err := heapRowParser.ParseString("", line)
		if err != nil {
			t.Fatalf("%q: the fast path read it, the grammar says %v", line, err)
		}
		fj, _ := json.Marshal(heapStatsEvent(fast))
		sj, _ := json.Marshal(heapStatsEvent(g))
		if string(fj) != string(sj) {
			t.Fatalf("%q\nfast    %s\ngrammar %s", line, fj, sj)
		}
	})
}

// TestFastPathsChangeNothing parses every corpus log with the fast paths and with the grammar
// alone, and holds the two to the same events: the fuzzers prove each fast path line by line,
// this proves them in the parser, where a line may reach them from any state.
func TestFastPathsChangeNothing(t *testing.T) {
	parseAll := func(log string) []byte {
		fh := openLog(t, log)
		defer fh.Close()
		var out []byte
		p := New(fh)
		for {
			ev, err := p.Next()
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatalf("%s: %v", log, err)
			}
			b, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			out = append(append(out, b...), '\n')
		}
	}
	for _, log := range corpusLogs(t) {
		fast := parseAll(log)
		fastPaths = false
		slow := parseAll(log)
		fastPaths = true
		if !bytes.Equal(fast, slow) {
			fl, sl := bytes.Split(fast, []byte("\n")), bytes.Split(slow, []byte("\n"))
			for i := range min(len(fl), len(sl)) {
				if !bytes.Equal(fl[i], sl[i]) {
					t.Errorf("%s: event %d differs\nfast    %s\ngrammar %s", log, i+1, fl[i], sl[i])
					break
				}
			}
			if len(fl) != len(sl) {
				t.Errorf("%s: %d events with the fast paths, %d without", log, len(fl), len(sl))
			}
		}
	}
}

// FuzzFastJSFrame checks the JavaScript frame fast path against the grammar.
func FuzzFastJSFrame(f *testing.F) {
	for _, s := range []string{"    2: _onTimeout(aka tick) [/srv/app/leak-linear.js:~44] [pc=0x6be52f8a21f](this=0x2ab8a89c2fc1 <Timeout map = 0x3d527393c591>)",
		"1: ExitFrame [pc: 0x1374fd9]", "3: arguments adaptor frame: 1->2", "12 : x", "7:", "0012: a [b:*3]", "1e5: x", "2.5: y",
		"1234567890123456: z", "5:\v\u00a0x\t", "9: [pc=0x1](this=0x2)", "4: f [native array.js:~1]..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n\r") {
			return
		}
		fast, ok := fastJSFrame(s)
		if !ok {
			return
		}
		g, err := jsFrameParser.ParseString("", s)
		if err != nil && (g == nil || g.Index == "") {
			t.Fatalf("%q: the fast path reads a frame, the grammar refuses it (%v)", s, err)
		}
		sameAsGrammar(t, s, fast, jsFrameEvent(g, s))
	})
}

// FuzzFastAtFrame checks the fast path of an Error stack's frames against the grammar.
func FuzzFastAtFrame(f *testing.F) {
	for _, s := range []string{"at Object.<anonymous> (/app/index.js:10:5)", "at /app/x.js:1:2", "at new Foo (a.js:3:4) {",
		"at  \t", "at\fx", "at-x (y:1:2)", "at async Promise.all (index 0)", "at \v", "at ( : )"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n\r") {
			return
		}
		fast, ok := fastAtFrame(s)
		if !ok {
			return
		}
		g, err := atFrameParser.ParseString("", s)
		if err != nil {
			t.Fatalf("%q: the fast path reads a frame, the grammar refuses it (%v)", s, err)
		}
		sameAsGrammar(t, s, fast, atFrameEvent(g, s))
	})
}

// FuzzCFrameGuard holds mayBeCFrame to the grammar: a text it turns away is one the grammar
// does not take as a native frame.
func FuzzCFrameGuard(f *testing.F) {
	for _, s := range []string{" 1: 0xb78db3 node::OOMErrorHandler", "node 0x1234", "ABC def", "foo DEAD", "foo-bar.baz 12 x",
		"some output line", "[app] done", "FATAL ERROR", "x 0", "_ 9", "Gz A", "a.b-c d", "\v1 x", "Ä 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n\r") || mayBeCFrame(s) {
			return
		}
		if g, err := cFrameParser.ParseString("", s); err == nil && cFrameAccepted(g, s) {
			t.Fatalf("%q: turned away, yet the grammar reads a native frame %+v", s, g)
		}
	})
}

// FuzzFastFatal checks the fast path of Node's FATAL ERROR line against the grammar.
func FuzzFastFatal(f *testing.F) {
	for _, s := range []string{"FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
		"FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - process out of memory", "FATAL ERROR: Allocation failed",
		"FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory",
		"FATAL ERROR:", "FATAL ERROR: x\vAllocation y", "FATAL ERROR: Scavenger: promoting marked", "FATAL ERROR: 1Allocation x",
		"FATAL ERROR: a Allocation-failed", "FATAL ERROR:  \t "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n\r") {
			return
		}
		fast, ok := fastFatal(s)
		if !ok {
			return
		}
		g, _ := fatalParser.ParseString("", s)
		if g == nil {
			g = &fatalLineG{}
		}
		sameAsGrammar(t, s, fast, fatalEvent(g, s))
	})
}

// FuzzFastOtherLine checks the fast path of V8's other prefixed lines against the grammar.
func FuzzFastOtherLine(f *testing.F) {
	for _, s := range []string{"[31357:0x18412da0] [HeapController] Limit: old size: 2748 KB, new limit: 4096 KB (1.1)",
		"[26649:0x4670b000]      133 ms: Scavenge stack scanning: survived_before=123 survived_after=100",
		"[19240:0x170c9000:0]      221 ms: action=SetOldGenerationAndGlobalAllocationLimit", "[123] 12 foo", "[123:0x1] 12ms: x",
		"[123:0x1] 1.5 ms : y", "[123:0x1] 12 msx: z", "[123:0x1]", "[123:0x1] [I:0x1] 5 ms: pause=1", "[ 12:0x1] a", "[123:0x1] 1e5 ms: q",
		"[1234567890123456:0x1] a", "[123:ABCDEF01] b", "[123:0x1:77] c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\n\r") {
			return
		}
		fast, ok := fastOtherLine(s)
		if !ok {
			return
		}
		g, _ := otherLineParser.ParseString("", s)
		if g == nil || g.Prefix == nil {
			t.Fatalf("%q: the fast path reads a line, the grammar finds no prefix", s)
		}
		sameAsGrammar(t, s, fast, otherEvent(g, s))
	})
}

// sameAsGrammar fails a fuzz run when a fast path's event and the grammar's differ.
func sameAsGrammar(t *testing.T, s string, fast, slow any) {
	t.Helper()
	fj, _ := json.Marshal(fast)
	sj, _ := json.Marshal(slow)
	if string(fj) != string(sj) {
		t.Fatalf("%q\nfast    %s\ngrammar %s", s, fj, sj)
	}
}

// FuzzScannerFloat holds the scanner's number reader to the general one: the same numbers
// read, to the same place, with the value strconv gives.
func FuzzScannerFloat(f *testing.F) {
	for _, s := range []string{"12.3 MB", "0.00 ms", "1234567890123456 x", "123456789012.3456", "1.", "1.x", "1e5", "007", ".5", "3.14159265358979 ", "99-x", "5.5.5", "1234567.1234567 ", "12345678.5 ", "1.12345678 ", "0.000 ", "7:", "4.", "4.-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Short, and followed by enough text for float to read eight bytes at a time.
		for _, s := range []string{s, s + " 0123456789abcdef", s + s + s + s + s + s + s + s + s + s + s + s + s + s + s + s} {
			a, b := scanner{s: s}, scanner{s: s}
			v, ok := a.float()
			n, ok2 := b.number()
			if ok != ok2 {
				t.Fatalf("%q: float ok=%v, number ok=%v", s, ok, ok2)
			}
			if !ok {
				continue
			}
			want, err := strconv.ParseFloat(n, 64)
			if err != nil || v != want || a.i != b.i {
				t.Fatalf("%q: float %v at %d, number %q (%v) at %d", s, v, a.i, n, want, b.i)
			}
		}
	})
}
