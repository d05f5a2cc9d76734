package parser

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// This file turns grammar nodes into events: numbers from their printed text, reasons split,
// fields the line does not carry left nil.

func num(s string) *float64 {
	if strings.IndexByte(s, ',') >= 0 {
		s = strings.Replace(s, ",", ".", 1) // a locale's decimal comma (v8Lexer)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return nil
	}
	return &f
}

func numPtr(s *string) *float64 {
	if s == nil {
		return nil
	}
	return num(*s)
}

func intPtr(s string) *int64 {
	i, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil
	}
	return &i
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (p *prefixG) origin() Origin {
	var o Origin
	if p == nil {
		return o
	}
	o.PID = intPtr(p.PID)
	if p.Isolate != nil {
		iso := *p.Isolate
		o.Isolate = &iso
	}
	return o
}

// collectorKind maps a printed collector name to KindScavenge or KindFull.
func collectorKind(name string) Kind {
	if strings.Contains(name, "Minor") || strings.Contains(name, "Scavenge") {
		return KindScavenge
	}
	return KindFull
}

// gcEvent converts a parsed --trace-gc line. truncated says the entry is known to be cut
// short: a trailing reason is then kept only when it is one V8 prints whole.
func gcEvent(g *gcLineG, input string, truncated bool) *GC {
	ev := &GC{Origin: g.Prefix.origin(), TimeMS: num(g.Time), Truncated: truncated}
	if len(g.Names) > 0 {
		name := strings.Join(g.Names, " ")
		kind := collectorKind(name)
		ev.Collector, ev.Kind = &name, &kind
	}
	for _, q := range g.Quals {
		ev.Qualifiers = append(ev.Qualifiers, strings.Join(q.Words, " "))
	}
	ev.HeapBeforeMB = num(g.Sizes.HeapBefore)
	ev.CommittedBeforeMB = num(g.Sizes.CommittedBefore)
	ev.HeapAfterMB = num(g.Sizes.HeapAfter)
	ev.CommittedAfterMB = num(g.Sizes.CommittedAfter)
	ev.PooledMB = numPtr(g.Pooled)
	setDurations(ev, g.Dur)
	ev.Incremental = incremental(g.Incr)
	if g.Mu != nil {
		ev.MuAverage, ev.MuCurrent = num(g.Mu.Average), num(g.Mu.Current)
	}
	setReasons(ev, g.Tail.text(input), truncated)
	return ev
}

// setDurations reads "P / E ms" or, on Node 0.12, "E / P ms": V8 0.12 printed the external
// time first and as an integer, later versions the pause first with a decimal point.
func setDurations(ev *GC, d durationsG) {
	if d.First == "" {
		return
	}
	if d.Second == nil {
		ev.PauseMS = num(d.First)
		return
	}
	if !strings.Contains(d.First, ".") && strings.Contains(*d.Second, ".") {
		ev.ExternalMS, ev.PauseMS = num(d.First), num(*d.Second)
		return
	}
	ev.PauseMS, ev.ExternalMS = num(d.First), num(*d.Second)
}

func incremental(g *incrG) *Incremental {
	if g == nil || g.MarkingMS == "" {
		return nil
	}
	in := &Incremental{MarkingMS: num(g.MarkingMS), BiggestStepMS: numPtr(g.Biggest), WalltimeMS: numPtr(g.Walltime)}
	if g.Steps != "" {
		in.Steps = intPtr(g.Steps)
	}
	if since := strings.Join(g.Since, " "); since == "start of marking" || since == "last GC" {
		in.Since = &since
	}
	return in
}

func setReasons(ev *GC, tail string, truncated bool) {
	if strings.HasPrefix(strings.TrimSpace(tail), "(") {
		// A clause cut short ("(average mu = 0.1"): no reason survived.
		return
	}
	reason, comment, complete := splitReasons(tail)
	if truncated && !complete {
		if !knownReasons[reason] {
			reason = ""
		}
		if !isKnownComment(comment) {
			comment = ""
		}
	}
	ev.Reason, ev.Comment = strPtr(reason), strPtr(comment)
}

// gcFragmentEvent converts what is left of a ring-buffer entry that lost its start.
func gcFragmentEvent(g *gcTailG, input string) *GC {
	ev := &GC{Truncated: true, InCrashDump: true}
	if g == nil {
		return ev
	}
	ev.Incremental = incremental(g.Incr)
	if g.Mu != nil && g.Mu.Current != "" {
		ev.MuAverage, ev.MuCurrent = num(g.Mu.Average), num(g.Mu.Current)
	}
	setReasons(ev, g.Tail.text(input), true)
	return ev
}

