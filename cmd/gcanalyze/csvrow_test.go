package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
	"github.com/gcanalyze/gcanalyze/parser"
)

// TestCSVRowsMatchEncodingCSV holds the events command's CSV writer to encoding/csv writing
// csvRow's cells, event by event, over the whole corpus and a few cells that need quoting.
func TestCSVRowsMatchEncodingCSV(t *testing.T) {
	check := func(what string, ev parser.Event) {
		var want bytes.Buffer
		cw := csv.NewWriter(&want)
		_ = cw.Write(csvRow("logs/a,b.log", ev))
		cw.Flush()
		if got := appendCSVRow(nil, "logs/a,b.log", ev); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%s line %d:\n got %q\nwant %q", what, ev.Line, got, want.Bytes())
		}
	}
	odd := []string{" lead", "a\"b", "x\r\ny", "cr\ronly", `\.`, "\u00a0nbsp", "tab\tin", ""}
	for _, s := range odd {
		check("odd reason", parser.Event{Type: parser.TypeGC, Line: 1, EndLine: 1, GC: &parser.GC{Reason: &s, Qualifiers: []string{s, "reduce"}}})
		check("odd text", parser.Event{Type: parser.TypeUnknown, Line: 1, EndLine: 1, Unknown: &parser.Unknown{Text: s}})
	}
	for _, log := range corpustest.Logs(t) {
		f, err := corpustest.Open(log)
		if err != nil {
			t.Fatal(err)
		}
		p := parser.New(f)
		for {
			ev, err := p.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			check(log, ev)
		}
		f.Close()
	}
}

// BenchmarkCSVRows writes the events of a real log (parsed once) as CSV rows: the writer's
// share of `events --format csv`.
func BenchmarkCSVRows(b *testing.B) {
	f, err := corpustest.Open("../../corpus/node-24/healthy-churn.log")
	if err != nil {
		b.Skip(err)
	}
	evs, st, err := parser.All(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	var buf []byte
	b.ResetTimer()
	for range b.N {
		buf = buf[:0]
		for _, ev := range evs {
			buf = appendCSVRow(buf, "bench", ev)
		}
	}
}

// TestCSVProcessRows: a process `gcanalyze run` traced is named in the text column by its
// command line, a worker thread by its thread id.
func TestCSVProcessRows(t *testing.T) {
	pid := int64(7)
	for _, c := range []struct {
		pr   parser.Process
		want string
	}{
		{parser.Process{Origin: parser.Origin{PID: &pid}, NodeVersion: "v20.20.2", Argv: []string{"/usr/bin/node", "app.js"}}, "/usr/bin/node app.js"},
		{parser.Process{Origin: parser.Origin{PID: &pid}, NodeVersion: "v20.20.2", Worker: true, ThreadID: 3}, "worker thread 3"},
	} {
		row := csvRow("run.log", parser.Event{Type: parser.TypeProcess, Line: 1, EndLine: 1, Process: &c.pr})
		if !slices.Contains(row, c.want) || !slices.Contains(row, "7") {
			t.Errorf("row %q: want the pid and %q", row, c.want)
		}
	}
}
