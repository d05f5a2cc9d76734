package analyze

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/parser"
)

// TestOneDeathToldByOthers: one process that V8's fatal error ended is one process, however
// many others tell of its death and wherever they do — a wrapper's "Code 134" or the prose
// above a paste before the trace, execa quoting the child's stderr (crash block and all) twice
// as a JavaScript string after it, V8's own "Fatal process out of memory" line right before
// the crash block Node prints. Each read as a second process (or a second and third run of
// the same pid) before; the labels count one.
func TestOneDeathToldByOthers(t *testing.T) {
	for _, c := range []struct {
		prefix string
		kind   parser.FatalKind
	}{
		{"al001", parser.FatalHeapLimit},   // "Gemini CLI Error (Code 134):" before the crash block
		{"al002", parser.FatalIneffective}, // "crashes with SIGABRT" in the prose
		{"al004", parser.FatalIneffective}, // the crash block again, twice, as '…\n' + strings
		{"al018", parser.FatalZone},        // "Fatal process out of memory: Zone Allocation failed" first
	} {
		logs, _ := filepath.Glob("../corpus/heldout-al/" + c.prefix + "-*.log")
		if len(logs) != 1 {
			t.Fatalf("%s: %d logs", c.prefix, len(logs))
		}
		r := analyzeFile(t, logs[0], Options{})
		if len(r.Processes) != 1 {
			var got []string
			for _, p := range r.Processes {
				got = append(got, p.Verdict)
			}
			t.Errorf("%s: %d processes (%s), want the one that died", c.prefix, len(r.Processes), strings.Join(got, ", "))
			continue
		}
		if p := r.Processes[0]; p.Crash == nil || p.Crash.Kind != c.kind || p.PID == 0 {
			t.Errorf("%s: crash %+v, want the traced process dead of %s", c.prefix, p.Crash, c.kind)
		}
	}
}
