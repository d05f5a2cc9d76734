package parser

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// TestParallelEqualsSequential parses logs made of many corpus logs back to back — crash
// blocks, several isolates, NVP, verbose tables and all — in parallel blocks and checks that
// every event, line numbers and repeat marks included, is the one a sequential parse gives.
func TestParallelEqualsSequential(t *testing.T) {
	var big bytes.Buffer
	for _, log := range corpusLogs(t) {
		b := corpustest.ReadAll(t, log)
		big.Write(b)
		if len(b) > 0 && b[len(b)-1] != '\n' {
			big.WriteByte('\n')
		}
	}
	data := big.Bytes()
	if len(data) < 3*blockSize {
		t.Fatalf("corpus too small to cut: %d bytes", len(data))
	}
	parallelEqualsSequential(t, data)
	// The same, hard-wrapped at 100 columns as a terminal would: the width settled from the
	// head holds for every block.
	wrapped := []byte(hardWrap(string(data), 100))
	if w := wrapWidth(wrapped); w != 100 {
		t.Fatalf("the wrapped corpus's head shows width %d, want 100", w)
	}
	parallelEqualsSequential(t, wrapped)
}

// parallelEqualsSequential holds ParseParallel to a sequential parse of data: the same events
// in the same order, the same counts.
func parallelEqualsSequential(t *testing.T, data []byte) {
	t.Helper()
	want, wantStats, err := All(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Events are valid during emit only: compare them there.
	var got []string
	stats, err := ParseParallel(bytes.NewReader(data), 4, func(evs []Event) {
		for _, ev := range evs {
			b, _ := json.Marshal(ev)
			got = append(got, string(b))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for i := range want {
		w, _ := json.Marshal(want[i])
		if got[i] != string(w) {
			t.Fatalf("event %d differs:\n got %s\nwant %s", i, got[i], w)
		}
	}
	wantStats.Events = 0
	stats.Events = 0
	if stats != wantStats {
		t.Errorf("stats %+v, want %+v", stats, wantStats)
	}
}

// TestParallelLongLineFallsBack gives a log whose middle has no safe cut for more than the
// largest block: the rest is parsed sequentially, with the same result.
func TestParallelLongLineFallsBack(t *testing.T) {
	gc := "[1:0x1]      100 ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  allocation failure; \n"
	data := strings.Repeat(gc, 20000) + strings.Repeat("app output line without V8\n", 400000) + strings.Repeat(gc, 20000)
	want, _, _ := All(strings.NewReader(data))
	var got []Event
	if _, err := ParseParallel(strings.NewReader(data), 2, func(evs []Event) {
		for _, ev := range evs {
			got = append(got, Event{Line: ev.Line}) // the line only: events are reused
		}
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || got[len(got)-1].Line != want[len(want)-1].Line {
		t.Errorf("%d events (last line %d), want %d (last line %d)", len(got), got[len(got)-1].Line, len(want), want[len(want)-1].Line)
	}
}

// TestParallelStringsOutliveBlocks: the strings of events (isolates, reasons, texts) stay
// intact after ParseParallel has reused the memory of the blocks they came from, so a
// consumer may keep them without a copy.
func TestParallelStringsOutliveBlocks(t *testing.T) {
	var big bytes.Buffer
	for _, log := range corpusLogs(t) {
		big.Write(corpustest.ReadAll(t, log))
		big.WriteByte('\n')
	}
	data := big.Bytes()
	want, _, err := All(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string // the strings themselves, not copies
	if _, err := ParseParallel(bytes.NewReader(data), 4, func(evs []Event) {
		for _, ev := range evs {
			kept = append(kept, eventStrings(ev)...)
		}
	}); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, ev := range want {
		all = append(all, eventStrings(ev)...)
	}
	if len(kept) != len(all) {
		t.Fatalf("%d strings, want %d", len(kept), len(all))
	}
	for i := range all {
		if kept[i] != all[i] {
			t.Fatalf("string %d changed after its block was reused: %q, want %q", i, kept[i], all[i])
		}
	}
}

// eventStrings are the strings an event carries that a consumer is likely to keep.
func eventStrings(ev Event) []string {
	var out []string
	add := func(s *string) {
		if s != nil {
			out = append(out, *s)
		}
	}
	switch ev.Type {
	case TypeGC:
		add(ev.GC.Isolate)
		add(ev.GC.Reason)
		add(ev.GC.Comment)
		add(ev.GC.Collector)
	case TypeUnknown:
		out = append(out, ev.Unknown.Text)
	case TypeFatal:
		add(ev.Fatal.Message)
		add(ev.Fatal.Location)
	case TypeJSFrame:
		out = append(out, ev.JSFrame.Function)
	}
	return out
}

// TestParallelReadErrorNamesTheLine: when the input fails after several blocks, the events
// delivered are numbered from the log's first line on, without gaps, and the error names the
// line after the last one delivered.
func TestParallelReadErrorNamesTheLine(t *testing.T) {
	var b strings.Builder
	for i := 1; b.Len() < 5*blockSize; i++ {
		fmt.Fprintf(&b, "[1:0x1]  %6d ms: Scavenge 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  allocation failure; \n", i)
	}
	broken := errors.New("disk gone")
	r := io.MultiReader(strings.NewReader(b.String()), iotest.ErrReader(broken))
	next := 1
	_, err := ParseParallel(r, 2, func(evs []Event) {
		for _, ev := range evs {
			if ev.Line != next {
				t.Fatalf("event at line %d, want %d", ev.Line, next)
			}
			next++
		}
	})
	if !errors.Is(err, broken) || !strings.HasPrefix(err.Error(), fmt.Sprintf("line %d: ", next)) {
		t.Fatalf("error %v, want line %d: %v", err, next, broken)
	}
	if next < 1000 {
		t.Errorf("only %d lines delivered before the error", next-1)
	}
}
