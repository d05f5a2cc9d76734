package parser

import (
	"strconv"
	"strings"
)

// Classification: a logical line is cut at its anchors (normalize.go), and each piece goes to
// the reader of its shape — a --trace-gc entry, an NVP line, a verbose heap row, a crash-block
// keyword, a stack frame — or becomes an Other or an Unknown event.

// processLine classifies one logical line and queues its events.
func (p *Parser) processLine(text string, line, end int) {
	braceBefore := p.braceOpen
	p.braceOpen = p.report == nil && strings.Contains(text, "{") && stripDecoration(text) == "{"
	if p.report != nil || strings.Contains(text, `"`) && startsReport(stripDecoration(text)) {
		t := stripDecoration(text)
		if p.report == nil {
			p.report = newReportAcc(t, line, braceBefore)
		}
		if p.report.add(t, end) {
			return
		}
		p.endReport()
	}
	if stripDecoration(text) == "" {
		p.stats.Blank++
		switch {
		case p.section == sectionRing && p.ringEntries > 0:
			p.section = sectionNone
		case (p.section == sectionNative || p.section == sectionJS) && p.sectionItems > 0:
			p.section = sectionNone
		}
		return
	}
	quoted := p.sourceNext
	p.sourceNext = errorSourceHeader(stripDecoration(text))
	anchors := findAnchors(text)
	if quoted && onlyKeywords(anchors) {
		// The program's code, quoted under the place an uncaught error was thrown: a
		// comment or a string there that names an error ("// throws RangeError: Invalid
		// string length") is not the error, which Node prints after the caret line.
		p.processBare(text, line, end)
		return
	}
	if len(anchors) == 0 {
		p.processBare(text, line, end)
		return
	}
	if lead := text[:anchors[0].pos]; stripDecoration(lead) != "" && p.section == sectionRing &&
		anchors[0].kind != anchorKeyword && p.ringEntries == 0 {
		// The ring buffer's oldest entry lost its start: what is left precedes the first entry.
		p.emitFragment(lead, line, end)
	}
	for i, a := range anchors {
		stop := len(text)
		if i+1 < len(anchors) {
			stop = anchors[i+1].pos
		}
		seg := text[a.pos:stop]
		glued := i+1 < len(anchors) && (anchors[i+1].kind == anchorPrefix || anchors[i+1].kind == anchorBareGC)
		p.processSegment(a, seg, glued, line, end)
	}
}

// errorSourceHeader reports the line Node prints above the source line of an uncaught error:
// the file and the line number alone ("/srv/app/export.js:70", "file:///srv/app/main.mjs:12",
// "node:internal/process/task_queues:95", "C:\app\index.js:7").
func errorSourceHeader(t string) bool {
	i := strings.LastIndexByte(t, ':')
	if i <= 0 || i == len(t)-1 || strings.ContainsAny(t, " \t") {
		return false
	}
	for k := i + 1; k < len(t); k++ {
		if t[k] < '0' || t[k] > '9' {
			return false
		}
	}
	path := t[:i]
	return strings.ContainsAny(path, "/\\") || strings.HasPrefix(path, "node:")
}

// onlyKeywords reports anchors that are all crash-block keywords (none a GC line's start).
func onlyKeywords(anchors []anchor) bool {
	for _, a := range anchors {
		if a.kind != anchorKeyword {
			return false
		}
	}
	return len(anchors) > 0
}

