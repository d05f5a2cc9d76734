package parser

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// FuzzParse feeds arbitrary text to the parser. Its seeds are the corpus logs (their first
// 4 KB and last 4 KB, where the crash block is) and the table lines; they run in every go test.
func FuzzParse(f *testing.F) {
	for _, log := range corpusLogs(f) {
		b := corpustest.ReadAll(f, log)
		if len(b) > 8192 {
			f.Add(append(append([]byte{}, b[:4096]...), b[len(b)-4096:]...))
		} else {
			f.Add(b)
		}
	}
	for _, tc := range tableCases {
		f.Add([]byte(tc.line))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, stats, err := All(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, ev := range evs {
			if ev.Line < prev || ev.EndLine < ev.Line || ev.Line < 1 || ev.EndLine > stats.Lines {
				t.Fatalf("event lines %d..%d out of order (previous %d, %d lines)", ev.Line, ev.EndLine, prev, stats.Lines)
			}
			prev = ev.Line
			if ev.payload() == nil {
				t.Fatalf("event %q without payload", ev.Type)
			}
			if _, err := ev.MarshalJSON(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzNormalize checks the line normalizer: cleanLine leaves no CR, ESC, NUL or invalid UTF-8,
// and the anchor and decoration scanners stay inside the line.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"\x1b[31m[1:0x1] 10 ms: Scavenge\r", "2024-02-27T09:49:55: <--- Last few GCs --->", "3|app | FATAL ERROR: x", "\xff\xfe\x00 1: 0x1234 [node]", "[1] [1] > `"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := cleanLine(b)
		if strings.ContainsAny(s, "\r\x1b\x00") || !utf8.ValidString(s) {
			t.Fatalf("cleanLine(%q) = %q", b, s)
		}
		for _, a := range findAnchors(s) {
			if a.pos < 0 || a.pos >= len(s) {
				t.Fatalf("anchor at %d outside %q", a.pos, s)
			}
		}
		if d := stripDecoration(s); !strings.HasSuffix(s, d) {
			t.Fatalf("stripDecoration(%q) = %q is not a suffix", s, d)
		}
	})
}

// FuzzFindAnchors holds findAnchors' one-pass keyword search to the search it replaced, one
// strings.Index per keyword (kept here as the definition), on arbitrary lines.
func FuzzFindAnchors(f *testing.F) {
	for _, s := range []string{
		"<--- Last few GCs ---> [1:0x1]   5 ms: Scavenge", "## Fatal # Fatal error", "FATAL ERROR: FATAL ERROR:",
		"RangeError: Invalid array length RangeError: Invalid array buffer length", "==== JS stack trace ====",
		"[app] tick 45 handled 20000 requests, cache entries=11520", " 1: 0x8cd49c [/usr/bin/node]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := findAnchors(s), findAnchorsByIndex(s); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q: anchors %v, want %v", s, got, want)
		}
	})
}

// findAnchorsByIndex is findAnchors as it was: one strings.Index per keyword.
func findAnchorsByIndex(s string) []anchor {
	var out []anchor
	for _, kw := range crashKeywords {
		from := 0
		for {
			i := strings.Index(s[from:], kw)
			if i < 0 {
				break
			}
			pos := from + i
			if kw != "# Fatal" && kw != "#Fatal " || pos == 0 || s[pos-1] != '#' {
				out = append(out, anchor{pos: pos, kind: anchorKeyword, keyword: kw})
			}
			from = pos + len(kw)
		}
	}
	for _, a := range findAnchors(s) {
		if a.kind != anchorKeyword {
			out = append(out, a)
		}
	}
	if len(out) > 1 {
		out = sortAnchors(out)
	}
	return out
}
