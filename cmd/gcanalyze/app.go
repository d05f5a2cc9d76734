package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

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

// Error is the message, as the user should read it.
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
		Commands: []*cli.Command{a.analyzeCommand(), a.plotCommand(), a.batchCommand(), a.eventsCommand(), a.watchCommand(), a.runCommand()},
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
		if errors.As(err, &ue) {
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
		case cmd.Name == "run" && !strings.HasPrefix(t, "-"):
			// run's command and its own arguments, flags included, as given.
			rest = append(rest, tail[i:]...)
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

// failAll records the problems of several inputs.
func (a *app) failAll(errs []error) {
	for _, err := range errs {
		a.fail(err)
	}
}

// fail records an input problem: reported on stderr, exit code 1, and the run goes on.
func (a *app) fail(err error) {
	fmt.Fprintf(a.stderr, "gcanalyze: %v\n", err)
	if a.code == exitOK {
		a.code = exitInput
	}
}
