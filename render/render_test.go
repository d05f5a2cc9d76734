package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/analyze"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenLogs are a few corpus logs whose rendering is pinned: a leak, a structure limit, a
// crash block without history (hard-wrapped), a healthy plateau, a log with several isolates.
var goldenLogs = []string{
	"node-22/leak-linear.log",
	"node-22/table-size.log",
	"realworld/004-gemini-cli-linux-hard-wrapped.log",
	"node-22/leak-plateau.log",
	"node-22/workers.log",
}

func TestGolden(t *testing.T) {
	for _, log := range goldenLogs {
		f, err := os.Open(filepath.Join("..", "corpus", log))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := analyze.FromReader(f, "corpus/"+log, analyze.Options{})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		base := strings.NewReplacer("/", "_", ".log", "").Replace(log)
		for _, format := range []string{"txt", "md", "json"} {
			var b bytes.Buffer
			switch format {
			case "txt":
				err = Text(&b, rep)
			case "md":
				err = Markdown(&b, rep, map[int][]string{0: {"charts/dashboard.png"}})
			case "json":
				err = JSON(&b, rep)
			}
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", base+"."+format+".golden")
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./render -update and review the files)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file; run go test ./render -update and review the diff\n got:\n%s", golden, b.String())
			}
		}
	}
}
