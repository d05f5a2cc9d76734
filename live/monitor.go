// Package live follows a V8 trace as it is written — a running program's output, a growing log
// file, a pipe — and warns while there is still time: a time-to-OOM under a bound, V8's
// ineffective-mark-compact rule about to end a process, a heap after full GCs near where V8
// gives up, utilization that stays low, a long pause. It keeps the analysis current at a cost
// that does not grow with the length of the input: the analyzer's state is bounded, and the
// report behind the warnings is recomputed at most a few times a second.
package live

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/internal/units"
	"github.com/gcanalyze/gcanalyze/parser"
)

// Alert kinds.
const (
	AlertOOM         = "oom"         // the predicted time-to-OOM fell under WarnBefore
	AlertIneffective = "ineffective" // V8's ineffective-mark-compact rule is about to fire
	AlertLowMu       = "low-mu"      // the program has got under MinMu of the time for a while
	AlertPause       = "pause"       // one GC pause was longer than MaxPause
	AlertHeadroom    = "headroom"    // the heap after full GCs came near where V8 gives up
)

// Alert is one warning about one process.
type Alert struct {
	// Time is when the warning was raised (wall clock); TimeMS the process's own clock (ms
	// since its isolate started) at the GC that raised it.
	Time    time.Time `json:"time"`
	TimeMS  float64   `json:"time_ms"`
	PID     int64     `json:"pid"`
	Isolate string    `json:"isolate"`
	Kind    string    `json:"kind"`
	Message string    `json:"message"`
	// PredictedOOMMS and IntervalMS are the time-to-OOM on the process's clock (oom alerts).
	PredictedOOMMS *float64    `json:"predicted_oom_ms,omitempty"`
	IntervalMS     *[2]float64 `json:"interval_ms,omitempty"`
	HeapMB         *float64    `json:"heap_mb,omitempty"`
	HeapLimitMB    *float64    `json:"heap_limit_mb,omitempty"`
	SlopeMBPerS    *float64    `json:"slope_mb_per_s,omitempty"`
	PauseMS        *float64    `json:"pause_ms,omitempty"`
}

// Options says when to warn.
type Options struct {
	// WarnBefore is the time-to-OOM under which a leak is warned of.
	WarnBefore time.Duration
	// MinMu is the utilization under which, kept over LowMuFullGCs full GCs, the program is
	// warned of as starved.
	MinMu        float64
	LowMuFullGCs int
	// MaxPause is the longest GC pause that passes without a warning (0: no pause warnings).
	MaxPause time.Duration
	// TrendHeld and MinTrend: a trend is warned of once it has held TrendHeld times as long as
	// the time it says is left, and MinTrend at least. A service loading its working set, a
	// cache filling up, a batch job's big phase climb for seconds, often fast enough to promise
	// an OOM soon, and stop; a leak's trend outlasts both bounds. Real runs that load 88% of
	// their limit in 3 s were warned of without MinTrend.
	TrendHeld float64
	MinTrend  time.Duration
	// Analysis is passed to the analyzer.
	Analysis analyze.Options
}

// DefaultOptions are the defaults of the run and watch commands.
var DefaultOptions = Options{WarnBefore: 10 * time.Minute, MinMu: 0.5, LowMuFullGCs: 3, MaxPause: time.Second, TrendHeld: 2,
	MinTrend: 20 * time.Second}

// Monitor keeps an analyzer current and raises each warning once per condition and process,
// again only after the condition has cleared. It is safe for one goroutine to Add while
// another calls Check.
type Monitor struct {
	opts   Options
	mu     sync.Mutex
	a      *analyze.Analyzer
	stats  parser.Stats
	dirty  bool
	raised map[string]int // condition|process → raised, with how many times in a row it was absent since
	warned map[string]int // condition|process → how many times it was raised
	// quietFrom is, for a raised condition found absent, the process's time (ms) it was first
	// found absent in the current run of absences.
	quietFrom map[string]float64
	// lowMu counts, per process, the full GCs in a row under MinMu.
	lowMu   map[parser.IsolateKey]int
	crashed bool
	now     func() time.Time
}

