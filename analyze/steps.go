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

// OneStep is a growth that is one step between two levels: the heap held a level, climbed
// within a short while, and has held since. A line through the two levels rises, but one step
// is no rate: a second load (a dataset, a tenant, a cache that doubled once) looks the same as
// the first step of a leak that grows in steps, and only the next GCs tell them apart.
type OneStep struct {
	// LevelMB is the level the heap held before the step, from LevelFromMS (its first full
	// GC) to LevelToMS (the last GC, full or young, that showed it held).
	LevelMB     float64 `json:"level_mb"`
	LevelFromMS float64 `json:"level_from_ms"`
	LevelToMS   float64 `json:"level_to_ms"`
	// TopMB is what the full GC at the top of the step left, at TopMS; LastMB what the last
	// full GC left, HeldMS after it.
	TopMB  float64 `json:"top_mb"`
	TopMS  float64 `json:"top_ms"`
	LastMB float64 `json:"last_mb"`
	HeldMS float64 `json:"held_ms"`
	// SettledToMS is set when the heap held its new level, to this time (its last full GC,
	// or the young GCs after it that carry the level), longer than it held the level before:
	// a heap that settled, as a leak between two of its steps does not.
	SettledToMS *float64 `json:"settled_to_ms,omitempty"`
}

// oneStepOf reads the heap after full GCs xs, ys (seconds, MB) of a trend whose line rises at
// rate MB/s as one step (OneStep): the first level the heap held (stepLevels: StepMinPoints
// full GCs or more, flat against the rate), the steepest climb between two full GCs after it
// as the step's top, and every full GC after the top flat against the rate as a level is (it
// rose less than StepFlatShare of what the rate gives over its time), above the top less the
// noise, for as long as the step took or longer. The step must be twice the noise or more,
// and must hold the line's rise: what the heap gained after its top is under StepFlatShare of
// the step. The heap must have climbed to the level — from the first full GC to the last GC of
// any kind that left less (lastBelow) — in no longer than it held it: young GCs that show an
// earlier level under it make this a second step (a WAF's rule sets kept a generation at a
// time, 57 MB held 8 s between full GCs, then 66, then 76 MB). Nil when the heap grew
// otherwise: a leak's climb off a level keeps climbing after its first full GCs, and a leak
// in steps shows three levels or more (stepsOf).
func oneStepOf(xs, ys []float64, rate float64, th *Thresholds, lastBelow func(mb, beforeS float64) float64) *OneStep {
	if rate <= 0 {
		return nil
	}
	n, levels := len(xs), stepLevels(xs, ys, rate, th)
	if len(levels) == 0 {
		return nil
	}
	lv := levels[0]
	if lv.to > n-3 {
		return nil // no step, or a step with no full GC after its top
	}
	for _, y := range ys[:lv.from] {
		if y > lv.mb+th.noiseMB(lv.mb) {
			return nil // the heap was above the level before it: no level it rose from
		}
	}
	if lastBelow(lv.mb-th.noiseMB(lv.mb), xs[lv.from])-xs[0] > xs[lv.to]-xs[lv.from] {
		return nil // the heap took longer to reach the level than it held it
	}
	top, steepest := -1, 0.0
	for i := lv.to + 1; i < n; i++ {
		if dx := xs[i] - xs[i-1]; dx > 0 && (ys[i]-ys[i-1])/dx > steepest {
			top, steepest = i, (ys[i]-ys[i-1])/dx
		}
	}
	if top < 0 || top == n-1 {
		return nil
	}
	step, rise, held := ys[top]-lv.mb, ys[n-1]-ys[top], xs[n-1]-xs[top]
	if step < 2*th.noiseMB(lv.mb) || rise >= th.StepFlatShare*step || rise >= th.StepFlatShare*rate*held || held < xs[top]-xs[lv.to] {
		return nil
	}
	for i := lv.to + 1; i < n; i++ {
		if ys[i] < lv.mb-th.noiseMB(lv.mb) || i > top && ys[i] < ys[top]-th.noiseMB(ys[top]) {
			return nil // the heap fell back under a level: memory in passing, not a step
		}
	}
	return &OneStep{
		LevelMB: lv.mb, LevelFromMS: 1000 * xs[lv.from], LevelToMS: 1000 * xs[lv.to],
		TopMB: ys[top], TopMS: 1000 * xs[top], LastMB: ys[n-1], HeldMS: 1000 * held,
	}
}

