package parser

// Type names the kind of an event. The names are a contract: other tools read them in the
// JSON Lines and CSV output.
type Type string

// The event types.
const (
	TypeGC          Type = "gc"
	TypeNVP         Type = "nvp"
	TypeHeapStats   Type = "heap_stats"
	TypeFatal       Type = "fatal"
	TypeJSFrame     Type = "js_frame"
	TypeNativeFrame Type = "native_frame"
	TypeMarker      Type = "marker"
	TypeV8Other     Type = "v8_other"
	TypeReport      Type = "report"
	TypeMemory      Type = "memory"
	TypeHeapFlag    Type = "heap_flag"
	TypeProcess     Type = "process"
	TypeUnknown     Type = "unknown"
)

// Event is one typed thing the parser found. Exactly one of the pointer fields matching Type is
// set.
type Event struct {
	Type Type
	// Line is the 1-based line the event starts on; EndLine the last line when it spans
	// several (hard-wrapped or split lines), else equal to Line.
	Line, EndLine int

	GC          *GC
	NVP         *NVP
	HeapStats   *HeapStats
	Fatal       *Fatal
	JSFrame     *JSFrame
	NativeFrame *NativeFrame
	Marker      *Marker
	Other       *Other
	Report      *Report
	Memory      *Memory
	HeapFlag    *HeapFlag
	Process     *Process
	Unknown     *Unknown
}

// Origin says who printed a line: the [pid:isolate] prefix, or nothing when the line has none.
type Origin struct {
	// PID is the process id, nil when the line carries none.
	PID *int64 `json:"pid"`
	// Isolate is the isolate address as printed (0x… or Windows' 16 upper-case digits), nil
	// when the line carries none.
	Isolate *string `json:"isolate"`
}

// Key identifies the isolate an event belongs to; events without a prefix have the zero key.
func (o Origin) Key() IsolateKey {
	var k IsolateKey
	if o.PID != nil {
		k.PID = *o.PID
	}
	if o.Isolate != nil {
		k.Isolate = *o.Isolate
	}
	return k
}

// IsolateKey groups events by process and isolate.
type IsolateKey struct {
	PID     int64
	Isolate string
}

// Kind says what a GC collected: the young generation or the whole heap. The names are a
// contract, like Type's.
type Kind string

// The collector kinds.
const (
	KindScavenge Kind = "scavenge" // young generation: Scavenge, Minor Mark-Compact, Minor Mark-Sweep
	KindFull     Kind = "full"     // Mark-sweep, Mark-Compact, Incremental Mark-Compact
)

// GC is one garbage collection as printed by --trace-gc (live, or as an entry of the crash
// dump's "Last few GCs" ring buffer). A field the line does not carry is nil.
type GC struct {
	Origin
	TimeMS *float64 `json:"time_ms"`
	// Collector is the name as printed: Scavenge, Mark-sweep, Mark-Compact, Incremental
	// Mark-Compact, Minor Mark-Sweep, …; nil for a fragment that lost its start.
	Collector *string `json:"collector"`
	// Kind is KindScavenge or KindFull, nil when the collector is not known.
	Kind *Kind `json:"kind"`
	// Qualifiers are the parenthesised words after the name: reduce, interleaved, during sweeping.
	Qualifiers        []string `json:"qualifiers"`
	HeapBeforeMB      *float64 `json:"heap_before_mb"`
	CommittedBeforeMB *float64 `json:"committed_before_mb"`
	HeapAfterMB       *float64 `json:"heap_after_mb"`
	CommittedAfterMB  *float64 `json:"committed_after_mb"`
	PooledMB          *float64 `json:"pooled_mb"`
	PauseMS           *float64 `json:"pause_ms"`
	ExternalMS        *float64 `json:"external_ms"`
	// Incremental is the "(+ X ms in N steps since …)" clause of full GCs that finished an
	// incremental marking cycle.
	Incremental *Incremental `json:"incremental"`
	MuAverage   *float64     `json:"mu_average"`
	MuCurrent   *float64     `json:"mu_current"`
	// Reason is why the GC was requested; Comment why this collector was chosen.
	Reason  *string `json:"reason"`
	Comment *string `json:"comment"`
	// InCrashDump is true for entries of the crash block's "Last few GCs" ring buffer.
	InCrashDump bool `json:"in_crash_dump"`
	// Repeat is true for a ring-buffer entry that repeats an event already traced live.
	Repeat bool `json:"repeat"`
	// Truncated is true when V8's 256-byte buffer (or the paste) cut the entry short; the
	// fields it lost are nil.
	Truncated bool `json:"truncated"`
}

