package parser

import (
	"slices"
	"strings"
)

// The collector names V8 prints in a --trace-gc line, in one table. The fast path reads the
// names off it, the classifier and the anchor finder the words a name starts with. The grammar
// (gcLineG) must keep its names in a struct tag, a literal: TestCollectorsMatchGrammar holds
// the tag and the table to the same words.

// collector is one collector name as V8 prints it.
type collector struct {
	name string // as printed: "Scavenge", "Minor Mark-Sweep", …
	// kind says what the collector collects: KindScavenge the young generation, KindFull
	// the whole heap.
	kind Kind
	// fast is set for the names the fast path reads (and FuzzFastPath checks it on). A name
	// without it is read by the grammar alone.
	fast bool
}

// collectors are the collector names of every V8 version, the most frequent first: the fast
// path tries them in this order.
var collectors = []collector{
	{"Scavenge", KindScavenge, true},
	{"Mark-Compact", KindFull, true},
	{"Mark-sweep", KindFull, true},
	{"Incremental Mark-Compact", KindFull, true},
	{"Minor Mark-Sweep", KindScavenge, true},
	{"Minor Mark-Compact", KindScavenge, true},
	{"Mark-Sweep", KindFull, true},
	// Node 26+ with --minor-ms; known from V8's source and binaries, not yet from a log.
	{"Incremental Minor Mark-Sweep", KindScavenge, false},
}

// sharedWord may stand before any collector name: a GC of the shared heap. Node 18 and 19
// binaries hold the word; no Node log has shown it (Node does not use shared isolates).
const sharedWord = "Shared"

// collectorStarts are the words a collector name can start with, each with the space that
// follows it in a line.
var collectorStarts = func() []string {
	out := []string{sharedWord + " "}
	for _, c := range collectors {
		w, _, _ := strings.Cut(c.name, " ")
		if w += " "; !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}()

// startsWithCollector reports whether rest, what follows "T ms: " in a line, starts with a
// collector name: whether the line is a GC line, and not one of the other timed lines
// ("Scavenge stack scanning: …" is not a GC).
func startsWithCollector(rest string) bool {
	if strings.HasPrefix(rest, "Scavenge stack") {
		return false
	}
	for _, c := range collectorStarts {
		if strings.HasPrefix(rest, c) {
			return true
		}
	}
	return false
}

// cutInCollector reports a --trace-gc line cut inside its collector's name ("  295494 ms:
// Mark-"): a paste or a dying process ended it there, and nothing of the GC can be read.
func cutInCollector(t string) bool {
	i := strings.Index(t, " ms: ")
	if i < 0 {
		return false
	}
	head := strings.TrimSpace(t[:i])
	if j := strings.LastIndexByte(head, ']'); j >= 0 && strings.HasPrefix(head, "[") {
		head = strings.TrimSpace(head[j+1:])
	}
	if head == "" || strings.Trim(head, "0123456789.") != "" {
		return false
	}
	rest := strings.TrimSpace(t[i+len(" ms: "):])
	if rest == "" {
		return true
	}
	for _, c := range collectors {
		if strings.HasPrefix(c.name, rest) && rest != c.name {
			return true
		}
	}
	return false
}
