package parser

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// A Node.js diagnostic report is JSON over many lines, pasted whole or in part. The parser
// collects its lines from the first that can only be a report's (a "header" object, the
// "javascriptHeap" section, …) until its braces close or a line can no longer be JSON, then
// reads what it can: a report a paste cut off is read as far as it goes.

// reportStarts are the lines that start (a part of) a diagnostic report.
var reportStarts = []string{
	`"header": {`, `"header":{`, `"javascriptHeap": {`, `"javascriptHeap":{`, `"nativeStack": [`,
	`"javascriptStack": {`, `"resourceUsage": {`, `"heapSpaces": {`, `"reportVersion":`,
	`"dumpEventTime":`, `"libuv": [`, `"environmentVariables": {`, `"userLimits": {`, `"sharedObjects": [`,
	`"pc": "0x`, `"totalCommittedMemory":`, `"memoryLimit":`,
}

// maxReportBytes bounds the text of one report the parser holds; the rest is not read.
const maxReportBytes = 4 << 20

// reportAcc is a report being collected.
type reportAcc struct {
	text        strings.Builder
	first, last int
	depth       int
	opened      bool
	inString    bool
	escaped     bool
	// inner is set for a report whose first line is a key: it sits inside an object whose
	// opening brace it does not hold, so it ends when that object closes (its depth under
	// zero), not when the key's own value does.
	inner bool
}

// newReportAcc starts a report at its first line t. A report file (the whole JSON) opens with
// a lone "{" on the line before its first key; the report then holds that brace, so that all
// its sections are read as one report rather than one per section.
func newReportAcc(t string, line int, braceBefore bool) *reportAcc {
	r := &reportAcc{first: line, inner: strings.HasPrefix(t, `"`)}
	if r.inner && braceBefore {
		r.text.WriteString("{\n")
		r.depth, r.opened, r.inner = 1, true, false
	}
	return r
}

// startsReport reports whether a line (decorations removed) begins a diagnostic report.
func startsReport(t string) bool {
	if !strings.HasPrefix(t, `"`) && !strings.HasPrefix(t, "{") {
		return false
	}
	for _, s := range reportStarts {
		if strings.HasPrefix(t, s) || strings.HasPrefix(t, "{"+s) || strings.HasPrefix(t, "{ "+s) {
			return true
		}
	}
	return false
}

// mayBeJSON reports whether a line can continue a report: JSON text, not prose.
func mayBeJSON(t string) bool {
	if t == "" || t == "..." || strings.HasPrefix(t, "//") {
		return false
	}
	switch c := t[0]; {
	case c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == ',' || c == '-' || c >= '0' && c <= '9':
		return true
	}
	return t == "true" || t == "false" || t == "null" || strings.HasPrefix(t, "true,") ||
		strings.HasPrefix(t, "false,") || strings.HasPrefix(t, "null,")
}

// add takes one line; it returns false when the report ended before this line, which the
// caller then reads as usual.
func (r *reportAcc) add(t string, line int) bool {
	ended := r.opened && r.depth <= 0
	if r.inner {
		ended = r.depth < 0
	}
	if ended || !mayBeJSON(t) || r.text.Len()+len(t) > maxReportBytes {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case r.escaped:
			r.escaped = false
		case r.inString && c == '\\':
			r.escaped = true
		case c == '"':
			r.inString = !r.inString
		case r.inString:
		case c == '{' || c == '[':
			r.depth++
			r.opened = true
		case c == '}' || c == ']':
			r.depth--
		}
	}
	r.inString, r.escaped = false, false // a string never spans lines in a report
	r.text.WriteString(t)
	r.text.WriteByte('\n')
	r.last = line
	return true
}

// reportEvent reads the collected text. A part of a report without its opening brace, or cut
// before its end, is read as far as it goes.
func (r *reportAcc) event() *Report {
	text := r.text.String()
	rep := &Report{}
	if !strings.HasPrefix(strings.TrimSpace(text), "{") {
		text = "{" + text
		rep.Partial = true
	}
	w := &reportWalker{rep: rep, spaces: map[string]*ReportSpace{}}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if !w.walk(dec) || r.depth > 0 {
		rep.Partial = true
	}
	for _, name := range w.spaceOrder {
		rep.Spaces = append(rep.Spaces, *w.spaces[name])
	}
	return rep
}

// reportWalker reads a report token by token, keeping the path of keys to each value.
type reportWalker struct {
	rep        *Report
	path       []string
	spaces     map[string]*ReportSpace
	spaceOrder []string
}