// IsFull reports whether the GC collected the whole heap.
func (g *GC) IsFull() bool { return g.Kind != nil && *g.Kind == KindFull }

// Incremental is the incremental-marking clause of a full GC.
type Incremental struct {
	MarkingMS     *float64 `json:"marking_ms"`
	Steps         *int64   `json:"steps"`
	BiggestStepMS *float64 `json:"biggest_step_ms"`
	WalltimeMS    *float64 `json:"walltime_ms"`
	// Since is "start of marking" or, on V8 ≤ 5.1, "last GC".
	Since *string `json:"since"`
}

// NVP is one --trace-gc-nvp line: name=value pairs (text NVP up to Node 24) or the JSON object
// after "GC: " (Node 25+). Numbers are kept as numbers, strings as strings; percent signs are
// dropped. The fields that the analysis needs are lifted out as typed values.
type NVP struct {
	Origin
	TimeMS *float64 `json:"time_ms"`
	// Collector is the short name V8 prints: s, ms, mc, mmc, mms.
	Collector    *string  `json:"collector"`
	Kind         *Kind    `json:"kind"`
	PauseMS      *float64 `json:"pause_ms"`
	MutatorMS    *float64 `json:"mutator_ms"`
	HeapBeforeMB *float64 `json:"heap_before_mb"`
	HeapAfterMB  *float64 `json:"heap_after_mb"`
	// Numbers holds every numeric pair as printed (bytes, ms, percent as printed).
	Numbers map[string]float64 `json:"numbers"`
	// Strings holds the pairs whose value is not a number.
	Strings map[string]string `json:"strings"`
}

// HeapStats is one row of --trace-gc-verbose's heap table (sizes in KB as printed).
type HeapStats struct {
	Origin
	// Space is the row label: "New space", "Old space", "Memory allocator", "All spaces", ….
	Space       string   `json:"space"`
	UsedKB      *float64 `json:"used_kb"`
	AvailableKB *float64 `json:"available_kb"`
	CommittedKB *float64 `json:"committed_kb"`
}

// FatalKind classifies the location of a fatal error.
type FatalKind string

// The fatal kinds.
const (
	FatalHeapLimit          FatalKind = "heap-limit"
	FatalIneffective        FatalKind = "ineffective-mark-compacts"
	FatalCallAndRetryLast   FatalKind = "call-and-retry-last"
	FatalInvalidTableSize   FatalKind = "invalid-table-size"
	FatalInvalidArrayLength FatalKind = "invalid-array-length"
	FatalInvalidSize        FatalKind = "invalid-size"
	FatalYoungPromotion     FatalKind = "young-promotion-failed"
	FatalSemiSpace          FatalKind = "semi-space"
	FatalZone               FatalKind = "zone"
	FatalProcessOOM         FatalKind = "process-oom"
	FatalWorkerOOM          FatalKind = "worker-oom"
	// The uncaught RangeErrors of V8's and Node's per-object size limits, and an allocation
	// outside the heap the machine refused.
	FatalInvalidStringLength     FatalKind = "invalid-string-length"
	FatalInvalidTypedArrayLength FatalKind = "invalid-typed-array-length"
	FatalBufferTooLarge          FatalKind = "buffer-too-large"
	FatalArrayBufferAllocation   FatalKind = "array-buffer-allocation-failed"
	// FatalStackOverflow is an uncaught "Maximum call stack size exceeded": the call stack's
	// fixed size (V8's --stack-size), not the heap — deep recursion, or a huge array spread
	// into a call's arguments.
	FatalStackOverflow FatalKind = "stack-overflow"
	// FatalBigIntTooBig is an uncaught "Maximum BigInt size exceeded": one BigInt past V8's
	// cap on its length (2^30 bits on 64-bit builds), whatever the heap's size.
	FatalBigIntTooBig FatalKind = "bigint-too-big"
	// FatalWasmMemoryMax is an uncaught "WebAssembly.Memory.grow(): Maximum memory size
	// exceeded", or an Emscripten module's "Aborted(OOM)": a WebAssembly memory at its maximum
	// (the module's declared one, at most 4 GB for wasm32) — linear memory outside the JS heap,
	// which cannot shrink.
	FatalWasmMemoryMax FatalKind = "wasm-memory-max"
	// FatalSystemOOM is a kill by the kernel's OOM killer or a container's memory limit
	// (SIGKILL, exit 137, OOMKilled): the machine's memory, not the process's heap.
	FatalSystemOOM FatalKind = "system-oom"
	// FatalUnknown is a death whose message is not in the log: V8's OOM path seen only in a
	// stack or a crash block, an abort (SIGABRT, exit 134), a renderer gone for "oom".
	FatalUnknown FatalKind = "unknown"
	FatalOther   FatalKind = "other"
)

