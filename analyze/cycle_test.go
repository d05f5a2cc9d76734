package analyze

import (
	"math"
	"testing"
)

// fullsAt makes a process whose full GCs left the heap at the given MB, one a second.
func fullsAt(mbs ...float64) *proc {
	p := &proc{}
	for i, mb := range mbs {
		p.fulls = append(p.fulls, fullGC{GCPoint: GCPoint{TimeMS: float64(i+1) * 1000, AfterMB: mb, Full: true}})
	}
	return p
}

// TestCycleOutgrew: the last rise is a job too big only when the program freed rises like it
// before, its floor did not climb, and it climbs at their pace.
func TestCycleOutgrew(t *testing.T) {
	th := DefaultThresholds
	for _, tc := range []struct {
		name string
		p    *proc
		want bool
	}{
		{"two jobs freed, the third outgrows the limit", fullsAt(10, 20, 30, 40, 50, 12, 22, 32, 11, 21, 31, 41, 51, 61, 71, 81, 91, 101), true},
		{"a leak under freed spikes: the floor climbs", fullsAt(10, 40, 15, 45, 20, 50, 25, 55, 30, 60, 35, 65, 40, 70, 75, 80, 85, 90), false},
		{"a start-up load freed, then a leak ten times slower", fullsAt(10, 40, 70, 100, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51, 54, 57, 60, 63, 66, 69, 72, 75, 78, 81, 84, 87, 90, 93, 96, 99, 102, 105), false},
		{"a steady leak, nothing freed", fullsAt(10, 16, 22, 28, 34, 40, 46, 52, 58, 64, 70, 76, 82, 88, 94, 100), false},
		{"a freed cycle, then a rise that stays under its peak", fullsAt(10, 30, 50, 70, 90, 12, 22, 32, 42, 52, 62, 72, 82), false},
		// The pace is compared over the height the freed cycle climbed: past it, near the
		// limit, GC slows whatever the program does.
		{"a job again at its pace, then slowed near the limit", fullsAt(10, 20, 30, 40, 12, 22, 32, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 82, 84, 86, 88, 90, 92, 94, 96, 98, 100), true},
		{"a freed cycle, then a climb five times slower to its peak, fast after", fullsAt(10, 20, 30, 40, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 60, 80, 100), false},
	} {
		if got := cycleOutgrew(tc.p, &th) != nil; got != tc.want {
			t.Errorf("%s: outgrown %v, want %v", tc.name, got, tc.want)
		}
	}
	// The slow leak after a start-up load is told apart by its pace alone.
	loose := th
	loose.CycleRateRatio = 100
	if cycleOutgrew(fullsAt(10, 40, 70, 100, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51, 54, 57, 60, 63, 66, 69, 72, 75, 78, 81, 84, 87, 90, 93, 96, 99, 102, 105), &loose) == nil {
		t.Error("with any pace allowed, the load and the leak read as one job: the pace rule is not what the test holds")
	}
}

// TestGivenBack: a full GC gave back what the climb had kept when it took the heap under the
// most the full GCs before had left, or by the full noise; a transient caught by one full GC
// and freed by the next, the climb going on above both, is no give-back.
func TestGivenBack(t *testing.T) {
	th := DefaultThresholds
	for _, tc := range []struct {
		name string
		p    *proc
		want float64
	}{
		// From 1 s (the level's last full GC): a climb of 0.4 MB a full GC.
		{"a steady climb", fullsAt(50, 50.4, 50.8, 51.2, 51.6, 52.0), 0},
		{"a transient caught once, the climb going on above", fullsAt(50, 50.4, 50.8, 53.2, 51.2, 51.6), 0},
		{"under the top before the transient", fullsAt(50, 50.4, 52.8, 54.8, 51.2, 51.6), 3.6},
		{"a transient's return by the full noise", fullsAt(50, 50.4, 50.8, 56.0, 51.2, 51.6), 4.8},
	} {
		if got, _ := givenBack(tc.p, 1000, &th); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: gave back %.2f MB, want %.2f", tc.name, got, tc.want)
		}
	}
}
