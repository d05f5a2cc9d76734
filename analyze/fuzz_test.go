package analyze

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"

	"github.com/gcanalyze/gcanalyze/parser"
)

// FuzzAnalyze builds a random event stream — GCs of random kinds, times (going backwards too),
// sizes (negative, huge, NaN-free but extreme), mu, several isolates, fatal errors — and
// checks that the analyzer reports without panicking and with a report JSON can carry.
func FuzzAnalyze(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25})
	f.Add(make([]byte, 400))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := New(Options{})
		num := func(i int) float64 {
			if i+8 > len(data) {
				return float64(i)
			}
			v := math.Float64frombits(binary.LittleEndian.Uint64(data[i:]))
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return float64(data[i]) - 100
			}
			return v
		}
		for i := 0; i+6 < len(data); i += 6 {
			switch data[i] % 5 {
			case 0, 1, 2:
				kind := parser.KindScavenge
				if data[i+1]%2 == 0 {
					kind = parser.KindFull
				}
				tm, before, after, pause, mu := num(i+1), num(i+2), num(i+3), math.Abs(num(i+4)), float64(data[i+5])/255
				pid, iso := int64(data[i+1]%3), "0x1"
				a.Add(parser.Event{Type: parser.TypeGC, Line: i, EndLine: i, GC: &parser.GC{
					Origin: parser.Origin{PID: &pid, Isolate: &iso}, TimeMS: &tm, Kind: &kind,
					HeapBeforeMB: &before, HeapAfterMB: &after, PauseMS: &pause, MuCurrent: &mu, MuAverage: &mu,
					InCrashDump: data[i+2]%7 == 0,
				}})
			case 3:
				kinds := []parser.FatalKind{parser.FatalHeapLimit, parser.FatalInvalidTableSize, parser.FatalWorkerOOM, parser.FatalZone, parser.FatalOther}
				a.Add(parser.Event{Type: parser.TypeFatal, Line: i, EndLine: i, Fatal: &parser.Fatal{Kind: kinds[int(data[i+1])%len(kinds)], HeapOOM: data[i+2]%2 == 0}})
			case 4:
				a.Add(parser.Event{Type: parser.TypeMarker, Line: i, EndLine: i, Marker: &parser.Marker{Name: parser.MarkerLastFewGCs}})
			}
		}
		r := a.Report("fuzz", parser.Stats{})
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("report does not marshal: %v", err)
		}
		for _, p := range r.Processes {
			if _, err := json.Marshal(p.Series); err != nil {
				t.Fatalf("chart series do not marshal: %v", err)
			}
		}
	})
}