// Fatal is a fatal error: Node's "FATAL ERROR: <location> <message>", V8's "# Fatal …" banner
// (Deno, embedders, V8_Fatal), Electron's and Chromium's OOM lines, or a worker that reached
// its resource limits.
type Fatal struct {
	Origin
	// Location is what V8 passed as the place of failure ("Reached heap limit",
	// "CALL_AND_RETRY_LAST", …), nil when the line has none.
	Location *string `json:"location"`
	// Message is "Allocation failed - JavaScript heap out of memory" and the like.
	Message *string   `json:"message"`
	Kind    FatalKind `json:"kind"`
	// HeapOOM is true when V8 flagged the failure as a JavaScript heap out-of-memory.
	HeapOOM bool `json:"heap_oom"`
	// PrintedBy says which printer wrote it: node, v8 (a "# Fatal" banner), electron,
	// chromium, worker, js (an uncaught RangeError), native (C++'s std::bad_alloc), and for
	// deaths told by others: kernel
	// (the OOM killer), shell (Killed, Aborted), npm, yarn, container (Docker, Kubernetes),
	// platform (a hosting or CI service).
	PrintedBy string `json:"printed_by"`
	// NamedPIDs are numbers a death told by others gives as a process's ("child 19375
	// exited … signal=SIGABRT"), when the line carries no pid of its own: a supervisor
	// reporting its child's death names the child, not itself.
	NamedPIDs []int64 `json:"named_pids,omitempty"`
	// Echo is true for a logger's second copy of the fatal line before it (an Azure
	// Pipelines agent prints each stderr line marked "##[error]", then plain): the same
	// death, printed again.
	Echo bool `json:"echo,omitempty"`
}

// JSFrame is one frame of the crash block's JavaScript stack trace (Node 4–13).
type JSFrame struct {
	Index    *int64  `json:"index"`
	Function string  `json:"function"`
	File     *string `json:"file"`
	// Position is the line number (with V8's ~ or * marker removed), nil when not printed.
	Position *int64 `json:"position"`
	// Optimized is true for "*" (optimised), false for "~", nil when neither.
	Optimized *bool `json:"optimized"`
}

// NativeFrame is one frame of a native stack trace: Node's, V8's C stack trace, Windows'.
type NativeFrame struct {
	Index   *int64  `json:"index"`
	Address *string `json:"address"`
	Symbol  *string `json:"symbol"`
	Module  *string `json:"module"`
}

// Marker is a structural line of the crash block: a section header.
type Marker struct {
	Name MarkerName `json:"name"`
	Text string     `json:"text"`
}

// MarkerName says which structural line a Marker is. The names are a contract, like Type's.
type MarkerName string

// The marker names.
const (
	MarkerLastFewGCs        MarkerName = "last_few_gcs"         // <--- Last few GCs --->
	MarkerJSStacktrace      MarkerName = "js_stacktrace"        // <--- JS stacktrace --->
	MarkerJSStackTraceBlock MarkerName = "js_stack_trace_block" // ==== JS stack trace =====
	MarkerJSStackEnd        MarkerName = "js_stack_end"         // the "=====" or "..." ending a JS stack
	MarkerCStackTrace       MarkerName = "c_stack_trace"        // ==== C stack trace
	MarkerNativeStackTrace  MarkerName = "native_stack_trace"   // ----- Native stack trace -----
	MarkerSecurityContext   MarkerName = "security_context"     // Security context: …
	MarkerNoStackInGC       MarkerName = "no_stack_in_gc"       // Cannot get stack trace in GC.
	MarkerReportWritten     MarkerName = "report_written"       // Writing Node.js report to file: …
	MarkerReportCompleted   MarkerName = "report_completed"     // Node.js report completed
	MarkerSnapshotWritten   MarkerName = "snapshot_written"     // Wrote snapshot to …: Node's near-heap-limit heap snapshot
	MarkerV8FatalBanner     MarkerName = "v8_fatal_banner"      // a "#" line of V8's fatal banner that names no failure
	MarkerOther             MarkerName = "other"                // a crash-block keyword without a name of its own
)

