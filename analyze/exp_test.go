package analyze

import (
	"fmt"
	"math"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

func TestExpFlagLimit(t *testing.T) {
	for _, log := range crashingLeakLogs(t) {
		m, _ := corpustest.ReadMeta(log)
		if m.HeapLimitMB == nil {
			continue
		}
		full := target(analyzeFile(t, log, Options{}))
		if full == nil || full.Crash == nil || full.Crash.TimeMS == nil {
			continue
		}
		crash := *full.Crash.TimeMS
		limit := *m.HeapLimitMB
		line := fmt.Sprintf("%-40s flag %4.0f died@%6.1f maxheap %6.1f |", corpustest.Name(log), limit, *full.HeapLimitMB, maxBefore(full))
		for _, frac := range []float64{0.2, 0.4, 0.6, 0.8} {
			a := New(Options{HeapLimitMB: &limit})
			for _, ev := range cutEvents(t, log, frac*crash) {
				a.Add(ev)
			}
			r := a.Report(log, parser.Stats{})
			var p *Process
			for _, q := range r.Processes {
				if q.PID == full.PID && q.Isolate == full.Isolate {
					p = q
				}
			}
			if p == nil || p.PredictedOOMMS == nil {
				line += fmt.Sprintf("   none(%d)", func() int { if p == nil { return -1 }; return p.FullGCs }())
				continue
			}
			line += fmt.Sprintf(" %+7.1f%%", 100*(*p.PredictedOOMMS-crash)/crash)
		}
		t.Log(line)
	}
}

func maxBefore(p *Process) float64 {
	m := 0.0
	for _, g := range p.Series.GCs {
		m = math.Max(m, g.BeforeMB)
	}
	return m
}
