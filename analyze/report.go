// Package analyze turns the events of package parser into a Report: per process and isolate,
// the pause statistics, mutator utilization, the heap that survives full GCs and its trend, the
// heap limit, a time-to-OOM prediction and a verdict with evidence and recommendations.
//
// It is fed one event at a time (Analyzer.Add) and keeps bounded state, so a log of any length
// can be analysed in constant memory; Report computes the statistics at the end.
package analyze

import (
	"fmt"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
)

// Verdicts, one per process.
const (
	VerdictLeak             = "leak"
	VerdictHeapTooSmall     = "heap-too-small"
	VerdictAllocationBurst  = "allocation-burst"
	VerdictStructureLimit   = "structure-limit"
	VerdictGCThrashing      = "gc-thrashing"
	VerdictHealthy          = "healthy"
	VerdictInsufficientData = "insufficient-data"
)

// Verdicts lists every verdict, worst first.
var Verdicts = []string{VerdictLeak, VerdictHeapTooSmall, VerdictAllocationBurst, VerdictStructureLimit,
	VerdictGCThrashing, VerdictHealthy, VerdictInsufficientData}

// Report is the analysis of one input. Its JSON names are a contract (design.md).
type Report struct {
	Source        string     `json:"source"`
	Lines         int        `json:"lines"`
	UnparsedLines int        `json:"unparsed_lines"`
	Processes     []*Process `json:"processes"`
	// Traced are the Node processes `gcanalyze run` traced, as each described itself, in pid
	// order; a process here may have printed no GC line.
	Traced []*parser.Process `json:"traced,omitempty"`
	// Truncated says where the input ended early (a compressed log cut short) when the report
	// covers only the lines before it; empty for a whole input.
	Truncated string `json:"truncated,omitempty"`
}

