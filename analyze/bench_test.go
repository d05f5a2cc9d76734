package analyze

import (
	"bytes"
	"os"
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
