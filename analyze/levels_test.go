package analyze

import (
	"slices"
	"strings"
	"testing"
)

// TestLevelBelowTheHeapIsNoLevel: set BH's WAF keeps every ruleset it reloads, 60 then 71 MB
// under a storm of back-to-back full GCs on Node 10, then 83.5 MB at its last three full GCs
// before the cut at 80% of its life. The curve bent to the storm peaks at 71.8 MB: the heap
// already went past it, so it is no level the heap approaches, and the report must not read
// healthy beside it.
func TestLevelBelowTheHeapIsNoLevel(t *testing.T) {
	p := readCutAt(t, "../corpus/node-10/waf-ruleset-reload-prototype-layers.96.log.gz", 96, 0.8)
	if p.Verdict == VerdictHealthy || slices.ContainsFunc(p.Evidence, func(ev string) bool { return strings.HasPrefix(ev, "levels off") }) {
		t.Errorf("verdict %s: a level under the heap's last full GCs read as one it levels off at\n  %s", p.Verdict, strings.Join(p.Evidence, "\n  "))
	}
}

// TestStopAcrossAStepIsAPause: the same WAF on Node 15, cut at 40% of its life, held 55 MB
// for 8 s, stepped to 66 MB and held that for 3.5 s when the log ends. A stop read from the
// first level spans the step: the hold is the last level's, shorter than the one before it,
// so the growth paused — not healthy, and the pause is dated from the step.
func TestStopAcrossAStepIsAPause(t *testing.T) {
	p := readCutAt(t, "../corpus/node-15/waf-ruleset-reload-prototype-layers.96.log.gz", 96, 0.4)
	if p.Verdict == VerdictHealthy || p.Trend == nil || p.Trend.PausedAtMS == nil || *p.Trend.PausedAtMS < 13000 {
		t.Errorf("verdict %s, paused at %v: want a pause from the step at ~14 s\n  %s", p.Verdict, p.Trend.PausedAtMS, strings.Join(p.Evidence, "\n  "))
	}
}

// TestFatalBeforeTheBlockBeatsShellAbort: a Dashy Docker build's log (set BF) prints the FATAL
// line first, then the crash block of pid 61, then yarn's 'Command failed with signal
// "SIGABRT"': one process, dead of what the FATAL line says.
func TestFatalBeforeTheBlockBeatsShellAbort(t *testing.T) {
	r := analyzeFile(t, "../corpus/heldout-bf/bf011-dashy-docker-pi3b-arm32-fatal-first-two-mark-sweeps-228mb-webpack-sources-js-stack-yarn-sigabrt.log", Options{})
	if len(r.Processes) != 1 || r.Processes[0].Crash == nil || r.Processes[0].Crash.Kind != "ineffective-mark-compacts" {
		for _, p := range r.Processes {
			t.Logf("pid %d: %+v", p.PID, p.Crash)
		}
		t.Errorf("%d processes: want one, dead of ineffective mark-compacts", len(r.Processes))
	}
}

// TestLeftTheLevelAtTheLastFullGC: set BI's parcel consumer keeps every message it cannot ack
// while its carrier is slow (8 s slow, 6 s fast). On Node 17, cut at 80% of its life, three
// full GCs held 38.0 MB through a fast window and the last left 44.9 MB, 2 s into the next
// slow one: a line through the window holds no growth in its interval, but the heap left its
// level — not healthy.
func TestLeftTheLevelAtTheLastFullGC(t *testing.T) {
	p := readCutAt(t, "../corpus/node-17/parcel-scan-consumer-unacked-during-slow-carrier.80.log.gz", 80, 0.8)
	if p.Verdict == VerdictHealthy || !slices.ContainsFunc(p.Evidence, func(ev string) bool { return strings.HasPrefix(ev, "climb:") }) {
		t.Errorf("verdict %s: a last full GC above a held level read as health\n  %s", p.Verdict, strings.Join(p.Evidence, "\n  "))
	}
}