// Process is the analysis of one process and isolate.
type Process struct {
	PID     int64  `json:"pid"`
	Isolate string `json:"isolate"`
	// Run numbers the runs of one pid and isolate (1, 2, …) when the log holds several: its
	// clock went back (a restart with the same pid, concatenated logs). Absent for one run.
	Run int `json:"run,omitempty"`
	// Program is what the process ran, from the argv `gcanalyze run` saw it start with: its
	// script's file name and arguments ("npm-cli.js test", "server.js"), "node" for none.
	// Absent when the log does not say.
	Program  string   `json:"program,omitempty"`
	GCEvents int      `json:"gc_events"`
	FirstMS  *float64 `json:"first_ms"`
	LastMS   *float64 `json:"last_ms"`
	// FullGCs and YoungGCs count the GCs by kind (live, and crash-dump entries that were not
	// traced live).
	FullGCs  int    `json:"full_gcs"`
	YoungGCs int    `json:"young_gcs"`
	Crash    *Crash `json:"crash"`
	// QuietAfterMS is how long the process's other isolates went on after this one's GC lines
	// stopped abruptly while GC starved it (quietAfter): it most likely died of its heap, a
	// worker whose error the program did not print. Absent otherwise.
	QuietAfterMS *float64 `json:"quiet_after_ms,omitempty"`
	// Stopped is its process manager's word that it stopped the process ("exited with code
	// [0] via signal [SIGINT]"): a run that ended, not a death. Absent otherwise.
	Stopped string `json:"stopped,omitempty"`
	// PastThrashMS is the stretch (ms) in which a gc-thrashing process thrashed, when it got
	// more of the time after it: the verdict is of that stretch, not of the log's end.
	PastThrashMS *[2]float64 `json:"past_thrash_ms,omitempty"`
	// GCStorms are the bursts of back-to-back full GCs a gc-thrashing process was read by,
	// when no stretch of its log starved it on the whole: it stalled in each and ran between.
	GCStorms *GCStorms `json:"gc_storms,omitempty"`
	// ExitCode is the code the process exited with, when the tool that ran it saw it end
	// (gcanalyze run): 128+N for a death by signal N. Absent when the log alone is read.
	ExitCode *int `json:"exit_code,omitempty"`

	// HeapLimitMB is the heap limit as old space (what --max-old-space-size sets), nil when
	// unknown; HeapLimitSource says where it came from (one of the Limit* sources).
	HeapLimitMB     *float64 `json:"heap_limit_mb"`
	HeapLimitSource string   `json:"heap_limit_source"`

	// LiveHeapSlopeMBPerS is the robust slope of the heap after full GCs over the part of the
	// log where the trend holds; Trend says how it was fitted.
	LiveHeapSlopeMBPerS *float64 `json:"live_heap_slope_mb_per_s"`
	Trend               *Trend   `json:"trend"`
	// Burst is how one burst of allocation ran the heap into its limit, set with the
	// allocation-burst verdict where the GC lines show the heap level and then climbing.
	// Trend is then the heap's before the burst, or nil where too few full GCs came before it
	// to read one: a line through the level and the burst is neither's rate.
	Burst *Burst `json:"burst,omitempty"`
	// PrintedHeap is the heap the program printed of itself (process.memoryUsage().heapUsed,
	// v8.getHeapStatistics().used_heap_size), when a log of one process holds two samples or
	// more.
	PrintedHeap *PrintedHeap `json:"printed_heap,omitempty"`

	// DefaultLimitMB is V8's default limit for the Node version the log shows (the path of
	// its binary, or OOM frames of Node 9 or older), set when the process died by
	// CALL_AND_RETRY_LAST well under it with no limit stated: one allocation was bigger than
	// the room left, unless a flag the log does not show set a lower limit.
	DefaultLimitMB *float64 `json:"default_limit_mb,omitempty"`
	// HeapSnapshots are the files of the heap snapshots Node wrote as the heap neared its
	// limit (--heapsnapshot-near-heap-limit), in the order written. To write each, Node
	// raised the limit by the young generation's size: OOMAtHeapMB is against the raised
	// limit.
	HeapSnapshots []string `json:"heap_snapshots,omitempty"`
	// RaisedLimitMB is the limit Node raised HeapLimitMB to for writing HeapSnapshots (one
	// young generation per snapshot, at least): the one the death point is against.
	RaisedLimitMB          *float64    `json:"raised_limit_mb,omitempty"`
	PredictedOOMMS         *float64    `json:"predicted_oom_ms"`
	PredictedOOMIntervalMS *[2]float64 `json:"predicted_oom_interval_ms"`
	// PredictionModel is the model the prediction comes from: linear, accelerating or
	// decelerating (see Trend.Model), or average: the average rate of a leak whose curve
	// peaks while the floor under what its full GCs caught still rises.
	PredictionModel string `json:"prediction_model,omitempty"`
	// PredictionOnTopMB is set when the trend is the floor under memory the program holds now
	// and then (Trend.Method says so): the most a full GC found above the floor. The
	// prediction is when the floor plus that reaches the limit.
	PredictionOnTopMB *float64 `json:"prediction_on_top_mb,omitempty"`
	// OOMAtHeapMB is where this V8 dies against the limit, in the heap --trace-gc prints
	// after a full GC, and OOMAtHeapRangeMB the range real runs died in (docs/heap-limit-model.md).
	OOMAtHeapMB      *float64    `json:"oom_at_heap_mb"`
	OOMAtHeapRangeMB *[2]float64 `json:"oom_at_heap_range_mb"`
	// PredictableFromMS, for a crashed process, is the earliest time from which the
	// prediction made with the log up to then stayed within 20% of the real crash time;
	// Predictable10FromMS within 10%.
	PredictableFromMS   *float64 `json:"predictable_from_ms"`
	Predictable10FromMS *float64 `json:"predictable_10pct_from_ms"`

	Verdict         string   `json:"verdict"`
	Evidence        []string `json:"evidence"`
	Recommendations []string `json:"recommendations"`

	Pauses               map[string]*PauseStats `json:"pauses"`
	GCOverhead           *float64               `json:"gc_overhead"`
	AllocationRateMBPerS *float64               `json:"allocation_rate_mb_per_s"`
	HeapAfterFullGC      *HeapSummary           `json:"heap_after_full_gc"`
	// Swing is how far the heap after full GCs swings when it did not grow but came and went
	// (a report, a batch); nil otherwise.
	Swing *Swing `json:"swing,omitempty"`
	// HostStalls are young GCs that took far longer than the process's own pace: the machine
	// held the process up (nil when none did).
	HostStalls *HostStalls `json:"host_stalls,omitempty"`
	// NoHeadroom says a live process's heap after full GCs settled within 85% of where V8
	// gives up: a burst of allocation or a little more data ends it, whatever its verdict.
	NoHeadroom         bool           `json:"no_headroom,omitempty"`
	MutatorUtilization *MuSummary     `json:"mutator_utilization"`
	MMU                []MMUPoint     `json:"mmu"`
	IneffectiveMC      *IneffectiveMC `json:"ineffective_mark_compacts"`
	// Requested counts the full GCs the program or a tool asked for; nil when none.
	Requested *Requested `json:"requested_gcs,omitempty"`
	Context   []string   `json:"context"`

	// Series holds the points the charts draw, downsampled to a bounded size.
	Series *Series `json:"-"`
	// burstFarBelow is set for an allocation burst read from a death far below a stated
	// limit with nothing in the log showing the heap climbing there: the headline says so.
	burstFarBelow bool
	// burstOutside is set with it when more room was left under the limit than any one
	// object on the heap takes: what was refused was memory outside the heap.
	burstOutside bool
	// climbedOffLevel is set when an unproven trend's last full GC left more than the level
	// the three before it held: the headline says what is too few is the full GCs since.
	climbedOffLevel bool
	// grewTooLittle is set when the trend rose on a significant line over enough full GCs, by
	// less than a live leak must gain (growthUnderLeakFloor): the headline names that, not
	// too few full GCs.
	grewTooLittle bool
	// diedAfterLongUptime is set when a heap too small is read from a crash block's few GCs
	// of a process that had run for hours: the headline names a slow leak beside it.
	diedAfterLongUptime bool
	// keptAsOnTheWay is set when a heap too small kept, at its limit, the share of what it
	// allocated it kept on the way there (keptAlike): the headline may not state a working set
	// as the cause beside the evidence that says a starved leak keeps on like that.
	keptAsOnTheWay bool
	// diedLoadingAtMS is when a heap too small died while still loading (diedLoading): the
	// headline says so, not that the heap sat at the limit.
	diedLoadingAtMS *float64
	// climbingAtEnd holds, from and to, the heap after the last four full GCs when an unproven
	// trend's last three each rose (the explainer's climbingAtTheEnd), for the headline.
	climbingAtEnd *[2]float64
	// climbedSinceReturn is set when an unproven trend's full GCs rose at each since the heap
	// last fell back (climbSinceReturn): the headline says so.
	climbedSinceReturn bool
	// lingeredAtDeath is set when the heap stayed at the level it died at, full GC after
	// full GC (lingeredAtLimit): it pressed against a limit there, however small.
	lingeredAtDeath bool
}

