package analyze

import "math"

// Steps describes a heap after full GCs that grew in steps: levels it held, flat, with short
// climbs between them. A leak that keeps what a periodic job builds — a batch pinned by a
// listener, a report cached under a new key each run — grows this way, and a line through it
// hides the period a reader would look for in the code.
type Steps struct {
	// Levels is how many levels the heap held, the first included.
	Levels int `json:"levels"`
	// RiseMB is the median climb from one level to the next.
	RiseMB float64 `json:"rise_mb"`
	// EveryS is the median time from the start of one level to the start of the next.
	EveryS float64 `json:"every_s"`
	// HeldShare is the share of the time from the first level's start to the last level's
	// end that the heap spent on a level.
	HeldShare float64 `json:"held_share"`
}

// level is a stretch of full GCs (indexes from, to inclusive) that left the heap within the
// noise of one size.
type level struct {
	from, to int
	mb       float64
}

// stepsOf reads steps in the heap after full GCs xs, ys (seconds, MB) whose line rises at
// rate MB/s: three levels or more, each held over StepMinPoints full GCs and flat against the
// rate (it rose less than StepFlatShare of what the rate gives over its time), each above the
// one before by twice the noise or more, the levels covering StepHeldShare of the time or
// more. Nil when the heap did not grow so: a steady leak's full GCs, close together, may each
// lie within the noise of the next, but the rate carries them up across any stretch of time.
func stepsOf(xs, ys []float64, rate float64, th *Thresholds) *Steps {
	if rate <= 0 || len(xs) < 3*th.StepMinPoints {
		return nil
	}
	var levels []level
	for i := 0; i < len(xs); {
		lo, hi, j := ys[i], ys[i], i
		for j+1 < len(xs) && math.Max(hi, ys[j+1])-math.Min(lo, ys[j+1]) <= th.noiseMB(math.Min(lo, ys[j+1])) {
			j++
			lo, hi = math.Min(lo, ys[j]), math.Max(hi, ys[j])
		}
		held := xs[j] - xs[i]
		if j-i+1 >= th.StepMinPoints && held > 0 && hi-lo < th.StepFlatShare*rate*held {
			levels = append(levels, level{from: i, to: j, mb: median(ys[i : j+1])})
			i = j + 1
			continue
		}
		i++
	}
	if len(levels) < 3 {
		return nil
	}
	var rises, every []float64
	heldS := 0.0
	for k, l := range levels {
		heldS += xs[l.to] - xs[l.from]
		if k == 0 {
			continue
		}
		prev := levels[k-1]
		if l.mb-prev.mb < 2*th.noiseMB(prev.mb) {
			return nil // not a step up: the heap wandered, or fell back
		}
		rises = append(rises, l.mb-prev.mb)
		every = append(every, xs[l.from]-xs[prev.from])
	}
	first, last := levels[0], levels[len(levels)-1]
	share := heldS / (xs[last.to] - xs[first.from])
	if share < th.StepHeldShare {
		return nil
	}
	return &Steps{Levels: len(levels), RiseMB: median(rises), EveryS: median(every), HeldShare: share}
}
