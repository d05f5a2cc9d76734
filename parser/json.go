package parser

import (
	"bytes"
	"encoding/json"
	"strconv"
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
	case TypeUnknown:
		return e.Unknown
	}
	return nil
}

// MarshalJSON writes the event as one flat object: type, line, end_line (when it spans
// several lines), then the fields of its kind.
func (e Event) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":`)
	b.WriteString(strconv.Quote(string(e.Type)))
	b.WriteString(`,"line":`)
	b.WriteString(strconv.Itoa(e.Line))
	if e.EndLine != 0 && e.EndLine != e.Line {
		b.WriteString(`,"end_line":`)
		b.WriteString(strconv.Itoa(e.EndLine))
	}
	body, err := json.Marshal(e.payload())
	if err != nil {
		return nil, err
	}
	if len(body) > 2 && body[0] == '{' {
		b.WriteByte(',')
		b.Write(body[1:])
	} else {
		b.WriteByte('}')
	}
	return b.Bytes(), nil
}
