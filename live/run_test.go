package live

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/parser"
)

// TestPreloadUnderAnESModulePackage: the preload is CommonJS whatever package.json lies above
// the directory it is written to. A {"type": "module"} in /tmp had Node load it as an ES
// module, where require is undefined: the preload failed silently and `gcanalyze run` traced
// nothing ("no Node process reported to gcanalyze").
func TestPreloadUnderAnESModulePackage(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH: this test needs a real Node (.ci/run installs one)")
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "package.json"), []byte(`{"type": "module"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "gcanalyze-run-1")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	preload, err := WritePreload(dir)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "-e", "const a = []; for (let i = 0; i < 300000; i++) a.push(new Array(50)); a.length = 0")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "NODE_OPTIONS="+NodeOptions("", preload))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	text := string(out)
	if !strings.Contains(text, parser.ProcessLinePrefix) {
		t.Errorf("the preload did not report the process under a package of ES modules:\n%s", text)
	}
	if !strings.Contains(text, " ms: Scavenge") && !strings.Contains(text, " ms: Mark") {
		t.Errorf("the preload did not turn on --trace-gc under a package of ES modules:\n%s", text)
	}
}

func TestIsTraceLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"[18263:0x35d16d40]      127 ms: Scavenge 4.4 (4.5) -> 3.8 (5.5) MB, 1.37 / 0.05 ms  allocation failure; ", true},
		{"[2406:0x2fccc000:0]      154 ms: GC: {\"pause\":0.752}", true},
		{`{"log":"[18263:0x35d16d40]      127 ms: Scavenge 4.4 (4.5) -\u003e 3.8 (5.5) MB, 1.37 / 0.05 ms  allocation failure; \n","stream":"stderr"}`, true},
		{parser.ProcessLinePrefix + `{"pid":7}`, true},
		{"[pricing-api] listening on :8080", false},
		{`{"log":"[pricing-api] listening on :8080\n","stream":"stderr"}`, false},
		{`{"level":30,"msg":"[18263:0x35d16d40]      127 ms: Scavenge"}`, false},
	}
	for _, tt := range tests {
		if got := IsTraceLine([]byte(tt.line)); got != tt.want {
			t.Errorf("IsTraceLine(%s) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