// TestKeptNothingSinceTheLoad: set BJ's parking API loads its occupancy model at start, then
// serves 4 s bursts with 4 s idle, flat at 38% of its limit. V8 ran one or two full GCs after
// the load, the last 18 s after the one before, leaving no more than the young GCs between
// them had: the rise over its three full GCs is the load, and the report reads healthy and
// says why. On Node 22 both full GCs fall in the load: nothing weighs what came after.
func TestKeptNothingSinceTheLoad(t *testing.T) {
	limit := 128.0
	for _, v := range []string{"10", "18"} {
		p := target(analyzeFile(t, "../corpus/node-"+v+"/parking-garage-occupancy-api-shift-bursts.128.log.gz", Options{HeapLimitMB: &limit}))
		if p.Verdict != VerdictHealthy || p.Trend == nil || p.Trend.HeldSinceMS == nil || !slices.ContainsFunc(p.Evidence, func(ev string) bool { return strings.HasPrefix(ev, "trend: no growth since") }) {
			t.Errorf("Node %s: verdict %s, want healthy with the stretch that kept nothing\n  %s", v, p.Verdict, strings.Join(p.Evidence, "\n  "))
		}
	}
	p := target(analyzeFile(t, "../corpus/node-22/parking-garage-occupancy-api-shift-bursts.128.log.gz", Options{HeapLimitMB: &limit}))
	if p.Verdict == VerdictHealthy {
		t.Errorf("Node 22: healthy from two full GCs inside the load\n  %s", strings.Join(p.Evidence, "\n  "))
	}
}

// TestSlowClimbAfterAFreedBurst: set BM's IoT gateway keeps every TLS session (~1.2 MB/s)
// under a 15–20 MB snapshot every 4 s. On Node 18 the first full GCs caught the first
// snapshot (17.6 → 34.7 MB in 4 s) and a later one found it freed (14.6 MB); cut at 80% of
// its life, the 20 full GCs since rise on a line at a quarter of that pace. The freed burst
// does not explain a climb that slow with nothing given back: a leak, not "no more than the
// memory full GCs caught in passing".
func TestSlowClimbAfterAFreedBurst(t *testing.T) {
	p := readCutAt(t, "../corpus/node-18/iot-gateway-tls-session-cache-shadow-snapshot.64.log.gz", 64, 0.8)
	if p.Verdict != VerdictLeak || p.Trend == nil || !p.Trend.Significant {
		t.Errorf("verdict %s: a slow climb after a freed burst read as no growth\n  %s", p.Verdict, strings.Join(p.Evidence, "\n  "))
	}
}

// TestFloorGoesOnUnderAReport: set BP's trade-surveillance desk keeps 2.8 MB/s of case keys
// while a 24 MB report comes and goes every 5 s. Cut at 40% of its life on Node 13 (8.1,
// 16.4, 16.8, then 54.6 MB with a report live, then 46.3 MB) and at 60% on Node 16, the last
// full GCs fell under a line drawn through the report's: the floor under the reports rose on
// at its pace, so the growth went on — a leak, not "growth ended".
func TestFloorGoesOnUnderAReport(t *testing.T) {
	for _, tc := range []struct {
		log string
		cut float64
	}{
		{"../corpus/node-13/trade-surveillance-case-key-mismatch-report-spikes.128.log.gz", 0.4},
		{"../corpus/node-16/trade-surveillance-case-key-mismatch-report-spikes.128.log.gz", 0.6},
	} {
		p := readCutAt(t, tc.log, 128, tc.cut)
		if p.Verdict != VerdictLeak || p.Trend == nil || p.Trend.StoppedAtMS != nil {
			t.Errorf("%s at %.0f%%: verdict %s; want a leak whose growth went on\n  %s", tc.log, 100*tc.cut, p.Verdict, strings.Join(p.Evidence, "\n  "))
		}
	}
}

