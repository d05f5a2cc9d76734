package parser

import "strings"

// V8 prints why a GC was requested (the reason) and why this collector was picked (the
// collector reason, "comment" in our events) as free text. Node ≤ 6 wrap each in brackets,
// Node 18+ separate them with "; ", and Node 7–17 join them with one space, so the split there
// needs to know which texts can end a line as a collector reason.

// knownReasons are V8's GarbageCollectionReason strings of every version, and the free-form
// reasons of V8 ≤ 5.1. The set is open: new versions add values; it is only used to tell a
// complete reason from one V8's 256-byte buffer cut short.
var knownReasons = map[string]bool{
	"allocation failure": true, "allocation limit": true, "context disposal": true,
	"counters extension": true, "debugger": true, "deserialize": true,
	"external memory pressure": true, "finalize incremental marking via stack guard": true,
	"finalize incremental marking via task": true, "full hash-table": true, "heap profiler": true,
	"idle task": true, "task": true, "last resort": true, "low memory notification": true,
	"make heap iterable": true, "memory pressure": true, "memory reducer": true, "runtime": true,
	"sampling profiler": true, "snapshot creator": true, "testing": true, "unknown": true,
	"external finalize": true, "global allocation limit": true, "measure memory": true,
	"background allocation failure": true, "CppHeap allocation failure": true,
	"finalize concurrent MinorMS": true, "finalize concurrent Minor MS": true,
	"last resort gc": true, "GC interrupt": true, "Isolate::RequestGarbageCollection": true,
	"idle notification: finalize incremental": true, "idle notification: contexts disposed": true,
	"idle notification: finalize idle round": true, "idle notification: scavenge": true,
	"mksnapshot": true, "idle notification: finalize incremental marking": true,
	"finalize incremental marking via task ": true, "Heap::CollectAllAvailableGarbage": true,
	"external memory limit": true, "idle": true, "finalize MinorMC": true,
}

// knownComments are V8's collector reasons.
var knownComments = []string{
	"GC in old space requested",
	"GC in old space forced by flags",
	"scavenge might not succeed",
	"Incremental marking forced finalization",
	"old generation allocation limit reached",
	"promotion limit reached",
	"incremental marking delaying mark-sweep",
	"Concurrent MinorMS needs finalization",
	"young generation size exceeded",
	"--minor-ms requested",
}

// reasonWords is every word of the known reasons and comments, for mending words a logger
// split over two lines.
var reasonWords = func() map[string]bool {
	m := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.Fields(s) {
			m[strings.Trim(w, ";.")] = true
		}
	}
	for r := range knownReasons {
		add(r)
	}
	for _, c := range knownComments {
		add(c)
	}
	return m
}()

// reasonFirstWords are the words a reason line can start with, to recognise a reason that a
// terminal wrapped onto a line of its own.
var reasonFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for r := range knownReasons {
		m[strings.Fields(r)[0]] = true
	}
	for _, c := range knownComments {
		m[strings.Fields(c)[0]] = true
	}
	return m
}()

func isKnownComment(s string) bool {
	for _, c := range knownComments {
		if s == c {
			return true
		}
	}
	return false
}

// splitReasons splits the text after the mu clause into reason and comment. complete reports
// whether the text ends as V8 ends a line (a known reason or collector reason, "; ", "].").
func splitReasons(tail string) (reason, comment string, complete bool) {
	t := strings.TrimSpace(tail)
	if t == "" {
		return "", "", false
	}
	if strings.Contains(t, "  ") || strings.ContainsRune(t, '\t') {
		// V8 puts one space between words; a paste that doubled them names the same reason.
		t = strings.Join(strings.Fields(t), " ")
	}
	if strings.HasPrefix(t, "[") { // Node ≤ 6: [reason] [comment].
		var parts []string
		rest := t
		for strings.HasPrefix(rest, "[") {
			end := strings.Index(rest, "]")
			if end < 0 {
				parts = append(parts, strings.TrimSpace(rest[1:]))
				rest = ""
				break
			}
			parts = append(parts, strings.TrimSpace(rest[1:end]))
			rest = strings.TrimSpace(rest[end+1:])
		}
		complete = rest == "." || (rest == "" && strings.HasSuffix(t, "]"))
		if len(parts) > 0 {
			reason = parts[0]
		}
		if len(parts) > 1 {
			comment = parts[1]
		}
		return reason, comment, complete
	}
	if i := strings.Index(t, ";"); i >= 0 { // Node 18+: reason; comment
		return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:]), true
	}
	// Node 7–17: "reason comment" joined by one space.
	for _, c := range knownComments {
		if strings.HasSuffix(t, " "+c) {
			return strings.TrimSpace(strings.TrimSuffix(t, c)), c, true
		}
	}
	if t == "last resort GC in old space requested" {
		return "last resort", "GC in old space requested", true
	}
	return t, "", knownReasons[t] || isKnownComment(t)
}
