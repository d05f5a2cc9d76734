package analyze

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
