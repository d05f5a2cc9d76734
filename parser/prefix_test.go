package parser

import (
	"fmt"
	"testing"
)

// TestScanPrefix pins what the prefix scanner reads in every shape a prefix comes in.
func TestScanPrefix(t *testing.T) {
	for _, tc := range []struct {
		text string
		want prefixScan
	}{
		{"", prefixScan{}},
		{"[x", prefixScan{}},
		{"[123x", prefixScan{}},
		{"[123:]", prefixScan{}},
		{"[123", prefixScan{shape: prefixCut, pid: "123", end: 4}},
		{"[123]", prefixScan{shape: prefixPID, pid: "123", end: 5}},
		{"[123:", prefixScan{shape: prefixCut, pid: "123", end: 5}},
		{"[123:0x5639fa", prefixScan{shape: prefixCut, pid: "123", isolate: "0x5639fa", end: 13}},
		{"[123:0x5639fa[app]", prefixScan{shape: prefixCut, pid: "123", isolate: "0x5639fa", end: 13}},
		{"[123:0x5639fa:7", prefixScan{shape: prefixCut, pid: "123", isolate: "0x5639fa", end: 13}},
		{"[123:0x5639fa] 1 ms", prefixScan{shape: prefixIsolate, pid: "123", isolate: "0x5639fa", end: 14}},
		{"[34748:0000022C7EDCD000]", prefixScan{shape: prefixIsolate, pid: "34748", isolate: "0000022C7EDCD000", end: 24}},
		{"[123:0x5639fa:0]", prefixScan{shape: prefixIsolateID, pid: "123", isolate: "0x5639fa", id: "0", end: 16}},
		{"[ 123:0x5639fa]", prefixScan{shape: prefixIsolate, spaced: true, pid: "123", isolate: "0x5639fa", end: 15}},
		{"x [123]", prefixScan{}}, // the scan starts at s[0]
	} {
		if got := scanPrefix(tc.text, 0); got != tc.want {
			t.Errorf("scanPrefix(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

// TestPrefixCallers pins which prefix shapes each caller of scanPrefix takes: the classifier's
// prefixEnd (before a timestamp), the three fast paths (before the rest of their line),
// cutPrefixLen (before glued application output) and isCutPrefix (alone). These are the sets
// each caller took when it had a scanner of its own.
func TestPrefixCallers(t *testing.T) {
	const (
		gcRest  = "      10 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; "
		nvpRest = "      10 ms: pause=0.7 mutator=1.2 gc=s"
		rowRest = " Old space,   used: 2417 KB, available: 141 KB, committed: 2608 KB"
		glued   = "[app] tick 31"
	)
	for _, tc := range []struct {
		prefix                      string
		shape                       prefixShape
		prefixEnd, fastGC, nvp, row bool
		cutLen                      int
		isCut                       bool
	}{
		{"", prefixNone, false, true, false, false, 0, false},
		{"[x", prefixNone, false, false, false, false, 0, false},
		{"[123", prefixCut, false, false, false, false, 0, true},
		{"[123]", prefixPID, true, true, false, true, 0, false},
		{"[\t123]", prefixPID, false, true, false, true, 0, false},
		{"[123x", prefixNone, false, false, false, false, 0, false},
		{"[123:", prefixCut, false, false, false, false, 0, true},
		{"[123:]", prefixNone, false, false, false, false, 0, false},
		{"[123:0x", prefixCut, false, false, false, false, 7, true},
		{"[123:0x]", prefixIsolate, true, false, false, false, 0, false},
		{"[123:0x5639fa", prefixCut, false, false, false, false, 13, true},
		{"[123:0x5639fa]", prefixIsolate, true, true, true, true, 0, false},
		{"[ 123:0x5639fa]", prefixIsolate, false, true, true, true, 0, false},
		{"[1234567890:0x5639fa]", prefixIsolate, true, true, true, true, 0, false},
		{"[12345678901:0x5639fa]", prefixIsolate, false, false, false, false, 0, false},
		{"[123:0000022C7EDCD000]", prefixIsolate, true, true, false, false, 0, false},
		{"[123:0000022c7edcd000]", prefixIsolate, true, false, false, false, 0, false},
		// An isolate without 0x has 8 or 16 digits (Windows); "[02:39:27]" is a clock.
		{"[123:abc]", prefixNone, false, false, false, false, 0, false},
		{"[02:39:27]", prefixNone, false, false, false, false, 0, false},
		{"[123:0A1B2C3D]", prefixIsolate, true, true, false, false, 0, false},
		{"[123:0x5639fa:0]", prefixIsolateID, true, false, true, false, 13, false},
		{"[123:0x5639fa:123456789012345]", prefixIsolateID, true, false, true, false, 13, false},
		{"[123:0x5639fa:1234567890123456]", prefixIsolateID, true, false, false, false, 13, false},
		{"[12345678901:0x5639fa:0]", prefixIsolateID, false, false, false, false, 21, false},
		{"[123:0x5639fa:]", prefixCut, false, false, false, false, 13, false},
		{"[123:0x5639fa:7", prefixCut, false, false, false, false, 13, false},
		{"[123:0x5639faZ]", prefixCut, false, false, false, false, 13, false},
	} {
		if got := scanPrefix(tc.prefix, 0).shape; got != tc.shape {
			t.Errorf("%q: shape %d, want %d", tc.prefix, got, tc.shape)
		}
		if got := prefixEnd(tc.prefix+gcRest, 0) > 0; got != tc.prefixEnd {
			t.Errorf("%q: prefixEnd takes it: %v, want %v", tc.prefix, got, tc.prefixEnd)
		}
		if _, got := fastGC(tc.prefix + gcRest); got != tc.fastGC {
			t.Errorf("%q: fastGC takes it: %v, want %v", tc.prefix, got, tc.fastGC)
		}
		if _, got := fastNVP(tc.prefix + nvpRest); got != tc.nvp {
			t.Errorf("%q: fastNVP takes it: %v, want %v", tc.prefix, got, tc.nvp)
		}
		if _, got := fastHeapRow(tc.prefix + rowRest); got != tc.row {
			t.Errorf("%q: fastHeapRow takes it: %v, want %v", tc.prefix, got, tc.row)
		}
		if got := cutPrefixLen(tc.prefix + glued); got != tc.cutLen {
			t.Errorf("%q: cutPrefixLen %d, want %d", tc.prefix, got, tc.cutLen)
		}
		if got := isCutPrefix(tc.prefix); got != tc.isCut {
			t.Errorf("%q: isCutPrefix %v, want %v", tc.prefix, got, tc.isCut)
		}
	}
}

// TestPrefixMemo: the prefix a parser reads through its memo, line after line, is the one
// scanPrefix reads afresh — for runs of one prefix, prefixes of the same length but another
// shape, and lines the memo must not take.
func TestPrefixMemo(t *testing.T) {
	lines := []string{
		"[4242:0x2d3f8000]       35 ms: Scavenge",
		"[4242:0x2d3f8000]       49 ms: Scavenge",
		"[4243:0x2d3f8000]       50 ms: Scavenge", // same length, another pid
		"[42:0x2d3f8000:0]       51 ms: Scavenge", // same length, another shape
		"[42:0x2d3f8000:0]       52 ms: Scavenge",
		"[4242:0x2d3f8000]       52 ms: Scavenge",
		"[4242:0x2d3f80001]      53 ms: Scavenge", // longer isolate, same start
		"[4242:0x2d3f8000]       54 ms: Scavenge",
		"[4242:0x2d3f8000",             // cut
		"[4242]       55 ms: Scavenge", // pid only
		"[4242]       56 ms: Scavenge",
		"[4242:0x2d3f8000]       57 ms: Scavenge",
		"[02:39:27] app output",
		"[4242:0x2d3f8000]       58 ms: Scavenge",
		"[ 4242:0x2d3f8000]      59 ms: Scavenge", // spaced: the grammar's, not a V8 prefix here
		"[4242:0x2d3f8000]       60 ms: Scavenge",
		"[12345678901:0x1]       61 ms: Scavenge", // pid too long
		"[12345678901:0x1]       62 ms: Scavenge",
		"[7:0001F2A3B4C5D6E7]    63 ms: Scavenge", // Windows isolate
		"[7:0001F2A3B4C5D6E7]    64 ms: Scavenge",
	}
	// Isolates taking turns, one more than the memo holds, then back.
	for i := 0; i < 12; i++ {
		lines = append(lines, fmt.Sprintf("[9:0x%0*x]   %d ms: Scavenge", 1+i%5, i%5, 70+i))
	}
	lines = append(lines, "[9:0x00]   90 ms: Scavenge", "[9:0x0]   91 ms: Scavenge", "[9:0x000]   92 ms: Scavenge")
	var m prefixMemo
	var pre prefixScan
	for i, line := range lines {
		end := m.scan(line, &pre)
		want := scanPrefix(line, 0)
		if wantEnd := prefixEndOf(line, &want); end != wantEnd || (end > 0 && pre != want) {
			t.Errorf("line %d %q: memo reads %+v (end %d), want %+v (end %d)", i, line, pre, end, want, wantEnd)
		}
	}
}