// processBare handles a line with no anchor: a JS or native frame, the start-less fragment of
// a ring-buffer entry, or the application's own text.
func (p *Parser) processBare(text string, line, end int) {
	ev := Event{Line: line, EndLine: end}
	if i := jsFrameStart(text, p.section == sectionJS); i >= 0 && (p.section == sectionJS || p.section == sectionNone) {
		if f, ok := fastJSFrame(text[i:]); fastPaths && ok {
			ev.Type, ev.JSFrame = TypeJSFrame, f
			p.sectionItems++
			p.emit(ev)
			return
		}
		if g, err := jsFrameParser.ParseString("", text[i:]); err == nil || g.Index != "" {
			ev.Type, ev.JSFrame = TypeJSFrame, jsFrameEvent(g, text[i:])
			p.sectionItems++
			p.emit(ev)
			return
		}
	}
	if p.section == sectionNative {
		if i := symbolFrameStart(text); i >= 0 {
			if f, ok := p.nativeFrame(text[i:]); ok {
				ev.Type, ev.NativeFrame = TypeNativeFrame, f
				p.sectionItems++
				p.emit(ev)
				return
			}
		}
	}
	if p.section == sectionNative {
		if g, err := parseCFrame(text); err == nil && cFrameAccepted(g, text) {
			ev.Type, ev.NativeFrame = TypeNativeFrame, cFrameEvent(g, text)
			p.sectionItems++
			p.emit(ev)
			return
		}
	}
	if proc, ok := processLine(strings.TrimSpace(text)); ok {
		ev.Type, ev.Process = TypeProcess, proc
		p.emit(ev)
		return
	}
	t := stripDecoration(text)
	if t == "#" || (p.section == sectionNative && strings.HasPrefix(t, "# ")) {
		ev.Type, ev.Marker = TypeMarker, &Marker{Name: MarkerV8FatalBanner, Text: t}
		p.emit(ev)
		return
	}
	if strings.HasPrefix(t, "at ") && (strings.HasSuffix(t, ")") || strings.Contains(t, ":")) {
		if f, ok := fastAtFrame(t); fastPaths && ok {
			ev.Type, ev.JSFrame = TypeJSFrame, f
			p.emit(ev)
			return
		}
		if g, err := atFrameParser.ParseString("", t); err == nil {
			ev.Type, ev.JSFrame = TypeJSFrame, atFrameEvent(g, t)
			p.emit(ev)
			return
		}
	}
	if n := cutPrefixLen(t); n > 0 && n < len(t) && p.pend == nil && p.section != sectionRing {
		// A line cut inside its "[pid:isolate" prefix, with other output glued on: wait for
		// the rest of the prefix and the line.
		p.pend = &pendingGC{head: t, prefixCut: n, line: line}
		return
	}
	if isCutPrefix(t) || cutInCollector(t) || cutMarker(t) {
		// A line that stops inside its own "[pid:isolate" prefix: the process died before its
		// buffered trace was written out.
		ev.Type, ev.Other = TypeV8Other, &Other{Name: OtherCutLine, Text: t}
		p.emit(ev)
		return
	}
	if isNVPFragment(t) {
		// The rest of a --trace-gc-nvp line whose start is not in the log.
		ev.Type, ev.Other = TypeV8Other, &Other{Name: OtherNVPFragment, Text: t}
		p.emit(ev)
		return
	}
	if p.section == sectionRing && looksLikeFragment(t) || strings.Contains(t, "(average mu = ") {
		p.emitFragment(t, line, end)
		return
	}
	if p.section == sectionJS && (strings.HasSuffix(t, "...") || strings.HasPrefix(t, "=====")) {
		ev.Type, ev.Marker = TypeMarker, &Marker{Name: MarkerJSStackEnd, Text: t}
		p.emit(ev)
		return
	}
	if name := otherName(t); name != OtherUnnamed {
		ev.Type, ev.Other = TypeV8Other, &Other{Name: name, Text: t}
		p.emit(ev)
		return
	}
	if pid, ok := nodeWarningPID(t); ok {
		ev.Type, ev.Other = TypeV8Other, &Other{Origin: Origin{PID: &pid}, Name: OtherNodeWarning, Text: t}
		p.emit(ev)
		return
	}
	if pid, ok := kernelTaskPID(t); ok {
		ev.Type, ev.Other = TypeV8Other, &Other{Origin: Origin{PID: &pid}, Name: OtherKernelTask, Text: t}
		p.emit(ev)
		return
	}
	if m := mallocFailure.FindStringSubmatch(t); m != nil {
		if pid, err := strconv.ParseInt(m[1], 10, 64); err == nil {
			ev.Type, ev.Other = TypeV8Other, &Other{Origin: Origin{PID: &pid}, Name: OtherMallocFailure, Text: t}
			p.emit(ev)
			return
		}
	}
	if p.foreign(t, ev) {
		return
	}
	ev.Type, ev.Unknown = TypeUnknown, &Unknown{Text: text}
	p.emit(ev)
}

// processSegment handles the piece of a line that starts at one anchor.
func (p *Parser) processSegment(a anchor, seg string, glued bool, line, end int) {
	ev := Event{Line: line, EndLine: end}
	switch a.kind {
	case anchorPrefix, anchorBareGC:
		p.processPrefixed(seg, glued, a.kind == anchorBareGC, ev)
	case anchorNativeFrame:
		p.enterNativeSection()
		if f, ok := p.nativeFrame(seg); ok {
			ev.Type, ev.NativeFrame = TypeNativeFrame, f
			p.sectionItems++
		} else {
			ev.Type, ev.Unknown = TypeUnknown, &Unknown{Text: seg}
		}
		p.emit(ev)
	case anchorKeyword:
		p.processKeyword(a.keyword, seg, ev)
	}
}