// nvpCollectorKind maps NVP's short collector names.
func nvpCollectorKind(short string) Kind {
	switch short {
	case "s", "mmc", "mms", "scavenge":
		return KindScavenge
	case "ms", "mc", "mark-compact", "mark-sweep":
		return KindFull
	}
	return ""
}

// nvpEvent converts a --trace-gc-nvp line. For Node 25+ the JSON object is decoded as JSON.
func nvpEvent(g *nvpLineG, input string) *NVP {
	ev := &NVP{Origin: g.Prefix.origin(), TimeMS: num(g.Time), Numbers: map[string]float64{}, Strings: map[string]string{}}
	if g.Mark != nil && ev.Isolate == nil {
		iso := g.Mark.Isolate
		ev.Isolate = &iso
	}
	if g.JSON != nil {
		var obj map[string]any
		dec := json.NewDecoder(strings.NewReader(g.JSON.text(input)))
		dec.UseNumber()
		if dec.Decode(&obj) == nil {
			for k, v := range obj {
				switch v := v.(type) {
				case json.Number:
					if f, err := v.Float64(); err == nil {
						ev.Numbers[k] = f
					}
				case string:
					ev.Strings[k] = v
				case bool:
					if v {
						ev.Numbers[k] = 1
					} else {
						ev.Numbers[k] = 0
					}
				}
			}
		}
	}
	for _, p := range g.Pairs {
		switch {
		case p.Num != nil:
			if f := num(*p.Num); f != nil {
				v := *f
				if p.Minus {
					v = -v
				}
				ev.Numbers[p.Key] = v
			}
		case p.Str != nil:
			ev.Strings[p.Key] = *p.Str
		}
	}
	if gc, ok := ev.Strings["gc"]; ok {
		ev.Collector = &gc
		if k := nvpCollectorKind(gc); k != "" {
			ev.Kind = &k
		}
	}
	lift := func(key string) *float64 {
		if v, ok := ev.Numbers[key]; ok {
			return &v
		}
		return nil
	}
	ev.PauseMS, ev.MutatorMS = lift("pause"), lift("mutator")
	toMB := func(keys ...string) *float64 {
		for _, k := range keys {
			if v, ok := ev.Numbers[k]; ok {
				mb := v / (1 << 20)
				return &mb
			}
		}
		return nil
	}
	ev.HeapBeforeMB = toMB("start_object_size", "total_size_before")
	ev.HeapAfterMB = toMB("end_object_size", "total_size_after")
	return ev
}

func heapStatsEvent(g *heapRowG) *HeapStats {
	ev := &HeapStats{Origin: g.Prefix.origin(), Space: strings.Join(g.Label, " ")}
	for _, c := range g.Cols {
		switch c.Name {
		case "used":
			ev.UsedKB = num(c.Value)
		case "available":
			ev.AvailableKB = num(c.Value)
		case "committed":
			ev.CommittedKB = num(c.Value)
		}
	}
	return ev
}

// otherNames classify prefixed non-GC lines by how their text starts.
var otherNames = []struct {
	prefix string
	name   OtherName
}{
	{"[HeapController]", OtherHeapController},
	{"[GlobalMemoryController]", OtherHeapController},
	{"Heap growing factor", OtherHeapController},
	{"Grow:", OtherHeapController},
	{"Memory reducer", OtherMemoryReducer},
	{"Increasing marking speed", OtherMarkingSpeed},
	{"Speed up marking", OtherMarkingSpeed},
	{"Hurrying incremental marking", OtherMarkingSpeed},
	{"Memory pool:", OtherMemoryPool},
	{"action=", OtherNVPAction},
	{"Scavenge stack scanning", OtherScavengeStackScanning},
	{"Shrinking page", OtherShrinkingPage},
	{"Fast promotion mode", OtherFastPromotion},
	{"Total time spent in GC", OtherVerboseFooter},
	{"External memory", OtherVerboseFooter},
	{"Backing store memory", OtherVerboseFooter},
	{"Unmapper buffering", OtherVerboseFooter},
	{"Pool buffering", OtherVerboseFooter},
	{"(*) Sweeping is still", OtherVerboseFooter},
	{"[Finished reentrant", OtherReentrantGC},
	{"[IncrementalMarking]", OtherIncrementalMarking},
	{"Young generation mutator utilization", OtherMutatorUtilization},
	{"evacuation", OtherEvacuation},
	{"FreeLists statistics", OtherFreeLists},
}

