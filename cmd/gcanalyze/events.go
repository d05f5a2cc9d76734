package main

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/input"
	"github.com/gcanalyze/gcanalyze/parser"
	"github.com/urfave/cli/v2"
)

// eventFormats are the formats of the events command, the default first.
var eventFormats = []string{"jsonl", "csv"}

// eventWriter prints events as JSON Lines (each with its source) or as one CSV table.
type eventWriter struct {
	bw  *bufio.Writer
	csv bool
	// source and open are the input being written and the JSON object's opening with it;
	// buf is reused for each line.
	source, open string
	buf          []byte
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

func (a *app) eventsCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "events",
		Usage:     "print every typed event (GCs, crash lines, frames…) as JSON Lines or CSV",
		ArgsUsage: "FILE|DIR|ARCHIVE|- ...",
		Description: "Examples:\n" +
			"   gcanalyze events gc.log | jq 'select(.type==\"gc\") | .pause_ms'\n" +
			"   gcanalyze events gc.log --format csv > gc.csv",
		Flags: []cli.Flag{
			formatFlag(eventFormats, ""),
		},
		Action: func(c *cli.Context) error {
			if err := needInputs(c); err != nil {
				return err
			}
			format, err := choice(c, "format", eventFormats)
			if err != nil {
				return err
			}
			w := newEventWriter(a.stdout, format)
			docs := newNotLogs(c.Args().Slice())
			errs := input.Each(c.Args().Slice(), a.stdin, docs.count(func(name string, r io.Reader) error {
				return w.writeAll(name, r)
			}))
			if err := w.flush(); err != nil {
				return err
			}
			a.finishInputs(docs, errs)
			return nil
		},
	})
}

func newEventWriter(w io.Writer, format string) *eventWriter {
	ew := &eventWriter{bw: bufio.NewWriterSize(w, 64<<10)}
	if format == "csv" {
		ew.csv = true
		ew.buf = appendCSVRecord(ew.buf[:0], csvColumns)
		_, _ = ew.bw.Write(ew.buf)
	}
	return ew
}

