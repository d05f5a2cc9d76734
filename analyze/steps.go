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
	// OnLevelSinceMS is set when the heap sits on its last level, held no longer than the
	// ones it left: between two steps, the next one still to come.
	OnLevelSinceMS *float64 `json:"on_level_since_ms,omitempty"`
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
	levels := stepLevels(xs, ys, rate, th)
	if len(levels) < 3 {
		return nil
	}
	heldS := 0.0
	for k, l := range levels {
		heldS += xs[l.to] - xs[l.from]
		if k > 0 && l.mb-levels[k-1].mb < 2*th.noiseMB(levels[k-1].mb) {
			return nil // not a step up: the heap wandered, or fell back
		}
	}
	rises, every := stepSizes(xs, levels)
	first, last := levels[0], levels[len(levels)-1]
	share := heldS / (xs[last.to] - xs[first.from])
	if share < th.StepHeldShare {
		return nil
	}
	return &Steps{Levels: len(levels), RiseMB: median(rises), EveryS: median(every), HeldShare: share}
}

// stepLevels are the levels of stepsOf: stretches of StepMinPoints full GCs or more that left
// the heap within the noise of one size and rose over their time less than StepFlatShare of
// what rate gives, in time order.
func stepLevels(xs, ys []float64, rate float64, th *Thresholds) []level {
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
	return levels
}

// betweenSteps reads a heap after full GCs xs, ys (seconds, MB) that climbed in steps and
// sits on a level it has held no longer than the longest level it held and left: a leak that
// grows in steps, paused between two of them (a search portal keeping a retired index every
// third rebuild: 13 → 23 MB, held 4.2 s, → 36 MB, read "HEALTHY, no significant growth" 2.5 s
// into that level), not a heap that settled, which holds its last level longest. The levels
// are stepLevels read against rate, the line's through every full GC; the climbs, two or more,
// count from the first full GC, each by twice the noise or more. Nil when it did not grow so.
func betweenSteps(xs, ys []float64, rate float64, th *Thresholds) *Steps {
	n := len(xs)
	if rate <= 0 || n < 3*th.StepMinPoints {
		return nil
	}
	levels := stepLevels(xs, ys, rate, th)
	if len(levels) < 2 || levels[len(levels)-1].to != n-1 {
		return nil
	}
	type station struct{ fromS, mb float64 }
	var stations []station
	if levels[0].from > 0 {
		stations = append(stations, station{xs[0], ys[0]})
	}
	longest, heldS := 0.0, 0.0
	for k, l := range levels {
		stations = append(stations, station{xs[l.from], l.mb})
		heldS += xs[l.to] - xs[l.from]
		if k < len(levels)-1 {
			longest = math.Max(longest, xs[l.to]-xs[l.from])
		}
	}
	for k := 1; k < len(stations); k++ {
		if stations[k].mb-stations[k-1].mb < 2*th.noiseMB(stations[k-1].mb) {
			return nil // not a step up: the heap wandered, or fell back
		}
	}
	// The size and period of a step are read between levels: the climb from the first full
	// GC into the first level is partly the program's start.
	rises, every := stepSizes(xs, levels)
	last := levels[len(levels)-1]
	if len(stations) < 3 || xs[n-1]-xs[last.from] > longest {
		return nil
	}
	since := 1000 * xs[last.from]
	return &Steps{Levels: len(stations), RiseMB: median(rises), EveryS: median(every), HeldShare: heldS / (xs[n-1] - xs[0]), OnLevelSinceMS: &since}
}

// stepSizes are the climbs (MB) from each level to the next and the times (seconds) from the
// start of one to the start of the next.
func stepSizes(xs []float64, levels []level) (rises, every []float64) {
	for k := 1; k < len(levels); k++ {
		rises = append(rises, levels[k].mb-levels[k-1].mb)
		every = append(every, xs[levels[k].from]-xs[levels[k-1].from])
	}
	return rises, every
}
