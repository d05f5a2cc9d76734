package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/input"
	"github.com/gcanalyze/gcanalyze/plotting"
	"github.com/gcanalyze/gcanalyze/render"
	"github.com/urfave/cli/v2"
)

func (a *app) analyzeCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "analyze",
		Usage:     "say what killed the process (or will), with evidence and advice",
		ArgsUsage: "FILE|DIR|ARCHIVE|- ...",
		Description: "Examples:\n" +
			"   gcanalyze analyze crash.log\n" +
			"   gcanalyze analyze gc.log --heap-limit 4GB --format markdown > report.md\n" +
			"   gcanalyze analyze logs.tar.gz --format json | jq .processes[].verdict\n" +
			"   gcanalyze analyze ci.log --fail-on leak,heap-too-small   # exit 3 on those verdicts\n" +
			"   gcanalyze analyze --join app.log app.log.1.gz app.log.2.gz  # rotated pieces as one log",
		Flags: append([]cli.Flag{
			formatFlag(render.Formats, "JSON Lines when several inputs"),
			&cli.StringFlag{Name: "fail-on", Usage: "comma-separated verdicts that make the exit code 3 (for CI): " + oneOf(analyze.Verdicts)},
			&cli.StringFlag{Name: "charts", Usage: "also write all charts (PNG) into this directory; markdown output links them"},
			&cli.BoolFlag{Name: "join", Usage: "the inputs are rotated pieces of one log (app.log app.log.1.gz): join them in time order"},
		}, heapLimitFlags("the heap limit the process ran with; inferred from the log when absent")...),
		Action: func(c *cli.Context) error {
			if err := needInputs(c); err != nil {
				return err
			}
			format, err := choice(c, "format", render.Formats)
			if err != nil {
				return err
			}
			opts, err := analysisOptions(c)
			if err != nil {
				return err
			}
			failOn, err := verdictSet(c.String("fail-on"))
			if err != nil {
				return err
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
			docs := newNotLogs(c.Args().Slice())
			errs := each(c.Args().Slice(), a.stdin, docs.count(func(name string, r io.Reader) error {
				rep, err := analyze.FromReader(r, name, opts)
				if truncated(rep, err) {
					// A compressed log cut short: report what was read, and say where it
					// broke off (on stderr too, and in the exit code).
					rep.Truncated = err.Error()
					defer a.fail(&input.Error{Name: name, Err: err})
				} else if err != nil {
					return err
				}
				if !first && format == render.FormatText {
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
					charts, err = writeCharts(rep, dir, plotting.AllCharts, plotting.Formats[0], 0, 0)
					if err != nil {
						return err
					}
				}
				switch format {
				case render.FormatJSON:
					return render.JSON(a.stdout, rep)
				case render.FormatMarkdown:
					return render.Markdown(a.stdout, rep, charts)
				}
				return render.Text(a.stdout, rep)
			}))
			a.finishInputs(docs, errs)
			if a.code == exitVerdict && len(errs) > 0 {
				a.code = exitInput
			}
			return nil
		},
	})
}

// verdictSet reads --fail-on's comma-separated verdicts.
func verdictSet(list string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, v := range strings.Split(list, ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		if !slices.Contains(analyze.Verdicts, v) {
			return nil, usageError{fmt.Sprintf("--fail-on: %q is not a verdict (want %s)", v, oneOf(analyze.Verdicts))}
		}
		set[v] = true
	}
	return set, nil
}
