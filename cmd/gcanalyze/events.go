package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
)

// eventWriter prints events as JSON Lines (each with its source) or as one CSV table.
type eventWriter struct {
	format string
	bw     *bufio.Writer
	cw     *csv.Writer
}

// csvColumns are the CSV header: every field of every event type, flattened.
var csvColumns = []string{
	"source", "type", "line", "end_line", "pid", "isolate", "time_ms", "collector", "kind", "qualifiers",
	"heap_before_mb", "committed_before_mb", "heap_after_mb", "committed_after_mb", "pooled_mb",
	"pause_ms", "external_ms", "incremental_marking_ms", "incremental_steps", "mu_average", "mu_current",
	"reason", "comment", "in_crash_dump", "repeat", "truncated",
	"space", "used_kb", "available_kb", "committed_kb",
	"location", "message", "fatal_kind", "heap_oom", "printed_by",
	"index", "function", "file", "position", "address", "symbol", "module", "name", "text",
}

func newEventWriter(w io.Writer, format string) *eventWriter {
	ew := &eventWriter{format: format, bw: bufio.NewWriterSize(w, 64<<10)}
	if format == "csv" {
		ew.cw = csv.NewWriter(ew.bw)
		_ = ew.cw.Write(csvColumns)
	}
	return ew
}

func (w *eventWriter) writeAll(source string, r io.Reader) error {
	v8 := false
	var werr error
	// Parsed on all cores; written in order as the events come.
	_, err := parser.ParseParallel(r, 0, func(evs []parser.Event) {
		for i := range evs {
			v8 = v8 || evs[i].Type != parser.TypeUnknown
			if werr == nil {
				werr = w.write(source, evs[i])
			}
		}
	})
	if err != nil {
		return err
	}
	if werr != nil {
		return werr
	}
	if !v8 {
		return errors.New(noV8Hint)
	}
	return nil
}

func (w *eventWriter) write(source string, ev parser.Event) error {
	if w.cw == nil {
		b, err := ev.MarshalJSON() // directly: json.Marshal would re-scan the output
		if err != nil {
			return err
		}
		// Insert the source as the first member.
		w.bw.WriteString(`{"source":`)
		src, _ := json.Marshal(source)
		w.bw.Write(src)
		w.bw.WriteByte(',')
		w.bw.Write(b[1:])
		return w.bw.WriteByte('\n')
	}
	return w.cw.Write(csvRow(source, ev))
}

func (w *eventWriter) flush() error {
	if w.cw != nil {
		w.cw.Flush()
		if err := w.cw.Error(); err != nil {
			return err
		}
	}
	return w.bw.Flush()
}

func f(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func s(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func i(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func b(v bool) string { return strconv.FormatBool(v) }

// csvIndex maps a column name to its position.
var csvIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range csvColumns {
		m[c] = i
	}
	return m
}()

// csvFields is a row under construction: fields set by column name.
type csvFields []string

func (f csvFields) set(pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		f[csvIndex[pairs[i]]] = pairs[i+1]
	}
}

func csvRow(source string, ev parser.Event) []string {
	out := make(csvFields, len(csvColumns))
	out.set("source", source, "type", string(ev.Type), "line", strconv.Itoa(ev.Line), "end_line", strconv.Itoa(ev.EndLine))
	origin := func(o parser.Origin) { out.set("pid", i(o.PID), "isolate", s(o.Isolate)) }
	switch ev.Type {
	case parser.TypeGC:
		g := ev.GC
		origin(g.Origin)
		out.set("time_ms", f(g.TimeMS), "collector", s(g.Collector), "kind", s((*string)(g.Kind)))
		out.set("qualifiers", strings.Join(g.Qualifiers, ";"))
		out.set("heap_before_mb", f(g.HeapBeforeMB), "committed_before_mb", f(g.CommittedBeforeMB))
		out.set("heap_after_mb", f(g.HeapAfterMB), "committed_after_mb", f(g.CommittedAfterMB))
		out.set("pooled_mb", f(g.PooledMB), "pause_ms", f(g.PauseMS), "external_ms", f(g.ExternalMS))
		if g.Incremental != nil {
			out.set("incremental_marking_ms", f(g.Incremental.MarkingMS), "incremental_steps", i(g.Incremental.Steps))
		}
		out.set("mu_average", f(g.MuAverage), "mu_current", f(g.MuCurrent))
		out.set("reason", s(g.Reason), "comment", s(g.Comment))
		out.set("in_crash_dump", b(g.InCrashDump), "repeat", b(g.Repeat), "truncated", b(g.Truncated))
	case parser.TypeNVP:
		n := ev.NVP
		origin(n.Origin)
		out.set("time_ms", f(n.TimeMS), "collector", s(n.Collector), "kind", s((*string)(n.Kind)))
		out.set("heap_before_mb", f(n.HeapBeforeMB), "heap_after_mb", f(n.HeapAfterMB), "pause_ms", f(n.PauseMS))
		out.set("reason", n.Strings["reason"])
	case parser.TypeHeapStats:
		h := ev.HeapStats
		origin(h.Origin)
		out.set("space", h.Space, "used_kb", f(h.UsedKB), "available_kb", f(h.AvailableKB), "committed_kb", f(h.CommittedKB))
	case parser.TypeFatal:
		x := ev.Fatal
		out.set("location", s(x.Location), "message", s(x.Message), "fatal_kind", string(x.Kind), "heap_oom", b(x.HeapOOM))
		out.set("printed_by", x.PrintedBy)
	case parser.TypeJSFrame:
		x := ev.JSFrame
		out.set("index", i(x.Index), "function", x.Function, "file", s(x.File))
		out.set("position", i(x.Position))
	case parser.TypeNativeFrame:
		x := ev.NativeFrame
		out.set("index", i(x.Index), "address", s(x.Address), "symbol", s(x.Symbol), "module", s(x.Module))
	case parser.TypeMarker:
		out.set("name", string(ev.Marker.Name), "text", ev.Marker.Text)
	case parser.TypeV8Other:
		x := ev.Other
		origin(x.Origin)
		out.set("time_ms", f(x.TimeMS), "name", string(x.Name), "text", x.Text)
	case parser.TypeUnknown:
		out.set("text", ev.Unknown.Text)
	}
	return out
}