func (w *eventWriter) writeAll(source string, r io.Reader) error {
	var sniff parser.Sniffer
	var werr error
	// Parsed on all cores; written in order as the events come.
	stats, err := parser.ParseParallel(r, 0, func(evs []parser.Event) {
		for i := range evs {
			sniff.Observe(&evs[i])
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
	return sniff.Err(stats)
}

func (w *eventWriter) write(source string, ev parser.Event) error {
	if w.csv {
		w.buf = appendCSVRow(w.buf[:0], source, ev)
		_, err := w.bw.Write(w.buf)
		return err
	}
	if source != w.source || w.open == "" {
		src, _ := json.Marshal(source)
		w.source, w.open = source, `{"source":`+string(src)+","
	}
	// Directly, into one reused buffer: json.Marshal would re-scan the output.
	b, err := ev.AppendJSON(w.buf[:0], w.open)
	if err != nil {
		return err
	}
	w.buf = append(b, '\n')
	_, err = w.bw.Write(w.buf)
	return err
}

func (w *eventWriter) flush() error { return w.bw.Flush() }

// The CSV cells of optional values: empty when the log does not carry the value.

func floatCell(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func stringCell(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func intCell(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func boolCell(v bool) string { return strconv.FormatBool(v) }

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
	origin := func(o parser.Origin) { out.set("pid", intCell(o.PID), "isolate", stringCell(o.Isolate)) }
	switch ev.Type {
	case parser.TypeGC:
		g := ev.GC
		origin(g.Origin)
		out.set("time_ms", floatCell(g.TimeMS), "collector", stringCell(g.Collector), "kind", stringCell((*string)(g.Kind)))
		out.set("qualifiers", strings.Join(g.Qualifiers, ";"))
		out.set("heap_before_mb", floatCell(g.HeapBeforeMB), "committed_before_mb", floatCell(g.CommittedBeforeMB))
		out.set("heap_after_mb", floatCell(g.HeapAfterMB), "committed_after_mb", floatCell(g.CommittedAfterMB))
		out.set("pooled_mb", floatCell(g.PooledMB), "pause_ms", floatCell(g.PauseMS), "external_ms", floatCell(g.ExternalMS))
		if g.Incremental != nil {
			out.set("incremental_marking_ms", floatCell(g.Incremental.MarkingMS), "incremental_steps", intCell(g.Incremental.Steps))
		}
		out.set("mu_average", floatCell(g.MuAverage), "mu_current", floatCell(g.MuCurrent))
		out.set("reason", stringCell(g.Reason), "comment", stringCell(g.Comment))
		out.set("in_crash_dump", boolCell(g.InCrashDump), "repeat", boolCell(g.Repeat), "truncated", boolCell(g.Truncated))
	case parser.TypeNVP:
		n := ev.NVP
		origin(n.Origin)
		out.set("time_ms", floatCell(n.TimeMS), "collector", stringCell(n.Collector), "kind", stringCell((*string)(n.Kind)))
		out.set("heap_before_mb", floatCell(n.HeapBeforeMB), "heap_after_mb", floatCell(n.HeapAfterMB), "pause_ms", floatCell(n.PauseMS))
		out.set("reason", n.Strings["reason"])
	case parser.TypeHeapStats:
		h := ev.HeapStats
		origin(h.Origin)
		out.set("space", h.Space, "used_kb", floatCell(h.UsedKB), "available_kb", floatCell(h.AvailableKB), "committed_kb", floatCell(h.CommittedKB))
	case parser.TypeFatal:
		x := ev.Fatal
		out.set("location", stringCell(x.Location), "message", stringCell(x.Message), "fatal_kind", string(x.Kind), "heap_oom", boolCell(x.HeapOOM))
		out.set("printed_by", x.PrintedBy)
		if x.Echo {
			out.set("repeat", boolCell(true)) // a logger's second copy of the line before
		}
	case parser.TypeJSFrame:
		x := ev.JSFrame
		out.set("index", intCell(x.Index), "function", x.Function, "file", stringCell(x.File))
		out.set("position", intCell(x.Position))
	case parser.TypeNativeFrame:
		x := ev.NativeFrame
		out.set("index", intCell(x.Index), "address", stringCell(x.Address), "symbol", stringCell(x.Symbol), "module", stringCell(x.Module))
	case parser.TypeMarker:
		out.set("name", string(ev.Marker.Name), "text", ev.Marker.Text)
	case parser.TypeV8Other:
		x := ev.Other
		origin(x.Origin)
		out.set("time_ms", floatCell(x.TimeMS), "name", string(x.Name), "text", x.Text)
	case parser.TypeReport:
		x := ev.Report
		out.set("name", "report", "message", stringCell(x.Event), "location", stringCell(x.Trigger), "pid", intCell(x.PID))
		out.set("text", strings.Join(x.CommandLine, " "))
	case parser.TypeMemory:
		x := ev.Memory
		names := make([]string, 0, len(x.Values))
		for k := range x.Values {
			names = append(names, k)
		}
		sort.Strings(names)
		for i, k := range names {
			names[i] = k + "=" + strconv.FormatFloat(x.Values[k], 'f', -1, 64)
		}
		out.set("name", x.Printer, "text", strings.Join(names, ";"))
	case parser.TypeHeapFlag:
		x := ev.HeapFlag
		out.set("name", x.Name+"="+strconv.FormatFloat(x.MB, 'f', -1, 64), "text", x.Text)
	case parser.TypeProcess:
		x := ev.Process
		text := strings.Join(x.Argv, " ")
		if x.Worker {
			text = "worker thread " + strconv.FormatInt(x.ThreadID, 10)
		}
		out.set("name", x.NodeVersion, "pid", intCell(x.PID), "text", text)
	case parser.TypeUnknown:
		out.set("text", ev.Unknown.Text)
	}
	return out
}
