package analyze

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// BenchmarkAnalyzeLog parses and analyses a whole --trace-gc log end to end.
func BenchmarkAnalyzeLog(b *testing.B) {
	var data []byte
	for _, p := range []string{"../../shared/corpus/bench/churn-node20.log", "../corpus/node-24/healthy-churn.log"} {
		if d, err := os.ReadFile(p); err == nil {
			data = d
			break
		}
	}
	if data == nil {
		b.Skip("no benchmark log")
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := FromReader(bytes.NewReader(data), "bench", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeCrashLogs analyses the corpus's real-world crash logs, one after another:
// the per-log cost that bounds a batch.
func BenchmarkAnalyzeCrashLogs(b *testing.B) {
	logs, _ := filepath.Glob("../corpus/realworld/*.log")
	var data [][]byte
	var total int64
	for _, l := range logs {
		d, err := os.ReadFile(l)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		total += int64(len(d))
	}
	b.SetBytes(total)
	b.ResetTimer()
	for range b.N {
		for _, d := range data {
			FromReader(bytes.NewReader(d), "x", Options{})
		}
	}
	b.ReportMetric(float64(b.N*len(data))/b.Elapsed().Seconds(), "logs/s")
}

// BenchmarkAnalyzerAdd feeds parsed events to the analyzer alone, the report left out: the
// serial stage of analyze that the parallel parser waits on. GCANALYZE_BENCH_LOG names a log (its first 64 MB are
// read, e.g. bench/big-400M-interleaved.log for isolates printing in turn); MB/s are of the log.
func BenchmarkAnalyzerAdd(b *testing.B) {
	path := os.Getenv("GCANALYZE_BENCH_LOG")
	if path == "" {
		path = "../corpus/node-24/healthy-churn.log"
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skip("no benchmark log: set GCANALYZE_BENCH_LOG")
	}
	defer f.Close()
	data, _ := io.ReadAll(io.LimitReader(f, 64<<20))
	var events []parser.Event
	if _, err := parser.ParseParallel(bytes.NewReader(data), 0, func(evs []parser.Event) { events = append(events, evs...) }); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		a := New(Options{})
		for _, ev := range events {
			a.Add(ev)
		}
	}
}

// BenchmarkAnalyzeBig parses and analyses a large log end to end, as `analyze` does: the
// figure bench/run.sh compares with wc -l. GCANALYZE_BENCH_LOG names it (bench/run.sh makes
// bench/big-400M-single.log and bench/big-400M-interleaved.log).
func BenchmarkAnalyzeBig(b *testing.B) {
	f := corpustest.BigLog(b)
	b.ResetTimer()
	for range b.N {
		f.Seek(0, io.SeekStart)
		if _, err := FromReader(f, "bench", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
