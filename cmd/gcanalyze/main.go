// Command gcanalyze reads V8 garbage-collector traces and out-of-memory crash logs and says
// what killed the process, with evidence, a time-to-OOM and charts.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(runContext(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program; tests drive it directly. It returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := newApp(stdin, stdout, stderr)
	a.ctx = ctx
	return a.exec(args)
}
