package analyze

// This file decides the heap limit and where it came from.

import "math"

// heapLimit takes the limit the user gave, else the one a verbose log prints, else the heap a
// crash at the limit reached; otherwise it stays unknown.
func (a *Analyzer) heapLimit(p *proc, out *Process) {
	switch {
	case a.opts.HeapLimitMB != nil:
		v := *a.opts.HeapLimitMB
		out.HeapLimitMB, out.HeapLimitSource = &v, LimitUser
	case crashedAtLimit(p) && len(p.recent) > 0:
		// The heap it died at (or ran its last-resort GCs at) is the limit that mattered; a verbose log's heap_size_limit
		// also counts the young generation's reservation.
		v := crashHeapMB(p)
		out.HeapLimitMB, out.HeapLimitSource = &v, LimitCrash
	case p.verboseLimitMB != nil:
		v := round1(*p.verboseLimitMB)
		out.HeapLimitMB, out.HeapLimitSource = &v, LimitInferred
	}
}

// crashHeapMB is the heap the process died at: what survived its last full GCs (the old
// generation at its cap, which is what --max-old-space-size sets), or, when the log shows no
// full GC, the largest heap before its last GCs.
func crashHeapMB(p *proc) float64 {
	var m float64
	if n := len(p.fulls); n > 0 {
		for _, f := range p.fulls[max(0, n-3):] {
			m = math.Max(m, f.AfterMB)
		}
		return m
	}
	for _, g := range p.recent[max(0, len(p.recent)-3):] {
		m = math.Max(m, g.BeforeMB)
	}
	return m
}
