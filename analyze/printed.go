package analyze

// This file reads the heap a program printed of itself (process.memoryUsage().heapUsed,
// v8.getHeapStatistics().used_heap_size) before a crash block. A crash block shows only the
// last two or three full GCs, all at the limit: by those alone a leak and a working set too big
// for its limit end alike. Samples that climbed, one above the other, from far under the heap
// at death up to it say which: the heap grew to its death and never held a level.

import (
	"github.com/gcanalyze/gcanalyze/parser"
)

// A climb must start at printedClimbStartShare of the heap at death or under, end at
// printedClimbEndShare or over, over printedClimbMinSamples samples or more, none of them
// falling more than printedClimbDropShare of the heap at death under the highest before it: a
// program's saw-tooth of garbage between GCs falls back, a heap that keeps what it allocates
// does not.
const (
	printedClimbMinSamples = 4
	printedClimbStartShare = 0.5
	printedClimbEndShare   = 0.8
	printedClimbDropShare  = 0.05
)

// heapPrinted is the heap in use of each sample that states it, in order.
func heapPrinted(samples []*parser.Memory) []float64 {
	var used []float64
	for _, m := range samples {
		if v, ok := m.Values["heapUsed"]; ok {
			used = append(used, v)
		} else if v, ok := m.Values["used_heap_size"]; ok {
			used = append(used, v)
		}
	}
	return used
}

// printedHeapOf describes the heap samples of a log that traces one process or none, nil when
// there are fewer than two, or the log traces several processes (the samples carry no pid).
// deathMB is the heap at death (0 when the process did not die at its limit): Climbed is
// measured against it.
func printedHeapOf(samples []*parser.Memory, traced int, deathMB float64) *PrintedHeap {
	used := heapPrinted(samples)
	if traced > 1 || len(used) < 2 {
		return nil
	}
	ph := &PrintedHeap{Samples: len(used), FirstMB: round1(used[0]), LastMB: round1(used[len(used)-1]), MaxMB: round1(maxOf(used))}
	ph.Climbed = deathMB > 0 && climbedTo(used, deathMB)
	return ph
}

// climbedTo reports samples that climbed from far under deathMB up to it without falling back.
func climbedTo(used []float64, deathMB float64) bool {
	if len(used) < printedClimbMinSamples || used[0] > printedClimbStartShare*deathMB || used[len(used)-1] < printedClimbEndShare*deathMB {
		return false
	}
	top := used[0]
	for _, v := range used[1:] {
		if v < top-printedClimbDropShare*deathMB {
			return false
		}
		top = max(top, v)
	}
	return true
}

// climbedInPrint reports a process whose own heap samples climbed to its death.
func climbedInPrint(out *Process) bool {
	return out.PrintedHeap != nil && out.PrintedHeap.Climbed
}
