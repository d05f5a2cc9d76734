package parser

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/gcanalyze/gcanalyze/internal/decimal"
)

// payload returns the type-specific part of the event.
func (e Event) payload() any {
	switch e.Type {
	case TypeGC:
		return e.GC
	case TypeNVP:
		return e.NVP
	case TypeHeapStats:
		return e.HeapStats
	case TypeFatal:
		return e.Fatal
	case TypeJSFrame:
		return e.JSFrame
	case TypeNativeFrame:
		return e.NativeFrame
	case TypeMarker:
		return e.Marker
	case TypeV8Other:
		return e.Other
	case TypeReport:
		return e.Report
	case TypeMemory:
		return e.Memory
	case TypeHeapFlag:
		return e.HeapFlag
	case TypeProcess:
		return e.Process
	case TypeUnknown:
		return e.Unknown
	}
	return nil
}

// MarshalJSON writes the event as one flat object: type, line, end_line (when it spans
// several lines), then the fields of its kind.
func (e Event) MarshalJSON() ([]byte, error) { return e.AppendJSON(make([]byte, 0, 512), "{") }

// AppendJSON appends the event as MarshalJSON writes it to b, opened with open instead of
// "{" — `{"source":"app.log",` for the events command — without an allocation of its own
// for the common event.
func (e Event) AppendJSON(b []byte, open string) ([]byte, error) {
	b = append(b, open...)
	b = append(b, `"type":`...)
	b = strconv.AppendQuote(b, string(e.Type))
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(e.Line), 10)
	if e.EndLine != 0 && e.EndLine != e.Line {
		b = append(b, `,"end_line":`...)
		b = strconv.AppendInt(b, int64(e.EndLine), 10)
	}
	if e.Type == TypeGC && e.GC != nil {
		// The common event, without reflection: its object is written in place, its
		// opening brace turned into the comma that joins it.
		at := len(b)
		b = appendGCJSON(b, e.GC)
		b[at] = ','
		return b, nil
	}
	body, err := json.Marshal(e.payload())
	if err != nil {
		return nil, err
	}
	if len(body) > 2 && body[0] == '{' {
		b = append(append(b, ','), body[1:]...)
	} else {
		b = append(b, '}')
	}
	return b, nil
}

// appendGCJSON appends a GC as encoding/json writes it (same fields, order and number format),
// several times faster. TestGCJSONMatchesEncodingJSON holds it to that on the whole corpus.
func appendGCJSON(b []byte, g *GC) []byte {
	b = append(b, `{"pid":`...)
	b = appendIntPtr(b, g.PID)
	b = append(b, `,"isolate":`...)
	b = appendStrPtr(b, g.Isolate)
	b = append(b, `,"time_ms":`...)
	b = appendFloatPtr(b, g.TimeMS)
	b = append(b, `,"collector":`...)
	b = appendStrPtr(b, g.Collector)
	b = append(b, `,"kind":`...)
	b = appendStrPtr(b, g.Kind)
	b = append(b, `,"qualifiers":`...)
	if g.Qualifiers == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, q := range g.Qualifiers {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, q)
		}
		b = append(b, ']')
	}
	for _, f := range []struct {
		name string
		v    *float64
	}{{"heap_before_mb", g.HeapBeforeMB}, {"committed_before_mb", g.CommittedBeforeMB}, {"heap_after_mb", g.HeapAfterMB},
		{"committed_after_mb", g.CommittedAfterMB}, {"pooled_mb", g.PooledMB}, {"pause_ms", g.PauseMS}, {"external_ms", g.ExternalMS}} {
		b = append(b, `,"`...)
		b = append(b, f.name...)
		b = append(b, `":`...)
		b = appendFloatPtr(b, f.v)
	}
	b = append(b, `,"incremental":`...)
	if in := g.Incremental; in == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"marking_ms":`...)
		b = appendFloatPtr(b, in.MarkingMS)
		b = append(b, `,"steps":`...)
		b = appendIntPtr(b, in.Steps)
		b = append(b, `,"biggest_step_ms":`...)
		b = appendFloatPtr(b, in.BiggestStepMS)
		b = append(b, `,"walltime_ms":`...)
		b = appendFloatPtr(b, in.WalltimeMS)
		b = append(b, `,"since":`...)
		b = appendStrPtr(b, in.Since)
		b = append(b, '}')
	}
	b = append(b, `,"mu_average":`...)
	b = appendFloatPtr(b, g.MuAverage)
	b = append(b, `,"mu_current":`...)
	b = appendFloatPtr(b, g.MuCurrent)
	b = append(b, `,"reason":`...)
	b = appendStrPtr(b, g.Reason)
	b = append(b, `,"comment":`...)
	b = appendStrPtr(b, g.Comment)
	b = append(b, `,"in_crash_dump":`...)
	b = strconv.AppendBool(b, g.InCrashDump)
	b = append(b, `,"repeat":`...)
	b = strconv.AppendBool(b, g.Repeat)
	b = append(b, `,"truncated":`...)
	b = strconv.AppendBool(b, g.Truncated)
	return append(b, '}')
}

func appendIntPtr(b []byte, v *int64) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, *v, 10)
}

func appendStrPtr[S ~string](b []byte, v *S) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	return appendString(b, string(*v))
}

// appendString writes a JSON string; text with anything encoding/json would escape goes
// through encoding/json itself.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendFloatPtr writes a number as encoding/json does: 'f' format, or 'e' for very small or
// large magnitudes with a two-digit exponent trimmed ("1e-07" → "1e-7").
func appendFloatPtr(b []byte, v *float64) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	f := *v
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...) // not reached: the parser keeps numbers finite
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	if format == 'f' && abs < 1e15 {
		if d, ok := decimal.AppendShort(b, f); ok {
			return d
		}
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b) - start
		if n >= 4 && b[len(b)-4] == 'e' && b[len(b)-3] == '-' && b[len(b)-2] == '0' {
			b[len(b)-2] = b[len(b)-1]
			b = b[:len(b)-1]
		}
	}
	return b
}