// Other is a line V8 printed under the trace flags that is not a GC event: heap-controller
// limits, memory reducer, marking speed, Node 25's action= lines, verbose footers, …
type Other struct {
	Origin
	TimeMS *float64  `json:"time_ms"`
	Name   OtherName `json:"name"`
	Text   string    `json:"text"`
}

// OtherName is a short classification of an Other line. The names are a contract, like
// Type's.
type OtherName string

// The names of Other lines.
const (
	OtherHeapController        OtherName = "heap_controller"         // [HeapController], [GlobalMemoryController], growing factor
	OtherMemoryReducer         OtherName = "memory_reducer"          // Memory reducer: …
	OtherMarkingSpeed          OtherName = "marking_speed"           // Increasing marking speed, Hurrying incremental marking, …
	OtherMemoryPool            OtherName = "memory_pool"             // Node 26's Memory pool: …
	OtherNVPAction             OtherName = "nvp_action"              // Node 25's action= lines
	OtherScavengeStackScanning OtherName = "scavenge_stack_scanning" // Scavenge stack scanning: … (not a GC)
	OtherShrinkingPage         OtherName = "shrinking_page"          // Shrinking page …
	OtherFastPromotion         OtherName = "fast_promotion"          // Fast promotion mode: …
	OtherVerboseFooter         OtherName = "verbose_footer"          // the lines under --trace-gc-verbose's heap table
	OtherReentrantGC           OtherName = "reentrant_gc"            // [Finished reentrant …
	OtherIncrementalMarking    OtherName = "incremental_marking"     // [IncrementalMarking] …
	OtherMutatorUtilization    OtherName = "mutator_utilization"     // Young generation mutator utilization …
	OtherEvacuation            OtherName = "evacuation"              // evacuation …
	OtherFreeLists             OtherName = "freelists"               // FreeLists statistics …
	OtherCutLine               OtherName = "cut_line"                // a line that stops inside its own "[pid:isolate" prefix
	OtherNVPFragment           OtherName = "nvp_fragment"            // the rest of an NVP line whose start is not in the log
	OtherNodeWarning           OtherName = "node_warning"            // (node:1234) …Warning: Node's process warnings, with the pid
	OtherMallocFailure         OtherName = "malloc_failure"          // macOS's "node(pid,0x…) malloc: can't allocate region", with the pid
	OtherKernelTask            OtherName = "kernel_task"             // the kernel naming a node task in a dump (the one that invoked the OOM killer), with its pid
	OtherUnnamed               OtherName = "other"                   // a line of which only the prefix is V8's
)

// Unknown is a line the parser could not classify: the application's own output, mostly.
type Unknown struct {
	Text string `json:"text"`
	// Oversize is set when the line was longer than the reader keeps; Text is then its start.
	Oversize bool `json:"oversize,omitempty"`
	// Bytes is the length of the original line.
	Bytes int `json:"bytes,omitempty"`
}

// Report is a Node.js diagnostic report (--report-on-fatalerror, --report-uncaught-exception,
// process.report.writeReport(): JSON, whole or a pasted part of it; or the text node-report of
// Node 8), read for what says how the process died and what its heap held. A field the report
// (or the part of it in the log) does not carry is nil or empty.
type Report struct {
	// Event and Trigger say why the report was written ("Allocation failed - JavaScript heap
	// out of memory", "OOMError"/"FatalError"; "JavaScript API" for writeReport()).
	Event   *string `json:"event"`
	Trigger *string `json:"trigger"`
	// Location is the text report's fatal location ("CALL_AND_RETRY_LAST").
	Location    *string  `json:"location"`
	PID         *int64   `json:"pid"`
	NodeVersion *string  `json:"node_version"`
	V8Version   *string  `json:"v8_version"`
	CommandLine []string `json:"command_line"`
	// NodeOptions is NODE_OPTIONS from the report's environment variables.
	NodeOptions *string `json:"node_options"`
	// The JavaScript heap at the time of the report, in MB: heap_size_limit (memoryLimit),
	// used, total and available, and the spaces.
	HeapLimitMB     *float64      `json:"heap_limit_mb"`
	HeapUsedMB      *float64      `json:"heap_used_mb"`
	HeapTotalMB     *float64      `json:"heap_total_mb"`
	HeapAvailableMB *float64      `json:"heap_available_mb"`
	Spaces          []ReportSpace `json:"spaces"`
	// RSSMB is the resident set; the machine's and the container's memory where the report
	// says them (Node 18+: total_memory, constrained_memory).
	RSSMB         *float64 `json:"rss_mb"`
	TotalMemoryMB *float64 `json:"total_memory_mb"`
	CgroupLimitMB *float64 `json:"cgroup_limit_mb"`
	// JSMessage and JSStack are the JavaScript stack; NativeStack the native frames' symbols.
	JSMessage   *string  `json:"js_message"`
	JSStack     []string `json:"js_stack"`
	NativeStack []string `json:"native_stack"`
	// Partial is set when the log holds only part of the report (a paste cut it, or began
	// inside it).
	Partial bool `json:"partial"`
}

