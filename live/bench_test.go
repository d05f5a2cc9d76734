package live

import (
	"bufio"
	"bytes"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// BenchmarkWatchWeek feeds a week of one process's GC trace through a Session, as watch reads
// a log that grows for days: the real GC lines of a corpus run (node-10/healthy-churn, young and
// full GCs), repeated with the timeline continued at one GC a second — 604,800 lines. It
// reports the cost per line and the live heap after the first day and after the week, which
// must not grow with the length of the input. Run it with
//
//	go test ./live -run XXX -bench WatchWeek -benchtime 1x
func BenchmarkWatchWeek(b *testing.B) {
	bodies := traceBodies(b, "../corpus/node-10/healthy-churn.log")
	const day = 24 * 3600
	for range b.N {
		s := Start(DefaultOptions, func(Alert) {})
		var line []byte
		var dayOne, week float64
		start := time.Now()
		for i := 0; i < 7*day; i++ {
			line = append(line[:0], "[4242:0x55d0c0a0]"...)
			line = strconv.AppendInt(append(line, ' '), int64(i)*1000+3, 10)
			line = append(append(append(line, " ms: "...), bodies[i%len(bodies)]...), '\n')
			s.Line(line)
			switch i {
			case day:
				dayOne = liveHeapMB()
			case 7*day - 1:
				week = liveHeapMB()
			}
		}
		s.Close("week")
		b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(7*day), "ns/line")
		b.ReportMetric(dayOne, "heap-MB-day1")
		b.ReportMetric(week, "heap-MB-day7")
	}
}

// traceBodies are what follows "T ms: " on the GC lines of a corpus log.
func traceBodies(b *testing.B, log string) [][]byte {
	re := regexp.MustCompile(`^\[\d+:0x[0-9a-f]+\]\s+\d+(?:\.\d+)? ms: (.*)$`)
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(corpustest.ReadAll(b, log)))
	for sc.Scan() {
		if m := re.FindSubmatch(sc.Bytes()); m != nil {
			out = append(out, append([]byte(nil), m[1]...))
		}
	}
	if len(out) == 0 {
		b.Fatalf("%s: no GC lines", log)
	}
	return out
}

// liveHeapMB is the heap in use after a collection, in MB.
func liveHeapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}