// TestClimbSinceTheSnapshotFell: set BM's IoT gateway keeps 1.2 MB/s of TLS sessions under a
// 20 MB snapshot every 4 s. Cut at 60% of its life on Node 18 (17.6, then 34.7 MB with a
// snapshot live, then 14.6, 19.2, 23.9 MB over 8 s) and at 40% on Node 13, the line through
// the window held no growth in its interval; the full GCs since the snapshot fell rose at
// each, at one pace — not healthy. So did set BV's campus door-audit archiver on Node 17 cut
// at 80% after its boot backlog drained (51.0, 47.0, 32.9, then 38.2 and 55.4 MB over 16 s,
// the second step three times the first's pace): two steps at unequal paces are one climb. A
// 200 MB report built after 15 s of quiet (Node 24, cut at 40%) rises too, 137 MB in 15 s
// then 148 MB in 0.3 s, 26 times the climb's pace: a batch in its course, healthy.
func TestClimbSinceTheSnapshotFell(t *testing.T) {
	for _, tc := range []struct {
		log     string
		limitMB float64
		cut     float64
		healthy bool
	}{
		{"../corpus/node-18/iot-gateway-tls-session-cache-shadow-snapshot.64.log.gz", 64, 0.6, false},
		{"../corpus/node-13/iot-gateway-tls-session-cache-shadow-snapshot.64.log.gz", 64, 0.4, false},
		{"../corpus/node-17/campus-door-audit-archiver-boot-watermark.96.log.gz", 96, 0.8, false},
		{"../corpus/node-24/periodic-report-200mb.384.log.gz", 384, 0.4, true},
	} {
		p := readCutAt(t, tc.log, tc.limitMB, tc.cut)
		if got := p.Verdict == VerdictHealthy; got != tc.healthy {
			t.Errorf("%s at %.0f%%: %s — %s\n  %s", tc.log, 100*tc.cut, p.Verdict, Headline(p), strings.Join(p.Evidence, "\n  "))
		}
	}
}

// TestYoungGCsCarryALevel: where V8 stops running full GCs once the heap levels off, the young
// GCs after the last one are all that shows whether it held. Set CI's autocomplete cache over
// a Zipf vocabulary on Node 26 climbed 8 → 40 MB over six full GCs in 15 s, then ran 26 s of
// young GCs only, rising 0.2 MB/s against the climb's 2: a level, held longer than the climb —
// healthy, and the evidence says what carried it. Set AI's user-agent cache growing like √t,
// whose young GCs rose at about half its rate, is a taper, not a level: still a leak. Young
// GCs that carry the level outweigh last full GCs that still rose on a line: set DB's
// pharmacy label cache on Node 10 (full GCs at 39.9, 47.6 and 48.2 MB, then 18 s of young
// GCs rising 0.23 MB/s against the climb's 1.8) read a leak that "will run out of heap".
func TestYoungGCsCarryALevel(t *testing.T) {
	for _, c := range []struct {
		log   string
		want  string
		young bool // the "levels off" evidence names the young GCs
	}{
		{"../corpus/node-26/tag-autocomplete-zipf-cache.128.log.gz", VerdictHealthy, true},
		{"../corpus/node-10/pharmacy-ndc-label-cache-keyspace-fill-decel.256.log.gz", VerdictHealthy, true},
		{"../corpus/node-10/ua-parse-cache-longtail-sqrt.128.log.gz", VerdictLeak, false},
		{"../corpus/node-16/ua-parse-cache-longtail-sqrt.128.log.gz", VerdictLeak, false},
		{"../corpus/node-25/ua-parse-cache-longtail-sqrt.128.log.gz", VerdictLeak, false},
	} {
		p := target(analyzeFile(t, c.log, Options{}))
		young := slices.ContainsFunc(p.Evidence, func(ev string) bool {
			return strings.HasPrefix(ev, "levels off:") && strings.Contains(ev, "young GCs since the last full GC carry the level")
		})
		if p.Verdict != c.want || young != c.young {
			t.Errorf("%s: verdict %s, young GCs carry the level: %v; want %s, %v\n  %s", c.log, p.Verdict, young, c.want, c.young, strings.Join(p.Evidence, "\n  "))
		}
	}
}