// ReportSpace is one heap space of a diagnostic report, in MB.
type ReportSpace struct {
	Name        string   `json:"name"`
	SizeMB      *float64 `json:"size_mb"`
	CommittedMB *float64 `json:"committed_mb"`
	CapacityMB  *float64 `json:"capacity_mb"`
	UsedMB      *float64 `json:"used_mb"`
	AvailableMB *float64 `json:"available_mb"`
}

// Memory is a sample of the heap a program printed itself: process.memoryUsage() or
// v8.getHeapStatistics() (an object literal as Node prints it, JSON, key: value lines), in MB.
type Memory struct {
	// Printer is memory_usage or heap_statistics, by the names the sample holds.
	Printer string `json:"printer"`
	// Values holds every number of the sample, by the name printed, in MB.
	Values map[string]float64 `json:"values"`
}

// Process is what a Node process says of itself when `gcanalyze run` traces it: its preload
// prints one line, "[gcanalyze] " and a JSON object, as the process starts.
type Process struct {
	Origin
	NodeVersion string `json:"node_version"`
	// HeapSizeLimitMB is v8.getHeapStatistics().heap_size_limit: the old generation's limit
	// plus the young generation's reservation.
	HeapSizeLimitMB float64 `json:"heap_size_limit_mb"`
	// MaxOldSpaceMB is the --max-old-space-size the process was given (its command line or
	// NODE_OPTIONS), nil when none.
	MaxOldSpaceMB *float64 `json:"max_old_space_mb"`
	// MaxSemiSpaceMB is the --max-semi-space-size it was given, nil when none.
	MaxSemiSpaceMB *float64 `json:"max_semi_space_mb"`
	// MaxHeapSizeMB is the --max-heap-size it was given, nil when none.
	MaxHeapSizeMB *float64 `json:"max_heap_size_mb"`
	Argv          []string `json:"argv"`
	// Worker is set when the line is a worker thread's (ThreadID names it): its heap is its
	// own, bounded by its Worker's resourceLimits unless the process's --max-old-space-size
	// overrides them; HeapSizeLimitMB says which won.
	Worker   bool  `json:"worker,omitempty"`
	ThreadID int64 `json:"thread_id,omitempty"`
	// MaxYoungGenerationMB is a worker's resourceLimits.maxYoungGenerationSizeMb: the young
	// generation's share of its heap_size_limit (nil before Node 12.16, or for the main thread).
	MaxYoungGenerationMB *float64 `json:"max_young_generation_mb,omitempty"`
	// StartedMS is when the thread's Node environment was made, just after its isolate, and
	// AtMS when it printed the line, both in ms on the process's clock
	// (performance.nodeTiming.environment, performance.now()); nil before Node 8.5.
	StartedMS *float64 `json:"started_ms,omitempty"`
	AtMS      *float64 `json:"at_ms,omitempty"`
}

// HeapFlag is a V8 heap flag on a command line the log shows — a CI job echoing it, a process
// title, NODE_OPTIONS, a report's command line: --max-old-space-size, --max-semi-space-size
// and --max-heap-size, in MB.
type HeapFlag struct {
	Name string  `json:"name"`
	MB   float64 `json:"mb"`
	// Context is NODE_OPTIONS, node (the node command's own arguments), v8-flags (Deno).
	Context string `json:"context"`
	Text    string `json:"text"`
}
