// Command mkbig builds a large --trace-gc log for benchmarks out of the real logs in corpus/:
// the GC lines of the corpus's healthy-churn runs, repeated with their times shifted so that
// the result reads as one long process (-variant single), or as three isolates of one process
// interleaved with application output (-variant interleaved).
//
//	go run ./bench/mkbig -size 1G -o bench/big.log
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
)

type gcLine struct {
	t    float64 // ms since the isolate started
	body string  // what follows "T ms: "
}

func main() {
	size := flag.String("size", "1G", "size of the log to write (K, M, G suffixes)")
	out := flag.String("o", "bench/big.log", "output file")
	variant := flag.String("variant", "single", "single or interleaved")
	flag.Parse()
	if err := run(*size, *out, *variant); err != nil {
		fmt.Fprintln(os.Stderr, "mkbig:", err)
		os.Exit(1)
	}
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n * mult, err
}

// source reads the live --trace-gc lines of the corpus's healthy-churn logs.
func source() ([]gcLine, error) {
	logs, _ := filepath.Glob("corpus/node-*/healthy-churn.log")
	if len(logs) == 0 {
		return nil, fmt.Errorf("no corpus/node-*/healthy-churn.log: run from the repository root")
	}
	var out []gcLine
	offset := 0.0 // the logs follow one another on one clock
	for _, log := range logs {
		f, err := os.Open(log)
		if err != nil {
			return nil, err
		}
		lines, err := readLines(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		evs, _, err := parser.All(strings.NewReader(strings.Join(lines, "\n")))
		if err != nil {
			return nil, err
		}
		for _, ev := range evs {
			if ev.Type != parser.TypeGC || ev.GC.InCrashDump || ev.GC.TimeMS == nil {
				continue
			}
			l := lines[ev.Line-1]
			i := strings.Index(l, " ms: ")
			if i < 0 {
				continue
			}
			out = append(out, gcLine{t: offset + *ev.GC.TimeMS, body: l[i+5:]})
		}
		if len(out) > 0 {
			offset = out[len(out)-1].t + 1
		}
	}
	return out, nil
}

func readLines(r io.Reader) ([]string, error) {
	var lines []string
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

func run(sizeFlag, out, variant string) error {
	size, err := parseSize(sizeFlag)
	if err != nil || size <= 0 {
		return fmt.Errorf("-size %q: want a size such as 1G or 250M", sizeFlag)
	}
	src, err := source()
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	isolates := []string{"0x2d3f8000"}
	if variant == "interleaved" {
		isolates = []string{"0x2d3f8000", "0x7f3a1c001000", "0x7f3a14001000"}
	} else if variant != "single" {
		return fmt.Errorf("-variant %q: want single or interleaved", variant)
	}
	clock := make([]float64, len(isolates)) // each isolate's own clock
	var written int64
	for round := 0; written < size; round++ {
		base := make([]float64, len(isolates))
		copy(base, clock)
		for i, g := range src {
			iso := i % len(isolates)
			t := base[iso] + g.t
			n, _ := fmt.Fprintf(w, "[4242:%s] %8.0f ms: %s\n", isolates[iso], t, g.body)
			written += int64(n)
			clock[iso] = t + 1
			if variant == "interleaved" && i%50 == 0 {
				n, _ := fmt.Fprintf(w, "[app] round %d handled %d requests\n", round, i)
				written += int64(n)
			}
			if written >= size {
				break
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
