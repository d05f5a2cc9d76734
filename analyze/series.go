package analyze

// Series holds what the charts draw, each part bounded in size however long the log.
type Series struct {
	// GCs are all GCs (full and young), downsampled so that spikes and the final climb
	// survive: when the buffer fills, each pair of neighbours is replaced by the one with the
	// larger heap before and the smaller heap after (see points.compact).
	GCs []GCPoint `json:"gcs"`
	// FullGCs are the full GCs, the points the trend is fitted to.
	FullGCs []GCPoint `json:"full_gcs"`
	// Utilization is the computed mutator utilization in sliding windows.
	Utilization []UtilPoint `json:"utilization"`
	// WindowMS is the window of Utilization.
	WindowMS float64 `json:"window_ms"`
}

// UtilPoint is the computed mutator utilization of the window ending at TimeMS.
type UtilPoint struct {
	TimeMS float64 `json:"time_ms"`
	MU     float64 `json:"mu"`
}

// maxChartPoints bounds each series; a chart a person reads has fewer pixels than this.
const maxChartPoints = 4096

// points is a bounded series of GC points: past its capacity, neighbouring points are merged
// two by two, keeping for each pair the extremes a chart must show.
type points struct {
	pts []GCPoint
	cap int
	// stride is how many original points one kept point stands for.
	stride int
	// group merges, as they come, the points of a group not yet complete (n of them); peak
	// is the first of them with the largest pause (its time, pause and collector). Merging as
	// they come, rather than keeping the group and merging it whole, spares a copy of each
	// point.
	group GCPoint
	peak  struct {
		timeMS, pauseMS float64
		collector       string
	}
	n int
}

func newPoints(capacity int) *points { return &points{cap: capacity, stride: 1} }

func (p *points) add(g *GCPoint) {
	if p.stride > 1 {
		if p.n == 0 {
			p.group = *g
			p.peak.timeMS, p.peak.pauseMS, p.peak.collector = g.TimeMS, g.PauseMS, g.Collector
		} else {
			mergeInto(&p.group, g)
			if g.PauseMS > p.peak.pauseMS {
				p.peak.timeMS, p.peak.pauseMS, p.peak.collector = g.TimeMS, g.PauseMS, g.Collector
			}
		}
		p.n++
		if p.n < p.stride {
			return
		}
		p.n = 0
		p.pts = appendDoubling(p.pts, p.merged(), 2*p.cap)
	} else {
		p.pts = appendDoubling(p.pts, *g, 2*p.cap)
	}
	if len(p.pts) >= 2*p.cap {
		p.compact()
	}
}

// mergeInto makes the group m stand as g, the later point, with the extremes of the group
// before it.
func mergeInto(m, g *GCPoint) {
	before, after := max(m.BeforeMB, g.BeforeMB), min(m.AfterMB, g.AfterMB)
	committed, full := max(m.CommittedMB, g.CommittedMB), m.Full || g.Full
	*m = *g
	m.BeforeMB, m.AfterMB, m.CommittedMB, m.Full = before, after, committed, full
}

// merged is the point the group stands as, as mergeGroup would make it.
func (p *points) merged() GCPoint {
	m := p.group
	if p.peak.pauseMS > m.PauseMS {
		m.PauseMS, m.TimeMS, m.Collector = p.peak.pauseMS, p.peak.timeMS, p.peak.collector
	}
	return m
}

// compact halves the series.
func (p *points) compact() {
	out := p.pts[:0]
	for i := 0; i+1 < len(p.pts); i += 2 {
		out = append(out, mergeGroup(p.pts[i:i+2]))
	}
	if len(p.pts)%2 == 1 {
		out = append(out, p.pts[len(p.pts)-1])
	}
	p.pts = out
	p.stride *= 2
}

// mergeGroup stands one point for a group: the time and pause of the group's largest pause
// (so pause spikes survive; the last point's on a tie, else the first's), the largest heap
// before and smallest heap after (so the sawtooth's extent survives), full if any was full;
// the rest is the last point's.
func mergeGroup(g []GCPoint) GCPoint {
	m := g[len(g)-1]
	for _, x := range g {
		if x.PauseMS > m.PauseMS {
			m.PauseMS, m.TimeMS, m.Collector = x.PauseMS, x.TimeMS, x.Collector
		}
		m.BeforeMB = max(m.BeforeMB, x.BeforeMB)
		m.AfterMB = min(m.AfterMB, x.AfterMB)
		m.CommittedMB = max(m.CommittedMB, x.CommittedMB)
		m.Full = m.Full || x.Full
	}
	return m
}

// all returns the kept points and the incomplete group, merged, so the tail is never dropped.
func (p *points) all() []GCPoint {
	out := append([]GCPoint(nil), p.pts...)
	if p.n > 0 {
		out = append(out, p.merged())
	}
	return out
}
