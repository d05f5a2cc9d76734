package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// NotV8Error reports that an input held nothing of V8's: no GC line, no piece of a crash block,
// nothing V8 or Node prints about the heap. Read it with errors.As.
type NotV8Error struct {
	// Looks says what the input looks like instead ("it looks like a JVM garbage-collector
	// log", "the input is empty", …), or is empty when nothing can be said.
	Looks string
	// Document is set when the input is a whole JSON document of another kind — a heap
	// snapshot, a profile, a run's metadata — rather than text that may be a log gone wrong:
	// the file that sits beside the logs of a directory or an archive.
	Document bool
}

// Error says that nothing of V8's was found, and what the input looks like instead.
func (e *NotV8Error) Error() string {
	msg := "no V8 garbage-collector output found (expected node --trace-gc output or a 'JavaScript heap out of memory' crash log)"
	if e.Looks != "" {
		msg += "; " + e.Looks
	}
	return msg
}

// sniffSamples is how many of an input's first non-V8 lines a Sniffer keeps to name what the
// input is.
const sniffSamples = 20

// Sniffer watches the events of one input and tells at its end whether it held anything of
// V8's; when not, it names what the input looks like from its first lines. Every command that
// reads an input decides this through a Sniffer, so they all decide alike.
type Sniffer struct {
	v8      bool
	samples []string
}

// Observe notes one event.
func (s *Sniffer) Observe(ev *Event) {
	if ev.Type != TypeUnknown {
		s.v8 = true
		return
	}
	if !s.v8 && len(s.samples) < sniffSamples {
		s.samples = append(s.samples, ev.Unknown.Text)
	}
}

// Err returns nil when the input held something of V8's, else a *NotV8Error. st are the
// parser's counts for the input.
func (s *Sniffer) Err(st Stats) error {
	if s.v8 {
		return nil
	}
	looks, document := looksLike(s.samples, st)
	return &NotV8Error{Looks: looks, Document: document}
}

// bunBanner is the first line of Bun's crash report, "Bun v1.1.29 (6d43b366) Windows x64",
// under whatever prefix a runner gave it.
var bunBanner = regexp.MustCompile(`(?:^|\s)Bun v\d+\.\d+\.\d+ \([0-9a-f]+\)`)

// looksLike names what an input that holds nothing of V8's looks like instead, and whether
// it is a JSON document (see NotV8Error.Document).
func looksLike(samples []string, st Stats) (looks string, document bool) {
	if st.Bytes == 0 {
		return "the input is empty", false
	}
	if st.Oversize > 0 {
		return fmt.Sprintf("%d line(s) longer than %d MiB were skipped unread", st.Oversize, MaxLineBytes>>20), false
	}
	if len(samples) == 0 {
		return "the input holds only blank lines", false
	}
	binary := 0
	for _, s := range samples {
		for _, r := range s {
			if r == '\uFFFD' || r < 0x20 && r != '\t' {
				binary++
			}
		}
		switch {
		case strings.Contains(s, "[gc") && strings.Contains(s, "]") || strings.Contains(s, "Pause Young") ||
			strings.Contains(s, "[GC (") || strings.Contains(s, "[Full GC"):
			return "it looks like a JVM garbage-collector log", false
		case strings.HasPrefix(s, "gc ") && strings.Contains(s, " @") && strings.Contains(s, "%:"):
			return "it looks like a Go runtime gctrace", false
		case strings.Contains(s, "Bun has crashed") || bunBanner.MatchString(s):
			return "it looks like a crash report of Bun, which runs JavaScriptCore, not V8: there is no V8 heap or GC trace in it to read (its RSS, Peak and Commit lines say how much memory the process held; an OutOfMemory panic is Bun failing to allocate, reported to Bun's issue tracker)", false
		}
	}
	if binary > 8 {
		return "it looks like binary data, not text", false
	}
	if what := jsonArtifact([]byte(strings.Join(samples[:min(len(samples), 4)], "\n"))); what != "" {
		return "it is " + what, true
	}
	if first := strings.TrimSpace(samples[0]); strings.HasPrefix(first, "{") || strings.HasPrefix(first, "[") {
		return "it is a JSON document, not a log or a Node.js diagnostic report", true
	}
	return "", false
}

// jsonArtifacts are the JSON files V8 and Node write about a program's memory and time that
// are not logs, known by their first key, each with where it is read instead. They are often
// megabytes, more than the parser sees at once to check that an input is one JSON document,
// and their strings hold the program's own text — a heap snapshot holds Node's source, whose
// error messages read as a crash.
var jsonArtifacts = []struct{ start, what string }{
	{`{"snapshot":{"meta":`, "a V8 heap snapshot (.heapsnapshot), not a log: load it in Chrome DevTools (Memory → Load) and sort by retained size to see what holds the heap; gcanalyze reads the run's GC log (node --trace-gc)"},
	{`{"head":{"callFrame":`, "a V8 sampling heap profile (--heap-prof, .heapprofile), not a log: load it in Chrome DevTools (Memory → Load) to see which functions allocated; gcanalyze reads the run's GC log (node --trace-gc)"},
	{`{"nodes":[{"id":`, "a V8 CPU profile (--cpu-prof, .cpuprofile), not a log: load it in Chrome DevTools (Performance); gcanalyze reads the run's GC log (node --trace-gc)"},
	{`{"traceEvents":[`, "a trace-events file (--trace-events-enabled, node_trace.*.log), not a --trace-gc log: load it in Perfetto or chrome://tracing; for gcanalyze, run with --trace-gc"},
}

// jsonArtifact names the artifact a text starts as (see jsonArtifacts), or returns "".
func jsonArtifact(head []byte) string {
	var compact []byte // the start, white space outside strings left out
	for _, c := range head {
		if len(compact) == 32 {
			break
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			compact = append(compact, c)
		}
	}
	for _, a := range jsonArtifacts {
		if bytes.HasPrefix(compact, []byte(a.start)) {
			return a.what
		}
	}
	return ""
}

// jsonDocument reports whether a whole input is one JSON document that is not a Node.js
// diagnostic report: metadata, a configuration, an API's answer. Its strings may quote a crash
// line ("crash_line": "FATAL ERROR: …"), which is not a crash: such an input holds no V8
// output. A report, JSON Lines (a logger's), and pastes that are JSON-like but not JSON are
// read as logs.
func jsonDocument(buf []byte) bool {
	t := bytes.TrimSpace(buf)
	if len(t) == 0 || t[0] != '{' && t[0] != '[' || !json.Valid(t) {
		return false
	}
	if _, ok := recordText(t); ok {
		return false // a collector's log of one line
	}
	for _, k := range reportStarts {
		if bytes.Contains(t, []byte(k)) {
			return false
		}
	}
	return true
}