// TestYoungGCsAfterASlowing: a young GC long after the last full GC, far under the line the
// growth before gives, shows the heap stopped, however few young GCs there are and however
// large the young generation grew while the heap was filling. Set DA's VIN decoder, whose
// cache of a bounded key space fills ever more slowly: on Node 25 V8 ran one young GC in
// the 20 s after its last full GC (52 MB where the line said 101; it read "no GCs after it
// show whether the heap then held"), on Node 11 its young GCs held ~64 MB for 15 s, 2 MB
// apart, where the cache's fill had grown the young generation to 16 MB (it read "a level,
// or a pause between two steps of a leak"). Set DD's star catalog on Node 20, its tile cache
// slowing at each of too few full GCs for a curve (48, 56, 61, 61 MB), then 13 s of young GCs
// rising 0.33 MB/s — no faster than the garbage the young GCs had promoted between its last
// full GCs (it read "too short a stay at the level"). A leak whose young GCs go on rising
// stays one.
func TestYoungGCsAfterASlowing(t *testing.T) {
	for _, c := range []struct {
		log  string
		want string
	}{
		{"../corpus/node-25/vin-decoder-spec-cache-keyspace-decel.256.log.gz", VerdictHealthy},
		{"../corpus/node-11/vin-decoder-spec-cache-keyspace-decel.256.log.gz", VerdictHealthy},
		{"../corpus/node-20/star-catalog-cone-search-tile-cache-decel.192.log.gz", VerdictHealthy},
		{"../corpus/node-10/ua-parse-cache-longtail-sqrt.128.log.gz", VerdictLeak},
	} {
		p := target(analyzeFile(t, c.log, Options{}))
		ended := slices.ContainsFunc(p.Evidence, func(ev string) bool {
			return strings.HasPrefix(ev, "growth ended:") || strings.HasPrefix(ev, "levels off:") && strings.Contains(ev, "young GCs since the last full GC carry the level")
		})
		unsure := slices.ContainsFunc(p.Evidence, func(ev string) bool {
			return strings.HasPrefix(ev, "growth slowed:") || strings.HasPrefix(ev, "growth paused:")
		})
		if p.Verdict != c.want || ended != (c.want == VerdictHealthy) || unsure {
			t.Errorf("%s: verdict %s, growth ended %v, slowed or paused %v; want %s\n  %s", c.log, p.Verdict, ended, unsure, c.want, strings.Join(p.Evidence, "\n  "))
		}
	}
}

// TestLastFullGCGaveBackTheWindow: set DI's rate cache on Node 20, flushed by a 5-minute cron,
// cut just after its first flush (at 37% of its 898 s, the flush at 331 s): full GCs 5.3 → 21.0 MB over 4 min, then
// 5.4 MB. A robust line took the last for an outlier and read a leak; the heap is back where
// it started, so nothing the window gained was kept.
func TestLastFullGCGaveBackTheWindow(t *testing.T) {
	p := readCutAt(t, "../corpus/node-20/rate-cache-5min-flush-sawtooth.256.log.gz", 256, 0.37)
	if p.Verdict == VerdictLeak || p.PredictedOOMMS != nil || !slices.ContainsFunc(p.Evidence, func(ev string) bool { return strings.Contains(ev, "back at") }) {
		t.Errorf("verdict %s: a heap back at its start read as growth\n  %s", p.Verdict, strings.Join(p.Evidence, "\n  "))
	}
}

// TestSlowLeakOnASmallHeapOverMinutes: set DI's billing service keeps an audit line per
// request for 15 minutes under a 60 MB export every 2 minutes. The full GCs that catch no
// export rise 3.9 → 9.4 MB on a line over 13 minutes, a full GC a minute: under the megabytes
// the leak rule asks, but no heap settles on a line for minutes.
func TestSlowLeakOnASmallHeapOverMinutes(t *testing.T) {
	limit := 512.0
	p := target(analyzeFile(t, "../corpus/node-20/report-export-periodic-slow-leak.512.log.gz", Options{HeapLimitMB: &limit}))
	if p.Verdict != VerdictLeak {
		t.Errorf("verdict %s, want leak\n  %s", p.Verdict, strings.Join(p.Evidence, "\n  "))
	}
}
