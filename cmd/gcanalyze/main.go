// Command gcanalyze reads V8 garbage-collector traces and out-of-memory crash logs and says
// what killed the process, with evidence, a time-to-OOM and charts.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code := profiled(os.Getenv("GCANALYZE_CPUPROFILE"), func() int {
		return runContext(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	})
	os.Exit(code)
}

// tuneGC lets the heap grow to several times what is live before Go collects it, within a
// memory limit: the analysis keeps little (a bounded timeline per process), so at Go's default
// a batch of small crash logs collected every few dozen logs, and the collections, not the
// logs, took half its time. The limit keeps the peak resident memory under 100 MB however
// long the log. GOGC or GOMEMLIMIT in the environment are left to decide.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(80 << 20)
	}
}

// profiled runs f with a CPU profile written to path, when path is set: how the performance
// work measures where the time goes (go tool pprof -top gcanalyze path).
func profiled(path string, f func() int) int {
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err != nil {
		return f()
	}
	defer out.Close()
	if pprof.StartCPUProfile(out) != nil {
		return f()
	}
	defer pprof.StopCPUProfile()
	return f()
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
