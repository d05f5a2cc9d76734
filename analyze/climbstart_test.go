package analyze

import "testing"

// TestClimbStart: where a burst's climb left its level, read back from the GC a fifth of the
// way up. The points are made by hand in the shapes real bursts show (a CDC re-snapshot on
// Node 11, a rate limiter's creeping level on Node 13): a steep climb is followed back to the
// level, past a young GC that kept what the one before it did; a level that creeps at a
// fraction of the climb's pace is not part of the climb.
func TestClimbStart(t *testing.T) {
	gc := func(ms, mb float64) GCPoint { return GCPoint{TimeMS: ms, BeforeMB: mb + 1, AfterMB: mb} }
	for _, tc := range []struct {
		name      string
		pts       []GCPoint
		from, out int // climbStart(pts, from, last, …) and what it should give
	}{
		{"steep climb, one flat pair in it",
			[]GCPoint{gc(19797, 11.2), gc(19926, 11.2), gc(20051, 11.2), gc(20120, 12.0), gc(20124, 13.2), gc(20131, 16.1),
				gc(20152, 24.3), gc(20160, 24.8), gc(20195, 30.0), gc(20316, 60.4), gc(20460, 104.6), gc(21600, 406)},
			10, 3},
		{"a level creeping at 1 MB/s, then the climb",
			[]GCPoint{gc(16563, 11.2), gc(17264, 11.9), gc(17765, 12.4), gc(19164, 13.8), gc(20066, 14.6), gc(21263, 15.6),
				gc(22066, 16.8), gc(22125, 21.1), gc(22148, 24.9), gc(22241, 39.7), gc(22482, 75.3), gc(23700, 307)},
			10, 6},
		{"the point is the climb's first", []GCPoint{gc(1000, 10), gc(2000, 10.1), gc(3000, 10), gc(3100, 80), gc(3300, 300)}, 3, 2},
		{"the point is the level's last", []GCPoint{gc(1000, 10), gc(2000, 10.1), gc(3000, 10), gc(3100, 80), gc(3300, 300)}, 2, 2},
	} {
		if got := climbStart(tc.pts, tc.from, len(tc.pts)-1, 10, 384); got != tc.out {
			t.Errorf("%s: climb starts at GC %d (%.0f ms), want %d (%.0f ms)", tc.name, got, tc.pts[got].TimeMS, tc.out, tc.pts[tc.out].TimeMS)
		}
	}
}