func otherName(text string) OtherName {
	for _, o := range otherNames {
		if strings.HasPrefix(text, o.prefix) {
			return o.name
		}
	}
	return OtherUnnamed
}

func otherEvent(g *otherLineG, input string) *Other {
	ev := &Other{Origin: g.Prefix.origin(), TimeMS: numPtr(g.Time), Text: strings.TrimSpace(g.Text.text(input))}
	if g.Mark != nil && ev.Isolate == nil {
		iso := g.Mark.Isolate
		ev.Isolate = &iso
	}
	ev.Name = otherName(ev.Text)
	return ev
}

var markdownUnderscores = strings.NewReplacer(`\_`, "_", "*", "_")

// refusalWords name memory V8 asks the system for outside the JavaScript heap's limit:
// address space for code (CodeRange) or the C++ heap (Oilpan's CagedHeap), a table of
// external objects, C++'s own allocator, and a page while an isolate is being created
// (MemoryAllocator::HandleAllocationFailure before deserialization completes: a new worker
// among many, a ulimit -v; V8 words that one as a JavaScript OOM).
var refusalWords = []string{"coderange", "virtual memory", "oilpan", "cagedheap", "externalentitytable",
	"allocation failed during deserialization", "bad_alloc", "malloced operator new"}

// RefusedBySystem reports whether a fatal error's text names memory the system refused V8
// outside the JavaScript heap's limit: the process's address space or the machine's memory
// ran out, not the heap. Old V8's "JS Allocation failed - process out of memory" (Node 0.10,
// 0.12) names none: it was those versions' words for a full heap.
func RefusedBySystem(text string) bool {
	t := strings.ToLower(text)
	for _, w := range refusalWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// fatalKind classifies a fatal error by its location (and message, for process OOMs).
func fatalKind(location, message string) FatalKind {
	// Markdown ate an underscore as emphasis, or escaped it: "CALL*AND_RETRY_LAST",
	// "CALL\_AND\_RETRY\_LAST" (a blog's code block rendered as text).
	l := markdownUnderscores.Replace(strings.ToLower(location))
	// A location cut short by a paste ("CALL_A") still names its kind.
	if len(l) >= 4 {
		for _, full := range []string{"call_and_retry_last", "reached heap limit", "ineffective mark-compacts near heap limit", "invalid table size", "invalid array length"} {
			if strings.HasPrefix(full, l) {
				l = full
				break
			}
		}
	}
	switch {
	case strings.Contains(l, "reached heap limit"):
		return FatalHeapLimit
	case strings.Contains(l, "ineffective mark-compacts"):
		return FatalIneffective
	case strings.Contains(l, "call_and_retry_0"), strings.Contains(l, "call_and_retry_1"):
		// V8 3's CALL_AND_RETRY macro (heap-inl.h) dies with _0 or _1 when an allocation
		// fails outright before any GC could help, on its first or second try; only _2 comes
		// after its "last resort gc", as CALL_AND_RETRY_LAST does later. The message names
		// the kind ("process out of memory").
		break
	case strings.Contains(l, "call_and_retry"):
		return FatalCallAndRetryLast
	case strings.Contains(l, "invalid table size"):
		return FatalInvalidTableSize
	case strings.Contains(l, "invalid array length"):
		return FatalInvalidArrayLength
	case strings.Contains(l, "invalid size error"):
		return FatalInvalidSize
	case strings.Contains(l, "young object promotion failed"), strings.Contains(l, "scavenger: promoting"):
		// The same failure in V8 5 and 6's words ("Scavenger: promoting marked"): the
		// scavenger could not move a survivor into the old generation.
		return FatalYoungPromotion
	case strings.Contains(l, "semi-space"), strings.Contains(l, "semi space"),
		strings.Contains(l, "newspace::"), strings.Contains(l, "new space setup"):
		return FatalSemiSpace
	case l == "zone" || strings.HasPrefix(l, "zone "):
		return FatalZone
	}
	m := strings.ToLower(message)
	switch {
	case strings.Contains(m, "process out of memory"), RefusedBySystem(l):
		return FatalProcessOOM
	case location == "" && strings.Contains(m, "javascript heap out of memory"):
		return FatalHeapLimit
	}
	return FatalOther
}

func newFatal(location, message, source string) *Fatal {
	// A log a CI bot posted as HTML has its lines joined by "<br/>": the line ends at the
	// first (Jenkins' "… heap out of memory<br/>[2023-06-05T11:53:17.095Z] [INFO] …"), in
	// the message or, where there is none, in the location.
	location, _, cut := strings.Cut(location, "<br")
	if cut {
		message = ""
	}
	message, _, _ = strings.Cut(message, "<br")
	// A crash flattened into a markdown table's cell ends at the cell's border ("FATAL
	// ERROR: Ineffe |"): no location or message of V8's or Node's ends with one.
	location = strings.TrimSpace(strings.TrimRight(location, " |"))
	message = strings.TrimSpace(strings.TrimRight(message, " |"))
	kind := fatalKind(location, message)
	return &Fatal{
		Location: strPtr(location),
		Message:  strPtr(message),
		Kind:     kind,
		// V8 words some refusals by the system as a heap OOM ("Fatal JavaScript out of
		// memory: MemoryChunk allocation failed during deserialization"): the heap did not
		// fill up. The heap's own deaths are heap OOMs whatever of the message a paste cut
		// ("Reached heap limit Alloc").
		HeapOOM: kind != FatalProcessOOM && strings.Contains(strings.ToLower(message), "javascript heap out of memory") ||
			kind == FatalHeapLimit || kind == FatalIneffective,
		PrintedBy: source,
	}
}

func fatalEvent(g *fatalLineG, input string) *Fatal {
	var loc, msg string
	if g.Location != nil {
		loc = (&span{Pos: g.Location.Pos, EndPos: g.Location.EndPos}).text(input)
	}
	if g.Message != nil {
		msg = (&span{Pos: g.Message.Pos, EndPos: g.Message.EndPos}).text(input)
	}
	return newFatal(loc, msg, "node")
}

// bannerEvent converts a "#" line of V8's fatal banner: a Fatal for the lines that name the
// failure, a Marker for the rest.
func bannerEvent(g *bannerLineG, input string) (*Fatal, *Marker) {
	switch {
	case g.JSOOM != nil:
		f := newFatal(g.JSOOM.text(input), "JavaScript heap out of memory", "v8")
		return f, nil
	case g.OldJSOOM != nil:
		return newFatal(g.OldJSOOM.text(input), "JavaScript heap out of memory", "v8"), nil
	case g.ProcessOOM != nil:
		f := newFatal(g.ProcessOOM.text(input), "process out of memory", "v8")
		return f, nil
	case g.OldProcOOM != nil:
		return newFatal(g.OldProcOOM.text(input), "process out of memory", "v8"), nil
	case g.InvalidSize != nil:
		f := newFatal("invalid size error "+strings.TrimSpace(g.InvalidSize.text(input)), "", "v8")
		return f, nil
	case g.CheckFailed != nil:
		// A failed CHECK or DCHECK: V8 stopped on a broken invariant, not for want of memory.
		f := newFatal("Check failed", strings.TrimSpace(g.CheckFailed.text(input)), "v8")
		f.Kind = FatalOther
		return f, nil
	case g.APIHandler != nil:
		// V8 dies so on its out-of-memory path when the embedder's handler returned instead
		// of ending the process. Its words are the same whichever memory ran out: Node 9
		// runs of the corpus printed "after process out of memory" with the heap at its
		// limit. An out-of-memory death, of a kind the log around it tells.
		rest := g.APIHandler.text(input)
		if again := strings.Index(rest, "API fatal error handler"); again > 0 {
			rest = rest[:again] // the same words of other processes, fused on the line
		}
		f := newFatal("API fatal error handler returned", "after "+strings.TrimSpace(rest), "v8")
		f.Kind, f.HeapOOM = FatalUnknown, false
		return f, nil
	case g.FatalIn != nil:
		return nil, &Marker{Name: MarkerV8FatalBanner, Text: "Fatal error in " + strings.TrimSpace(g.FatalIn.text(input))}
	}
	return nil, &Marker{Name: MarkerV8FatalBanner, Text: strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(input), "#"))}
}