// walk reads the tokens of one value at the current path; it returns false when the text ends
// or breaks first.
func (w *reportWalker) walk(dec *json.Decoder) bool {
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			for dec.More() {
				k, err := dec.Token()
				key, ok := k.(string)
				if err != nil || !ok {
					return false
				}
				w.path = append(w.path, key)
				ok = w.walk(dec)
				w.path = w.path[:len(w.path)-1]
				if !ok {
					return false
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				w.path = append(w.path, "[]")
				ok := w.walk(dec)
				w.path = w.path[:len(w.path)-1]
				if !ok {
					return false
				}
			}
		}
		_, err := dec.Token() // the closing delimiter
		return err == nil
	case string:
		w.value(v, nil)
	case json.Number:
		if f, err := v.Float64(); err == nil {
			w.value(v.String(), &f)
		}
	}
	return true
}

// value files one scalar by its key and the key of the object around it. A part of a report
// pasted without its outer objects has them missing, so each field is also taken where its
// parent is the top of the text.
func (w *reportWalker) value(s string, num *float64) {
	if num == nil {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			num = &f
		}
	}
	mb := func() *float64 {
		if num == nil || *num < 0 || math.IsInf(*num, 0) || math.IsNaN(*num) {
			return nil // not a size: a report never prints one below zero
		}
		v := *num / (1 << 20)
		return &v
	}
	n := len(w.path)
	key, parent, grand := w.path[n-1], "", ""
	if n >= 2 {
		parent = w.path[n-2]
	}
	if n >= 3 {
		grand = w.path[n-3]
	}
	under := func(p string) bool { return parent == p || parent == "" }
	r := w.rep
	switch {
	case under("header") && key == "event":
		r.Event = strPtr(s)
	case under("header") && key == "trigger":
		r.Trigger = strPtr(s)
	case under("header") && key == "processId" && num != nil:
		pid := int64(*num)
		r.PID = &pid
	case under("header") && key == "nodejsVersion":
		r.NodeVersion = strPtr(s)
	case parent == "componentVersions" && key == "v8":
		r.V8Version = strPtr(s)
	case key == "[]" && parent == "commandLine":
		r.CommandLine = append(r.CommandLine, s)
	case key == "NODE_OPTIONS":
		r.NodeOptions = strPtr(s)
	case under("javascriptHeap") && key == "memoryLimit":
		r.HeapLimitMB = mb()
	case under("javascriptHeap") && key == "usedMemory":
		r.HeapUsedMB = mb()
	case under("javascriptHeap") && key == "totalMemory":
		r.HeapTotalMB = mb()
	case under("javascriptHeap") && key == "availableMemory":
		r.HeapAvailableMB = mb()
	case under("resourceUsage") && key == "rss":
		r.RSSMB = mb()
	case under("resourceUsage") && key == "total_memory":
		r.TotalMemoryMB = mb()
	case under("resourceUsage") && key == "constrained_memory":
		// libuv reports "no limit" as the largest number it has.
		if v := mb(); v != nil && *v > 0 && *v < 1<<40 {
			r.CgroupLimitMB = v
		}
	case under("javascriptStack") && key == "message":
		r.JSMessage = strPtr(s)
	case key == "[]" && parent == "stack" && (grand == "javascriptStack" || grand == ""):
		if len(r.JSStack) < 20 {
			r.JSStack = append(r.JSStack, strings.TrimSpace(s))
		}
	case key == "symbol" && parent == "[]" && (grand == "nativeStack" || grand == ""):
		if len(r.NativeStack) < 40 {
			r.NativeStack = append(r.NativeStack, strings.TrimSpace(s))
		}
	case strings.HasSuffix(parent, "_space") && (grand == "heapSpaces" || grand == ""):
		w.space(parent, key, mb())
	}
}

// space files one figure of a heap space.
func (w *reportWalker) space(name, field string, mb *float64) {
	sp := w.spaces[name]
	if sp == nil {
		sp = &ReportSpace{Name: name}
		w.spaces[name] = sp
		w.spaceOrder = append(w.spaceOrder, name)
	}
	switch field {
	case "memorySize":
		sp.SizeMB = mb
	case "committedMemory":
		sp.CommittedMB = mb
	case "capacity":
		sp.CapacityMB = mb
	case "used":
		sp.UsedMB = mb
	case "available":
		sp.AvailableMB = mb
	}
}
