package parser

import "testing"

// TestSpliceRepair: a program's line printed into V8's (Deno writes its trace in 4 KB pieces,
// the program's lines at once), beginning with a time or a tag in brackets, is taken out, and V8's line joined to its rest on the next
// line; a whole V8 line, or a next line that starts a line of its own, is left alone. The
// lines are real: corpus/deno-2.9/pos-idempotency-sweep-early-break.112.log.gz and
// gzip-abort-native-leak.128.log.gz (set P).
func TestSpliceRepair(t *testing.T) {
	const app = "2026-11-29T22:03:18.426Z INFO [pos-gateway] t=5.0s store_time=11:00 idempotency_records=1546 approved=1496 declined=50 replays=31 saf_uploads=1 swept=0 heapUsed=11.4MB"
	const tagged = "[introspect-cache] t=10.0s entries=9100 swept=0 hits=22880 misses=9100 heapUsed=47.9MB"
	for _, tc := range []struct {
		name, cur, next, want string
	}{
		{"a verbose row cut inside its prefix",
			"[14577:0x55b" + app, "b76573000] External memory reported:                       10 KB",
			"[14577:0x55bb76573000] External memory reported:                       10 KB"},
		{"a verbose row cut after two characters",
			"[14" + app, "577:0x55bb76573000] New space,                  used:    837 KB, available:     1209 KB, committed:   2816 KB",
			"[14577:0x55bb76573000] New space,                  used:    837 KB, available:     1209 KB, committed:   2816 KB"},
		{"an NVP record cut inside a name",
			`[16069:0x55b843572000:0]     4672 ms: GC: {"pause":2.002,"mutator":5.687,"gc":"mc","reduce_memory":false,"start_object_size":8447848,"end_object_size":6006288,"incremen` + app,
			`tal.embedder_tracing":0.021,"incremental_steps_count":71}`,
			`[16069:0x55b843572000:0]     4672 ms: GC: {"pause":2.002,"mutator":5.687,"gc":"mc","reduce_memory":false,"start_object_size":8447848,"end_object_size":6006288,"incremental.embedder_tracing":0.021,"incremental_steps_count":71}`},
		{"a whole GC line, then the program's on the same line",
			"[14577:0x55bb76573000]     3012 ms: Scavenge 4.9 (5.7) -> 4.3 (6.7) MB, pooled: 0.0 MB, 0.55 / 0.00 ms (average mu = 1.000, current mu = 1.000) allocation failure; " + app,
			"b76573000] External memory reported:                       10 KB", ""},
		{"a next line of its own",
			"[14577:0x55b" + app, "[14577:0x55bb76573000] External memory reported:                       10 KB", ""},
		{"a next line of the program",
			"[14577:0x55b" + app, app, ""},
		// corpus/deno-2.9/oauth-introspection-cache-rotated-tokens-leak.96.log.gz (set CR):
		// the program's line, tagged in brackets, printed into a full GC's line.
		{"a GC line cut inside its sizes, a tagged program line",
			"[23422:0x559e25aaf000]    10113 ms: Incremental Mark-Compact 48.7 (9" + tagged,
			"9.1) -> 47.9 (99.1) MB, pooled: 0.0 MB, 2.83 / 0.00 ms (+ 4.7 ms in 627 steps since start of marking, biggest step 1.3 ms, walltime since start of marking 9 ms) (average mu = 0.852, current mu = 0.863) finalize incremental marking via task; GC in old space requested",
			"[23422:0x559e25aaf000]    10113 ms: Incremental Mark-Compact 48.7 (99.1) -> 47.9 (99.1) MB, pooled: 0.0 MB, 2.83 / 0.00 ms (+ 4.7 ms in 627 steps since start of marking, biggest step 1.3 ms, walltime since start of marking 9 ms) (average mu = 0.852, current mu = 0.863) finalize incremental marking via task; GC in old space requested"},
		{"a tagged program line after a whole GC line",
			"[23422:0x559e25aaf000]    10113 ms: Scavenge 4.9 (5.7) -> 4.3 (6.7) MB, pooled: 0.0 MB, 0.55 / 0.00 ms (average mu = 1.000, current mu = 1.000) allocation failure; " + tagged,
			"9.1) -> 47.9 (99.1) MB", ""},
	} {
		got, gotApp, ok := spliceRepair(tc.cur, tc.next)
		if ok != (tc.want != "") || got != tc.want || ok && gotApp != app && gotApp != tagged {
			t.Errorf("%s: %q, %q, %v; want %q", tc.name, got, gotApp, ok, tc.want)
		}
	}
}
