package analyze

// This file holds the verdict: what killed the process (or will), decided from the crash, the
// trend of the heap after full GCs and V8's mutator utilization, with Thresholds by name.

import (
	"math"
	"sort"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
	"gonum.org/v1/gonum/stat"
)

// heapLimitKinds are the fatal kinds that mean the heap reached its limit.
var heapLimitKinds = map[parser.FatalKind]bool{
	parser.FatalHeapLimit: true, parser.FatalIneffective: true, parser.FatalCallAndRetryLast: true,
	parser.FatalYoungPromotion: true, parser.FatalSemiSpace: true, parser.FatalWorkerOOM: true,
}

// crashedAtLimit reports whether the process died because its heap reached the limit: a
// fatal error of that kind, or — when the log was cut before any fatal line — V8's last-resort
// full GCs, which it runs only when an allocation failed at the limit.
func crashedAtLimit(p *proc) bool {
	if p.crash != nil {
		return heapLimitKinds[p.crash.Kind] || p.crash.Kind == parser.FatalOther && p.crash.HeapOOM
	}
	return lastResort(p)
}

func lastResort(p *proc) bool {
	n := len(p.fulls)
	return n > 0 && strings.HasPrefix(p.fulls[n-1].Reason, "last resort")
}

func structureLimit(p *proc) bool {
	if p.crash == nil {
		return false
	}
	switch p.crash.Kind {
	case parser.FatalInvalidTableSize, parser.FatalInvalidArrayLength, parser.FatalInvalidSize:
		return true
	}
	return false
}

// decide sets the verdict. The rules are general; their thresholds are stated in the
// evidence so a reader can judge them.
func decide(p *proc, out *Process, th *Thresholds) {
	limit := 0.0
	if out.HeapLimitMB != nil {
		limit = *out.HeapLimitMB
	}
	tr := out.Trend
	growing := tr != nil && tr.Significant && tr.RSquared >= th.TrendMinR2
	switch {
	case structureLimit(p):
		out.Verdict = VerdictStructureLimit
	case crashedAtLimit(p):
		switch {
		case isBurst(p, limit, th):
			out.Verdict = VerdictAllocationBurst
		case growing && limit > 0 && math.Max(tr.GrowthMB, riseMB(out)) >= th.LeakShareOfLimitAtCrash*limit:
			out.Verdict = VerdictLeak
		case p.full < th.MinFullGCsAtCrash:
			out.Verdict = VerdictInsufficientData
		case p.full < th.CrashBlockFullGCs && suddenArrival(p, limit, th):
			out.Verdict = VerdictAllocationBurst
		default:
			out.Verdict = VerdictHeapTooSmall
		}
	case p.crash != nil:
		// A process OOM (zone, virtual memory) or another fatal error: the JS heap is not the
		// cause; read the heap as for a live process.
		fallthrough
	default:
		switch {
		case p.crash != nil && p.gcs == 0:
			out.Verdict = VerdictInsufficientData
		case growing && tr.Points >= th.LeakMinPoints && ((tr.ToMS-tr.FromMS) >= th.LeakMinSpanShare*spanMS(out) || tr.Points >= th.LeakManyPoints) &&
			(tr.GrowthMB >= th.LeakMinGrowthMB || limit > 0 && tr.GrowthMB >= th.LeakMinGrowthShareOfLimit*limit):
			out.Verdict = VerdictLeak
		case out.IneffectiveMC.Met:
			out.Verdict = VerdictGCThrashing
		case growing && tr.GrowthMB >= th.UnsettledGrowthMB:
			// Growth, but over too few full GCs or too short a part of the log to call a
			// leak: a heap that grew over three points may still level off.
			out.Verdict = VerdictInsufficientData
		case tr == nil && (p.young < th.FewYoungGCs || p.crash != nil):
			// Fewer than three full GCs and little else: no trend can be read.
			out.Verdict = VerdictInsufficientData
		default:
			out.Verdict = VerdictHealthy
		}
	}
}

// suddenArrival reads a crash block without history: the heap jumped by more than 2% of the
// limit between the last two GCs while V8's mutator utilization was still high (≥ 0.8), so the
// program was not grinding against the limit before — it arrived there at once.
func suddenArrival(p *proc, limit float64, th *Thresholds) bool {
	n := len(p.recent)
	if n < 2 || limit <= 0 {
		return false
	}
	prev, last := p.recent[n-2], p.recent[n-1]
	mu, ok := last.mu()
	return ok && mu >= th.HighMu && last.BeforeMB-prev.AfterMB >= th.SuddenJumpShareOfLimit*limit
}

// riseMB is how much the heap after full GCs rose from the first full GC to the last.
func riseMB(out *Process) float64 {
	if h := out.HeapAfterFullGC; h != nil {
		return h.LastMB - h.FirstMB
	}
	return 0
}

// isBurst reports whether a process that died at its limit had a stable heap and then
// climbed to the limit in one short run: the climb from near its earlier level to 80% of the
// limit took less than 30% of the time it lived before reaching the limit.
func isBurst(p *proc, limit float64, th *Thresholds) bool { return burstOf(p, limit, th) != nil }

// burst is how a process ran into its limit at once: the level it held, and when it left it
// and reached the limit.
type burst struct {
	baseMB, fromMS, toMS float64
}

func burstOf(p *proc, limit float64, th *Thresholds) *burst {
	pts := p.chart.all()
	if len(pts) < 4 || limit <= 0 {
		return nil
	}
	t0 := pts[0].TimeMS
	reach := -1
	for i, g := range pts {
		if math.Max(g.BeforeMB, g.AfterMB) >= th.BurstReachShare*limit {
			reach = i
			break
		}
	}
	if reach < 3 {
		return nil
	}
	// The level the heap held before: the first half of the time before it reached the limit.
	var early []float64
	half := t0 + 0.5*(pts[reach].TimeMS-t0)
	for _, g := range pts[:reach] {
		if g.TimeMS <= half {
			early = append(early, g.AfterMB)
		}
	}
	if len(early) < 3 {
		return nil
	}
	sort.Float64s(early)
	base := stat.Quantile(0.5, stat.Empirical, early, nil)
	if base >= th.BurstMaxBaseShare*limit {
		return nil
	}
	low := base + th.BurstClimbFromShare*(limit-base)
	climb := reach
	for climb > 0 && math.Max(pts[climb-1].BeforeMB, pts[climb-1].AfterMB) > low {
		climb--
	}
	if climb == 0 {
		return nil
	}
	lived := pts[reach].TimeMS - t0
	if lived <= 0 || pts[reach].TimeMS-pts[climb-1].TimeMS >= th.BurstMaxClimbShare*lived {
		return nil
	}
	return &burst{baseMB: base, fromMS: pts[climb-1].TimeMS, toMS: pts[reach].TimeMS}
}
