package parser

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// benchLog is the churn log of the shared corpus (Node 20, 64,614 GC lines) when it is there,
// else the largest log of the project's corpus.
func benchLog(b *testing.B) []byte {
	b.Helper()
	for _, p := range []string{"../../shared/corpus/bench/churn-node20.log", "../corpus/node-24/healthy-churn.log"} {
		if data, err := os.ReadFile(p); err == nil {
			return data
		}
	}
	b.Skip("no benchmark log")
	return nil
}

func drain(b *testing.B, data []byte) int {
	p := New(bytes.NewReader(data))
	n := 0
	for {
		_, err := p.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkParseLog parses a whole --trace-gc log; compare its MB/s with reading the file.
func BenchmarkParseLog(b *testing.B) {
	data := benchLog(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		drain(b, data)
	}
}

// Per line kind: the hot --trace-gc line (fast path), a crash-block entry (grammar), an NVP
// line, a verbose row, application output.
func benchLine(b *testing.B, line string) {
	data := bytes.Repeat([]byte(line+"\n"), 1000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		drain(b, data)
	}
}

func BenchmarkLineScavenge(b *testing.B) {
	benchLine(b, "[21348:0xa709d70]      138 ms: Scavenge 3.9 (4.0) -> 3.3 (5.0) MB, 4.58 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ")
}

func BenchmarkLineMarkCompact(b *testing.B) {
	benchLine(b, "[26105:0x3bd1d000]      433 ms: Mark-Compact 14.6 (26.9) -> 12.0 (29.1) MB, pooled: 0 MB, 1.37 / 0.00 ms  (+ 3.3 ms in 0 steps since start of marking, biggest step 0.0 ms, walltime since start of marking 5 ms) (average mu = 0.989, current mu = 0.989) finalize incremental marking via task; GC in old space requested")
}

func BenchmarkLineOldEra(b *testing.B) {
	benchLine(b, "[30207:0x12e26fd0]      218 ms: Mark-sweep 12.2 (22.0) -> 7.0 (30.0) MB, 90.8 / 0.0 ms [allocation failure] [promotion limit reached].")
}

func BenchmarkLineNVP(b *testing.B) {
	benchLine(b, "[26377:0x2a17c000]      124 ms: pause=0.7 mutator=120.1 gc=s reduce_memory=0 scavenge.weak_global_handles.identify=0.00scavenge.parallel=0.14 total_size_before=4604000 total_size_after=3937520 promotion_rate=0.0% new_space_survive_rate_=34.6%")
}

func BenchmarkLineVerboseRow(b *testing.B) {
	benchLine(b, "[26649:0x4670b000] Old space,              used:   2417 KB, available:    141 KB, committed:   2608 KB")
}

func BenchmarkLineAppOutput(b *testing.B) {
	benchLine(b, "[app] tick 45 handled 20000 requests, cache entries=11520 retained~90.0MiB heapUsed=101.1MiB")
}

// BenchmarkParseParallel parses the log on all cores, as gcanalyze does.
func BenchmarkParseParallel(b *testing.B) {
	data := benchLog(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := ParseParallel(bytes.NewReader(data), 0, func([]Event) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFastGC is the fast path alone on the hot line.
func BenchmarkFastGC(b *testing.B) {
	line := "[21348:0xa709d70]      138 ms: Scavenge 3.9 (4.0) -> 3.3 (5.0) MB, 4.58 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; "
	var st gcStore
	var cache lineCache
	b.SetBytes(int64(len(line)))
	for range b.N {
		st = gcStore{}
		if _, ok := fastGCInto(line, nil, &st, &cache); !ok {
			b.Fatal("refused")
		}
	}
}

// BenchmarkParseParallelBig parses a large generated log (bench/run.sh makes it) on all cores:
// the parse-only figure of README's performance section.
func BenchmarkParseParallelBig(b *testing.B) {
	f := corpustest.BigLog(b)
	b.ResetTimer()
	for range b.N {
		f.Seek(0, io.SeekStart)
		if _, err := ParseParallel(f, 0, func([]Event) {}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEventsJSON encodes the events of a whole --trace-gc log as JSON lines, as the events
// command does (one reused buffer); MB/s are of the log.
func BenchmarkEventsJSON(b *testing.B) {
	data := benchLog(b)
	evs, _, err := All(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	var buf []byte
	for range b.N {
		for _, ev := range evs {
			if buf, err = ev.AppendJSON(buf[:0], `{"source":"bench.log",`); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// Lines the grammar reads: a Node 4–8 JavaScript stack frame of the crash block, and a
// ring-buffer entry of Node 4–6's "Last few GCs" without its prefix.
func BenchmarkLineJSFrame(b *testing.B) {
	benchLine(b, "    2: _onTimeout(aka tick) [/srv/app/leak-linear.js:~44] [pc=0x6be52f8a21f](this=0x2ab8a89c2fc1 <Timeout map = 0x3d527393c591>)")
}

func BenchmarkLineRingEntry(b *testing.B) {
	benchLine(b, "     340 ms: Scavenge 40.7 (67.3) -> 40.7 (67.3) MB, 18.1 / 0 ms (+ 5.2 ms in 1 steps since last GC) [allocation failure] [incremental marking delaying mark-sweep].")
}

// BenchmarkLineTimestamped is a --trace-gc line under a CI runner's timestamp: decoration the
// normalizer strips before the line is read.
func BenchmarkLineTimestamped(b *testing.B) {
	benchLine(b, "2024-05-02T10:11:12.1234567Z [21348:0xa709d70]      138 ms: Scavenge 3.9 (4.0) -> 3.3 (5.0) MB, 4.58 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; ")
}

// BenchmarkParsePastes parses the crash logs users pasted (corpus/realworld and corpus/pastes,
// concatenated): crash blocks, frames, reports and the text around them, the lines the
// grammar reads most.
func BenchmarkParsePastes(b *testing.B) {
	var data []byte
	for _, dir := range []string{"../corpus/realworld", "../corpus/pastes"} {
		logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
		for _, l := range logs {
			d, err := os.ReadFile(l)
			if err != nil {
				b.Fatal(err)
			}
			data = append(append(data, d...), '\n')
		}
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		drain(b, data)
	}
}

// BenchmarkParseBlock is one worker of ParseParallel on one block of the benchmark log, the
// blocks' pools and repeat marking aside: the cost per line of the parse itself.
func BenchmarkParseBlock(b *testing.B) {
	data := benchLog(b)
	if len(data) > blockSize {
		data = data[:bytes.LastIndexByte(data[:blockSize], '\n')+1]
	}
	slab := make([]gcStore, blockSize/128)
	evs := make([]Event, 0, blockSize/128)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		evs, _, _ = parseBlock(data, 0, slab, evs[:0])
		clear(evs)
	}
}
