package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/live"
	"github.com/gcanalyze/gcanalyze/parser"
	"github.com/urfave/cli/v2"
)

// Exit codes of run when the command could not be started, as shells give them.
const (
	exitNotFound = 127
	exitNoExec   = 126
)

// briefGCs is the most GCs a process that ended without a full GC or a crash may have had
// and be counted among the brief ones, not reported on.
const briefGCs = 20

func (a *app) runCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "run",
		Usage:     "run a command with every Node process it starts traced, warn before a crash, report at the end",
		ArgsUsage: "[--] COMMAND [ARGS...]",
		Description: "Every Node process COMMAND starts (workers and children too; Node 8 or later) loads a\n" +
			"preload through NODE_OPTIONS that turns on --trace-gc and tells gcanalyze its pid and\n" +
			"heap limit. The program's own output passes through; its GC lines go to the analysis.\n\n" +
			"Examples:\n" +
			"   gcanalyze run -- node server.js\n" +
			"   gcanalyze run --log gc.log --charts charts/ -- npx jest --runInBand\n" +
			"   gcanalyze run --fail-on leak --report report.md --format markdown -- npm test",
		Flags: append(liveFlags("standard error"),
			&cli.StringFlag{Name: "log", Usage: "also write everything the program printed, GC lines included, to this file (gcanalyze analyze reads it later)"},
			&cli.BoolFlag{Name: "show-gc", Usage: "pass the GC lines through with the program's output"},
		),
		Action: a.runAction,
	})
}

func (a *app) runAction(c *cli.Context) error {
	args := c.Args().Slice()
	if len(args) == 0 {
		return usageError{"run needs a command: gcanalyze run -- node app.js"}
	}
	opts, alerts, err := a.liveSetup(c)
	if alerts == nil {
		return err
	}
	defer alerts.close()
	dir, err := os.MkdirTemp("", "gcanalyze-run-")
	if err != nil {
		a.fail(err)
		return nil
	}
	defer os.RemoveAll(dir)
	preload, err := live.WritePreload(dir)
	if err != nil {
		a.fail(err)
		return nil
	}
	r := &router{showGC: c.Bool("show-gc")}
	if path := c.String("log"); path != "" {
		if r.log, err = os.Create(path); err != nil {
			a.fail(err)
			return nil
		}
		defer r.log.Close()
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "NODE_OPTIONS="+live.NodeOptions(os.Getenv("NODE_OPTIONS"), preload))
	cmd.Stdin = a.stdin
	code, err := a.runTraced(cmd, r, live.Start(opts, alerts.send), c)
	if err != nil {
		a.fail(err)
	}
	a.code = code
	return nil
}

// runTraced runs cmd, passing its output through r, and writes the report at the end. It
// returns the exit code: the command's, or exitVerdict for a --fail-on verdict.
func (a *app) runTraced(cmd *exec.Cmd, r *router, s *live.Session, c *cli.Context) (int, error) {
	r.session = s
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return exitInput, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return exitInput, err
	}
	if err := cmd.Start(); err != nil {
		s.Close(cmd.Path)
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return exitNotFound, err
		}
		return exitNoExec, err
	}
	stop := forwardSignals(a.ctx, cmd.Process)
	var pumps sync.WaitGroup
	pumps.Add(2)
	go r.pump(stdout, a.stdout, true, &pumps)
	go r.pump(stderr, a.stderr, false, &pumps)
	pumps.Wait()
	cmd.Wait()
	stop()
	r.readReports(reportDirs(cmd), a.stderr)
	code := exitCodeOf(cmd.ProcessState)
	rep := s.CloseExited(strings.Join(cmd.Args, " "), int64(cmd.Process.Pid), code)
	a.tracedNotes(rep)
	verdictCode, err := writeFinal(c, reportable(rep), a.stderr)
	if verdictCode != exitOK {
		code = verdictCode
	}
	return code, err
}

