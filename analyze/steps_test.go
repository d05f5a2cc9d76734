package analyze

import (
	"math"
	"testing"
)

// TestStepsOf holds stepsOf to the shapes it must tell apart: levels with short climbs between
// them are steps; a steady line, a saw-tooth and a cache that filled and held are not.
func TestStepsOf(t *testing.T) {
	th := &DefaultThresholds
	series := func(n int, at func(x float64) float64) (xs, ys []float64) {
		for i := 0; i < n; i++ {
			x := 0.5 * float64(i)
			xs, ys = append(xs, x), append(ys, at(x))
		}
		return xs, ys
	}
	for _, tc := range []struct {
		name   string
		at     func(x float64) float64
		levels int // 0: no steps
		every  float64
	}{
		{"a batch kept every 10 s", func(x float64) float64 { return 20 + 15*math.Floor(x/10) }, 5, 10},
		{"the steps climb over a second", func(x float64) float64 {
			k, in := math.Floor(x/8), math.Mod(x, 8)
			return 30 + 12*k + 12*math.Min(in, 1)
		}, 7, 8},
		{"a steady leak", func(x float64) float64 { return 20 + 1.5*x }, 0, 0},
		{"a slow steady leak, full GCs within the noise of each other", func(x float64) float64 { return 40 + 0.3*x }, 0, 0},
		{"a saw-tooth", func(x float64) float64 { return 20 + 15*math.Mod(math.Floor(x/10), 2) }, 0, 0},
		{"a cache that filled and held", func(x float64) float64 { return 20 + 2*math.Min(x, 20) }, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			xs, ys := series(100, tc.at)
			rate := robustFit(xs, ys).b
			got := stepsOf(xs, ys, rate, th)
			switch {
			case tc.levels == 0 && got != nil:
				t.Errorf("steps %+v, want none", *got)
			case tc.levels > 0 && got == nil:
				t.Errorf("no steps, want %d levels", tc.levels)
			case tc.levels > 0 && (got.Levels != tc.levels || math.Abs(got.EveryS-tc.every) > 1):
				t.Errorf("steps %+v, want %d levels every %.0f s", *got, tc.levels, tc.every)
			}
		})
	}
}

// TestBetweenSteps holds betweenSteps to its one question: is the level the log ends on a
// pause between steps (held no longer than a level the heap left) or where the heap settled?
func TestBetweenSteps(t *testing.T) {
	th := &DefaultThresholds
	// A baseline kept every 6 s over a 13 MB start, full GCs every half second.
	steps := func(x float64) float64 { return 13 + 11*math.Floor((x+5.5)/6) }
	for _, tc := range []struct {
		name  string
		at    func(x float64) float64
		endS  float64
		every float64 // 0: not between steps
	}{
		{"two levels held, the third 2 s so far", steps, 14, 6},
		{"the third level held as long as the one before", steps, 17, 6},
		{"the third level held longer than any before: settled", func(x float64) float64 { return 13 + 11*math.Min(math.Floor((x+5.5)/6), 2) }, 19.5, 0},
		{"one climb into a level: a load, not steps", func(x float64) float64 { return 13 + 11*math.Min(math.Floor((x+5.5)/6), 1) }, 9, 0},
		{"a steady leak", func(x float64) float64 { return 13 + 1.5*x }, 14, 0},
		{"a level, a fall, a level: no climb", func(x float64) float64 { return 30 - 8*math.Min(math.Floor(x/6), 1) }, 9, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var xs, ys []float64
			for x := 0.0; x <= tc.endS; x += 0.5 {
				xs, ys = append(xs, x), append(ys, tc.at(x))
			}
			got := betweenSteps(xs, ys, robustFit(xs, ys).b, th)
			switch {
			case tc.every == 0 && got != nil:
				t.Errorf("between steps %+v, want not", *got)
			case tc.every > 0 && got == nil:
				t.Errorf("not between steps, want a step every %.0f s", tc.every)
			case tc.every > 0 && (math.Abs(got.EveryS-tc.every) > 0.5 || got.OnLevelSinceMS == nil):
				t.Errorf("between steps %+v, want a step every %.0f s and the level's start", *got, tc.every)
			}
		})
	}
}
