package parser

import (
	"fmt"
	"testing"
)

// TestObserveEventsInBatches: a stream handed to observeEvents in batches, where a batch
// without crash-dump entries is seen only in part, marks the same ring-buffer entries as
// Observe over every GC in order — wherever the batches are cut, with GCs that carry no key
// among the live ones, and with entries that repeat a GC just inside and just outside the
// window of remembered GCs.
func TestObserveEventsInBatches(t *testing.T) {
	window := repeatWindow
	stream := func() []Event {
		var evs []Event
		gc := func(ms float64, ring bool) {
			t, before := ms, float64(int(ms)%7)+0.5
			g := &GC{TimeMS: &t, HeapBeforeMB: &before, InCrashDump: ring}
			evs = append(evs, Event{Type: TypeGC, GC: g})
		}
		const live = 3 * 256
		for i := 1; i <= live; i++ {
			gc(float64(i*10), false)
			if i%5 == 0 {
				evs = append(evs, Event{Type: TypeGC, GC: &GC{Truncated: true}}) // no key
			}
			if i%9 == 0 {
				evs = append(evs, Event{Type: TypeUnknown, Unknown: &Unknown{Text: "app"}})
			}
		}
		for _, back := range []int{window + 1, window, window - 1, 3, 0} {
			gc(float64((live-back)*10), true)
		}
		return evs
	}
	marks := func(evs []Event) string {
		var m []bool
		for _, ev := range evs {
			if ev.Type == TypeGC && ev.GC.InCrashDump {
				m = append(m, ev.GC.Repeat)
			}
		}
		return fmt.Sprint(m)
	}
	hasRing := func(evs []Event) bool {
		for _, ev := range evs {
			if ev.Type == TypeGC && ev.GC.InCrashDump {
				return true
			}
		}
		return false
	}

	want := stream()
	var r Repeats
	for _, ev := range want {
		if ev.Type == TypeGC {
			r.Observe(ev.GC)
		}
	}
	if marks(want) != "[false false true true true]" {
		t.Fatalf("Observe marks %s: the test's premise does not hold", marks(want))
	}
	n := len(want)
	for _, cuts := range [][]int{{n - 3}, {n - 5}, {n - 6}, {n - 40}, {n - 300}, {100, n - 5}, {n / 2, n - 2}, {1, 2, 3, n - 5, n - 1}} {
		evs := stream()
		var r Repeats
		from := 0
		for _, cut := range append(cuts, n) {
			r.observeEvents(evs[from:cut], hasRing(evs[from:cut]))
			from = cut
		}
		if got := marks(evs); got != marks(want) {
			t.Errorf("batches cut at %v: marks %s, want %s", cuts, got, marks(want))
		}
	}
}
