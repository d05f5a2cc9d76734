package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/input"
	"github.com/gcanalyze/gcanalyze/plotting"
	"github.com/gcanalyze/gcanalyze/render"
	"github.com/urfave/cli/v2"
)

// Exit codes.
const (
	exitOK      = 0
	exitInput   = 1 // an input could not be read or held nothing of V8's
	exitUsage   = 2
	exitVerdict = 3 // analyze --fail-on matched
	version     = "0.1.0"
	usageHint   = "Run 'gcanalyze --help' for usage."
)

type app struct {
	// ctx is cancelled by Ctrl-C: a batch stops taking new logs and keeps what it finished.
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	code           int
	cli            *cli.App
}

// usageError marks errors in how the command was called (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	a := &app{ctx: context.Background(), stdin: stdin, stdout: stdout, stderr: stderr}
	a.cli = &cli.App{
		Name:    "gcanalyze",
		Usage:   "explain V8 garbage-collector traces and 'JavaScript heap out of memory' crashes",
		Version: version,
		Description: "Reads node --trace-gc output of every Node.js era, --trace-gc-nvp, --trace-gc-verbose\n" +
			"and the fatal out-of-memory crash block, and says what killed the process.\n\n" +
			"Examples:\n" +
			"   gcanalyze analyze crash.log\n" +
			"   node --trace-gc app.js 2>&1 | gcanalyze analyze -\n" +
			"   gcanalyze events gc.log --format csv > gc.csv",
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
		ExitErrHandler:       func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usageError{err.Error()}
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(stderr, "gcanalyze: no command %q\n%s\n", name, usageHint)
			a.code = exitUsage
		},
		Commands: []*cli.Command{a.analyzeCommand(), a.plotCommand(), a.batchCommand(), a.eventsCommand()},
	}
	return a
}

func (a *app) exec(args []string) int {
	err := a.cli.Run(interspersed(a.cli.Commands, args))
	if a.code == exitUsage {
		return exitUsage
	}
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "flag provided but not defined") {
			fmt.Fprintf(a.stderr, "gcanalyze: %v\n%s\n", err, usageHint)
			return exitUsage
		}
		a.fail(err)
	}
	return a.code
}

