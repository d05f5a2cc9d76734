package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/live"
	"github.com/gcanalyze/gcanalyze/plotting"
	"github.com/gcanalyze/gcanalyze/render"
	"github.com/urfave/cli/v2"
)

// This file holds what run and watch share: when to warn, where warnings go, and the report
// at the end.

// liveFlags are the flags of the commands that follow a process as it runs.
func liveFlags(reportTo string) []cli.Flag {
	d := live.DefaultOptions
	return append([]cli.Flag{
		&cli.DurationFlag{Name: "warn-before", Value: d.WarnBefore, Usage: "warn when a leak's predicted time-to-OOM falls under this"},
		&cli.DurationFlag{Name: "max-pause", Value: d.MaxPause, Usage: "warn of a GC pause longer than this (0: never)"},
		&cli.Float64Flag{Name: "min-mu", Value: d.MinMu, Usage: fmt.Sprintf("warn when the program gets under this share of the time over %d full GCs in a row", d.LowMuFullGCs)},
		&cli.StringFlag{Name: "alerts", Usage: "also append each warning to this file, one JSON object per line"},
		&cli.StringFlag{Name: "exec", Usage: "run this shell command for each warning, with the warning's JSON on its standard input"},
		formatFlag(render.Formats, "of the report at the end"),
		&cli.StringFlag{Name: "report", Usage: "write the report at the end to this file instead of " + reportTo},
		&cli.StringFlag{Name: "charts", Usage: "also write all charts (PNG) into this directory at the end"},
		&cli.StringFlag{Name: "fail-on", Usage: "comma-separated verdicts that make the exit code 3: " + oneOf(analyze.Verdicts)},
	}, heapLimitFlags("the heap limit (default: what each process says of itself under run, else inferred)")...)
}

// liveOptions reads liveFlags.
func liveOptions(c *cli.Context) (live.Options, error) {
	opts := live.DefaultOptions
	var err error
	if opts.Analysis, err = analysisOptions(c); err != nil {
		return opts, err
	}
	opts.WarnBefore, opts.MaxPause, opts.MinMu = c.Duration("warn-before"), c.Duration("max-pause"), c.Float64("min-mu")
	if _, err := choice(c, "format", render.Formats); err != nil {
		return opts, err
	}
	if _, err := verdictSet(c.String("fail-on")); err != nil {
		return opts, err
	}
	return opts, nil
}

// liveSetup reads the flags run and watch share and opens where their warnings go. With a
// nil alerter the command ends: err is a usage error to return, or nil when the problem was
// reported (exit 1).
func (a *app) liveSetup(c *cli.Context) (live.Options, *alerter, error) {
	opts, err := liveOptions(c)
	if err != nil {
		return opts, nil, err
	}
	a.locked()
	alerts, err := newAlerter(c, a.stderr)
	if err != nil {
		a.fail(err)
		return opts, nil, nil
	}
	return opts, alerts, nil
}

// alerter sends each warning where the flags say: a line on stderr always, a JSON line to
// --alerts, the JSON to --exec's command.
type alerter struct {
	mu     sync.Mutex
	stderr io.Writer
	file   *os.File
	cmd    string
	execs  sync.WaitGroup
	count  int
}

func newAlerter(c *cli.Context, stderr io.Writer) (*alerter, error) {
	al := &alerter{stderr: stderr, cmd: c.String("exec")}
	if path := c.String("alerts"); path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, err
		}
		al.file = f
	}
	return al, nil
}

// send reports one warning. --exec's commands run beside the program; close waits for them.
func (al *alerter) send(a live.Alert) {
	b, _ := json.Marshal(a)
	al.mu.Lock()
	defer al.mu.Unlock()
	al.count++
	fmt.Fprintf(al.stderr, "gcanalyze: %s\n", a.Message)
	if al.file != nil {
		al.file.Write(append(b, '\n'))
	}
	if al.cmd != "" {
		al.execs.Add(1)
		go func() {
			defer al.execs.Done()
			cmd := exec.Command("/bin/sh", "-c", al.cmd)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(b), al.stderr, al.stderr
			if err := cmd.Run(); err != nil {
				al.mu.Lock()
				fmt.Fprintf(al.stderr, "gcanalyze: --exec %q: %v\n", al.cmd, err)
				al.mu.Unlock()
			}
		}()
	}
}

// close waits for the --exec commands and closes the --alerts file.
func (al *alerter) close() {
	al.execs.Wait()
	if al.file != nil {
		al.file.Close()
	}
}

// writeFinal writes the report at the end: to --report, else to w; the charts to --charts.
// It returns exitVerdict when a --fail-on verdict is in it.
func writeFinal(c *cli.Context, rep *analyze.Report, w io.Writer) (int, error) {
	format := c.String("format")
	var charts map[int][]string
	if dir := c.String("charts"); dir != "" && len(rep.Processes) > 0 {
		var err error
		if charts, err = writeCharts(rep, dir, plotting.AllCharts, plotting.Formats[0], 0, 0); err != nil {
			return exitInput, err
		}
	}
	if path := c.String("report"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return exitInput, err
		}
		defer f.Close()
		w = f
	}
	var err error
	switch format {
	case render.FormatJSON:
		err = render.JSON(w, rep)
	case render.FormatMarkdown:
		err = render.Markdown(w, rep, charts)
	default:
		err = render.Text(w, rep)
	}
	failOn, _ := verdictSet(c.String("fail-on"))
	for _, p := range rep.Processes {
		if failOn[p.Verdict] {
			return exitVerdict, err
		}
	}
	return exitOK, err
}

// lockedWriter serializes writes from the goroutines of run and watch (the program's two
// streams, the warnings) so that lines are not torn.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// Write writes b whole before another goroutine may write.
func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// locked makes a's standard output and error safe for several goroutines.
func (a *app) locked() {
	if _, ok := a.stdout.(*lockedWriter); !ok {
		a.stdout = &lockedWriter{w: a.stdout}
	}
	if _, ok := a.stderr.(*lockedWriter); !ok {
		a.stderr = &lockedWriter{w: a.stderr}
	}
}
