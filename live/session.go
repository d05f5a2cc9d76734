package live

import (
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gcanalyze/gcanalyze/analyze"
	"github.com/gcanalyze/gcanalyze/parser"
)

// checkTracedMS is how far the trace's own clock must move on (ms) between two recomputations
// of the report behind the warnings while full GCs come; checkEvery is how long the input may go
// quiet after a full GC before the report is recomputed anyway.
const (
	checkTracedMS = 1000
	checkEvery    = 250 * time.Millisecond
)

// Session parses lines as they arrive and keeps a Monitor current. Lines may come from several
// goroutines (a program's stdout and stderr); each line is passed whole.
type Session struct {
	m       *Monitor
	onAlert func(Alert)

	mu     sync.Mutex // serializes Line and Close
	pw     *io.PipeWriter
	closed bool

	parsed chan parser.Stats // the parser's counts when the input ended
	stop   chan struct{}
	ticker sync.WaitGroup
	// lastFull is when (wall clock, Unix ns) the last full GC was read.
	lastFull atomic.Int64
}

// Start begins a session; onAlert receives each warning, from the session's goroutines.
func Start(opts Options, onAlert func(Alert)) *Session {
	pr, pw := io.Pipe()
	s := &Session{m: NewMonitor(opts), onAlert: onAlert, pw: pw, parsed: make(chan parser.Stats, 1), stop: make(chan struct{})}
	go s.parse(pr)
	s.ticker.Add(1)
	go s.tick()
	return s
}

// parse reads the lines through the parser into the monitor until the input ends. After a
// full GC it checks for warnings when the trace's own clock has moved on by a second or by
// 0.5% of its time so far — the wall clock plays no part, so a log replayed faster than it was
// written gets its warnings at the GC lines a live run got them at, at a cost that grows with
// the logarithm of its length.
func (s *Session) parse(pr *io.PipeReader) {
	p := parser.New(pr)
	var traced float64
	for {
		ev, err := p.Next()
		if err != nil {
			break
		}
		for _, al := range s.m.Add(ev) {
			s.onAlert(al)
		}
		t, full := FullGCAt(ev)
		if !full {
			continue
		}
		s.lastFull.Store(time.Now().UnixNano())
		if t-traced >= max(checkTracedMS, 0.005*t) || t < traced {
			traced = t
			for _, al := range s.m.Check() {
				s.onAlert(al)
			}
		}
	}
	pr.Close()
	s.parsed <- p.Stats()
}

// tick checks the report for warnings when the input has gone quiet for checkEvery after a full
// GC the trace's clock did not yet call for a check at (a service whose GCs stopped).
func (s *Session) tick() {
	defer s.ticker.Done()
	t := time.NewTicker(checkEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			if time.Since(time.Unix(0, s.lastFull.Load())) < checkEvery {
				continue
			}
			for _, al := range s.m.Check() {
				s.onAlert(al)
			}
		}
	}
}

// Line passes one line of input (with or without its newline). After Close it does nothing.
func (s *Session) Line(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.pw.Write(b)
	if len(b) == 0 || b[len(b)-1] != '\n' {
		s.pw.Write([]byte{'\n'})
	}
}

// Crashed reports whether a fatal error has been read.
func (s *Session) Crashed() bool { return s.m.Crashed() }

// CloseExited is Close for a command that ended by itself: the process pid (the command's
// own, when it is Node) exited with code, which the report then says.
func (s *Session) CloseExited(source string, pid int64, code int) *analyze.Report {
	return s.close(source, func() { s.m.Exited(pid, code) })
}

// Close ends the input, raises what the last lines warn of, and returns the report of
// everything read, named source.
func (s *Session) Close(source string) *analyze.Report {
	return s.close(source, nil)
}

// close is Close, with ended run once every line is read (nil: nothing more to record).
func (s *Session) close(source string, ended func()) *analyze.Report {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		s.pw.Close()
	}
	s.mu.Unlock()
	stats := <-s.parsed
	close(s.stop)
	s.ticker.Wait()
	for _, al := range s.m.Check() {
		s.onAlert(al)
	}
	if ended != nil {
		ended() // after the last check: what the trace warned of, it warned of live
	}
	return s.m.Report(source, stats)
}