// NewMonitor returns a Monitor.
func NewMonitor(opts Options) *Monitor {
	return &Monitor{opts: opts, a: analyze.New(opts.Analysis), raised: map[string]int{}, warned: map[string]int{},
		quietFrom: map[string]float64{}, lowMu: map[parser.IsolateKey]int{}, now: time.Now}
}

// Add feeds one event. Pause and utilization warnings come from the event itself; the
// others wait for Check.
func (m *Monitor) Add(ev parser.Event) []Alert {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.a.Add(ev)
	m.stats.Events++
	if ev.Type == parser.TypeFatal {
		m.crashed = true
	}
	if _, full := FullGCAt(ev); full {
		m.dirty = true
	}
	if ev.Type != parser.TypeGC || ev.GC.TimeMS == nil || ev.GC.InCrashDump {
		return nil
	}
	g := ev.GC
	var out []Alert
	if g.PauseMS != nil && m.opts.MaxPause > 0 && *g.PauseMS > float64(m.opts.MaxPause.Milliseconds()) {
		collector := "GC"
		if g.Collector != nil {
			collector = *g.Collector
		}
		out = append(out, m.alert(g, AlertPause, fmt.Sprintf("a %s pause of %s (over %s)", collector,
			units.Duration(*g.PauseMS), units.Duration(float64(m.opts.MaxPause.Milliseconds()))), func(al *Alert) { al.PauseMS = g.PauseMS }))
	}
	if g.Kind != nil && *g.Kind == parser.KindFull {
		out = append(out, m.lowUtilization(g)...)
	}
	return out
}

// recoveredMu: a program warned of starving has recovered when V8's average mu is this far
// above MinMu, not when it wavers just over it.
const recoveredMu = 0.2

// lowUtilization counts full GCs in a row whose average mu is under MinMu.
func (m *Monitor) lowUtilization(g *parser.GC) []Alert {
	k := g.Key()
	if g.MuAverage == nil || *g.MuAverage >= m.opts.MinMu {
		m.lowMu[k] = 0
		if g.MuAverage == nil || *g.MuAverage >= m.opts.MinMu+recoveredMu {
			m.clear(AlertLowMu, k, *g.TimeMS)
		}
		return nil
	}
	m.lowMu[k]++
	if m.lowMu[k] < m.opts.LowMuFullGCs {
		return nil
	}
	msg := fmt.Sprintf("the program got %.0f%% of the time over the last %d full GCs (V8's average mu %.2f): GC is starving it",
		100**g.MuAverage, m.lowMu[k], *g.MuAverage)
	if g.Reason != nil {
		if how := analyze.RequestedBy(*g.Reason); how != "" {
			// Its own gc() calls, not a heap running out of room: say so, or the warning
			// sends the user after a leak.
			msg += fmt.Sprintf(", in full GCs the program asks for itself (%s)", how)
		}
	}
	if a := m.raise(AlertLowMu, k); a {
		return []Alert{m.alert(g, AlertLowMu, msg, nil)}
	}
	return nil
}

// alert makes an alert about the process of g.
func (m *Monitor) alert(g *parser.GC, kind, msg string, more func(*Alert)) Alert {
	k := g.Key()
	al := Alert{Time: m.now(), TimeMS: *g.TimeMS, PID: k.PID, Isolate: k.Isolate, Kind: kind,
		Message: who(k.PID, k.Isolate) + ": " + msg}
	if more != nil {
		more(&al)
	}
	return al
}

// clearAfter is how many times in a row a raised condition must be found absent before it is
// re-armed: V8's average mu wavers about a threshold, and its ineffective-mark-compact count
// falls back to zero at the one mark-compact that frees a little, so a process starving
// near its limit would be warned of again at every swing (15 times for one run in the corpus).
const clearAfter = 4

