package parser

import (
	"cmp"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Lines other printers write about a Node process: the kernel's OOM killer, a shell or a
// package manager reporting a death by signal, a container runtime, Electron reporting a
// renderer gone; and heap flags on the command lines a log echoes. They are not V8's formats —
// the grammar stays V8's — so they are matched here by their fixed words.

// killPatterns are the lines that say the system killed a process for memory, with the pid and
// process name where the line names them. Order matters: the first match wins.
var killPatterns = []struct {
	re         *regexp.Regexp
	printedBy  string
	pid, comm  int // submatch indexes, 0 when absent
	message    string
	notIfFalse bool
}{
	// The pid may be gone: a poster who hid it ("Killed process (node-MainThread)").
	{re: regexp.MustCompile(`(?:Out of memory|Memory cgroup out of memory): Kill(?:ed)? process (?:(\d+) )?\(([^)]*)\)`), printedBy: "kernel", pid: 1, comm: 2, message: "killed by the kernel's OOM killer"},
	{re: regexp.MustCompile(`oom-kill:.*\btask=([^,\s]+),pid=(\d+)`), printedBy: "kernel", pid: 2, comm: 1, message: "killed by the kernel's OOM killer"},
	{re: regexp.MustCompile(`oom_reaper: reaped process (\d+) \(([^)]*)\)`), printedBy: "kernel", pid: 1, comm: 2, message: "killed by the kernel's OOM killer"},
	{re: regexp.MustCompile(`\bKilled process (\d+) \(([^)]*)\)`), printedBy: "kernel", pid: 1, comm: 2, message: "killed by the kernel's OOM killer"},
	{re: regexp.MustCompile(`^(?:\S+: )?(?:line \d+: +)?(\d+)? *Killed(?:: 9)?(?:\s+(\S+).*)?$`), printedBy: "shell", pid: 1, comm: 2, message: "killed (SIGKILL)"},
	{re: regexp.MustCompile(`^(?:\[\d+\] +[+-]? *(\d+) +)?(?:zsh: )?killed +(\S+)`), printedBy: "shell", pid: 1, comm: 2, message: "killed (SIGKILL)"},
	// The shell's "Killed" glued to a progress bar that had no newline of its own (webpack's
	// "28% building modules … iterator.jsKilled").
	{re: regexp.MustCompile(`\d%.*\SKilled$`), printedBy: "shell", message: "killed (SIGKILL)"},
	{re: regexp.MustCompile(`\bOOMKilled\b`), printedBy: "container", message: "OOMKilled: the container went past its memory limit", notIfFalse: true},
	{re: regexp.MustCompile(`Error R15 \(Memory quota vastly exceeded\)`), printedBy: "platform", message: "R15: the dyno went past its memory quota and was killed"},
	{re: regexp.MustCompile(`(?i)signal:? ["\[]?(?:SIGKILL|killed)["\]]?`), printedBy: "npm", message: "killed (SIGKILL)"},
	{re: regexp.MustCompile(`(?i)\b(?:exit(?:ed)?|errno|code|status)(?: with)?(?: exit)?(?: code| status)?\s*[:=]?\s*137\b`), printedBy: "npm", message: "exit code 137: killed (SIGKILL)"},
}

// abortPattern is a death by SIGABRT reported by a shell (bash's "Aborted", macOS's "Abort
// trap: 6", zsh's "zsh: abort" and its job table's "abort (core dumped)"), a package manager or
// an auditor:
// what V8 does on its own out-of-memory path, but also on any other fatal error. Emscripten's
// "Aborted()" (a WebAssembly module's abort, the process lives on) is not one.
var abortPattern = regexp.MustCompile(`^(?:\S+: )?(?:line \d+: +)?(?:\d+ +)?Aborted(?:$|[^(\w])|\bAbort trap: 6\b|^zsh: abort\b|\d+ abort \(core dumped\)|\bSIGABRT\b|\bsig=6\b|\bANOM_ABEND\b.*exe="[^"]*node[^"/]*"(?:\s+\S+)?$|(?i)\b(?:exit(?:ed)?|errno|code|status)(?: with)?(?: exit)?(?: code| status)?\s*[:=]?\s*134\b`)

// auditPID is the pid of an audit line (ANOM_ABEND … pid=10565 … sig=6).
var auditPID = regexp.MustCompile(`\bANOM_ABEND\b.*\bpid=(\d+)`)

// rendererCrashed is Electron or Chromium reporting a renderer (or other child) gone for a
// reason that is not memory: a death of its own, which a bigger heap does not prevent.
var rendererCrashed = regexp.MustCompile(`(?i)(?:render-process-gone|renderer process gone|child-process-gone).*reason[^a-z]{0,4}(crashed|abnormal-exit|launch-failed|integrity-failure)\b`)

// rendererOOM is Electron or Chromium reporting a renderer (or other child) gone for "oom".
var rendererOOM = regexp.MustCompile(`(?i)(?:render-process-gone|renderer process gone|child-process-gone|terminated unexpectedly|crashed).*reason[^a-z]{0,4}oom\b|-536870904`)

// crashReason is a crash report's reason, when it is memory: a minidump's "Crash reason: Out of
// Memory", a crash signature "[Out of Memory] v8::internal::Zone::NewExpand".
var crashReason = regexp.MustCompile(`(?i)(?:^Crash reason:\s+Out of Memory|\[Out of Memory\])(.*)$`)

// chromiumOOM is Chromium's allocator giving up ("Out of memory. size=…").
var chromiumOOM = regexp.MustCompile(`\bOut of memory[.,]? size ?= ?(\d+)|Oilpan: Out of memory`)

// embedderFatal is V8's fatal error as an embedder other than Node prints it (Cloudflare's
// workerd, under wrangler and miniflare: "workerd/jsg/setup.c++:38: fatal: V8 fatal error;
// location = Reached heap limit; message = : allocation failed: JavaScript heap out of
// memory"): the location and message Node prints after "FATAL ERROR:". A terminal that
// wrapped the line leaves the location's first words ("location = Reached heap").
var embedderFatal = regexp.MustCompile(`\bV8 fatal error; location = (.*?)(?:; message = (?::\s*)?(.*))?$`)

// deathLine reads a line that tells of a process's death by someone other than V8: a kill for
// memory, an abort, a renderer gone for "oom". ok is false for any other line.
func deathLine(t string) (*Fatal, bool) {
	if !mayTellOfDeath(t) {
		return nil, false
	}
	f, ok := deathOf(t)
	if ok && f.PID == nil {
		f.NamedPIDs = namedPIDs(t)
	}
	return f, ok
}

// namedPIDRE is a number a line gives as a process's: "pid 4711", "child 19375", "process=12".
var namedPIDRE = regexp.MustCompile(`(?i)\b(?:pid|process|child|worker|subprocess)[\s:=#]*(\d+)\b`)

// deathWordRE is where a line says a process ended.
var deathWordRE = regexp.MustCompile(`(?i)\b(?:died|dead|exited|exit|killed|terminated|crashed|signal|abort)`)

// namedPIDs returns the numbers a line gives as processes', the one nearest to where it says a
// process ended first: a supervisor's line names itself too ("[dispatcher pid=11902] renderer
// pid=11909 died code=null signal=SIGABRT"), and the death is the other's.
func namedPIDs(t string) []int64 {
	type named struct {
		pid  int64
		dist int
	}
	death := -1
	if loc := deathWordRE.FindStringIndex(t); loc != nil {
		death = loc[0]
	}
	var found []named
	for _, m := range namedPIDRE.FindAllStringSubmatchIndex(t, -1) {
		if pid, err := strconv.ParseInt(t[m[2]:m[3]], 10, 64); err == nil {
			d := 0
			if death >= 0 {
				d = abs(death - m[3])
			}
			found = append(found, named{pid, d})
		}
	}
	slices.SortStableFunc(found, func(a, b named) int { return cmp.Compare(a.dist, b.dist) })
	var out []int64
	for _, n := range found {
		out = append(out, n.pid)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// deathOf reads a line that may tell of a death (mayTellOfDeath said so).
func deathOf(t string) (*Fatal, bool) {
	if m := embedderFatal.FindStringSubmatch(t); m != nil {
		return newFatal(m[1], m[2], "v8"), true
	}
	for _, k := range killPatterns {
		m := k.re.FindStringSubmatch(t)
		if m == nil || k.notIfFalse && strings.Contains(strings.ToLower(t), "oomkilled\": false") ||
			k.notIfFalse && strings.Contains(strings.ToLower(t), "oomkilled: false") {
			continue
		}
		f := newFatal("", k.message, k.printedBy)
		f.Kind = FatalSystemOOM
		if k.pid > 0 && m[k.pid] != "" {
			if pid, err := strconv.ParseInt(m[k.pid], 10, 64); err == nil {
				f.PID = &pid
			}
		}
		if k.comm > 0 && m[k.comm] != "" {
			f.Location = strPtr(m[k.comm])
		}
		return f, true
	}
	if strings.Contains(t, "Jest worker ran out of memory") {
		f := newFatal("", "Jest worker ran out of memory and crashed", "jest")
		f.Kind, f.HeapOOM = FatalWorkerOOM, true
		return f, true
	}
	if abortPattern.MatchString(t) {
		f := newFatal("", "aborted (SIGABRT)", "shell")
		f.Kind = FatalUnknown
		if m := auditPID.FindStringSubmatch(t); m != nil {
			if pid, err := strconv.ParseInt(m[1], 10, 64); err == nil {
				f.PID, f.PrintedBy = &pid, "audit"
			}
		}
		return f, true
	}
	if strings.Contains(t, "app crashed - waiting for file changes") {
		// nodemon's word that its child exited with an error: a death, of what it does not
		// say (the crash block before it, when there is one, does).
		f := newFatal("", "exited with an error ([nodemon] app crashed)", "shell")
		f.Kind = FatalUnknown
		return f, true
	}
	if rendererOOM.MatchString(t) {
		f := newFatal("", "renderer gone: out of memory", "electron")
		f.Kind = FatalUnknown
		return f, true
	}
	if m := rendererCrashed.FindStringSubmatch(t); m != nil {
		f := newFatal("", "renderer gone: "+strings.ToLower(m[1]), "electron")
		f.Kind = FatalOther
		return f, true
	}
	if strings.Contains(t, "RETRY_LAST") {
		// CALL_AND_RETRY_LAST alone (isolated-vm), or its remains in strings pulled from a
		// minidump: V8's allocation that failed after its last-resort GCs.
		f := newFatal("CALL_AND_RETRY_LAST", "allocation failed", "text")
		f.Kind = FatalCallAndRetryLast
		return f, true
	}
	if m := crashReason.FindStringSubmatch(t); m != nil {
		f := newFatal("", "out of memory: "+strings.TrimSpace(m[1]), "minidump")
		f.Kind = FatalUnknown
		if strings.Contains(m[1], "Zone::") {
			f.Kind = FatalZone
		}
		return f, true
	}
	if m := chromiumOOM.FindStringSubmatch(t); m != nil {
		msg := "out of memory"
		if m[1] != "" {
			msg = "out of memory allocating " + m[1] + " bytes"
		}
		f := newFatal("", msg, "chromium")
		f.Kind = FatalUnknown
		return f, true
	}
	return nil, false
}

// mayTellOfDeath is a cheap test that lets most lines skip the patterns.
func mayTellOfDeath(t string) bool {
	return strings.Contains(t, "ill") || strings.Contains(t, "137") || strings.Contains(t, "134") ||
		strings.Contains(t, "SIG") || strings.Contains(t, "bort") || strings.Contains(t, "oom") ||
		strings.Contains(t, "OOM") || strings.Contains(t, "R15") || strings.Contains(t, "-536870904") ||
		strings.Contains(t, "sig=6") || strings.Contains(t, "Out of memory") || strings.Contains(t, "Out of Memory") ||
		strings.Contains(t, "RETRY_LAST") || strings.Contains(t, "Jest worker") || strings.Contains(t, "ANOM_ABEND") ||
		strings.Contains(t, "gone") || strings.Contains(t, "V8 fatal error") || strings.Contains(t, "app crashed")
}

// heapFlagRE finds V8's heap flags: --max-old-space-size=N, --max_old_space_size N, the
// semi-space flag and --max-heap-size, which sizes the old and young generations together.
var heapFlagRE = regexp.MustCompile(`(?:^|[\s"'=,\[])--(max[-_]old[-_]space[-_]size|max[-_]semi[-_]space[-_]size|max[-_]heap[-_]size)[= ](\d+(?:\.\d+)?)`)

// HeapFlags returns the heap flags a line gives the node (or deno) it runs. A flag counts when
// the line gives it to V8: in NODE_OPTIONS, after a node command and before its script, or in
// Deno's --v8-flags; a flag after a script is that script's argument.
func HeapFlags(t string) []*HeapFlag {
	if !strings.Contains(t, "--max") || !strings.Contains(t, "space") && !strings.Contains(t, "heap") {
		return nil
	}
	var out []*HeapFlag
	for _, m := range heapFlagRE.FindAllStringSubmatchIndex(t, -1) {
		ctx := flagContext(t[:m[0]+1])
		if ctx == "" {
			continue
		}
		name := strings.ReplaceAll(t[m[2]:m[3]], "_", "-")
		mb, err := strconv.ParseFloat(t[m[4]:m[5]], 64)
		if err != nil || mb <= 0 {
			continue
		}
		out = append(out, &HeapFlag{Name: name, MB: mb, Context: ctx, Text: strings.TrimSpace(t)})
	}
	return out
}

// flagContext says what gives the flag that follows before to V8: NODE_OPTIONS, a node
// command whose script has not come yet, Deno's --v8-flags; "" when nothing does.
func flagContext(before string) string {
	switch {
	case strings.Contains(before, "NODE_OPTIONS"):
		return "NODE_OPTIONS"
	case strings.Contains(before, "--v8-flags"):
		return "v8-flags"
	}
	// The last node command before the flag, and no script between them: its arguments so far
	// are all options.
	fields := strings.FieldsFunc(before, func(r rune) bool { return r == ' ' || r == '"' || r == '\'' || r == ',' || r == '[' || r == '\t' })
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		base := f[strings.LastIndexAny(f, `/\`)+1:]
		switch strings.TrimSuffix(strings.ToLower(base), ".exe") {
		case "node", "nodejs":
			return "node"
		}
		if !strings.HasPrefix(f, "-") {
			return "" // a script or another command came first
		}
	}
	return ""
}

// debuggerFrames are the stack frames of crash reporters and debuggers, which show a crashed
// thread where V8's own native stack is not printed: a macOS crash report, lldb, gdb and
// systemd-coredump, a symbolised minidump, Backtrace.io. Submatches: index, address (may be
// empty), module (may be empty), symbol.
var debuggerFrames = []*regexp.Regexp{
	// 2   libnode.dylib    0x0000000104463d12 v8::internal::V8::FatalProcessOutOfMemory(char const*, bool) + 594
	regexp.MustCompile(`^(\d+)\s+(?P<module>\S[^\t]*?)\s+(?P<addr>0x[0-9a-fA-F]+) (?P<sym>.+?)(?: \+ \d+)?$`),
	// frame #3: 0x000000010f5c66f4 Electron Framework` + "`" + `v8::Utils::ReportOOMFailure(…) at api.cc:341:7 [opt]
	regexp.MustCompile(`^\*?\s*frame #(\d+): (?P<addr>0x[0-9a-fA-F]+) (?P<module>[^` + "`" + `]+)` + "`" + `(?P<sym>.+?)(?: at \S+)?(?: \[opt\])?$`),
	// #3  0x0000000000b82c95 _ZN4node15OOMErrorHandler… (node + 0x782c95)
	regexp.MustCompile(`^#(\d+)\s+(?P<addr>0x[0-9a-fA-F]+) (?:in )?(?P<sym>.+?)(?: \((?P<module>[^()]+?) \+ 0x[0-9a-fA-F]+\))?$`),
	// 13 Electron Framework!base::internal::OnNoMemoryInternal(unsigned long) [memory.cc : 62 + 0x0]
	regexp.MustCompile(`^(\d+)\s+(?P<module>[^!\s][^!]*)!(?P<sym>.+?)(?: \[[^\]]*\])?$`),
	// [ 04 ] v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, bool)
	regexp.MustCompile(`^\[\s*(\d+)\s*\]\s+(?P<sym>\S.*)$`),
}

// debuggerFrame reads a frame of a crash reporter's or a debugger's stack.
func debuggerFrame(t string) (*NativeFrame, bool) {
	if len(t) < 6 || !(t[0] >= '0' && t[0] <= '9' || t[0] == '#' || t[0] == '[' || t[0] == 'f' || t[0] == '*') {
		return nil, false
	}
	for _, re := range debuggerFrames {
		m := re.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		f := &NativeFrame{Index: intPtr(m[1])}
		for i, name := range re.SubexpNames() {
			switch name {
			case "addr":
				f.Address = strPtr(m[i])
			case "module":
				f.Module = strPtr(strings.TrimSpace(m[i]))
			case "sym":
				f.Symbol = strPtr(strings.TrimSpace(m[i]))
			}
		}
		if f.Symbol == nil {
			continue
		}
		return f, true
	}
	return nil, false
}

// nodeWarningPID reads the pid of Node's process warnings: "(node:7702) [DEP0005]
// DeprecationWarning: …", "(node:12) MaxListenersExceededWarning: …".
func nodeWarningPID(t string) (int64, bool) {
	if !strings.HasPrefix(t, "(node:") {
		return 0, false
	}
	d := scanDigits(t, 6)
	if d == 6 || d >= len(t) || t[d] != ')' || d-6 > 10 {
		return 0, false
	}
	pid, err := strconv.ParseInt(t[6:d], 10, 64)
	return pid, err == nil
}

// kernelTask is the kernel's line naming the task a dump is about ("CPU: 1 PID: 15464 Comm: node
// Not tainted …", before Linux 3.10 "Pid: 15464, comm: node …"): in an OOM-killer report, the
// process that asked for memory the machine did not have.
var kernelTask = regexp.MustCompile(`\b(?:CPU: \d+ PID|Pid): (\d+),? [Cc]omm: (?:node|nodejs|node\.exe)\b`)

// kernelTaskPID reads the pid of a node task the kernel names.
func kernelTaskPID(t string) (int64, bool) {
	if !strings.Contains(t, "omm: node") {
		return 0, false
	}
	m := kernelTask.FindStringSubmatch(t)
	if m == nil {
		return 0, false
	}
	pid, err := strconv.ParseInt(m[1], 10, 64)
	return pid, err == nil
}

// ProcessLinePrefix starts the line `gcanalyze run`'s preload prints for each Node process it
// traces; a JSON object follows.
const ProcessLinePrefix = "[gcanalyze] "

// processLine reads the line `gcanalyze run`'s preload prints: "[gcanalyze] {"pid":…,
// "node":…,"heap_size_limit":…,"argv":[…]}", or for a worker thread "{"pid":…,"worker":true,
// "thread_id":…,"heap_size_limit":…,"max_young_generation_size":…}".
func processLine(t string) (*Process, bool) {
	if !strings.HasPrefix(t, ProcessLinePrefix+"{") {
		return nil, false
	}
	var v struct {
		PID           *int64   `json:"pid"`
		Node          string   `json:"node"`
		HeapSizeLimit float64  `json:"heap_size_limit"`
		MaxOldSpace   *float64 `json:"max_old_space_size"`
		MaxSemiSpace  *float64 `json:"max_semi_space_size"`
		MaxHeapSize   *float64 `json:"max_heap_size"`
		Argv          []string `json:"argv"`
		Worker        bool     `json:"worker"`
		ThreadID      int64    `json:"thread_id"`
		MaxYoung      *float64 `json:"max_young_generation_size"`
		StartedMS     *float64 `json:"started_ms"`
		AtMS          *float64 `json:"at_ms"`
	}
	if json.Unmarshal([]byte(t[len(ProcessLinePrefix):]), &v) != nil || v.PID == nil || v.HeapSizeLimit <= 0 {
		return nil, false
	}
	return &Process{Origin: Origin{PID: v.PID}, NodeVersion: v.Node, HeapSizeLimitMB: v.HeapSizeLimit / (1 << 20), MaxOldSpaceMB: v.MaxOldSpace, MaxSemiSpaceMB: v.MaxSemiSpace, MaxHeapSizeMB: v.MaxHeapSize, Argv: v.Argv,
		Worker: v.Worker, ThreadID: v.ThreadID, MaxYoungGenerationMB: v.MaxYoung, StartedMS: v.StartedMS, AtMS: v.AtMS}, true
}

// mallocFailure is macOS's libmalloc refusing a node process memory outside V8's heap:
// "node(62702,0x106d05dc0) malloc: can't allocate region".
var mallocFailure = regexp.MustCompile(`^(?:node|nodejs|Electron[^(]*)\((\d+),0x[0-9a-f]+\) malloc: (?:can't allocate region|\*\*\* mach_vm_map)`)
