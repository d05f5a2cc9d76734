package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/input"
	"github.com/gcanalyze/gcanalyze/plotting"
	"github.com/urfave/cli/v2"
)

// allCharts is the --chart value that asks for every chart.
const allCharts = "all"

func (a *app) plotCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "plot",
		Usage:     "draw the charts for a bug report (PNG, SVG or PDF by the output's extension)",
		ArgsUsage: "FILE|DIR|ARCHIVE|- ...",
		Description: "Examples:\n" +
			"   gcanalyze plot crash.log -o crash.png              # the dashboard: all charts in one image\n" +
			"   gcanalyze plot gc.log --chart heap -o heap.svg\n" +
			"   gcanalyze plot gc.log --chart all -o charts/gc.png  # charts/gc-heap.png, charts/gc-pauses.png, …",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: fmt.Sprintf("output file; its extension picks %s (default <input>-<chart>.%s in the current directory)", oneOf(plotting.Formats), plotting.Formats[0])},
			&cli.StringFlag{Name: "chart", Value: plotting.ChartDashboard, Usage: oneOf(append(plotting.AllCharts, allCharts))},
			&cli.IntFlag{Name: "width", Value: defaultWidth, Usage: "width in pixels"},
			&cli.IntFlag{Name: "height", Usage: "height in pixels", DefaultText: fmt.Sprintf("%d for the dashboard, %d for one chart", defaultDashboardHeight, defaultHeight)},
		}, heapLimitFlags("the heap limit the process ran with")...),
		Action: func(c *cli.Context) error {
			if err := needInputs(c); err != nil {
				return err
			}
			chart, err := choice(c, "chart", append(plotting.AllCharts, allCharts))
			if err != nil {
				return err
			}
			charts := []string{chart}
			if chart == allCharts {
				charts = plotting.AllCharts
			}
			out := c.String("output")
			format := plotting.Formats[0]
			if out != "" {
				format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
				if !slices.Contains(plotting.Formats, format) {
					return usageError{fmt.Sprintf("-o %q: the extension must be .%s", out, strings.Join(plotting.Formats, ", ."))}
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
			docs := newNotLogs(inputs)
			errs := input.Each(inputs, a.stdin, docs.count(func(name string, r io.Reader) error {
				rep, err := analyze.FromReader(r, name, opts)
				if truncated(rep, err) {
					// Charts of what was read before the log broke off; the error says where.
					defer a.fail(&input.Error{Name: name, Err: err})
				} else if err != nil {
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
			}))
			a.finishInputs(docs, errs)
			return nil
		},
	})
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
