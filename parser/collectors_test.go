package parser

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// grammarCollectorWords returns the words of gcLineG's Names tag: the modifiers that may come
// before a name ("Incremental", "Minor", "Shared") and the names they come before.
func grammarCollectorWords(t *testing.T) (modifiers, bases []string) {
	t.Helper()
	f, _ := reflect.TypeFor[gcLineG]().FieldByName("Names")
	tag := f.Tag.Get("parser")
	groups := regexp.MustCompile(`@\(([^)]*)\)(\*?)`).FindAllStringSubmatch(tag, -1)
	if len(groups) != 2 || groups[0][2] != "*" || groups[1][2] != "" {
		t.Fatalf("gcLineG.Names is no longer modifiers* name: %s", tag)
	}
	words := func(alt string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`'([^']*)'`).FindAllStringSubmatch(alt, -1) {
			out = append(out, m[1])
		}
		return out
	}
	return words(groups[0][1]), words(groups[1][1])
}

// TestCollectorsMatchGrammar holds the collector table and the grammar to the same names. The
// grammar takes any run of its modifiers before a name, so that a name V8 makes of known words
// still parses; the table holds the names V8 prints. So: every name of the table (with and
// without "Shared") parses to itself; every name the grammar takes without a modifier is one of
// the table's; every modifier is "Shared" or a word a table name starts with; and the table
// uses no word the grammar does not know.
func TestCollectorsMatchGrammar(t *testing.T) {
	modifiers, bases := grammarCollectorWords(t)
	var tableModifiers []string
	for _, c := range collectors {
		for _, name := range []string{c.name, sharedWord + " " + c.name} {
			line := "[1:0x1]       10 ms: " + name + " 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  allocation failure; "
			g, err := gcParser.ParseString("", line)
			if err != nil || strings.Join(g.Names, " ") != name {
				t.Errorf("the grammar does not read %q: %v", name, err)
			}
		}
		words := strings.Fields(c.name)
		if last := words[len(words)-1]; !slices.Contains(bases, last) {
			t.Errorf("%q ends in %q, which the grammar does not take as a name", c.name, last)
		}
		tableModifiers = append(tableModifiers, words[:len(words)-1]...)
		if got := collectorKind(c.name); got != c.kind {
			t.Errorf("%q: the table says %s, collectorKind (the grammar path) %s", c.name, c.kind, got)
		}
	}
	for _, b := range bases {
		if !slices.ContainsFunc(collectors, func(c collector) bool { return c.name == b }) {
			t.Errorf("the grammar takes %q, which is not in the collector table", b)
		}
	}
	for _, m := range modifiers {
		if m != sharedWord && !slices.Contains(tableModifiers, m) {
			t.Errorf("the grammar takes the modifier %q, which no name of the table starts with", m)
		}
	}
	for _, m := range tableModifiers {
		if !slices.Contains(modifiers, m) {
			t.Errorf("the table's %q is not a modifier of the grammar", m)
		}
	}
}

// TestFastPathReadsTheTable checks that the fast path reads every name the table marks fast,
// with the table's kind, and leaves the others to the grammar.
func TestFastPathReadsTheTable(t *testing.T) {
	for _, c := range collectors {
		line := "[1:0x1]       10 ms: " + c.name + " 1.0 (2.0) -> 0.5 (2.0) MB, 0.50 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure; "
		gc, ok := fastGC(line)
		if ok != c.fast {
			t.Errorf("%q: fast path took it: %v, want %v", c.name, ok, c.fast)
			continue
		}
		if ok && (*gc.Collector != c.name || *gc.Kind != c.kind) {
			t.Errorf("%q: fast path read %q, %q", c.name, *gc.Collector, *gc.Kind)
		}
	}
}
