package main

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gcanalyze/gcanalyze/internal/decimal"

	"github.com/gcanalyze/gcanalyze/parser"
)

// The CSV rows of the events command, written straight into a buffer: the hot GC event cell
// by cell from its fields, every other event from csvRow. The bytes are those encoding/csv
// writes for csvRow's cells (TestCSVRowsMatchEncodingCSV holds them to it on the corpus).

// appendCSVRow appends the row of ev, with its line end.
func appendCSVRow(b []byte, source string, ev parser.Event) []byte {
	if ev.Type != parser.TypeGC || ev.GC == nil {
		return appendCSVRecord(b, csvRow(source, ev))
	}
	g := ev.GC
	b = appendCSVField(b, source)
	b = append(b, ",gc,"...)
	b = strconv.AppendInt(b, int64(ev.Line), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ev.EndLine), 10)
	b = append(b, ',')
	b = appendIntCell(b, g.PID)
	b = append(b, ',')
	b = appendStringCell(b, g.Isolate)
	b = append(b, ',')
	b = appendFloatCell(b, g.TimeMS)
	b = append(b, ',')
	b = appendStringCell(b, g.Collector)
	b = append(b, ',')
	b = appendStringCell(b, (*string)(g.Kind))
	b = append(b, ',')
	b = appendCSVField(b, strings.Join(g.Qualifiers, ";"))
	for _, v := range []*float64{g.HeapBeforeMB, g.CommittedBeforeMB, g.HeapAfterMB, g.CommittedAfterMB, g.PooledMB, g.PauseMS, g.ExternalMS} {
		b = append(b, ',')
		b = appendFloatCell(b, v)
	}
	b = append(b, ',')
	if g.Incremental != nil {
		b = appendFloatCell(b, g.Incremental.MarkingMS)
		b = append(b, ',')
		b = appendIntCell(b, g.Incremental.Steps)
	} else {
		b = append(b, ',')
	}
	b = append(b, ',')
	b = appendFloatCell(b, g.MuAverage)
	b = append(b, ',')
	b = appendFloatCell(b, g.MuCurrent)
	b = append(b, ',')
	b = appendStringCell(b, g.Reason)
	b = append(b, ',')
	b = appendStringCell(b, g.Comment)
	for _, v := range []bool{g.InCrashDump, g.Repeat, g.Truncated} {
		b = append(b, ',')
		b = strconv.AppendBool(b, v)
	}
	// The columns of the other event types, empty.
	for range len(csvColumns) - csvGCColumns {
		b = append(b, ',')
	}
	return append(b, '\n')
}

// csvGCColumns is the number of columns a GC fills, from "source" to "truncated".
var csvGCColumns = csvIndex["truncated"] + 1

func appendFloatCell(b []byte, p *float64) []byte {
	if p == nil {
		return b
	}
	return decimal.AppendF(b, *p)
}

func appendIntCell(b []byte, p *int64) []byte {
	if p == nil {
		return b
	}
	return strconv.AppendInt(b, *p, 10)
}

func appendStringCell(b []byte, p *string) []byte {
	if p == nil {
		return b
	}
	return appendCSVField(b, *p)
}

// appendCSVRecord appends cells as one CSV record, with its line end.
func appendCSVRecord(b []byte, cells []string) []byte {
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, c)
	}
	return append(b, '\n')
}

// appendCSVField appends one cell, quoted where encoding/csv quotes it: a comma, a quote or a
// line break in it, a space of any kind first, or the lone `\.`.
func appendCSVField(b []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' {
			b = append(b, `""`...)
		} else {
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		// A loop over the bytes: strings.ContainsAny builds its set on every call, and the
		// events writer asks for every cell of every line.
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