// Name names the process for a title line: the source, then who it is ("app.log · pid 26105 ·
// isolate 0x3bd1d000").
func (p *Process) Name(source string) string {
	if who := p.Who(); who != "" {
		return source + " · " + who
	}
	return source
}

// Who tells the process apart from the others of its log: its pid, isolate and run as far as
// the log says them ("process N" for deaths it tells apart by nothing else), empty when it
// says none.
func (p *Process) Who() string {
	var parts []string
	if p.PID != 0 {
		parts = append(parts, fmt.Sprintf("pid %d", p.PID))
	}
	if p.Program != "" {
		parts = append(parts, p.Program)
	}
	if p.Isolate != "" {
		parts = append(parts, "isolate "+p.Isolate)
	}
	switch {
	case p.Run > 0 && len(parts) == 0:
		// Deaths the log does not tell apart by pid: separate processes, not runs of one.
		parts = append(parts, fmt.Sprintf("process %d", p.Run))
	case p.Run > 0:
		parts = append(parts, fmt.Sprintf("run %d", p.Run))
	}
	return strings.Join(parts, " · ")
}

// Crash is how a process died.
type Crash struct {
	// TimeMS is the time of the last GC before the fatal error (V8 does not stamp it).
	TimeMS *float64         `json:"time_ms"`
	Kind   parser.FatalKind `json:"kind"`
	Fatal  string           `json:"fatal"`
	// PrintedBy says who reported the death: node, v8, electron, chromium, worker, js (an
	// uncaught RangeError), kernel, shell, npm, container, platform, report (a diagnostic
	// report), or empty when only its traces show it.
	PrintedBy string `json:"printed_by,omitempty"`
	HeapOOM   bool   `json:"heap_oom"`
	Line      int    `json:"line"`
	// LastGCs are the last GCs before the crash, as printed.
	LastGCs []GCPoint `json:"last_gcs"`
	// TopFrames are the top JavaScript frames of the crash's stack.
	TopFrames []string `json:"top_frames"`

	// prints counts the times an uncaught-looking JavaScript error was printed in a row.
	prints int
	// afterStack is set for a death reported right after a native stack's frames: the
	// stack's own death.
	afterStack bool
	// stackOnly is set for a death known only by a native stack's frames (no fatal line, no
	// crash block header before them) that a later crash block's header followed.
	stackOnly bool
}

