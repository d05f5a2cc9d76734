package parser

import "testing"

// TestSpliceRepair: a program's line printed into V8's (Deno writes its trace in 4 KB pieces,
// the program's lines at once) is taken out, and V8's line joined to its rest on the next
// line; a whole V8 line, or a next line that starts a line of its own, is left alone. The
// lines are real: corpus/deno-2.9/pos-idempotency-sweep-early-break.112.log.gz and
// gzip-abort-native-leak.128.log.gz (set P).
func TestSpliceRepair(t *testing.T) {
	const app = "2026-11-29T22:03:18.426Z INFO [pos-gateway] t=5.0s store_time=11:00 idempotency_records=1546 approved=1496 declined=50 replays=31 saf_uploads=1 swept=0 heapUsed=11.4MB"
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
	} {
		got, gotApp, ok := spliceRepair(tc.cur, tc.next)
		if ok != (tc.want != "") || got != tc.want || ok && gotApp != app {
			t.Errorf("%s: %q, %q, %v; want %q", tc.name, got, gotApp, ok, tc.want)
		}
	}
}
