package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
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
	p := parser.New(r)
	v8 := false
	for {
		ev, err := p.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", p.Stats().Lines+1, err)
		}
		v8 = v8 || ev.Type != parser.TypeUnknown
		if err := w.write(source, ev); err != nil {
			return err
		}
	}
	if !v8 {
		return errors.New(noV8Hint)
	}
	return nil
}

func (w *eventWriter) write(source string, ev parser.Event) error {
	if w.cw == nil {
		b, err := json.Marshal(ev)
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

func csvRow(source string, ev parser.Event) []string {
	row := make(map[string]string, 16)
	row["source"], row["type"], row["line"], row["end_line"] = source, string(ev.Type), strconv.Itoa(ev.Line), strconv.Itoa(ev.EndLine)
	origin := func(o parser.Origin) { row["pid"], row["isolate"] = i(o.PID), s(o.Isolate) }
	switch ev.Type {
	case parser.TypeGC:
		g := ev.GC
		origin(g.Origin)
		row["time_ms"], row["collector"], row["kind"] = f(g.TimeMS), s(g.Collector), s(g.Kind)
		row["qualifiers"] = strings.Join(g.Qualifiers, ";")
		row["heap_before_mb"], row["committed_before_mb"] = f(g.HeapBeforeMB), f(g.CommittedBeforeMB)
		row["heap_after_mb"], row["committed_after_mb"] = f(g.HeapAfterMB), f(g.CommittedAfterMB)
		row["pooled_mb"], row["pause_ms"], row["external_ms"] = f(g.PooledMB), f(g.PauseMS), f(g.ExternalMS)
		if g.Incremental != nil {
			row["incremental_marking_ms"], row["incremental_steps"] = f(g.Incremental.MarkingMS), i(g.Incremental.Steps)
		}
		row["mu_average"], row["mu_current"] = f(g.MuAverage), f(g.MuCurrent)
		row["reason"], row["comment"] = s(g.Reason), s(g.Comment)
		row["in_crash_dump"], row["repeat"], row["truncated"] = b(g.InCrashDump), b(g.Repeat), b(g.Truncated)
	case parser.TypeNVP:
		n := ev.NVP
		origin(n.Origin)
		row["time_ms"], row["collector"], row["kind"] = f(n.TimeMS), s(n.Collector), s(n.Kind)
		row["heap_before_mb"], row["heap_after_mb"], row["pause_ms"] = f(n.HeapBeforeMB), f(n.HeapAfterMB), f(n.PauseMS)
		row["reason"] = n.Strings["reason"]
	case parser.TypeHeapStats:
		h := ev.HeapStats
		origin(h.Origin)
		row["space"], row["used_kb"], row["available_kb"], row["committed_kb"] = h.Space, f(h.UsedKB), f(h.AvailableKB), f(h.CommittedKB)
	case parser.TypeFatal:
		x := ev.Fatal
		row["location"], row["message"], row["fatal_kind"], row["heap_oom"] = s(x.Location), s(x.Message), string(x.Kind), b(x.HeapOOM)
		row["printed_by"] = x.PrintedBy
	case parser.TypeJSFrame:
		x := ev.JSFrame
		row["index"], row["function"], row["file"] = i(x.Index), x.Function, s(x.File)
		row["position"] = i(x.Position)
	case parser.TypeNativeFrame:
		x := ev.NativeFrame
		row["index"], row["address"], row["symbol"], row["module"] = i(x.Index), s(x.Address), s(x.Symbol), s(x.Module)
	case parser.TypeMarker:
		row["name"], row["text"] = ev.Marker.Name, ev.Marker.Text
	case parser.TypeV8Other:
		x := ev.Other
		origin(x.Origin)
		row["time_ms"], row["name"], row["text"] = f(x.TimeMS), x.Name, x.Text
	case parser.TypeUnknown:
		row["text"] = ev.Unknown.Text
	}
	out := make([]string, len(csvColumns))
	for k, c := range csvColumns {
		out[k] = row[c]
	}
	return out
}