// Trend is the fit of the heap after full GCs against time.
type Trend struct {
	Method      string     `json:"method"`
	FromMS      float64    `json:"from_ms"`
	ToMS        float64    `json:"to_ms"`
	Points      int        `json:"points"`
	SlopeMBPerS float64    `json:"slope_mb_per_s"`
	Interval95  [2]float64 `json:"slope_interval_95"`
	InterceptMB float64    `json:"intercept_mb"`
	RSquared    float64    `json:"r_squared"`
	// Significant is true when the 95% interval of the slope excludes zero and the fitted
	// growth over the window is more than measurement noise.
	Significant bool    `json:"significant"`
	GrowthMB    float64 `json:"growth_mb"`
	// FellBackKeptMB is set when the window's last full GC fell back (left less than the one
	// before, beyond the noise): what it kept over the window's lowest, the rise the window is
	// held to against the memory full GCs caught in passing, where the line runs on past it.
	FellBackKeptMB *float64 `json:"fell_back_kept_mb,omitempty"`
	// RiseInDeathFromMS is set when the line's rise is only the run of full GCs that ends the
	// log, back to back from this time as an allocation failed (V8's retries, ending in its
	// last-resort GCs), the full GCs before it showing no growth: no trend of the heap.
	RiseInDeathFromMS *float64 `json:"rise_in_death_from_ms,omitempty"`
	// Model says whether the rate holds (linear) or changes over the window (accelerating,
	// decelerating); for a changing rate, SlopeNowMBPerS is the rate at the window's end and
	// AccelerationMBPerS2 how fast it changes.
	Model               string   `json:"model"`
	SlopeNowMBPerS      *float64 `json:"slope_now_mb_per_s,omitempty"`
	AccelerationMBPerS2 *float64 `json:"acceleration_mb_per_s2,omitempty"`
	// RateDoublesEveryS is set when an accelerating growth is modelled as a rate that grows
	// in proportion to itself (it fits better than a parabola): the time the rate takes to double.
	RateDoublesEveryS *float64 `json:"rate_doubles_every_s,omitempty"`
	// StoppedAtMS is when a young GC after the last full GC showed the heap under what the
	// trend needs: the growth had ended there.
	StoppedAtMS *float64 `json:"stopped_at_ms,omitempty"`
	// SlowedAtMS is set instead of StoppedAtMS when one full GC alone, having itself climbed,
	// shows the growth falling short of its earlier rate, and no GCs after it show whether
	// the heap then held: when the slowing began.
	SlowedAtMS *float64 `json:"slowed_at_ms,omitempty"`
	// PausedAtMS is set instead of StoppedAtMS when the young GCs after the last full GC show
	// the heap held since then, beyond their own scatter but not beyond what the young
	// generation may hold: a level, or the pause between two steps of a leak.
	PausedAtMS *float64 `json:"paused_at_ms,omitempty"`
	// HeldSinceMS is set on a trend too weak to call whose last stretch kept nothing: the last
	// full GC, half the log or more after the one before (at HeldSinceMS), left no more than
	// the young GCs between them. The line's rise came before; the heap held from then on.
	HeldSinceMS *float64 `json:"held_since_ms,omitempty"`
	// Resumed is set on a leak that held a level short of its limit for a while, then climbed
	// again into its death: the trend is the growth before the level.
	Resumed *ResumedGrowth `json:"resumed,omitempty"`
	// Steps is set when the heap after full GCs grew in steps, level between them.
	Steps *Steps `json:"steps,omitempty"`
	// OneStep is set when the heap after full GCs of a live process grew by one step between
	// two levels: a second load or a leak's first step, not yet a rate.
	OneStep *OneStep `json:"one_step,omitempty"`
	// Curve is the model's heap after full GC across the window, sampled, when the model is
	// a curve (Model not linear): what a chart draws, since a line through the average rate
	// can end far from the points a slowing growth left.
	Curve []CurvePoint `json:"curve,omitempty"`
	// Outgrew is set on a heap too small that held a level longer than it took to reach it,
	// then climbed out of it — into its death, or still climbing: the trend is the heap's
	// before the climb.
	Outgrew *OutgrownLevel `json:"outgrew,omitempty"`
}