func embedderOOMEvent(g *embedderOOMG, input string) *Fatal {
	if g.Process {
		var loc, msg string
		if g.ProcessLoc != nil {
			loc = (&span{Pos: g.ProcessLoc.Pos, EndPos: g.ProcessLoc.EndPos}).text(input)
		}
		if g.ProcessMsg != nil {
			msg = (&span{Pos: g.ProcessMsg.Pos, EndPos: g.ProcessMsg.EndPos}).text(input)
		}
		if msg == "" {
			msg = "process out of memory"
		}
		f := newFatal(loc, msg, "node")
		if f.Kind == FatalOther {
			f.Kind = FatalProcessOOM
		}
		return f
	}
	if g.Electron {
		var loc, msg string
		if g.ElectronLoc != nil {
			loc = (&span{Pos: g.ElectronLoc.Pos, EndPos: g.ElectronLoc.EndPos}).text(input)
		}
		if g.ElectronMsg != nil {
			msg = (&span{Pos: g.ElectronMsg.Pos, EndPos: g.ElectronMsg.EndPos}).text(input)
		}
		return newFatal(loc, msg, "electron")
	}
	loc := strings.TrimSpace(g.BlinkLoc.text(input))
	loc = strings.TrimSuffix(strings.TrimSuffix(loc, "."), ")")
	msg := "JavaScript heap out of memory"
	if g.Blink != nil && *g.Blink == "process" {
		msg = "process out of memory"
	}
	return newFatal(loc, msg, "chromium")
}

