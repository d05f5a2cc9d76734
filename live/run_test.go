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
