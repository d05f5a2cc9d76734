package analyze

import (
	"strings"
	"testing"
)

// TestProgramOf: a process is named by its script's file name and arguments, whatever the
// system's path separator, "node" when it ran no script, and cut to a length a header holds.
func TestProgramOf(t *testing.T) {
	long := strings.Repeat("x", 100)
	for _, c := range []struct {
		argv []string
		want string
	}{
		{[]string{"/usr/bin/node", "/usr/lib/node_modules/npm/bin/npm-cli.js", "test"}, "npm-cli.js test"},
		{[]string{`C:\Program Files\nodejs\node.exe`, `C:\app\server.js`}, "server.js"},
		{[]string{"/usr/bin/node"}, "node"},
		{[]string{"node", "/app/worker.js", long}, "worker.js " + long[:programMaxLen-len("worker.js ")-1] + "…"},
	} {
		if got := programOf(c.argv); got != c.want {
			t.Errorf("programOf(%q) = %q, want %q", c.argv, got, c.want)
		}
	}
}
