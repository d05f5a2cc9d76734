package analyze

import "math"

// Thresholds are the numbers the verdicts and the prediction rest on. They are named here, in
// one place, so that the evidence a report prints and the tests that hold the analysis to real
// logs can refer to them by name. Shares are fractions (0.2 is 20%).
type Thresholds struct {
	// TrendMinR2 is the R² a growing trend needs to count: below it the points scatter too
	// much around the line for its slope to mean growth.
	TrendMinR2 float64
	// TrendNoiseMB and TrendNoiseShare are the fitted growth over the trend's window that is
	// still measurement noise: a trend is significant only above the larger of the two (the
	// share is of the mean heap after full GC).
	TrendNoiseMB, TrendNoiseShare float64

	// LeakShareOfLimitAtCrash: a process that died at its limit leaked when the heap after
	// full GCs grew by at least this share of the limit over the log.
	LeakShareOfLimitAtCrash float64
	// LeakMinPoints, LeakMinSpanShare and LeakManyPoints: a live process leaks when its trend
	// rests on at least LeakMinPoints full GCs and covers LeakMinSpanShare of the log's time
	// (or rests on LeakManyPoints full GCs, however short).
	LeakMinPoints    int
	LeakMinSpanShare float64
	LeakManyPoints   int
	// LongWindowMS: a trend window this long is past any settling (steadyOnSmallHeap).
	LongWindowMS float64
	// LeakMinPointsAtKill replaces LeakMinPoints for a process the system killed for memory.
	LeakMinPointsAtKill int
	// LeakLineOfThreeMS: a trend through three full GCs that proves growth and spans this long
	// stands for a leak without a fourth (threeOnALine).
	LeakLineOfThreeMS float64
	// LeakMinGrowthMB and LeakMinGrowthShareOfLimit: the growth a live process's trend must
	// show to be called a leak (either suffices).
	LeakMinGrowthMB, LeakMinGrowthShareOfLimit float64
	// UnsettledGrowthMB: a live process whose heap grew this much without meeting the leak
	// rules has too little data to be called healthy.
	UnsettledGrowthMB float64
	// ShortRiseHorizonS: a live process whose heap after full GCs rises at a clear rate that
	// would add LeakMinGrowthMB within this many seconds, though its rise over the window is
	// too small to count, was watched too briefly to be called healthy.
	ShortRiseHorizonS float64
	// FewFullGCs and FewYoungGCs: with fewer full GCs than this no trend is read; with fewer
	// young GCs too, a live process has too little data for any verdict.
	FewFullGCs, FewYoungGCs int
	// QuietYoungGCs and QuietSpanS: fewer young GCs than FewYoungGCs still show a level heap
	// when at least QuietYoungGCs of them since the last full GC span QuietSpanS seconds or
	// more and leave the heap within the noise.
	QuietYoungGCs int
	QuietSpanS    float64
	// CrashBlockFullGCs: a crash with fewer full GCs than this shows only the crash block;
	// with fewer than MinFullGCsAtCrash it shows too little for any verdict.
	MinFullGCsAtCrash int
	CrashBlockFullGCs int

	// HighMu is the mutator utilization at which V8 was not yet grinding against the limit.
	HighMu float64
	// LowMu is V8's own threshold (heap.cc, kLowMutatorUtilization): under it a mark-compact
	// that freed little counts as ineffective.
	LowMu float64
	// IneffectiveFreedShare is the share of the heap a mark-compact must free to be effective.
	IneffectiveFreedShare float64
	// IneffectiveMet is the number of trailing ineffective mark-compacts that meets V8's rule
	// as this analyzer reads it (V8 aborts at the fourth; three in a row mean the next ends it).
	IneffectiveMet int

	// SuddenJumpShareOfLimit: in a crash block without history, a rise between the last two GCs
	// of at least this share of the limit, at high mu, means the heap arrived at the limit at once.
	SuddenJumpShareOfLimit float64
	// SuddenJumpMinMB: nor is a rise no bigger than what the young generation brings between
	// two GCs when it fills once (a few MB: a semi-space grows from 1 MB), whatever the limit:
	// under a 6 MB flag a 3 MB rise is the program running, not one huge allocation.
	SuddenJumpMinMB float64
	// LoneJumpShareOfLimit: with a single full GC in the log, the rise between the last two GCs
	// at high mu that means the heap arrived at the limit at once (one share of the limit for
	// a crash block of two or three full GCs is not enough where one GC is all there is).
	LoneJumpShareOfLimit float64
	// SpikeShare: the last full GC before a death at the limit freed, beyond what the young
	// generation holds, at least this share of the heap it left (and 32 MB), which is no more
	// than the GCs before it left: a transient allocation on a steady heap is what did not fit.
	SpikeShare float64
	// BurstReachShare is the share of the limit at which a burst has reached the limit;
	// BurstMaxBaseShare the highest share of the limit the heap may have held before a burst;
	// BurstClimbFromShare where, between that level and the limit, the climb begins; and
	// BurstMaxClimbShare the longest the climb may take, as a share of the time before it.
	BurstReachShare, BurstMaxBaseShare, BurstClimbFromShare, BurstMaxClimbShare float64

	// SpiralTopShare and SpiralTimeShare: the death spiral at the limit is the trailing full
	// GCs within SpiralTopShare of the highest heap, in the last (1−SpiralTimeShare) of the time.
	SpiralTopShare, SpiralTimeShare float64
	// SegmentMinPoints, SegmentSSEShare and SegmentMinTimeShare decide when the last segment of
	// a two-segment fit is the current trend: both segments hold SegmentMinPoints full GCs, two
	// lines leave at most SegmentSSEShare of one line's squared error, and the last segment
	// covers SegmentMinTimeShare of the time.
	SegmentMinPoints                     int
	SegmentSSEShare, SegmentMinTimeShare float64
	// ThinCells: the trend keeps one full GC in each ThinCells-th of the time they span
	// (thinByTime), when there are twice as many.
	ThinCells int
	// ThinCrowd: fewer full GCs than twice ThinCells are thinned for the trend's window and
	// line where ThinCrowd of them fall in one cell (back to back).
	ThinCrowd int
	// FloorMinR2 is how well a line must fit the floor under transients for the trend to be
	// read from it.
	FloorMinR2 float64
	// TroughPeriodCV: troughs whose spacing varies by at most this share of its mean recur
	// on a clock (periodicTroughs).
	TroughPeriodCV float64

	// CurvatureMinPoints is the fewest full GCs a parabola is fitted to; CurvatureShare how much
	// the rate at the window's end must differ from the straight line's for the rate to count
	// as changing.
	CurvatureMinPoints int
	CurvatureShare     float64
	// SpeedUpMinPoints and SpeedUpRatio: with fewer full GCs than CurvatureMinPoints but at
	// least SpeedUpMinPoints, a growth whose rate rose from each interval to the next by
	// SpeedUpStep or more, the last at least SpeedUpRatio times the first, accelerates;
	// one whose rate fell by the same steps to at most 1/SlowDownRatio of the first
	// decelerates. Acceleration asks for less: read wrongly, it brings the time-to-OOM
	// forward while its interval keeps the line's end; a wrong slowdown withholds the
	// time-to-OOM of a leak.
	SpeedUpMinPoints                         int
	SpeedUpStep, SpeedUpRatio, SlowDownRatio float64

	// RecentWindowShare and RecentRateShare: the growth has stopped when over the last
	// RecentWindowShare of the trend's window the heap after full GCs rose at under
	// RecentRateShare of the window's rate.
	RecentWindowShare, RecentRateShare float64
	// CycleMinShare: a rise of the heap after full GCs by this share of where the process died,
	// freed by half or more before the rise it died in, is a cycle of the program's work (a
	// batch, a job), and so is the last rise when it started as low.
	CycleMinShare float64
	// CycleRateRatio: the last rise is the same work as the cycles before it when it climbs at
	// the first cycle's pace within this factor either way.
	CycleRateRatio float64
	// LevelHeldShare: a growth whose parabola levels off inside the log has levelled off
	// when the heap held the level for at least this share of the time it took to climb there.
	LevelHeldShare float64
	// StepMinPoints, StepFlatShare and StepHeldShare: a growth went in steps when the heap
	// held three levels or more, each over StepMinPoints full GCs and rising over it less than
	// StepFlatShare of what the growth's rate gives, for StepHeldShare of the time or more.
	StepMinPoints                int
	StepFlatShare, StepHeldShare float64

	// FarBelowLimitShare: a death at the heap limit with the heap under this share of a stated
	// limit was one allocation too big.
	FarBelowLimitShare float64
	// CalmMu and CalmFullGCGapMS: a death at an unstated limit whose last two full GCs both
	// left V8's current utilization at CalmMu or more and came at least CalmFullGCGapMS apart
	// was one allocation too big, not a full heap.
	CalmMu          float64
	CalmFullGCGapMS float64

	// NearLimitShare is the band under the crash heap that counts as at the limit; a process
	// lingered there when it spent at least LingerMinFullGCs full GCs in it, its heap after
	// them rising at under LingerSlopeShare of the rate before, for at least LingerCrossings
	// times as long as that rate would take to cross the band.
	NearLimitShare   float64
	LingerMinFullGCs int
	LingerSlopeShare float64
	LingerCrossings  float64
	// LingerGapShare: a stay in the band that one stretch without full GCs fills for more than
	// this share of it is a pause between two steps of growth, not a lingering.
	LingerGapShare float64
	// LoadRateRatio: leading full GCs that rose this many times faster than the ones after
	// them loaded what the program holds at start (a table, a cache warmed), and the rate of
	// the growth after them is the one a later stretch is held to.
	LoadRateRatio float64
	// DiedLoadingMS: a process that dies at its limit this soon after it started (V8's time),
	// its heap rising from its first GCs, died loading its working set: no time of steady
	// running shows a leak.
	DiedLoadingMS float64
	// BusyLoadMS and BusyLoadGCShare: a process that dies at its limit within BusyLoadMS of
	// its start, its heap rising from its first GCs, after GC took BusyLoadGCShare or more of
	// the first half of its life, died loading too: GC busy from its start, as under a load
	// or a batch, not as under a service idling between its requests.
	BusyLoadMS      float64
	BusyLoadGCShare float64

	// ThrashMu, ThrashFreedShare, ThrashMinFullGCs and ThrashWindowShare define GC thrashing
	// short of V8's own rule: over the last ThrashWindowShare of the log, at least
	// ThrashMinFullGCs full GCs freeing under ThrashFreedShare of the heap on average, with
	// the program getting under ThrashMu of the time.
	ThrashMu          float64
	ThrashFreedShare  float64
	ThrashMinFullGCs  int
	ThrashWindowShare float64
	// ThrashSevereWindowShare and ThrashSevereMu: an earlier stretch this share of the log
	// long, in which the program got under ThrashSevereMu of the time, is thrashing too,
	// though shorter than ThrashWindowShare (pastThrash).
	ThrashSevereWindowShare, ThrashSevereMu float64

	// StallFactor and StallMinMS: a young GC that took StallFactor times the process's median
	// young GC, and at least StallMinMS, was the host holding the process up, not GC work: a
	// scavenge's work is bounded by the semi-space, and the same process's others show its pace.
	// StallMinYoungGCs is the fewest young GCs whose median is the pace.
	StallFactor      float64
	StallMinMS       float64
	StallMinYoungGCs int

	// PredictableWithin is how close to the real crash a prediction must stay to count for
	// "predictable from".
	PredictableWithin float64
}

