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

// heapLimitFlags are --heap-limit and --heap-limit-kind; what describes whose limit it is.
func heapLimitFlags(what string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "heap-limit", Usage: what + ": the --max-old-space-size it was given (4096, 4GB, 512MB), or heap_size_limit in bytes (4345298944)"},
		&cli.StringFlag{Name: "heap-limit-kind", Usage: "what --heap-limit is: " + oneOf(analyze.LimitKinds) + " (default: " + analyze.LimitKindOldSpace + ", or " + analyze.LimitKindHeapSizeLimit + " for a number of bytes)"},
	}
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
		v, bytes, err := parseSize(s)
		if err != nil {
			return opts, err
		}
		opts.HeapLimitMB = &v
		opts.HeapLimitKind = analyze.LimitKindOldSpace
		if bytes {
			// A number of bytes is what v8.getHeapStatistics() and reports print.
			opts.HeapLimitKind = analyze.LimitKindHeapSizeLimit
		}
	}
	if c.IsSet("heap-limit-kind") {
		k, err := choice(c, "heap-limit-kind", analyze.LimitKinds)
		if err != nil {
			return opts, err
		}
		opts.HeapLimitKind = k
	}
	return opts, nil
}

// bareBytesFrom is the smallest bare number read as bytes: below it a bare number is the MB of
// --max-old-space-size (no one runs V8 with a terabyte of heap, nor with under a megabyte).
const bareBytesFrom = 1 << 20

// parseSize reads a heap limit in MB: "4GB", "512MB", "512m", "4096MiB", "4096" (MB, as
// --max-old-space-size takes it), "4345298944" (bytes, as heap_size_limit prints it). bytes
// says the value was a bare number of bytes.
func parseSize(s string) (mb float64, bytes bool, err error) {
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
	bare := t == strings.ToUpper(strings.TrimSpace(s))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || v*mult > 1<<30 {
		return 0, false, usageError{fmt.Sprintf("--heap-limit %q: want a size such as 4096 (MB, as --max-old-space-size takes it), 4GB, 512MB or a number of bytes", s)}
	}
	if bare && v < bareBytesFrom {
		return v, false, nil
	}
	return v * mult, bare, nil
}