// jsFrameEvent splits a JS frame: "name [file:~line] [pc=…](this=…)".
func jsFrameEvent(g *jsFrameG, input string) *JSFrame {
	return jsFrame(g.Index, g.Rest.text(input))
}

// jsFrame makes the frame of index and the text after its colon.
func jsFrame(index, rest string) *JSFrame {
	ev := &JSFrame{Index: intPtr(index)}
	rest = strings.TrimSpace(rest)
	if i := strings.Index(rest, "(this="); i >= 0 {
		rest = strings.TrimSpace(rest[:i])
	}
	fn := rest
	if i := strings.Index(rest, " ["); i >= 0 {
		fn = rest[:i]
		for _, b := range bracketGroups(rest[i:]) {
			if strings.HasPrefix(b, "pc") || strings.HasPrefix(b, "bytecode=") || strings.HasPrefix(b, "0x") || isAllHex(b) {
				continue
			}
			c := strings.LastIndex(b, ":")
			if c < 0 {
				continue
			}
			file, pos := b[:c], b[c+1:]
			ev.File = &file
			switch {
			case strings.HasPrefix(pos, "~"):
				f := false
				ev.Optimized = &f
			case strings.HasPrefix(pos, "*"):
				t := true
				ev.Optimized = &t
			}
			ev.Position = intPtr(strings.TrimLeft(pos, "~*"))
			break
		}
	}
	ev.Function = strings.TrimSpace(fn)
	return ev
}

func isAllHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// bracketGroups returns the contents of the top-level [...] groups of s.
func bracketGroups(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ']':
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, s[start:i])
				}
			}
		}
	}
	return out
}

// nativeFrameEvent splits "0xADDR symbol [module]" (module in brackets at the end, if any).
func nativeFrameEvent(g *nativeFrameG, input string) *NativeFrame {
	ev := &NativeFrame{Index: intPtr(g.Index)}
	if g.Address != nil {
		a := *g.Address
		ev.Address = &a
	}
	ev.Symbol, ev.Module = symbolAndModule(g.Rest.text(input))
	return ev
}

// symbolAndModule splits what follows a frame's address: "symbol [module]", the module in
// brackets at the end when there is one.
func symbolAndModule(rest string) (symbol, module *string) {
	rest = strings.TrimSpace(rest)
	if strings.HasSuffix(rest, "]") {
		if i := strings.LastIndex(rest, " ["); i >= 0 || strings.HasPrefix(rest, "[") {
			if i < 0 {
				i = 0
			}
			mod := strings.TrimSpace(rest[i:])
			mod = mod[1 : len(mod)-1]
			module = &mod
			rest = strings.TrimSpace(rest[:i])
		}
	}
	return strPtr(rest), module
}

func cFrameEvent(g *cFrameG, input string) *NativeFrame {
	ev := &NativeFrame{}
	if g.Index != nil {
		ev.Index = intPtr(*g.Index)
	}
	if g.Module != nil {
		m := *g.Module
		ev.Module = &m
	}
	if g.Address != nil {
		a := *g.Address
		ev.Address = &a
	}
	ev.Symbol = strPtr(strings.TrimSpace(g.Rest.text(input)))
	return ev
}

// atFrameEvent splits "fn (file:line:col)" or "file:line:col".
func atFrameEvent(g *atFrameG, input string) *JSFrame {
	return atFrame(g.Rest.text(input))
}

