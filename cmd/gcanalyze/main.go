// Command gcanalyze reads V8 garbage-collector traces and out-of-memory crash logs and says
// what killed the process, with evidence, a time-to-OOM and charts.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program; tests drive it directly. It returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return newApp(stdin, stdout, stderr).exec(args)
}
