package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/urfave/cli/v2"
)

// This file holds what several commands share: their flags, declared once, and how their
// values are read and checked against the lists their owning packages hold.

// Default chart sizes in pixels.
const (
	defaultWidth           = 1000
	defaultHeight          = 500
	defaultDashboardHeight = 1400
)

// oneOf writes a list of choices as usage text: "a, b or c".
func oneOf(choices []string) string {
	if len(choices) < 2 {
		return strings.Join(choices, "")
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}

// formatFlag is the --format flag of a command whose formats are choices, the first the
// default.
func formatFlag(choices []string, note string) *cli.StringFlag {
	usage := oneOf(choices)
	if note != "" {
		usage += " (" + note + ")"
	}
	return &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: choices[0], Usage: usage}
}

// choice reads a flag whose value must be one of choices.
func choice(c *cli.Context, flag string, choices []string) (string, error) {
	v := c.String(flag)
	for _, ch := range choices {
		if v == ch {
			return v, nil
		}
	}
	return "", usageError{fmt.Sprintf("--%s %q: want %s", flag, v, oneOf(choices))}
}

// heapLimitFlag is --heap-limit; what describes whose limit it is.
func heapLimitFlag(what string) *cli.StringFlag {
	return &cli.StringFlag{Name: "heap-limit", Usage: what + " (4GB, 512MB, bytes)"}
}

// command fills in what every command shares: usage errors are reported as such (exit 2).
func command(c *cli.Command) *cli.Command {
	c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return usageError{err.Error()} }
	return c
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