// atFrame makes the frame of the text after "at".
func atFrame(rest string) *JSFrame {
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "{"))
	ev := &JSFrame{}
	loc := rest
	if strings.HasSuffix(rest, ")") {
		if i := strings.LastIndex(rest, " ("); i >= 0 {
			ev.Function = rest[:i]
			loc = rest[i+2 : len(rest)-1]
		}
	}
	// file:line:col
	if c2 := strings.LastIndex(loc, ":"); c2 > 0 {
		if c1 := strings.LastIndex(loc[:c2], ":"); c1 > 0 && intPtr(loc[c1+1:c2]) != nil {
			file := loc[:c1]
			ev.File, ev.Position = &file, intPtr(loc[c1+1:c2])
			return ev
		}
	}
	if ev.Function == "" {
		ev.Function = rest
	} else {
		ev.File = &loc
	}
	return ev
}

// jsErrorKinds classify the uncaught errors of V8's and Node's size limits by their message
// (or Node's error code): a structure past its hard limit, or an allocation the machine
// refused.
var jsErrorKinds = []struct {
	prefix string
	kind   FatalKind
}{
	{"Map maximum size exceeded", FatalInvalidTableSize},
	{"Set maximum size exceeded", FatalInvalidTableSize},
	{"Value undefined out of range for undefined options property undefined", FatalInvalidTableSize},
	{"Invalid array length", FatalInvalidArrayLength},
	{"Invalid string length", FatalInvalidStringLength},
	{"ERR_STRING_TOO_LONG", FatalInvalidStringLength},
	// Node prints the code under the message on its own line ("code: 'ERR_STRING_TOO_LONG'").
	{"Cannot create a string longer than", FatalInvalidStringLength},
	// Node 4–8's Buffer#toString when the string would pass V8's length limit (lib/buffer.js
	// threw it when the binding returned no string).
	{`"toString()" failed`, FatalInvalidStringLength},
	{"Invalid typed array length", FatalInvalidTypedArrayLength},
	{"Invalid array buffer length", FatalInvalidTypedArrayLength},
	{"ERR_BUFFER_TOO_LARGE", FatalBufferTooLarge},
	// fs.readFile's limit: a file larger than one Buffer may be.
	{"ERR_FS_FILE_TOO_LARGE", FatalBufferTooLarge},
	// Buffer's own limit in the words of each era: Node ≤ 0.12's SlowBuffer, Node 4–8's
	// allocUnsafe, Node 10+'s range check of a size or a concatenated length.
	{"length > kMaxLength", FatalBufferTooLarge},
	{"Attempt to allocate Buffer larger than maximum size", FatalBufferTooLarge},
	{`"size" argument must not be larger than`, FatalBufferTooLarge},
	{`The value of "size" is out of range`, FatalBufferTooLarge},
	{`The value of "length" is out of range`, FatalBufferTooLarge},
	{"Array buffer allocation failed", FatalArrayBufferAllocation},
	{"Maximum call stack size exceeded", FatalStackOverflow},
	{"Maximum BigInt size exceeded", FatalBigIntTooBig},
	// A WebAssembly memory at its maximum: the module's, or wasm32's 4 GB.
	{"WebAssembly.Memory.grow(): Maximum memory size exceeded", FatalWasmMemoryMax},
	// An Emscripten module's abort when its memory cannot grow (at its maximum, or built
	// without ALLOW_MEMORY_GROWTH): "Aborted(OOM)", "abort(OOM)" before Emscripten 2.0.
	{"Aborted(OOM)", FatalWasmMemoryMax},
	{"abort(OOM)", FatalWasmMemoryMax},
	// A WebAssembly memory the process could not reserve: address space, not the JS heap.
	{"WebAssembly.", FatalOther},
}

// jsErrorEvent reads an uncaught RangeError of a size limit.
func jsErrorEvent(seg string) *Fatal {
	seg = strings.TrimSpace(seg)
	f := newFatal("", seg, "js")
	g, err := jsErrorParser.ParseString("", seg)
	key := seg
	if err == nil && g.Message != nil {
		key = strings.TrimSpace(g.Message.text(seg))
		if g.Code != nil && *g.Code != "ERR_OUT_OF_RANGE" { // that code says too little: its message decides
			key = *g.Code
		}
	}
	for _, k := range jsErrorKinds {
		// V8's wording kept its words across versions but not always their case (Node 10:
		// "grow(): maximum memory size exceeded", Node 12 on: "Maximum").
		if len(key) >= len(k.prefix) && strings.EqualFold(key[:len(k.prefix)], k.prefix) {
			f.Kind = k.kind
			break
		}
	}
	return f
}
