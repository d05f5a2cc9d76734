package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gcanalyze/gcanalyze/live"
	"github.com/urfave/cli/v2"
)

// crashSettle is how long watch --until-exit waits, after a fatal error, for the rest of the
// crash block before it ends.
const crashSettle = time.Second

func (a *app) watchCommand() *cli.Command {
	return command(&cli.Command{
		Name:      "watch",
		Usage:     "follow a growing GC log or a pipe, warn before the crash, report at the end",
		ArgsUsage: "FILE|-",
		Description: "Examples:\n" +
			"   gcanalyze watch /var/log/app/gc.log                  # like tail -F; Ctrl-C for the report\n" +
			"   node --trace-gc app.js 2>&1 | gcanalyze watch -      # the app's own lines pass through\n" +
			"   gcanalyze watch gc.log --until-exit --alerts alerts.jsonl --exec 'kill -USR2 $(pidof node)'",
		Flags: append(liveFlags("standard output"),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "reading a pipe, do not pass the application's lines through"},
			&cli.BoolFlag{Name: "until-exit", Usage: "end when the process watched dies (its fatal error and crash block read)"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{"watch follows one input: a file, or - for standard input"}
			}
			opts, alerts, err := a.liveSetup(c)
			if alerts == nil {
				return err
			}
			defer alerts.close()
			name := c.Args().First()
			s := live.Start(opts, alerts.send)
			ctx, cancel := context.WithCancel(a.ctx)
			defer cancel()
			feed := a.watchFeed(s, cancel, c.Bool("until-exit"))
			if name == "-" {
				err = a.watchPipe(ctx, feed, c.Bool("quiet"))
			} else {
				err = live.Follow(ctx, name, feed)
			}
			rep := s.Close(name)
			if err != nil {
				a.fail(err)
			}
			code, err := writeFinal(c, rep, a.stdout)
			if err != nil {
				a.fail(err)
			} else if code != exitOK {
				a.code = code
			}
			return nil
		},
	})
}

// watchFeed passes each line to the session and, with untilExit, ends the watch once the
// process died and its crash block had time to follow.
func (a *app) watchFeed(s *live.Session, cancel func(), untilExit bool) func(b []byte) {
	var once sync.Once
	return func(b []byte) {
		s.Line(b)
		if untilExit && s.Crashed() {
			once.Do(func() { time.AfterFunc(crashSettle, cancel) })
		}
	}
}

// watchPipe reads standard input until it ends or ctx does, passing the application's lines
// through unless quiet.
func (a *app) watchPipe(ctx context.Context, feed func([]byte), quiet bool) error {
	done := make(chan error, 1)
	var stopped atomic.Bool // the report is being written: no more lines through
	go func() {
		done <- live.Lines(a.stdin, func(b []byte) {
			if !quiet && !stopped.Load() && !live.IsTraceLine(b) {
				a.stdout.Write(b)
			}
			feed(b)
		})
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		stopped.Store(true)
		return nil
	}
}
