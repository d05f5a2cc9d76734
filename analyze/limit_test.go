package analyze

import (
	"strings"
	"testing"
)

func TestBinaryVersion(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"/Users/dev/.nvm/versions/node/v10.4.0/bin/node", "10.4.0"},
		{"/home/dev/.volta/tools/image/node/18.12.1/bin/node", "18.12.1"},
		{"/usr/local/Cellar/node/20.3.1/bin/node", "20.3.1"},
		{"/nix/store/0c3zkvxa6pnbqgq3s2m6lq5b2a4m1w3c-nodejs-18.19.0/bin/node", "18.19.0"},
		{"/opt/node-v12.16.0-linux-x64/bin/node", "12.16.0"},
		{`C:\Users\dev\AppData\Roaming\nvm\v14.17.0\node.exe`, "14.17.0"},
		{"/usr/local/n/versions/node/16.3.0/bin/node", "16.3.0"},
		{"/usr/local/bin/node", ""},
		{`C:\Program Files\nodejs\node.exe`, ""},
		{"/usr/lib/x86_64-linux-gnu/libnode.so.108", ""},
		{"/home/dev/.nvm/versions/node/v14.17.0/lib/node_modules/x/y.node", ""},
		{"node", ""},
	} {
		if got := binaryVersion(c.path); got != c.want {
			t.Errorf("binaryVersion(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// TestDefaultLimitBesideCrash holds the line that sets a crash below the version's default
// limit beside it to the deaths it explains: an allocation that failed after last-resort GCs
// well under Node ≤ 11's 1400 MB. A death at the default (committed space counts), or by V8's
// near-the-limit rule at a heap a flag made small, gets no such line.
func TestDefaultLimitBesideCrash(t *testing.T) {
	for _, c := range []struct {
		log  string
		want bool
	}{
		{"../corpus/heldout-l/l026-netlify-build-cache-hash-280m-string-last-resort.log", true},         // Node 10, 922 MB used, 990 committed
		{"../corpus/heldout-i/i026-react-starter-kit-node9-sourcemap-stringify-last-resort.log", false}, // Node 9 at 1338 of 1400
		{"../corpus/heldout-m/m017-jest-watch-node631-46min-772mb-used-1434mb-committed.log", false},    // committed at the default
		{"../corpus/realworld/009-node10-macos-nimiq-small-heap.log", false},                            // ineffective mark-compacts at 125 MB
	} {
		r := analyzeFile(t, c.log, Options{})
		if len(r.Processes) != 1 {
			t.Fatalf("%s: %d processes", c.log, len(r.Processes))
		}
		got := false
		for _, e := range r.Processes[0].Evidence {
			got = got || strings.HasPrefix(e, "default limit:")
		}
		if got != c.want {
			t.Errorf("%s: default-limit line %v, want %v (evidence %q)", c.log, got, c.want, r.Processes[0].Evidence)
		}
	}
}