// forwardSignals passes Ctrl-C and SIGTERM on to the child, every time they come, until
// stop is called; gcanalyze itself stays to write the report. A ctx cancelled by anything but
// a signal (a test's timeout) interrupts the child as Ctrl-C would.
func forwardSignals(ctx context.Context, p *os.Process) (stop func()) {
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		ctxDone, signalled := ctx.Done(), false
		for {
			select {
			case s := <-sig:
				p.Signal(s)
				signalled = true
			case <-ctxDone:
				ctxDone = nil
				// Ctrl-C cancels ctx too: give the signal itself a moment to arrive.
				select {
				case s := <-sig:
					p.Signal(s)
					signalled = true
				case <-time.After(100 * time.Millisecond):
					if !signalled {
						p.Signal(os.Interrupt)
					}
				}
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}

// exitCodeOf is a finished command's exit code as a shell reports it: 128+N for a death by
// signal N.
func exitCodeOf(ps *os.ProcessState) int {
	if ps == nil {
		return exitInput
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}

// router passes a program's lines on: each to the log and to the analysis, and all but the GC
// trace (unless showGC) to where the program wrote them.
type router struct {
	mu      sync.Mutex
	session *live.Session
	log     *os.File
	showGC  bool
	// reports are the diagnostic report files Node said it wrote ("Writing Node.js report
	// to file: …", --report-on-fatalerror), read into the analysis once the command ends.
	reports []string
}

// reportDirs are where the report files of cmd's processes may be: Node names a report by its
// file alone, written to --report-directory (--report-dir before Node 13) when the command
// line or NODE_OPTIONS sets it, else to the process's working directory.
func reportDirs(cmd *exec.Cmd) []string {
	var dirs []string
	args := append(slices.Clone(cmd.Args), strings.Fields(os.Getenv("NODE_OPTIONS"))...)
	for i, a := range args {
		for _, flag := range []string{"--report-directory", "--report-dir", "--diagnostic-dir"} {
			switch {
			case strings.HasPrefix(a, flag+"="):
				dirs = append(dirs, strings.TrimPrefix(a, flag+"="))
			case a == flag && i+1 < len(args):
				dirs = append(dirs, args[i+1])
			}
		}
	}
	wd := cmd.Dir
	if wd == "" {
		wd, _ = os.Getwd()
	}
	for i, d := range dirs {
		if !filepath.IsAbs(d) {
			dirs[i] = filepath.Join(wd, d)
		}
	}
	return append(dirs, wd)
}

// maxReportFiles bounds the report files a run reads.
const maxReportFiles = 16

// readReports passes each diagnostic report file the program's processes wrote to the
// analysis, as if printed after them: each joins the process its pid names, so the report
// gives its exact limit, heap spaces and the machine's memory. A file that cannot be read is
// skipped with a word on stderr.
func (r *router) readReports(dirs []string, stderr io.Writer) {
	for _, name := range r.reports {
		var f *os.File
		err := os.ErrNotExist
		if filepath.IsAbs(name) {
			f, err = os.Open(name)
		}
		for _, d := range dirs {
			if err == nil {
				break
			}
			f, err = os.Open(filepath.Join(d, name))
		}
		if err != nil {
			fmt.Fprintf(stderr, "gcanalyze: the diagnostic report Node wrote could not be read: %v\n", err)
			continue
		}
		live.Lines(f, r.session.Line)
		f.Close()
	}
}

// pump reads one of the program's streams to its end. V8 traces GCs on standard output
// (trace): those lines are taken out; the crash block's on standard error stay. What the
// program writes without a newline (a prompt, a progress bar redrawn with \r) is passed on as
// it comes, unless it may be the start of a trace line, which waits for its end.
func (r *router) pump(from io.Reader, to io.Writer, trace bool, done *sync.WaitGroup) {
	defer done.Done()
	buf := make([]byte, 64<<10)
	var line []byte // the line so far
	passed := 0     // how much of it was passed on already
	for {
		n, err := from.Read(buf)
		chunk := buf[:n]
		for {
			i := bytes.IndexByte(chunk, '\n')
			if i < 0 {
				line = append(line, chunk...)
				break
			}
			line = append(line, chunk[:i+1]...)
			chunk = chunk[i+1:]
			r.whole(line, passed, to, trace)
			line, passed = line[:0], 0
		}
		if len(line) > passed && (!trace || line[0] != '[' || len(line) > maxHeldLine) {
			r.mu.Lock()
			to.Write(line[passed:])
			r.mu.Unlock()
			passed = len(line)
		}
		if err != nil {
			if len(line) > 0 {
				r.whole(line, passed, to, trace)
			}
			return
		}
	}
}

// maxHeldLine bounds a line held back as a possible GC trace line: none is this long.
const maxHeldLine = 4096

// whole handles a line once it is whole: to the log and the analysis, and through to the
// program's stream unless it is V8's trace — the part not already passed on.
func (r *router) whole(line []byte, passed int, to io.Writer, trace bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.log != nil {
		r.log.Write(line)
		if line[len(line)-1] != '\n' {
			r.log.Write([]byte{'\n'})
		}
	}
	switch {
	case passed > 0:
		to.Write(line[passed:])
	case r.showGC || !trace || !live.IsTraceLine(line):
		to.Write(line)
	}
	r.session.Line(line)
	if _, name, ok := bytes.Cut(line, []byte(parser.ReportWrittenText)); ok && !trace && len(r.reports) < maxReportFiles {
		if name := strings.TrimSpace(string(name)); name != "" {
			r.reports = append(r.reports, name)
		}
	}
}

// reportable leaves out of a run's report the processes that ended with nothing to say: no
// full GC, no crash, a handful of young GCs (npm, a CLI wrapper, a short build step).
func reportable(rep *analyze.Report) *analyze.Report {
	out := *rep
	out.Processes = nil
	for _, p := range rep.Processes {
		if !brief(p) {
			out.Processes = append(out.Processes, p)
		}
	}
	return &out
}

func brief(p *analyze.Process) bool {
	return p.FullGCs == 0 && p.Crash == nil && p.GCEvents <= briefGCs
}

// tracedNotes says on stderr what the report leaves out or cannot show: the processes that
// ran briefly, those that said who they were but whose GC lines never came, and a command
// in which no Node process reported at all.
func (a *app) tracedNotes(rep *analyze.Report) {
	if len(rep.Traced) == 0 {
		fmt.Fprintln(a.stderr, "gcanalyze: no Node process reported to gcanalyze: the command may not run Node (8 or later), or it cleared NODE_OPTIONS; nothing was traced")
		return
	}
	seen := map[int64]bool{}
	nBrief := 0
	for _, p := range rep.Processes {
		seen[p.PID] = true
		if brief(p) {
			nBrief++
		}
	}
	if nBrief > 0 {
		fmt.Fprintf(a.stderr, "gcanalyze: %d Node process(es) ran briefly (no full GC, no crash) and are not reported on\n", nBrief)
	}
	for _, t := range rep.Traced {
		if !seen[*t.PID] {
			fmt.Fprintf(a.stderr, "gcanalyze: pid %d (%s) printed no GC line that reached gcanalyze: it ended before its first GC, or its standard output went elsewhere\n",
				*t.PID, strings.Join(t.Argv, " "))
		}
	}
}