// noiseMB is the change of a heap of levelMB that is still measurement noise: the larger of
// TrendNoiseMB and TrendNoiseShare of the level.
func (th *Thresholds) noiseMB(levelMB float64) float64 {
	return math.Max(th.TrendNoiseMB, th.TrendNoiseShare*levelMB)
}

// DefaultThresholds are the thresholds the analysis uses unless Options say otherwise.
var DefaultThresholds = Thresholds{
	TrendMinR2:      0.5,
	TrendNoiseMB:    2,
	TrendNoiseShare: 0.05,

	LeakShareOfLimitAtCrash:   0.2,
	LeakMinPoints:             4,
	LeakMinSpanShare:          0.25,
	LeakManyPoints:            20,
	LongWindowMS:              180000,
	LeakMinPointsAtKill:       3,
	LeakLineOfThreeMS:         20000,
	LeakMinGrowthMB:           10,
	LeakMinGrowthShareOfLimit: 0.1,
	UnsettledGrowthMB:         5,
	ShortRiseHorizonS:         60,
	FewFullGCs:                3,
	FewYoungGCs:               20,
	QuietYoungGCs:             5,
	QuietSpanS:                20,
	CrashBlockFullGCs:         4,
	MinFullGCsAtCrash:         2,

	HighMu:                0.8,
	LowMu:                 0.4,
	IneffectiveFreedShare: 0.1,
	IneffectiveMet:        3,

	SuddenJumpShareOfLimit: 0.02,
	SuddenJumpMinMB:        8,
	LoneJumpShareOfLimit:   0.25,
	SpikeShare:             0.2,
	BurstReachShare:        0.8,
	BurstMaxBaseShare:      0.7,
	BurstClimbFromShare:    0.2,
	BurstMaxClimbShare:     0.3,

	SpiralTopShare:      0.9,
	SpiralTimeShare:     0.85,
	SegmentMinPoints:    4,
	SegmentSSEShare:     0.5,
	SegmentMinTimeShare: 0.25,
	ThinCells:           100,
	ThinCrowd:           5,
	FloorMinR2:          0.95,
	TroughPeriodCV:      0.25,

	CurvatureMinPoints: 5,
	CurvatureShare:     0.3,
	SpeedUpMinPoints:   4,
	SpeedUpStep:        1.15,
	SpeedUpRatio:       1.4,
	SlowDownRatio:      1.5,

	RecentWindowShare: 0.25,
	RecentRateShare:   0.5,
	LevelHeldShare:    0.5,
	StepMinPoints:     2,
	StepFlatShare:     0.25,
	StepHeldShare:     0.5,
	CycleMinShare:     0.1,
	CycleRateRatio:    3,

	FarBelowLimitShare: 0.5,
	CalmMu:             0.9,
	CalmFullGCGapMS:    2000,

	NearLimitShare:   0.9,
	LingerMinFullGCs: 4,
	LingerSlopeShare: 0.5,
	LingerCrossings:  2,
	LingerGapShare:   0.5,
	LoadRateRatio:    5,
	DiedLoadingMS:    2000,
	BusyLoadMS:       12000,
	BusyLoadGCShare:  0.1,

	ThrashMu:                0.6,
	ThrashFreedShare:        0.3,
	ThrashMinFullGCs:        4,
	ThrashWindowShare:       0.3,
	ThrashSevereWindowShare: 0.1,
	ThrashSevereMu:          0.3,

	StallFactor:      20,
	StallMinMS:       250,
	StallMinYoungGCs: 10,

	PredictableWithin: 0.2,
}

// stallFloorMS is the shortest young GC pause counted as the host holding the process up, for
// a process whose usual young GC takes typicalMS.
func (th *Thresholds) stallFloorMS(typicalMS float64) float64 {
	return math.Max(th.StallFactor*typicalMS, th.StallMinMS)
}
