package analyze

// This file reads memory a program holds outside its JS heap — Buffers and ArrayBuffers, native
// memory — from the process.memoryUsage() samples it printed: --trace-gc shows only the JS heap,
// so a heap that stays flat while rss and external climb is healthy by its GC lines and still
// on its way to the machine's or the container's memory limit.

import (
	"math"

	"github.com/gcanalyze/gcanalyze/parser"
)

// offHeap is a growth of memory outside the JS heap the program's own samples show.
type offHeap struct {
	// name is the memoryUsage field that grew: arrayBuffers, external or rss.
	name        string
	first, last float64
	samples     int
	// heapFirst and heapLast are heapUsed in the same samples, NaN when they do not say it.
	heapFirst, heapLast float64
}

// Off-heap growth must be large against allocator noise and the JS heap's own moves: at least
// offHeapMinGrowthMB, at least offHeapMinFactor times where it started, over offHeapMinSamples
// samples, with heapUsed growing by under offHeapHeapShare of it.
const (
	offHeapMinGrowthMB = 50
	offHeapMinFactor   = 1.0
	offHeapMinSamples  = 3
	offHeapHeapShare   = 0.25
)

// offHeapContext is the report context of a process whose memory grows outside its heap.
const offHeapContext = "off-heap-growth"

// offHeapGrowth finds the growth outside the JS heap in samples, nil when there is none: the
// most specific field that grew (arrayBuffers, then external, then rss), ending near its peak.
func offHeapGrowth(samples []*parser.Memory) *offHeap {
	for _, name := range []string{"arrayBuffers", "external", "rss"} {
		var vs, heap []float64
		for _, m := range samples {
			if v, ok := m.Values[name]; ok {
				vs = append(vs, v)
				if h, ok := m.Values["heapUsed"]; ok {
					heap = append(heap, h)
				}
			}
		}
		if len(vs) < offHeapMinSamples {
			continue
		}
		first, last := vs[0], vs[len(vs)-1]
		growth := last - first
		if growth < offHeapMinGrowthMB || growth < offHeapMinFactor*first || last < 0.9*maxOf(vs) {
			continue
		}
		o := &offHeap{name: name, first: first, last: last, samples: len(vs), heapFirst: math.NaN(), heapLast: math.NaN()}
		if len(heap) == len(vs) {
			o.heapFirst, o.heapLast = heap[0], heap[len(heap)-1]
			if o.heapLast-o.heapFirst >= offHeapHeapShare*growth {
				continue // the heap grew with it: the GC trace tells that story
			}
		}
		return o
	}
	return nil
}

// offHeapOf is the off-heap growth of a process: the samples carry no pid, so only a log that
// traces one process can give them to it.
func (a *Analyzer) offHeapOf() *offHeap {
	if a.traced() != 1 {
		return nil
	}
	return offHeapGrowth(a.memory)
}

// traced counts the processes the log shows GCs of.
func (a *Analyzer) traced() int {
	n := 0
	for _, p := range a.order {
		if p.gcs > 0 {
			n++
		}
	}
	return n
}

// externalPressureGCs counts the full GCs V8 started because memory outside the heap grew.
func externalPressureGCs(p *proc) int {
	n := 0
	for _, g := range p.fulls {
		if g.Reason == "external memory pressure" {
			n++
		}
	}
	return n
}