// interspersed moves a command's flags before its arguments, so that "gcanalyze analyze
// app.log --format json" works: urfave/cli v2 stops reading flags at the first argument.
func interspersed(cmds []*cli.Command, args []string) []string {
	// The command is the first argument that is not a global flag (none takes a value).
	ci := 1
	for ci < len(args) && strings.HasPrefix(args[ci], "-") {
		ci++
	}
	var cmd *cli.Command
	for _, c := range cmds {
		if ci < len(args) && c.HasName(args[ci]) {
			cmd = c
		}
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, rest []string
	tail := args[ci+1:]
	for i := 0; i < len(tail); i++ {
		t := tail[i]
		switch {
		case t == "--":
			rest = append(rest, tail[i+1:]...)
			i = len(tail)
		case t == "-" || !strings.HasPrefix(t, "-"):
			rest = append(rest, t)
		default:
			flags = append(flags, t)
			name := strings.TrimLeft(t, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(tail) {
				i++
				flags = append(flags, tail[i])
			}
		}
	}
	out := append(append([]string{}, args[:ci+1]...), flags...)
	if len(rest) > 0 {
		out = append(append(out, "--"), rest...)
	}
	return out
}

// fail records an input problem: reported on stderr, exit code 1, and the run goes on.
func (a *app) fail(err error) {
	fmt.Fprintf(a.stderr, "gcanalyze: %v\n", err)
	if a.code == exitOK {
		a.code = exitInput
	}
}

func needInputs(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageError{fmt.Sprintf("%s needs at least one input (a file, a directory, an archive, or - for standard input)", c.Command.Name)}
	}
	return nil
}

// analysisOptions reads the flags every analysing command shares.
func analysisOptions(c *cli.Context) (analyze.Options, error) {
	var opts analyze.Options
	if s := c.String("heap-limit"); s != "" {
		v, err := parseSize(s)
		if err != nil {
			return opts, err
		}
		opts.HeapLimitMB = &v
	}
	return opts, nil
}

// parseSize reads a heap limit: "4GB", "512MB", "512m", "4345298944" (bytes), "4096MiB".
func parseSize(s string) (float64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := 1.0 / (1 << 20) // bytes → MB
	for _, u := range []struct {
		suffix string
		mb     float64
	}{{"GIB", 1024}, {"GB", 1024}, {"G", 1024}, {"MIB", 1}, {"MB", 1}, {"M", 1}, {"KIB", 1.0 / 1024}, {"KB", 1.0 / 1024}, {"K", 1.0 / 1024}, {"B", 1.0 / (1 << 20)}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mb
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || v*mult > 1<<30 {
		return 0, usageError{fmt.Sprintf("--heap-limit %q: want a size such as 4GB, 512MB or a number of bytes", s)}
	}
	return v * mult, nil
}

func (a *app) analyzeCommand() *cli.Command {
	return &cli.Command{
		Name:      "analyze",
		Usage:     "say what killed the process (or will), with evidence and advice",
		ArgsUsage: "FILE|DIR|ARCHIVE|- ...",
		Description: "Examples:\n" +
			"   gcanalyze analyze crash.log\n" +
			"   gcanalyze analyze gc.log --heap-limit 4GB --format markdown > report.md\n" +
			"   gcanalyze analyze logs.tar.gz --format json | jq .processes[].verdict\n" +
			"   gcanalyze analyze ci.log --fail-on leak,heap-too-small   # exit 3 on those verdicts\n" +
			"   gcanalyze analyze --join app.log app.log.1.gz app.log.2.gz  # rotated pieces as one log",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown or json (JSON Lines when several inputs)"},
			&cli.StringFlag{Name: "heap-limit", Usage: "the heap limit the process ran with (4GB, 512MB, bytes); inferred from the log when absent"},
			&cli.StringFlag{Name: "fail-on", Usage: "comma-separated verdicts that make the exit code 3 (for CI)"},
			&cli.StringFlag{Name: "charts", Usage: "also write all charts (PNG) into this directory; markdown output links them"},
			&cli.BoolFlag{Name: "join", Usage: "the inputs are rotated pieces of one log (app.log app.log.1.gz): join them in time order"},
		},
		Action: func(c *cli.Context) error {
			if err := needInputs(c); err != nil {
				return err
			}
			format := c.String("format")
			if format != "text" && format != "markdown" && format != "json" {
				return usageError{fmt.Sprintf("--format %q: want text, markdown or json", format)}
			}
			opts, err := analysisOptions(c)
			if err != nil {
				return err
			}
			failOn := map[string]bool{}
			for _, v := range strings.Split(c.String("fail-on"), ",") {
				if v = strings.TrimSpace(v); v != "" {
					failOn[v] = true
				}
			}
			first := true
			each := input.Each
			if c.Bool("join") {
				name, r, closers, err := joinInputs(c.Args().Slice())
				if err != nil {
					var ue usageError
					if errors.As(err, &ue) {
						return err
					}
					a.fail(err)
					return nil
				}
				defer func() {
					for _, cl := range closers {
						cl.Close()
					}
				}()
				each = func(_ []string, _ io.Reader, visit input.Visit) []error {
					if err := visit(name, r); err != nil {
						return []error{&input.Error{Name: name, Err: err}}
					}
					return nil
				}
			}
			errs := each(c.Args().Slice(), a.stdin, func(name string, r io.Reader) error {
				rep, err := analyze.FromReader(r, name, opts)
				if err != nil {
					return err
				}
				if !first && format == "text" {
					fmt.Fprintln(a.stdout, "\n"+strings.Repeat("═", 72)+"\n")
				}
				first = false
				for _, p := range rep.Processes {
					if failOn[p.Verdict] {
						a.code = exitVerdict
					}
				}
				var charts map[int][]string
				if dir := c.String("charts"); dir != "" {
					var err error
					charts, err = writeCharts(rep, dir, append([]string{plotting.ChartDashboard}, plotting.Charts...), "png", 0, 0)
					if err != nil {
						return err
					}
				}
				switch format {
				case "json":
					return render.JSON(a.stdout, rep)
				case "markdown":
					return render.Markdown(a.stdout, rep, charts)
				}
				return render.Text(a.stdout, rep)
			})
			for _, err := range errs {
				a.fail(err)
			}
			if a.code == exitVerdict && len(errs) > 0 {
				a.code = exitInput
			}
			return nil
		},
	}
}

func (a *app) plotCommand() *cli.Command {
	return &cli.Command{
		Name:      "plot",
		Usage:     "draw the charts for a bug report (PNG, SVG or PDF by the output's extension)",
		ArgsUsage: "FILE|DIR|ARCHIVE|- ...",
		Description: "Examples:\n" +
			"   gcanalyze plot crash.log -o crash.png              # the dashboard: all charts in one image\n" +
			"   gcanalyze plot gc.log --chart heap -o heap.svg\n" +
			"   gcanalyze plot gc.log --chart all -o charts/gc.png  # charts/gc-heap.png, charts/gc-pauses.png, …",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output file; its extension picks png, svg or pdf (default <input>-<chart>.png in the current directory)"},
			&cli.StringFlag{Name: "chart", Value: plotting.ChartDashboard, Usage: "dashboard, heap, pauses, mu, mmu or all"},
			&cli.StringFlag{Name: "heap-limit", Usage: "the heap limit the process ran with (4GB, 512MB, bytes)"},
			&cli.IntFlag{Name: "width", Usage: "width in pixels (default 1000)"},
			&cli.IntFlag{Name: "height", Usage: "height in pixels (default 1400 for the dashboard, 500 for one chart)"},
		},
		Action: func(c *cli.Context) error {
			if err := needInputs(c); err != nil {
				return err
			}
			charts := []string{c.String("chart")}
			switch charts[0] {
			case "all":
				charts = append([]string{plotting.ChartDashboard}, plotting.Charts...)
			case plotting.ChartDashboard, plotting.ChartHeap, plotting.ChartPauses, plotting.ChartMu, plotting.ChartMMU:
			default:
				return usageError{fmt.Sprintf("--chart %q: want dashboard, heap, pauses, mu, mmu or all", charts[0])}
			}
			out := c.String("output")
			format := "png"
			if out != "" {
				format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
				if format != "png" && format != "svg" && format != "pdf" {
					return usageError{fmt.Sprintf("-o %q: the extension must be .png, .svg or .pdf", out)}
				}
			}
			if c.Int("width") < 0 || c.Int("height") < 0 || c.Int("width") > 20000 || c.Int("height") > 20000 {
				return usageError{"--width and --height take pixels between 1 and 20000"}
			}
			opts, err := analysisOptions(c)
			if err != nil {
				return err
			}
			inputs := c.Args().Slice()
			errs := input.Each(inputs, a.stdin, func(name string, r io.Reader) error {
				rep, err := analyze.FromReader(r, name, opts)
				if err != nil {
					return err
				}
				if len(rep.Processes) == 0 {
					return errors.New("nothing to draw: no process in this log")
				}
				written, err := a.plotReport(rep, out, len(inputs) > 1, charts, format, c.Int("width"), c.Int("height"))
				for _, w := range written {
					fmt.Fprintln(a.stdout, w)
				}
				return err
			})
			for _, err := range errs {
				a.fail(err)
			}
			return nil
		},
	}
}