// clearAfterMS is how long, in the process's time, a raised condition must also stay absent
// before it is re-armed: V8 on Node 25 runs dozens of full GCs a second in some programs, and
// a count of absences passes in a fraction of a second (a document intake starving at each
// swing was told of it 9 times in 52 s).
const clearAfterMS = 2000

// raise reports whether a condition is new for a process (and marks it raised); clear re-arms
// it once the condition has not held clearAfter times in a row over clearAfterMS — each twice
// that after the second warning, four times after the third: a condition that comes back with
// every cycle of the program (a flush every 6 s that has V8 starve it for a second each time)
// is told once or twice, not at every cycle.
func (m *Monitor) raise(kind string, k parser.IsolateKey) bool {
	id := kind + "|" + k.Isolate + "|" + fmt.Sprint(k.PID)
	if _, up := m.raised[id]; up {
		m.raised[id] = 0
		return false
	}
	m.raised[id] = 0
	m.warned[id]++
	return true
}

// clear notes the condition absent at the process's time atMS.
func (m *Monitor) clear(kind string, k parser.IsolateKey, atMS float64) {
	id := kind + "|" + k.Isolate + "|" + fmt.Sprint(k.PID)
	absent, up := m.raised[id]
	if !up {
		return
	}
	if absent == 0 {
		m.quietFrom[id] = atMS
	}
	scale := min(max(m.warned[id]-1, 0), 4)
	if absent+1 >= clearAfter<<scale && atMS-m.quietFrom[id] >= float64(int(clearAfterMS)<<scale) {
		delete(m.raised, id)
		delete(m.quietFrom, id)
	} else {
		m.raised[id] = absent + 1
	}
}

// Check recomputes the report if a full GC came since the last check, and returns the
// warnings it raises: a time-to-OOM under WarnBefore from a trend that has held long enough,
// V8's ineffective-mark-compact rule two mark-compacts from firing.
func (m *Monitor) Check() []Alert {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.dirty {
		return nil
	}
	m.dirty = false
	var out []Alert
	for _, p := range m.a.Peek("", m.stats).Processes {
		k := parser.IsolateKey{PID: p.PID, Isolate: p.Isolate}
		if al, ok := m.oomAlert(p); ok {
			if m.raise(AlertOOM, k) {
				out = append(out, al)
			}
		} else if p.PredictedOOMMS == nil || *p.PredictedOOMMS-lastMS(p) > float64(m.opts.WarnBefore.Milliseconds()) {
			// Cleared only when the time-to-OOM is gone or back over the bound: a check whose
			// recent stretch held one full GC too few is not the leak ending (a run warned
			// twice 0.26 s apart).
			m.clear(AlertOOM, k, lastMS(p))
		}
		if al, held, ok := m.headroomAlert(p); ok {
			if m.raise(AlertHeadroom, k) {
				out = append(out, al)
			}
		} else if !held {
			m.clear(AlertHeadroom, k, lastMS(p))
		}
		if im := p.IneffectiveMC; im != nil && im.Trailing >= 2 && p.Crash == nil {
			if m.raise(AlertIneffective, k) {
				out = append(out, Alert{Time: m.now(), TimeMS: lastMS(p), PID: p.PID, Isolate: p.Isolate, Kind: AlertIneffective,
					Message: fmt.Sprintf("%s: V8's ineffective-mark-compact rule is close: the last %d mark-compacts freed little while the program got under 40%% of the time; V8 ends the process at the fourth", who(p.PID, p.Isolate), im.Trailing)})
			}
		} else if recovered(p, m.opts.MinMu+recoveredMu) {
			// V8's count falls back to zero at any mark-compact that frees a little; the
			// warning stands until the program gets its time back.
			m.clear(AlertIneffective, k, lastMS(p))
		}
	}
	return out
}

// recovered reports a last full GC at which V8's average mu was at least mu, or printed none.
func recovered(p *analyze.Process, mu float64) bool {
	if p.Series == nil || len(p.Series.FullGCs) == 0 {
		return true
	}
	last := p.Series.FullGCs[len(p.Series.FullGCs)-1]
	return last.MuAverage == nil || *last.MuAverage >= mu
}

