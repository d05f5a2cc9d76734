package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gcanalyze/gcanalyze/input"
	"github.com/gcanalyze/gcanalyze/parser"
)

// notLogs sets aside the JSON documents a directory walk, a glob or an archive brought in
// beside the logs — a run's metadata, heap snapshots, profiles — so that a folder of logs
// with such files next to them reads as the logs it holds, not as many failures and exit
// code 1. A file the user named on its own is never set aside: they asked about it, and are
// told what it is. When nothing but such documents came, they are reported as before: there
// was nothing to analyse, and each says why.
type notLogs struct {
	named   map[string]bool
	visited int
	set     []error // the errors of the inputs set aside
	first   string  // the name of the first, for the note
}

// newNotLogs returns a notLogs for the inputs args name.
func newNotLogs(args []string) *notLogs {
	n := &notLogs{named: map[string]bool{}}
	for _, a := range args {
		if !strings.ContainsAny(a, "*?[") {
			n.named[a] = true
		}
	}
	return n
}

// count wraps a visit so that the inputs it is called for are counted.
func (n *notLogs) count(visit input.Visit) input.Visit {
	return func(name string, r io.Reader) error {
		n.visited++
		return visit(name, r)
	}
}

// setAside reports whether the error of the input name is that of a document beside the
// logs, and keeps it if so.
func (n *notLogs) setAside(name string, err error) bool {
	var nv *parser.NotV8Error
	if n.named[name] || !errors.As(err, &nv) || !nv.Document {
		return false
	}
	if len(n.set) == 0 {
		n.first = name
	}
	n.set = append(n.set, err)
	return true
}

// filter returns the errors that are not set aside.
func (n *notLogs) filter(errs []error) []error {
	var kept []error
	for _, err := range errs {
		var ie *input.Error
		if errors.As(err, &ie) && n.setAside(ie.Name, err) {
			continue
		}
		kept = append(kept, err)
	}
	return kept
}

// onlyDocuments reports whether every input visited was set aside: nothing was analysed.
func (n *notLogs) onlyDocuments() bool { return len(n.set) > 0 && len(n.set) == n.visited }

// note says, in one line, what was set aside and how to see why.
func (n *notLogs) note(w io.Writer) {
	if len(n.set) == 0 || n.onlyDocuments() {
		return
	}
	documents := "JSON documents"
	if len(n.set) == 1 {
		documents = "JSON document"
	}
	fmt.Fprintf(w, "gcanalyze: skipped %d %s found beside the logs (metadata, heap snapshots, profiles), such as %s; name one on its own to see what it is\n",
		len(n.set), documents, n.first)
}

// finishInputs reports the inputs' problems: the documents set aside in one line, the rest as
// failures (or every document as one, when nothing else came).
func (a *app) finishInputs(n *notLogs, errs []error) {
	kept := n.filter(errs)
	if n.onlyDocuments() {
		kept = append(n.set, kept...)
	}
	n.note(a.stderr)
	a.failAll(kept)
}
