// Package render writes an analyze.Report as text for a terminal, as Markdown for a bug report,
// or as JSON for scripts. It computes nothing of its own.
package render

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/internal/units"
)

// JSON writes the report as one line of JSON. The analyzer keeps every number finite.
func JSON(w io.Writer, r *analyze.Report) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

func secs(ms float64) string { return units.Duration(ms) }

// title is the first line of a process: source, pid, isolate, how many GCs over what span.
func title(r *analyze.Report, p *analyze.Process) string {
	parts := []string{p.Name(r.Source)}
	if p.FirstMS != nil {
		gcs := fmt.Sprintf("%d GCs", p.GCEvents)
		if p.GCEvents == 1 {
			gcs = "1 GC"
		}
		parts = append(parts, fmt.Sprintf("%s over %s", gcs, secs(*p.LastMS-*p.FirstMS)))
	} else {
		parts = append(parts, "no GC lines")
	}
	return strings.Join(parts, " · ")
}

func crashLine(p *analyze.Process) string {
	if p.Crash == nil {
		return ""
	}
	at := ""
	if p.Crash.TimeMS != nil {
		at = " at " + secs(*p.Crash.TimeMS)
	}
	return fmt.Sprintf("Crashed%s: %s", at, p.Crash.Fatal)
}

func splitEvidence(e string) (string, string) {
	if i := strings.Index(e, ": "); i > 0 {
		return e[:i], e[i+2:]
	}
	return "", e
}

// Text writes the report for a terminal: root cause first, then evidence, then what to do.
func Text(w io.Writer, r *analyze.Report) error {
	var b strings.Builder
	if len(r.Processes) == 0 {
		fmt.Fprintf(&b, "%s · %d lines · no V8 garbage-collector output found\n", r.Source, r.Lines)
	}
	if len(r.Processes) > 1 {
		fmt.Fprintf(&b, "%s · %d processes\n", r.Source, len(r.Processes))
		for i, p := range r.Processes {
			fmt.Fprintf(&b, "  %s\n", overview(i, p))
		}
		b.WriteString("\n" + strings.Repeat("─", 72) + "\n\n")
	}
	frames := framesSeen{}
	for i, p := range r.Processes {
		if i > 0 {
			b.WriteString("\n" + strings.Repeat("─", 72) + "\n\n")
		}
		fmt.Fprintf(&b, "%s\n\n%s\n", title(r, p), analyze.Headline(p))
		if c := crashLine(p); c != "" {
			b.WriteString(c + "\n")
		}
		b.WriteString("\nEvidence\n")
		for _, e := range p.Evidence {
			label, text := splitEvidence(e)
			fmt.Fprintf(&b, "  %-20s %s\n", label, wrap(text, 56, 23))
		}
		if f := frames.show(i, p, "\n"+strings.Repeat(" ", 23)); f != "" {
			fmt.Fprintf(&b, "  %-20s %s\n", "top JS frames", f)
		}
		b.WriteString("\nWhat to do\n")
		for _, rec := range p.Recommendations {
			fmt.Fprintf(&b, "  %s\n", wrap(rec, 70, 2))
		}
	}
	if r.UnparsedLines > 0 {
		fmt.Fprintf(&b, "\n(%d of %d lines were not V8's and were skipped)\n", r.UnparsedLines, r.Lines)
	}
	if r.Truncated != "" {
		fmt.Fprintf(&b, "\n(%s)\n", truncatedNote(r))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// overview is the one line a process gets at the top of a report over several: who it is,
// its verdict, and how it died.
func overview(i int, p *analyze.Process) string {
	who := p.Who()
	if who == "" {
		who = fmt.Sprintf("process %d", i+1)
	}
	line := who + " · " + strings.ToUpper(p.Verdict)
	if c := p.Crash; c != nil {
		line += " · crashed"
		if c.TimeMS != nil {
			line += " at " + secs(*c.TimeMS)
		}
		line += " (" + string(c.Kind) + ")"
	} else if p.Stopped != "" {
		line += " · stopped (" + p.Stopped + ")"
	} else if p.QuietAfterMS != nil && p.LastMS != nil {
		line += " · went quiet at " + secs(*p.LastMS) + ", starved by GC (most likely died)"
	} else {
		line += " · did not crash"
	}
	return line
}

// framesSeen remembers the crash frames already shown, so that processes that died in the
// same place (workers of one pool, a paste repeated) show them once.
type framesSeen map[string]int

// show returns a process's top JS frames joined by sep, or where they were shown before.
func (f framesSeen) show(i int, p *analyze.Process, sep string) string {
	if p.Crash == nil || len(p.Crash.TopFrames) == 0 {
		return ""
	}
	key := strings.Join(p.Crash.TopFrames, "\n")
	if j, ok := f[key]; ok {
		return fmt.Sprintf("the same as process %d above", j+1)
	}
	f[key] = i
	return strings.Join(p.Crash.TopFrames, sep)
}

// wrap breaks text at spaces so that lines stay near width, indenting continuations.
func wrap(text string, width, indent int) string {
	words := strings.Fields(text)
	var b strings.Builder
	col := 0
	for i, w := range words {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteString("\n" + strings.Repeat(" ", indent))
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// Markdown writes the report for a bug report. charts maps process index to the chart files
// written for it, referenced as images.
func Markdown(w io.Writer, r *analyze.Report, charts map[int][]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## GC analysis of `%s`\n\n", r.Source)
	if len(r.Processes) == 0 {
		b.WriteString("No V8 garbage-collector output found.\n")
	}
	if len(r.Processes) > 1 {
		for i, p := range r.Processes {
			fmt.Fprintf(&b, "%d. %s\n", i+1, overview(i, p))
		}
		b.WriteString("\n")
	}
	frames := framesSeen{}
	for i, p := range r.Processes {
		fmt.Fprintf(&b, "### %s\n\n**%s**\n\n", title(r, p), analyze.Headline(p))
		if c := crashLine(p); c != "" {
			fmt.Fprintf(&b, "%s\n\n", c)
		}
		b.WriteString("| evidence | |\n|---|---|\n")
		for _, e := range p.Evidence {
			label, text := splitEvidence(e)
			fmt.Fprintf(&b, "| %s | %s |\n", label, strings.ReplaceAll(text, "|", "\\|"))
		}
		if f := frames.show(i, p, "<br>"); f != "" {
			fmt.Fprintf(&b, "| top JS frames | %s |\n", strings.ReplaceAll(f, "|", "\\|"))
		}
		b.WriteString("\n**What to do**\n\n")
		for _, rec := range p.Recommendations {
			fmt.Fprintf(&b, "- %s\n", rec)
		}
		for _, c := range charts[i] {
			fmt.Fprintf(&b, "\n![%s](%s)\n", filepath.Base(c), c)
		}
		b.WriteString("\n")
	}
	if r.Truncated != "" {
		fmt.Fprintf(&b, "_%s._\n", truncatedNote(r))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// truncatedNote says that a report covers only the part of its input read before it broke off.
func truncatedNote(r *analyze.Report) string {
	return fmt.Sprintf("the input breaks off at %s; this report covers the %d lines before it", r.Truncated, r.Lines)
}

// Report formats.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatJSON     = "json"
)

// Formats lists the report formats, the default first.
var Formats = []string{FormatText, FormatMarkdown, FormatJSON}