// oomAlert is the warning of a leak whose predicted time-to-OOM is under WarnBefore, from a
// trend that has held TrendHeld times as long as the time it says is left.
func (m *Monitor) oomAlert(p *analyze.Process) (Alert, bool) {
	if p.Crash != nil || p.PredictedOOMMS == nil || p.LastMS == nil || p.Trend == nil || p.HeapLimitMB == nil {
		return Alert{}, false
	}
	left := *p.PredictedOOMMS - *p.LastMS
	held := p.Trend.ToMS - p.Trend.FromMS
	if left > float64(m.opts.WarnBefore.Milliseconds()) || held < m.opts.TrendHeld*math.Max(left, 0) ||
		held < float64(m.opts.MinTrend.Milliseconds()) {
		return Alert{}, false
	}
	// The trend must rest on full GCs of the recent past too, not only on a stretch long
	// gone: a heap that climbed, then showed a full GC now and then, may have levelled off
	// between them (a cache over a bounded key space filling up near its limit).
	recent := *p.LastMS - math.Max(float64(m.opts.MinTrend.Milliseconds()), m.opts.TrendHeld*math.Max(left, 0))
	if p.Series == nil || fullGCsSince(p.Series.FullGCs, recent) < recentFullGCs {
		return Alert{}, false
	}
	iv := *p.PredictedOOMIntervalMS
	slope := p.Trend.SlopeMBPerS
	what := fmt.Sprintf("leaks %+.1f MB/s", slope)
	if now, over, ok := climbNow(p.Series.FullGCs); ok && now >= burstPace*slope {
		// The last full GCs climb far faster than the trend: a burst of allocation, or a leak
		// that sped up — "leaks" at the trend's average pace would misstate both (an export
		// that filled the heap in 2 s after 20 s at a level, warned of as a leak of 4 MB/s).
		what = fmt.Sprintf("climbs %+.1f MB/s over its last %s (%+.1f MB/s on average: a burst, or a leak speeding up)", now, units.Duration(over), slope)
	}
	msg := fmt.Sprintf("%s, heap limit %s reached in ~%s (%s–%s)", what, units.Size(*p.HeapLimitMB),
		units.Duration(math.Max(left, 0)), fromNow(iv[0]-*p.LastMS), fromNow(iv[1]-*p.LastMS))
	if on := p.PredictionOnTopMB; on != nil {
		msg += fmt.Sprintf(" when the next %s held on top of the retained heap comes", units.Size(*on))
	}
	al := Alert{Time: m.now(), TimeMS: *p.LastMS, PID: p.PID, Isolate: p.Isolate, Kind: AlertOOM,
		Message: who(p.PID, p.Isolate) + " " + msg, PredictedOOMMS: p.PredictedOOMMS, IntervalMS: p.PredictedOOMIntervalMS,
		HeapLimitMB: p.HeapLimitMB, SlopeMBPerS: &slope}
	if h := p.HeapAfterFullGC; h != nil {
		last := h.LastMB
		al.HeapMB = &last
	}
	return al, true
}

// fromNow says how far ahead a time is (ms from the last GC): "now" when it has come, not
// "0.00 s", which reads as a measured duration.
func fromNow(ms float64) string {
	if ms <= 0 {
		return "now"
	}
	return units.Duration(ms)
}

// burstPace: last full GCs climbing this many times the trend's average pace or faster are
// called a climb, not a leak at that pace.
const burstPace = 3

// climbNow is the pace (MB/s) of the heap after the last three full GCs, and over how long
// (ms); ok is false with fewer of them or no time between.
func climbNow(fulls []analyze.GCPoint) (mbPerS, overMS float64, ok bool) {
	n := len(fulls)
	if n < 3 {
		return 0, 0, false
	}
	first, last := fulls[n-3], fulls[n-1]
	if overMS = last.TimeMS - first.TimeMS; overMS <= 0 {
		return 0, 0, false
	}
	return (last.AfterMB - first.AfterMB) / (overMS / 1000), overMS, true
}

