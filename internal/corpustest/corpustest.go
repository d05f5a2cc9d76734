// Package corpustest gives the tests of every package the project's corpus: the real logs
// under corpus/, each with its .meta.json (where it comes from) and .expect.json (what the
// parser and the analyzer must find in it). It is for tests only.
package corpustest

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Dir is the corpus directory, found from this file's place in the module so that tests of
// any package can use it.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "corpus")
}

// IsLog reports whether a corpus file is a log: name.log, or name.log.gz for the larger ones.
func IsLog(path string) bool {
	return strings.HasSuffix(path, ".log") || strings.HasSuffix(path, ".log.gz")
}

// Stem is a log's path without .log or .log.gz: the sidecar files are Stem+".meta.json" and
// Stem+".expect.json".
func Stem(log string) string {
	return strings.TrimSuffix(strings.TrimSuffix(log, ".gz"), ".log")
}

// Name is a log's path relative to the corpus directory, for test names and messages.
func Name(log string) string {
	if rel, err := filepath.Rel(Dir(), log); err == nil {
		return filepath.ToSlash(rel)
	}
	return log
}

// Logs lists every log of the corpus, sorted.
func Logs(t testing.TB) []string {
	t.Helper()
	var logs []string
	err := filepath.WalkDir(Dir(), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && IsLog(path) {
			logs = append(logs, path)
		}
		return err
	})
	if err != nil || len(logs) == 0 {
		t.Fatalf("no corpus logs in %s: %v", Dir(), err)
	}
	sort.Strings(logs)
	return logs
}

// Open opens a corpus log, decompressing a .gz one.
func Open(log string) (io.ReadCloser, error) {
	f, err := os.Open(log)
	if err != nil || !strings.HasSuffix(log, ".gz") {
		return f, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

// ReadAll reads a whole corpus log.
func ReadAll(t testing.TB, log string) []byte {
	t.Helper()
	r, err := Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", log, err)
	}
	return b
}

// Meta is what the tests read of a log's .meta.json: the facts of a run the project made (its
// scenario, flags and how it ended), or of a paste a user made public (where it comes from).
type Meta struct {
	// Scenario is the program a generated run ran; empty for pastes.
	Scenario string `json:"scenario"`
	Crashed  bool   `json:"crashed"`
	// HeapLimitMB is the --max-old-space-size the run was started with, nil when none.
	HeapLimitMB *float64 `json:"heap_limit_mb"`
	// SourceURL is where a paste was found.
	SourceURL string `json:"source_url"`
	// Flags are the runtime flags of a run.
	Flags []string `json:"flags"`
	// NodeVersion and V8Version are the runtime's, for a run.
	NodeVersion string `json:"node_version"`
	V8Version   string `json:"v8_version"`
	// RateProfile is how a run's program retains memory: steady, accelerating, stepwise,
	// spiky, decelerating, plateau, cyclic (a heap that rises and falls back with its load)
	// or none (runs made for the rate-aware evaluation).
	RateProfile string `json:"rate_profile"`
	// ExpectedOOM says whether a time-to-OOM is right to give for the run; nil when the
	// meta does not say.
	ExpectedOOM *bool `json:"expected_oom"`
	// ExpectedVerdict is the verdict a run was designed to get; empty when the meta does
	// not say.
	ExpectedVerdict string `json:"expected_verdict"`
	// AcceptableVerdicts are the verdicts the labeller accepts besides ExpectedVerdict, where
	// the log alone cannot tell them apart.
	AcceptableVerdicts []string `json:"acceptable_verdicts"`
	// Processes label each process of a log that holds several (worker threads, forked
	// children), when the meta lists them.
	Processes []ProcessLabel `json:"processes"`
}

// ProcessLabel is the label of one process of a run's log.
type ProcessLabel struct {
	PID                int64    `json:"pid"`
	Isolate            string   `json:"isolate"`
	ExpectedVerdict    string   `json:"expected_verdict"`
	AcceptableVerdicts []string `json:"acceptable_verdicts"`
}

// Accepts reports whether verdict is the label's or one it accepts.
func (l ProcessLabel) Accepts(verdict string) bool {
	return l.ExpectedVerdict == verdict || slices.Contains(l.AcceptableVerdicts, verdict)
}

// Accepts reports whether verdict is the run's label or one it accepts.
func (m Meta) Accepts(verdict string) bool {
	return m.ExpectedVerdict == verdict || slices.Contains(m.AcceptableVerdicts, verdict)
}

// Label is the label of the process pid:isolate when the meta lists processes; ok is false
// when it does not list that one.
func (m Meta) Label(pid int64, isolate string) (l ProcessLabel, ok bool) {
	for _, l := range m.Processes {
		if l.PID == pid && (l.Isolate == "" || strings.EqualFold(l.Isolate, isolate)) {
			return l, true
		}
	}
	return l, false
}

// ReadMeta reads the .meta.json of a corpus log; ok is false when there is none.
func ReadMeta(log string) (m Meta, ok bool) {
	b, err := os.ReadFile(Stem(log) + ".meta.json")
	if err != nil {
		return m, false
	}
	return m, json.Unmarshal(b, &m) == nil
}

// EnforcesFlag reports whether the run's V8 enforces --max-old-space-size: V8 before 6.4
// (Node 8 and 9) does not count the pages its GCs take, so a small flag is not a limit there
// (docs/heap-limit-model.md). A run whose V8 version is not known is taken to enforce it.
func (m Meta) EnforcesFlag() bool {
	v := regexp.MustCompile(`^(\d+)\.(\d+)`).FindStringSubmatch(m.V8Version)
	if v == nil {
		return true
	}
	major, _ := strconv.Atoi(v[1])
	minor, _ := strconv.Atoi(v[2])
	return major > 6 || major == 6 && minor >= 4
}

// BigLog opens the large generated log of the throughput benchmarks: GCANALYZE_BENCH_LOG,
// else bench/big-400M-single.log, which bench/run.sh makes. It skips the benchmark when
// there is none, sets its bytes, and closes the file when the benchmark ends.
func BigLog(b *testing.B) *os.File {
	path := os.Getenv("GCANALYZE_BENCH_LOG")
	if path == "" {
		path = filepath.Join(Dir(), "..", "bench", "big-400M-single.log")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skip("no big log: run bench/run.sh first or set GCANALYZE_BENCH_LOG")
	}
	b.Cleanup(func() { f.Close() })
	if fi, err := f.Stat(); err == nil {
		b.SetBytes(fi.Size())
	}
	return f
}
