package main

import "testing"

// TestBaseNameIsFileSafe: chart and report names are made from the input's name, or from the
// command line `run` started: no spaces or shell characters in them, and a bounded length.
func TestBaseNameIsFileSafe(t *testing.T) {
	long := ""
	for len(long) < 300 {
		long += "node-app-"
	}
	for _, tc := range []struct{ source, want string }{
		{"dir/app.log", "app"},
		{"dir/app.log.zst", "app"},
		{"app.log.1.xz", "app.log.1"},
		{"logs.tgz:x/a.log", "logs-x-a"},
		{"-", "stdin"},
		{"node --max-old-space-size=112 print-on-demand.js", "node-max-old-space-size-112-print-on-demand.js"},
		{"npm test", "npm-test"},
		{"gc log (prod).txt", "gc-log-prod"},
		{"журнал.log", "журнал"},
		{"$(rm -rf)", "rm-rf"},
		{"!!!", "gc"},
		{long, long[:maxStem]},
	} {
		if got := baseName(tc.source); got != tc.want {
			t.Errorf("baseName(%q) = %q, want %q", tc.source, got, tc.want)
		}
	}
}