// Headroom shares: a process whose heap after its last full GCs reaches headroomWarnShare of
// where V8 gives up is warned of once, and again only after it has fallen under
// headroomClearShare (a heap swinging about the line would warn at every swing).
const (
	headroomWarnShare  = 0.9
	headroomClearShare = 0.8
)

// headroomAlert is the warning of a heap after full GCs within headroomWarnShare of the point
// where V8 gives up against a limit the process or the user stated: a working set that comes
// near its limit (a batch, a render, a burst of requests) is one burst from death whether or
// not it leaks, and no trend may ever say so before it dies. held says the heap is still
// above headroomClearShare, so a warning already given stands.
func (m *Monitor) headroomAlert(p *analyze.Process) (al Alert, held, ok bool) {
	if p.Crash != nil || p.OOMAtHeapMB == nil || p.HeapLimitSource == analyze.LimitCrash || p.Series == nil || len(p.Series.FullGCs) == 0 {
		return Alert{}, false, false
	}
	fulls := p.Series.FullGCs
	last := fulls[len(fulls)-1]
	death := *p.OOMAtHeapMB
	if last.AfterMB < headroomWarnShare*death {
		return Alert{}, last.AfterMB >= headroomClearShare*death, false
	}
	heap := last.AfterMB
	msg := fmt.Sprintf("%s: the heap after a full GC holds %s, %.0f%% of the %s where V8 gives up against its %s limit: one more burst of allocation ends the process",
		who(p.PID, p.Isolate), units.Size(heap), 100*heap/death, units.Size(death), units.Size(*p.HeapLimitMB))
	return Alert{Time: m.now(), TimeMS: last.TimeMS, PID: p.PID, Isolate: p.Isolate, Kind: AlertHeadroom, Message: msg,
		HeapMB: &heap, HeapLimitMB: p.HeapLimitMB}, true, true
}

// recentFullGCs is how many full GCs the recent past of a trend must hold for a warning.
const recentFullGCs = 4

// fullGCsSince counts the full GCs at or after ms.
func fullGCsSince(fulls []analyze.GCPoint, ms float64) int {
	n := 0
	for i := len(fulls) - 1; i >= 0 && fulls[i].TimeMS >= ms; i-- {
		n++
	}
	return n
}

// Crashed reports whether a fatal error has been read.
func (m *Monitor) Crashed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.crashed
}

// Exited records that the process pid exited with code (analyze's Exited).
func (m *Monitor) Exited(pid int64, code int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.a.Exited(pid, code)
}

// Report is the analysis of everything added so far, as analyze's.
func (m *Monitor) Report(source string, stats parser.Stats) *analyze.Report {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.a.Report(source, stats)
}

func lastMS(p *analyze.Process) float64 {
	if p.LastMS == nil {
		return 0
	}
	return *p.LastMS
}

// who names a process in a warning: "pid 4242", with its isolate when the trace shows one.
func who(pid int64, isolate string) string {
	s := "pid " + fmt.Sprint(pid)
	if pid == 0 {
		s = "the process"
	}
	if isolate != "" {
		s += " (isolate " + isolate + ")"
	}
	return s
}

// FullGCAt returns the time of a full GC traced live (a --trace-gc or --trace-gc-nvp line), and
// whether the event is one.
func FullGCAt(ev parser.Event) (float64, bool) {
	switch {
	case ev.Type == parser.TypeGC && ev.GC.TimeMS != nil && ev.GC.Kind != nil && *ev.GC.Kind == parser.KindFull && !ev.GC.InCrashDump:
		return *ev.GC.TimeMS, true
	case ev.Type == parser.TypeNVP && ev.NVP.TimeMS != nil && ev.NVP.Kind != nil && *ev.NVP.Kind == parser.KindFull:
		return *ev.NVP.TimeMS, true
	}
	return 0, false
}
