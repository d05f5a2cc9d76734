// Package parser turns the text V8 prints about its garbage collector into typed events.
//
// It reads --trace-gc output of every Node.js era, --trace-gc-nvp, --trace-gc-verbose and the
// fatal out-of-memory crash block, line by line from an io.Reader, and hands out events in input
// order, each with the 1-based line it came from. It knows nothing of statistics: that is the job
// of package analyze. A line it cannot classify becomes an Unknown event, never an error.
//
// The files, in about the order a line meets them:
//
//   - parser.go: the Parser, its event queue, and the loop that reads one logical line at a time.
//   - lines.go: physical lines, from a reader or in place from memory, with one line of look-ahead.
//   - pending.go: a --trace-gc line cut off by application output, waiting for its rest.
//   - join.go: lines a terminal hard-wrapped or a logger split, joined again.
//   - fastpath.go: the hot lines (--trace-gc, NVP, verbose rows, native frames) without the grammar.
//   - classify.go: each piece of a line sent to the reader of its shape.
//   - normalize.go: what logs wrap around V8's text removed; where V8's pieces start in a line.
//   - prefix.go: V8's "[pid:isolate]" line prefix, read by one scanner for every caller.
//   - gcentry.go: a --trace-gc entry read by the grammar: whole, glued, cut short.
//   - crash.go: the crash block's sections, fatal lines, frames and ring-buffer fragments.
//   - repeats.go: a GC placed as live or crash-dump entry; entries repeating a live GC marked.
//
// and what they share:
//
//   - grammar.go: the participle grammar of every line shape, the single source of truth.
//   - collectors.go: the collector names V8 prints, in one table the other files read.
//   - convert.go: grammar nodes to events.
//   - reasons.go: V8's GC reasons and collector reasons, and how a line's reasons split.
//   - event.go: the event types and the names they carry.
//   - json.go: events as JSON, the GC event without reflection.
//   - parallel.go: a large log parsed in blocks on all cores, its events in input order.
//   - notv8.go: telling an input that holds nothing of V8's, and what it looks like instead.
package parser