// plotReport writes the charts of one report. With -o and a single chart of a single process
// the file is exactly the one named; otherwise -o gives the directory and stem, and the chart
// (and process, when several) are appended.
func (a *app) plotReport(rep *analyze.Report, out string, severalInputs bool, charts []string, format string, width, height int) ([]string, error) {
	dir, stem := ".", baseName(rep.Source)
	if out != "" {
		dir, stem = filepath.Dir(out), strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
		if severalInputs {
			stem += "-" + baseName(rep.Source)
		}
	}
	var written []string
	for i, p := range rep.Processes {
		for _, chart := range charts {
			name := stem + processSuffix(rep, i)
			if out == "" || len(charts) > 1 {
				name += "-" + chart
			}
			path := filepath.Join(dir, name+"."+format)
			if out != "" && len(charts) == 1 && len(rep.Processes) == 1 && !severalInputs {
				path = out
			}
			if err := writeChart(path, chart, format, width, height, rep.Source, p); err != nil {
				return written, err
			}
			written = append(written, path)
		}
	}
	return written, nil
}

func (a *app) eventsCommand() *cli.Command {
	return &cli.Command{
		Name:      "events",
		Usage:     "print every typed event (GCs, crash lines, frames…) as JSON Lines or CSV",
		ArgsUsage: "FILE|DIR|ARCHIVE|- ...",
		Description: "Examples:\n" +
			"   gcanalyze events gc.log | jq 'select(.type==\"gc\") | .pause_ms'\n" +
			"   gcanalyze events gc.log --format csv > gc.csv",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "jsonl", Usage: "jsonl or csv"},
		},
		Action: func(c *cli.Context) error {
			if err := needInputs(c); err != nil {
				return err
			}
			format := c.String("format")
			if format != "jsonl" && format != "csv" {
				return usageError{fmt.Sprintf("--format %q: want jsonl or csv", format)}
			}
			w := newEventWriter(a.stdout, format)
			errs := input.Each(c.Args().Slice(), a.stdin, func(name string, r io.Reader) error {
				return w.writeAll(name, r)
			})
			if err := w.flush(); err != nil {
				return err
			}
			for _, err := range errs {
				a.fail(err)
			}
			return nil
		},
	}
}