// PrintedHeap is the heap in use a program printed of itself, in MB. The samples carry no
// time: they show a direction, not a rate.
type PrintedHeap struct {
	Samples int     `json:"samples"`
	FirstMB float64 `json:"first_mb"`
	LastMB  float64 `json:"last_mb"`
	MaxMB   float64 `json:"max_mb"`
	// Climbed is set when a process that died at its limit printed samples that climbed from
	// half its heap at death or less up to it, none falling back: the heap grew to its death.
	Climbed bool `json:"climbed"`
}

// ResumedGrowth is a level a leaking heap held before it grew again (times in ms, sizes MB).
type ResumedGrowth struct {
	LevelFromMS float64 `json:"level_from_ms"`
	LevelToMS   float64 `json:"level_to_ms"`
	LevelMB     float64 `json:"level_mb"`
	DeathMB     float64 `json:"death_mb"`
}

// Burst is a level the heap held and the climb out of it into the limit (times in ms, sizes MB).
type Burst struct {
	// LevelMB is the heap the GCs left while it held, until FromMS.
	LevelMB float64 `json:"level_mb"`
	FromMS  float64 `json:"from_ms"`
	// ToMS is when the heap reached the limit's neighbourhood (BurstReachShare of it), and
	// ReachedMB the heap the GC there showed.
	ToMS      float64 `json:"to_ms"`
	ReachedMB float64 `json:"reached_mb"`
	// DiedUnderMB is set when V8 gave up under the limit, where the burst's next allocation
	// did not fit: the heap it died at, the neighbourhood ToMS is of.
	DiedUnderMB *float64 `json:"died_under_mb,omitempty"`
}

// OutgrownLevel is a level a working set held before it outgrew it (times in ms, sizes MB).
type OutgrownLevel struct {
	LevelFromMS float64 `json:"level_from_ms"`
	LevelToMS   float64 `json:"level_to_ms"`
	LevelMB     float64 `json:"level_mb"`
	// TopMB is where the climb out of the level got: the heap at death, or now.
	TopMB float64 `json:"top_mb"`
	// GaveBackMB is the most a full GC of the climb freed of what the one before kept: work
	// in flight, freed when done (0 when none did).
	GaveBackMB float64 `json:"gave_back_mb"`
}

// PauseStats summarises the pauses of one collector kind (milliseconds).
type PauseStats struct {
	Count   int     `json:"count"`
	TotalMS float64 `json:"total_ms"`
	MeanMS  float64 `json:"mean_ms"`
	P50MS   float64 `json:"p50_ms"`
	P95MS   float64 `json:"p95_ms"`
	P99MS   float64 `json:"p99_ms"`
	MaxMS   float64 `json:"max_ms"`
}

// HostStalls are young GCs whose pauses GC work does not explain: a scavenge copies at most a
// semi-space, so one that took StallFactor times the process's usual young GC was the process
// waiting for the machine (a container's CPU quota, swapping, a busy host).
type HostStalls struct {
	Count int `json:"count"`
	// TypicalMS is the median young GC pause of the process; LongestMS and TotalMS are the
	// stalled ones' longest and sum.
	TypicalMS float64 `json:"typical_ms"`
	LongestMS float64 `json:"longest_ms"`
	TotalMS   float64 `json:"total_ms"`
	// FirstMS is when the first one ended.
	FirstMS float64 `json:"first_ms"`
}

// HeapSummary describes the heap that survives full GCs.
type HeapSummary struct {
	FirstMB float64 `json:"first_mb"`
	FirstMS float64 `json:"first_ms"`
	LastMB  float64 `json:"last_mb"`
	LastMS  float64 `json:"last_ms"`
	MaxMB   float64 `json:"max_mb"`
	// LastFreedMB is what the last full GCs freed (before − after), oldest first.
	LastFreedMB []float64 `json:"last_freed_mb"`
}

