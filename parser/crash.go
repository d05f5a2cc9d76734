package parser

import "strings"

// ReportWrittenText starts the line Node prints as it writes a diagnostic report to a file of
// its own (--report-on-fatalerror): "Writing Node.js report to file: report.<…>.json". The
// file's name follows, without its directory.
const ReportWrittenText = "Writing Node.js report to file:"

// The crash block: its section headers and fatal lines, native stack frames, and what is left
// of a "Last few GCs" entry that lost its start. The section the parser is in decides how a
// line without a prefix reads.

// looksLikeFragment reports whether text is the tail of a --trace-gc entry.
func looksLikeFragment(t string) bool {
	if strings.Contains(t, "(average mu = ") || strings.Contains(t, " steps since ") ||
		strings.Contains(t, "walltime since start of marking") {
		return true
	}
	r, c, _ := splitReasons(t)
	return knownReasons[r] || isKnownComment(c) || strings.HasSuffix(t, "ms") && len(t) < 40
}

func (p *Parser) emitFragment(text string, line, end int) {
	var g *gcTailG
	if i := strings.Index(text, "("); i >= 0 {
		g, _ = gcTailParser.ParseString("", text[i:])
		if g != nil && (g.Incr != nil || g.Mu != nil) {
			p.emit(Event{Type: TypeGC, Line: line, EndLine: end, GC: gcFragmentEvent(g, text[i:])})
			return
		}
	}
	// Only reasons (or nothing usable) survived. A reason that is not plain words is the rest
	// of an entry the ring (or a paste) cut elsewhere ("Mark-Compact (reduce) 15.3 (16.1) ->
	// 15.3 (16.1) MB, last resort"): no reason survived.
	ev := &GC{Truncated: true, InCrashDump: true}
	if r, c, complete := splitReasons(text); complete {
		if !knownReasons[r] && !plainWords(r) {
			r = ""
		}
		ev.Reason, ev.Comment = strPtr(r), strPtr(c)
	}
	p.emit(Event{Type: TypeGC, Line: line, EndLine: end, GC: ev})
}

func (p *Parser) enterNativeSection() {
	if p.section != sectionNative {
		p.section, p.sectionItems = sectionNative, 0
	}
}

// nativeFrame reads a native stack frame: the fast path, else the grammar.
func (p *Parser) nativeFrame(s string) (*NativeFrame, bool) {
	if f, ok := fastNativeFrame(s); fastPaths && ok {
		return f, true
	}
	g, err := nativeFrameParser.ParseString("", s)
	if err != nil && (g == nil || g.Index == "") {
		return nil, false
	}
	return nativeFrameEvent(g, s), true
}

