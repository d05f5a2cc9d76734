package parser

import (
	"bytes"
	"os"
	"testing"
)

// FuzzParse feeds arbitrary text to the parser. Its seeds are the corpus logs (their first
// 4 KB and last 4 KB, where the crash block is) and the table lines; they run in every go test.
func FuzzParse(f *testing.F) {
	for _, log := range corpusLogs(f) {
		b, err := os.ReadFile(log)
		if err != nil {
			f.Fatal(err)
		}
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
