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
