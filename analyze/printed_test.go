package analyze

import "testing"

// TestClimbedTo holds climbedTo to what tells a heap that grew to its death from the other
// shapes a program's own samples take before a crash block: a saw-tooth of garbage, a heap
// that was already near the limit when the samples began, one that ended far under it.
func TestClimbedTo(t *testing.T) {
	for _, tc := range []struct {
		name  string
		used  []float64
		death float64
		want  bool
	}{
		{"climbs all the way", []float64{164, 324, 484, 644, 804, 964, 1124, 1284}, 1284, true},
		{"climbs with a small dip", []float64{100, 300, 290, 500, 700, 980}, 1000, true},
		{"a saw-tooth of garbage", []float64{100, 600, 150, 700, 200, 950}, 1000, false},
		{"near the limit from the first sample", []float64{700, 800, 900, 990}, 1000, false},
		{"ends far under the heap at death", []float64{100, 200, 300, 400}, 1000, false},
		{"too few samples", []float64{100, 500, 990}, 1000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := climbedTo(tc.used, tc.death); got != tc.want {
				t.Errorf("climbedTo(%v, %v) = %v, want %v", tc.used, tc.death, got, tc.want)
			}
		})
	}
}