// MuSummary is mutator utilization: V8's printed series and the one computed from pauses.
type MuSummary struct {
	// Printed is false for versions that print no mu (Node ≤ 10.3).
	Printed bool `json:"printed"`
	// AverageFirst/Last and CurrentLast are V8's values at the first and last full GC.
	AverageFirst *float64 `json:"average_first"`
	AverageLast  *float64 `json:"average_last"`
	CurrentMin   *float64 `json:"current_min"`
	// CurrentLastFull are the current mu of the last full GCs (up to 5), oldest first.
	CurrentLastFull []float64 `json:"current_last_full"`
	// ComputedOverall is 1 − (pauses + incremental marking) / wall time over the whole log.
	ComputedOverall *float64 `json:"computed_overall"`
	// ComputedLast is the same over the span since the previous full GC, at the last full GC.
	ComputedLast *float64 `json:"computed_last"`
	// AgreementMAE is the mean absolute difference between V8's current mu and ours over the
	// same spans, where V8 printed one.
	AgreementMAE *float64 `json:"agreement_mae"`
	// MarkingLeftOut says V8's printed mu leaves out the incremental marking its lines print
	// beside each full GC (V8 11.8, Node 21: "+ 57.8 ms in 0 steps since start of marking"
	// while its mu matches the atomic pause alone). CurrentMin and CurrentLastFull then count
	// the marking, as V8 does in the eras before and after; the GC points keep what V8 printed.
	MarkingLeftOut bool `json:"marking_left_out,omitempty"`
}

// MMUPoint is one point of the minimum-mutator-utilization curve.
type MMUPoint struct {
	WindowMS float64 `json:"window_ms"`
	MMU      float64 `json:"mmu"`
}

// IneffectiveMC reports V8's own OOM rule: consecutive mark-compacts that freed little while
// the mutator got less than 0.4 of the time.
type IneffectiveMC struct {
	Trailing int  `json:"trailing"`
	Met      bool `json:"met"`
}

// Requested counts the full GCs the program or a tool asked for (forcedReasons): gc() under
// --expose-gc (V8's reason "testing"), heap snapshots ("heap profiler"), an embedder's
// low-memory notification. Each marks the whole heap whatever it holds: GC time they take is
// the program's choice, not V8's answer to a heap running out of room.
type Requested struct {
	FullGCs int `json:"full_gcs"`
	// Reason is the most frequent of their reasons, as V8 printed it.
	Reason string `json:"reason"`
	// TimeShare is the share of the log's wall time their pauses and incremental marking took.
	TimeShare float64 `json:"time_share"`
}

// mostly reports requested full GCs that are at least half of all n.
func (r *Requested) mostly(n int) bool { return r != nil && 2*r.FullGCs >= n }

// explains reports requested full GCs that are most of the n full GCs and took half or more
// of the gcShare of the wall time GC took: the GC time is the program's asking.
func (r *Requested) explains(n int, gcShare float64) bool {
	return r.mostly(n) && r.TimeShare >= gcShare/2
}

// how says how the program asked for the full GCs, by their reason.
func (r *Requested) how() string { return RequestedBy(r.Reason) }

// stop says how to ask for fewer of them, by their reason.
func (r *Requested) stop() string { return forcedReasonOf(r.Reason).stop }

// CurvePoint is one point of a trend's curve: the heap after full GC the model gives at a time.
type CurvePoint struct {
	TimeMS float64 `json:"time_ms"`
	MB     float64 `json:"mb"`
}

// GCPoint is one GC as the report keeps it.
type GCPoint struct {
	TimeMS      float64  `json:"time_ms"`
	Full        bool     `json:"full"`
	Collector   string   `json:"collector"`
	BeforeMB    float64  `json:"before_mb"`
	AfterMB     float64  `json:"after_mb"`
	CommittedMB float64  `json:"committed_mb"`
	PauseMS     float64  `json:"pause_ms"`
	MuCurrent   *float64 `json:"mu_current,omitempty"`
	MuAverage   *float64 `json:"mu_average,omitempty"`
	InCrashDump bool     `json:"in_crash_dump,omitempty"`
	Reason      string   `json:"reason,omitempty"`

	// The analyzer keeps mu as values (the parser's events are not kept) and fills the
	// pointers above only for the points a report shows.
	muCur, muAvg   float64
	hasCur, hasAvg bool
	// muCounted is the current mu with the incremental marking counted, set (hasCounted)
	// where V8 printed a mu that leaves it out (markingLeftOut); the analysis reads it in
	// place of muCur, the report still shows what V8 printed.
	muCounted  float64
	hasCounted bool
	// oldSpaceFull: V8 chose this full GC because the old generation could not take the
	// young generation's survivors within its maximum ("scavenge might not succeed",
	// Heap::SelectGarbageCollector): the heap stood at its hard limit.
	oldSpaceFull bool
	// noPause: the line printed no pause (cut short, or its fields elided in a paste);
	// PauseMS is then 0 and the pause statistics leave it out.
	noPause bool
	// reducing: a full GC V8 ran in memory-reducing mode ("(reduce)") for a reason the
	// program's allocation gave, not the memory reducer's or an embedder's request.
	reducing bool
	// committedBeforeMB is the memory committed as the GC began, where the line prints it: what
	// V8 weighed against its limit in choosing the GC's mode.
	committedBeforeMB float64
}