// processPrefixed handles a segment that starts with a V8 prefix (or a bare "T ms: " entry).
func (p *Parser) processPrefixed(seg string, glued, bare bool, ev Event) {
	body := seg
	if !bare {
		body = afterPrefixes(seg)
	}
	t := strings.TrimLeft(body, " \t")
	d := scanDigits(t, 0)
	afterTime := -1
	if d > 0 {
		afterTime = msColonEnd(t, d)
	}
	if afterTime > 0 {
		rest := t[afterTime:]
		switch {
		case startsWithCollector(rest):
			p.processGC(seg, glued, ev)
			return
		case strings.HasPrefix(rest, "pause=") || strings.HasPrefix(rest, "GC: {") ||
			(isNVPStart(rest) && !strings.HasPrefix(rest, "action=")):
			g, ok := fastNVP(seg)
			ok = ok && fastPaths
			var err error
			if !ok {
				g, err = nvpParser.ParseString("", seg)
			}
			if err == nil || (g != nil && len(g.Pairs) > 0) || (g != nil && g.JSON != nil) {
				ev.Type, ev.NVP = TypeNVP, nvpEvent(g, seg)
				p.emit(ev)
				return
			}
		}
	} else if strings.Contains(t, "used:") {
		g, ok := fastHeapRow(seg)
		ok = ok && fastPaths
		var err error
		if !ok {
			g, err = heapRowParser.ParseString("", seg)
		}
		if err == nil {
			ev.Type, ev.HeapStats = TypeHeapStats, heapStatsEvent(g)
			p.emit(ev)
			return
		}
	}
	if o, ok := fastOtherLine(seg); fastPaths && ok {
		ev.Type, ev.Other = TypeV8Other, o
		p.emit(ev)
		return
	}
	g, _ := otherLineParser.ParseString("", seg)
	if g == nil || g.Prefix == nil {
		ev.Type, ev.Other = TypeV8Other, &Other{Name: OtherUnnamed, Text: strings.TrimSpace(seg)}
		p.emit(ev)
		return
	}
	ev.Type, ev.Other = TypeV8Other, otherEvent(g, seg)
	p.emit(ev)
}

// isNVPStart reports whether rest starts with a name=value pair.
func isNVPStart(rest string) bool {
	i := 0
	for i < len(rest) && (rest[i] == '_' || rest[i] == '.' || rest[i] >= 'a' && rest[i] <= 'z' || rest[i] >= 'A' && rest[i] <= 'Z' || rest[i] >= '0' && rest[i] <= '9') {
		i++
	}
	return i > 0 && i < len(rest) && rest[i] == '='
}

// isNVPFragment reports whether t is a run of name=value pairs without a prefix.
func isNVPFragment(t string) bool {
	if strings.Count(t, "=") < 4 || isRule(t) || strings.Count(t, " ") >= 2*strings.Count(t, "=")+2 ||
		strings.Contains(t, "(") || strings.Contains(t, "\"") {
		return false
	}
	// V8's values are numbers (a rate with %), but for the collector's letter (gc=s): a run
	// of values with units ("rss=75.0MB external=31.1MB") is a program's own log line.
	words := 0
	for _, f := range strings.Fields(t) {
		_, v, ok := strings.Cut(f, "=")
		if _, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64); ok && err != nil {
			words++
		}
	}
	return words <= 1
}

// isRule reports a line whose "=" signs are a rule: a banner's or a test runner's row of eight
// or more, with no key=value pair ("home:dev: ====…" under a monorepo runner's prefix). V8's
// own markers cut short ("==== JS") are not.
func isRule(t string) bool {
	long := false
	for _, f := range strings.Fields(t) {
		if !strings.Contains(f, "=") {
			continue
		}
		if strings.Trim(f, "=") != "" {
			return false
		}
		long = long || len(f) >= 8
	}
	return long
}

// foreign reads a line other printers wrote about the process (foreign.go, memory.go): a death
// told by the kernel, a shell or a container; a sample of the heap the program printed; heap
// flags on a command line. It reports whether the line was one.
func (p *Parser) foreign(t string, ev Event) bool {
	if f, ok := debuggerFrame(t); ok {
		ev.Type, ev.NativeFrame = TypeNativeFrame, f
		p.emit(ev)
		return true
	}
	if f, ok := deathLine(t); ok {
		ev.Type, ev.Fatal = TypeFatal, f
		p.emit(ev)
		return true
	}
	if pairs := memoryPairs(t); pairs != nil {
		if p.mem != nil && !p.mem.add(pairs, ev.EndLine) {
			p.flushMemory()
		}
		if p.mem == nil {
			p.mem = &memoryAcc{values: pairs, first: ev.Line, last: ev.EndLine}
		}
		return true
	}
	if flags := HeapFlags(t); len(flags) > 0 {
		for _, f := range flags {
			ev.Type, ev.HeapFlag = TypeHeapFlag, f
			p.emit(ev)
		}
		return true
	}
	return false
}

// cutMarker reports a line that ends in the start of one of V8's "<--- … --->" headers, cut
// inside it (after whatever prefix the line carries): the end of a log, or of a pasted excerpt,
// that cut the crash block there.
func cutMarker(t string) bool {
	i := strings.LastIndex(t, "<--- ")
	if i < 0 || len(t)-i < len("<--- ")+2 {
		return false
	}
	t = t[i:]
	for _, kw := range crashKeywords {
		if strings.HasPrefix(kw, "<--- ") && len(t) < len(kw) && strings.HasPrefix(kw, t) {
			return true
		}
	}
	return false
}