func (p *Parser) processKeyword(kw, seg string, ev Event) {
	marker := func(name MarkerName) {
		ev.Type, ev.Marker = TypeMarker, &Marker{Name: name, Text: strings.TrimSpace(seg)}
		p.emit(ev)
	}
	fatal := func(f *Fatal) {
		ev.Type, ev.Fatal = TypeFatal, f
		p.emit(ev)
	}
	switch kw {
	case "<--- Last few GCs --->", "--- Last few GCs --->":
		p.section, p.ringEntries = sectionRing, 0
		marker(MarkerLastFewGCs)
		// A ring buffer that starts on the header's own line is a fragment, then entries.
		if rest := strings.TrimSpace(seg[len(kw):]); rest != "" {
			p.emitFragment(rest, ev.Line, ev.EndLine)
		}
	case "<--- JS stacktrace --->", "--- JS stacktrace --->":
		p.section, p.sectionItems = sectionJS, 0
		marker(MarkerJSStacktrace)
	case "==== JS stack trace":
		p.section, p.sectionItems = sectionJS, 0
		marker(MarkerJSStackTraceBlock)
	case "==== C stack trace":
		p.enterNativeSection()
		marker(MarkerCStackTrace)
	case "----- Native stack trace -----", "---- Native stack trace -----", "--- Native stack trace", "==== Native Stack Trace":
		p.enterNativeSection()
		marker(MarkerNativeStackTrace)
	case "Security context:":
		p.section = sectionJS
		marker(MarkerSecurityContext)
	case "Cannot get stack trace in GC.":
		marker(MarkerNoStackInGC)
	case "<--- Heap statistics --->", "<--- Near heap limit --->":
		marker(MarkerOther) // embedders' own headers (isolated-vm, Electron) around a crash
	case ReportWrittenText:
		marker(MarkerReportWritten)
	case "Node.js report completed":
		marker(MarkerReportCompleted)
	case "Wrote snapshot to ":
		// Node (--heapsnapshot-near-heap-limit) wrote a heap snapshot as the heap neared its
		// limit, and raised the limit to do so.
		marker(MarkerSnapshotWritten)
	case "FATAL ERROR:":
		p.enterNativeSection()
		if f, ok := fastFatal(seg); fastPaths && ok {
			fatal(f)
			break
		}
		g, _ := fatalParser.ParseString("", seg)
		if g == nil {
			g = &fatalLineG{}
		}
		fatal(fatalEvent(g, seg))
	case "# Fatal", "#Fatal ", "#FailureMessage", "# Debug check failed:", "# Check failed:", "# API fatal error handler returned after":
		if kw == "#Fatal " {
			seg = "# Fatal " + seg[len(kw):]
		}
		p.enterNativeSection()
		g, _ := bannerParser.ParseString("", seg)
		if g == nil {
			g = &bannerLineG{}
		}
		if f, m := bannerEvent(g, seg); f != nil {
			fatal(f)
		} else {
			ev.Type, ev.Marker = TypeMarker, m
			p.emit(ev)
		}
	case "OOM error in V8:", "V8 javascript OOM (", "V8 process OOM (":
		p.enterNativeSection()
		g, _ := embedderOOMParser.ParseString("", seg)
		if g == nil {
			g = &embedderOOMG{}
		}
		fatal(embedderOOMEvent(g, seg))
	case "Fatal JavaScript out of memory:", "Fatal JavaScript invalid size error":
		// V8's banner without its "#" (an embedder that logs it on one line, a user who
		// pasted only the line that names the error).
		p.enterNativeSection()
		g, _ := bannerParser.ParseString("", "# "+seg)
		if f, _ := bannerEvent(g, "# "+seg); g != nil && f != nil {
			fatal(f)
		} else {
			marker(MarkerOther)
		}
	case "Fatal error in V8:":
		// Old Electron: "Fatal error in V8: CALL_AND_RETRY_LAST Allocation failed - …".
		p.enterNativeSection()
		in := "FATAL ERROR: " + strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(seg), kw))
		g, _ := fatalParser.ParseString("", in)
		if g == nil {
			g = &fatalLineG{}
		}
		f := fatalEvent(g, in)
		f.PrintedBy = "electron"
		fatal(f)
	case "Fatal process out of memory:":
		p.enterNativeSection()
		g, _ := embedderOOMParser.ParseString("", seg)
		if g == nil || !g.Process {
			g = &embedderOOMG{Process: true}
		}
		fatal(embedderOOMEvent(g, seg))
	case "terminate called after throwing an instance of 'std::bad_alloc'":
		// C++'s operator new failed: native memory ran out, in V8 outside its heap or in an
		// addon; the abort that follows is the C++ runtime's.
		p.enterNativeSection()
		f := newFatal("", "std::bad_alloc", "native")
		f.Kind = FatalProcessOOM
		fatal(f)
	case "Worker terminated due to reaching memory limit":
		// Node: "Error [ERR_WORKER_OUT_OF_MEMORY]: Worker terminated …"; Deno: "[Error: Worker
		// terminated …] {".
		msg := strings.TrimSpace(seg)
		if i := strings.IndexByte(msg, ']'); i >= 0 {
			msg = strings.TrimSpace(msg[:i])
		}
		f := newFatal("", msg, "worker")
		f.Kind, f.HeapOOM = FatalWorkerOOM, true
		fatal(f)
	case "RangeError: Map maximum size exceeded", "RangeError: Set maximum size exceeded", "RangeError: Value undefined out of range for undefined options property undefined",
		"RangeError: Invalid array length", "RangeError: Invalid string length", "RangeError: Invalid typed array length",
		"RangeError: Maximum call stack size exceeded", "RangeError: Maximum BigInt size exceeded",
		"RangeError: Invalid array buffer length", "RangeError: Array buffer allocation failed",
		"RangeError [ERR_BUFFER_TOO_LARGE]", "Error [ERR_STRING_TOO_LONG]", "Error: Cannot create a string longer than", "Error: \"toString()\" failed",
		"RangeError [ERR_FS_FILE_TOO_LARGE]", "WebAssembly.Memory(): could not allocate memory", "WebAssembly.instantiate(): Out of memory", "RangeError: WebAssembly.Memory.grow():", "RuntimeError: Aborted(OOM)", "RuntimeError: abort(OOM)",
		"RangeError: length > kMaxLength", "RangeError: Attempt to allocate Buffer larger than maximum size",
		"RangeError: \"size\" argument must not be larger than",
		"RangeError [ERR_OUT_OF_RANGE]: The value of \"size\" is out of range",
		"RangeError [ERR_OUT_OF_RANGE]: The value of \"length\" is out of range":
		fatal(jsErrorEvent(seg))
	default:
		marker(MarkerOther)
	}
}

// plainWords reports whether s is made of the bytes of a plain-word reason.
func plainWords(s string) bool {
	for k := 0; k < len(s); k++ {
		if !reasonByte(s[k]) {
			return false
		}
	}
	return true
}