// lastBelow is when (seconds) a GC of any kind before beforeS last left less than mb; 0 when
// none did. After a young GC the heap holds the whole old generation, so one that left less
// shows what the full GCs kept was less then.
func (p *proc) lastBelow(mb, beforeS float64) float64 {
	return p.lastAtOrUnder(math.Nextafter(mb, math.Inf(-1)), math.Inf(-1), beforeS, 0)
}

// stepAtTheEnd reads the heap after full GCs xs, ys (seconds, MB) as one step that ends them
// (OneStep, HeldMS 0): the full GCs climb, each by more than the noise, from a level to the
// last of them, and the level is one the heap held — full GCs within the noise of it, and the
// young GCs after them, over a long stretch, leaving no more than it and the young generation
// (youngBetweenFulls). Where V8 stops running full GCs once the heap is flat, the young GCs
// alone show the level before the step and the one after it (a fare engine loading its
// summer timetable beside the winter one: 40 MB for 14 s, 56 -> 83 -> 120 MB in 1.1 s, then
// 25 s of young GCs only). The climb must be a step: LoadRateRatio times the line's rate or
// faster. Nil when the climb did not start from a held level, the level took longer to reach
// than it was held (lastBelow), or the climb is within twice the noise.
func (p *proc) stepAtTheEnd(xs, ys []float64, rate float64, th *Thresholds) *OneStep {
	n := len(xs)
	if n < 2 || rate <= 0 {
		return nil
	}
	top, j := n-1, n-1
	for j > 0 && ys[j]-ys[j-1] > th.noiseMB(ys[j-1]) {
		j--
	}
	// The climb starts after the last long stretch the young GCs show held, longer than the
	// climb after it: the full GCs before it may have climbed too, into the level (a start-up
	// load), and a leak's full GCs close together hold between them as a level does.
	for i := top; i > j; i-- {
		if xs[i]-xs[i-1] <= xs[top]-xs[i] {
			continue // checked first: youngBetweenFulls reads every GC point
		}
		if held, _ := youngBetweenFulls(p, xs[i-1], xs[i], th); held {
			j = i - 1
			break
		}
	}
	if j == top || ys[top]-ys[j] < 2*th.noiseMB(ys[j]) {
		return nil
	}
	from := j
	for from > 0 && math.Abs(ys[from-1]-ys[j]) <= th.noiseMB(ys[j]) {
		from--
	}
	levelTo := xs[j]
	if held, _ := youngBetweenFulls(p, xs[j], xs[j+1], th); held {
		levelTo = p.lastAtOrUnder(ys[j]+math.Max(p.era.semiMB, 1)+th.noiseMB(ys[j]), xs[j], xs[j+1], xs[j])
	}
	heldS := levelTo - xs[from]
	if heldS <= 0 || p.lastBelow(ys[j]-th.noiseMB(ys[j]), xs[from])-xs[0] > heldS {
		return nil
	}
	if xs[top] <= levelTo || (ys[top]-ys[j])/(xs[top]-levelTo) < th.LoadRateRatio*rate {
		return nil // a climb at the line's pace, not a step
	}
	return &OneStep{
		LevelMB: ys[j], LevelFromMS: 1000 * xs[from], LevelToMS: 1000 * levelTo,
		TopMB: ys[top], TopMS: 1000 * xs[top], LastMB: ys[top],
	}
}

// lastAtOrUnder is when (seconds) the last GC of any kind between fromS and toS left mb or
// less; none when none did.
func (p *proc) lastAtOrUnder(mb, fromS, toS, none float64) float64 {
	last := none
	for _, pt := range p.livePoints() {
		if t := pt.TimeMS / 1000; t > fromS && t < toS && pt.AfterMB <= mb {
			last = t
		}
	}
	return last
}

// youngFlatTail is the stretch (ms) of young GCs after the last full GC that ends the log
// holding the level the last of them left: each within the noise of it, and none under the
// last full GC's heap less the noise (after a young GC the heap holds the whole old
// generation). ok is false when fewer than two young GCs make it.
func (p *proc) youngFlatTail(th *Thresholds) (fromMS, toMS float64, ok bool) {
	if p.youngSinceFull == nil || len(p.fulls) == 0 {
		return 0, 0, false
	}
	ys := p.youngSinceFull.all()
	n := len(ys)
	if n < 2 {
		return 0, 0, false
	}
	last, floor := ys[n-1].AfterMB, p.fulls[len(p.fulls)-1].AfterMB
	k := n - 1
	for k > 0 && math.Abs(ys[k-1].AfterMB-last) <= th.noiseMB(last) && ys[k-1].AfterMB >= floor-th.noiseMB(floor) {
		k--
	}
	if k == n-1 {
		return 0, 0, false
	}
	return ys[k].TimeMS, ys[n-1].TimeMS, true
}