// cur is the current mu the analysis reads: V8's, or the one counting the incremental marking
// where V8's leaves it out.
func (g *GCPoint) cur() (float64, bool) {
	if g.hasCounted {
		return g.muCounted, true
	}
	return g.muCur, g.hasCur
}

// forcedReasons are the GC reasons of collections the program or a tool asked for: a heap
// snapshot (two full GCs back to back), gc() under --expose-gc, an embedder's low-memory
// notification. V8's utilization right after one says how close together they were asked
// for, not how hard the heap is pressed.
var forcedReasons = []forcedReason{
	{"heap profiler", "heap snapshots", "take heap snapshots only while diagnosing: each collects the whole heap, and the program stands still while it is written"},
	{"testing", "gc() under --expose-gc", "call gc() only where a measurement needs it — not on every iteration, not in production (run without --expose-gc there)"},
	{"low memory notification", "low-memory notifications", "find what sends the low-memory notifications this often (the embedder: Electron, a host application)"},
}

// forcedReason is a GC reason of a collection asked for (its prefix, as V8 prints it), how the
// report names the asking, and how to ask less often.
type forcedReason struct{ reason, how, stop string }

// forcedReasonOf is the entry of forcedReasons whose reason begins reason, nil for a GC V8
// started on its own.
func forcedReasonOf(reason string) *forcedReason {
	for i := range forcedReasons {
		if strings.HasPrefix(reason, forcedReasons[i].reason) {
			return &forcedReasons[i]
		}
	}
	return nil
}

// forced reports a GC the program or a tool asked for.
func (g *GCPoint) forced() bool { return forcedReasonOf(g.Reason) != nil }

// RequestedBy says how the program or a tool asked for a GC of V8's reason reason: "gc()
// under --expose-gc", "heap snapshots" or "low-memory notifications"; "" for a GC V8 started
// on its own.
func RequestedBy(reason string) string {
	if r := forcedReasonOf(reason); r != nil {
		return r.how
	}
	return ""
}

// mu is the utilization V8 printed at this GC: the average when printed, else the current;
// where V8's mu leaves the incremental marking out, the current one counting it.
func (g *GCPoint) mu() (float64, bool) {
	if g.hasAvg && !g.hasCounted {
		return g.muAvg, true
	}
	return g.cur()
}

// expose fills the mu pointers of a point the report shows.
func (g GCPoint) expose() GCPoint {
	if g.hasCur {
		v := g.muCur
		g.MuCurrent = &v
	}
	if g.hasAvg {
		v := g.muAvg
		g.MuAverage = &v
	}
	return g
}

func exposeAll(pts []GCPoint) []GCPoint {
	for i := range pts {
		pts[i] = pts[i].expose()
	}
	return pts
}

// Swing is a heap after full GCs that comes and goes: the floor it falls back to (its 10th
// percentile) and its peak, in MB.
type Swing struct {
	FloorMB float64 `json:"floor_mb"`
	PeakMB  float64 `json:"peak_mb"`
}

// GCStorms are bursts of full GCs back to back, each at V8's current mu under 0.4 and freeing
// under 10% of the heap: how many, the full GCs they hold, and the time from the first burst
// to the last.
type GCStorms struct {
	Count   int     `json:"count"`
	FullGCs int     `json:"full_gcs"`
	FromMS  float64 `json:"from_ms"`
	ToMS    float64 `json:"to_ms"`
}
