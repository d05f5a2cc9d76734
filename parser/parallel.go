package parser

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"github.com/gcanalyze/gcanalyze/internal/inorder"
)

// Parallel parsing: a large log is cut into blocks at lines where no parser state crosses —
// a --trace-gc line that follows another, far from any crash block — and the blocks are parsed
// on all cores. The events come out in input order, exactly as a sequential parse gives them:
// the only state that crosses a cut, which ring-buffer entries repeat a live GC, is settled
// on the joined stream (Repeats).

const (
	blockSize    = 1 << 18
	maxBlockSize = 8 << 20 // past this without a safe cut, the rest is parsed sequentially
)

// A block is parsed as if it started the log: its events' line numbers are made absolute when
// it is delivered, in order, so that the reader need not count the lines of a block before
// handing it on.
type block struct {
	index int
	data  []byte
}

type parsed struct {
	index  int
	events []Event
	stats  Stats
	slab   []gcStore
	ring   bool // the block holds entries of a crash dump's ring buffer
}

// Blocks' event slices and fast-path stores are recycled once delivered: a large log then
// parses with a few allocations per block rather than one per line.
var (
	eventPool = sync.Pool{New: func() any { s := make([]Event, 0, blockSize/128); return &s }}
	slabPool  = sync.Pool{New: func() any { s := make([]gcStore, blockSize/128); return &s }}
	// dataPool holds the blocks' bytes. A block's bytes can go back as soon as it is parsed:
	// no event keeps any part of its lines (the fast path reads in place and keeps nothing;
	// every other line is copied, by cleanLine, before it is read).
	dataPool = sync.Pool{New: func() any { s := make([]byte, 0, 2*blockSize); return &s }}
)

// ParseParallel parses r and calls emit with the events in input order, in batches. emit runs
// on one goroutine at a time. The events it gets are valid during the call only: their memory
// is reused for later blocks, so emit must copy what it keeps. workers ≤ 0 means one per CPU.
// It returns the parser's counts and the first read error of r.
func ParseParallel(r io.Reader, workers int, emit func([]Event)) (Stats, error) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var total Stats
	var repeats Repeats
	// deliver hands over events whose line numbers are relative to the line after total's
	// when relative is set.
	deliver := func(evs []Event, st Stats, ring, relative bool) {
		if relative && total.Lines > 0 {
			for i := range evs {
				evs[i].Line += total.Lines
				evs[i].EndLine += total.Lines
			}
		}
		repeats.observeEvents(evs, ring)
		emit(evs)
		addStats(&total, st)
	}

	// Read the first block growing from small, so that a small log (the usual crash log, of
	// which a batch reads thousands) costs what it weighs.
	buf, err := io.ReadAll(io.LimitReader(r, blockSize))
	if err == nil && len(buf) < blockSize {
		err = io.EOF
	}
	width := wrapWidth(buf) // every block reads the log's wrap as the log's head shows it
	if err != nil && err != io.EOF {
		// Parse what was read, then report where the input broke.
		st, _ := sequential(bytes.NewReader(buf), 1, width, deliver)
		return total, fmt.Errorf("line %d: %w", st.Lines+1, err)
	}
	if err == nil && jsonArtifact(buf) != "" {
		// A heap snapshot or a profile, up to gigabytes of JSON whose strings are the
		// program's text: its head is read, to name it, and the rest only counted.
		return total, skimArtifact(buf, r, width, deliver)
	}
	if err == io.EOF {
		// Small input: one block, parsed here.
		st, err := sequential(bytes.NewReader(buf), 1, width, deliver)
		return total, wrap(st, err)
	}

	// Blocks are parsed on all cores and handed over in input order.
	blocks, wait := inorder.Run(workers, func(b block) parsed {
		slab := *slabPool.Get().(*[]gcStore)
		evs, st, ring := parseBlock(b.data, width, slab, (*eventPool.Get().(*[]Event))[:0])
		data := b.data[:0]
		dataPool.Put(&data)
		return parsed{index: b.index, events: evs, stats: st, slab: slab, ring: ring}
	}, func(p parsed) int { return p.index }, func(q parsed) {
		deliver(q.events, q.stats, q.ring, true)
		clear(q.events) // drop the pointers before the slice waits in the pool
		evs, slab := q.events[:0], q.slab
		eventPool.Put(&evs)
		slabPool.Put(&slab)
	})

	index := 0
	var readErr error
	var rest []byte // set when no safe cut was found: parse it, and what follows, sequentially
	eof := err == io.EOF
	// fill reads up to another block; it is false when the input failed.
	fill := func() bool {
		_, err := readMore(r, &buf, blockSize)
		if err == io.EOF {
			eof = true
		} else if err != nil {
			readErr = err
			return false
		}
		return true
	}
	var scratch gcScratch
	for {
		cut := safeCut(buf, &scratch)
		if cut < 0 && !eof && len(buf) < maxBlockSize {
			if !fill() {
				break
			}
			continue
		}
		if cut < 0 {
			if eof {
				cut = len(buf) // the last block
			} else {
				rest = buf
				break
			}
		}
		// The block goes as it was read; only what follows the cut, a line or a few, is
		// copied, to start the next.
		next := append((*dataPool.Get().(*[]byte))[:0], buf[cut:]...)
		blocks <- block{index: index, data: buf[:cut]}
		index++
		buf = next
		if eof && len(buf) == 0 {
			break
		}
		if !eof && !fill() {
			break
		}
	}
	wait()
	line := total.Lines + 1 // every block was delivered
	if readErr != nil {
		return total, fmt.Errorf("line %d: %w", line, readErr)
	}
	if rest != nil {
		st, err := sequential(io.MultiReader(bytes.NewReader(rest), r), line, width, deliver)
		return total, wrap(st, err)
	}
	return total, nil
}

// parseBlock parses one block, numbering its lines from 1, and says whether it holds entries
// of a crash dump's ring buffer. A block is in memory, so it has no read error.
func parseBlock(data []byte, width int, slab []gcStore, evs []Event) ([]Event, Stats, bool) {
	p := newBytes(data, 1)
	p.setWrap(width)
	p.slab, p.repeatsLater = slab, true
	evs = p.appendAll(evs)
	return evs, p.Stats(), p.sawRing
}

func wrap(st Stats, err error) error {
	if err != nil {
		return fmt.Errorf("line %d: %w", st.Lines+1, err)
	}
	return nil
}

// artifactHead is how much of a JSON artifact is read as lines; the rest is counted.
const artifactHead = 16 << 10

// skimArtifact reads a JSON artifact whose first block is buf and whose rest is r: its head's
// lines become Unknown events (which name it: Sniffer), and the rest is counted as lines not
// read, each an Unknown one.
func skimArtifact(buf []byte, r io.Reader, width int, deliver func([]Event, Stats, bool, bool)) error {
	// The head may end inside a line: every line of an artifact is Unknown, and the counts
	// below are the whole input's less the head's.
	st, err := sequential(bytes.NewReader(buf[:min(len(buf), artifactHead)]), 1, width, deliver)
	if err != nil {
		return wrap(st, err)
	}
	newlines, size, last := bytes.Count(buf, []byte{'\n'}), int64(len(buf)), buf[len(buf)-1]
	chunk := make([]byte, 1<<20)
	for {
		n, err := r.Read(chunk)
		newlines, size = newlines+bytes.Count(chunk[:n], []byte{'\n'}), size+int64(n)
		if n > 0 {
			last = chunk[n-1]
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", newlines+1, err)
		}
	}
	lines := newlines
	if last != '\n' {
		lines++ // the last line has no newline
	}
	rest := Stats{Lines: lines - st.Lines, Unknown: lines - st.Lines, Bytes: size - st.Bytes}
	deliver(nil, rest, true, false)
	return nil
}

// sequential parses r, hard-wrapped at width, from line first, delivering events in batches.
func sequential(r io.Reader, first, width int, deliver func([]Event, Stats, bool, bool)) (Stats, error) {
	p := NewAt(r, first)
	p.setWrap(width)
	p.repeatsLater = true
	// Grown as needed: most inputs read this way are small crash logs of a few dozen events,
	// and a batch is as many events as a block of a big log.
	const batchLen = 512
	batch := make([]Event, 0, 16)
	for {
		ev, err := p.Next()
		if err != nil {
			deliver(batch, p.Stats(), true, false)
			if errors.Is(err, io.EOF) {
				return p.Stats(), nil
			}
			return p.Stats(), err
		}
		batch = append(batch, ev)
		if len(batch) == batchLen {
			deliver(batch, Stats{}, true, false)
			batch = batch[:0]
		}
	}
}

func addStats(t *Stats, s Stats) Stats {
	t.Lines += s.Lines
	t.Bytes += s.Bytes
	t.Blank += s.Blank
	t.Events += s.Events
	t.Unknown += s.Unknown
	t.Oversize += s.Oversize
	return *t
}

// readMore appends up to n bytes of r to buf.
func readMore(r io.Reader, buf *[]byte, n int) (int, error) {
	b := *buf
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), len(b)+n+n/2)
		copy(nb, b)
		b = nb
	}
	// Not io.ReadFull: it reports a short read as io.ErrUnexpectedEOF, which is also what a
	// gzip stream cut short says, and that must reach the user.
	got := 0
	var err error
	for got < n && err == nil {
		var k int
		k, err = r.Read(b[len(b)+got : len(b)+n])
		got += k
	}
	*buf = b[:len(b)+got]
	return got, err
}

// safeCut returns where buf can be cut so that no parser state crosses the cut, or -1: the
// start of a --trace-gc line that follows another one, with no crash block, fatal banner or
// stack within the 4 KB before it. It looks back from the end of buf (the block's last
// complete lines).
func safeCut(buf []byte, scratch *gcScratch) int {
	end := bytes.LastIndexByte(buf, '\n') // the last complete line ends here
	if end < 0 {
		return -1
	}
	lineEnd := end
	for tries := 0; tries < 256 && lineEnd > 0; tries++ {
		start := bytes.LastIndexByte(buf[:lineEnd], '\n') + 1 // start of the line ending at lineEnd
		if start <= 0 {
			return -1
		}
		prevStart := bytes.LastIndexByte(buf[:start-1], '\n') + 1
		if startsWithPrefix(buf[start:lineEnd]) && bytes.Contains(buf[start:lineEnd], []byte(" ms: ")) &&
			startsWithPrefix(buf[prevStart:start]) && quietBefore(buf, start) && noCutGCBefore(buf, start, scratch) {
			return start
		}
		lineEnd = start - 1
	}
	return -1
}

// noCutGCBefore reports whether the pendingWindow lines before i hold no --trace-gc line cut
// short, whose rest a sequential parse would wait for across i: a line that starts inside a
// "[pid:0x…" prefix, or a GC entry that does not read as one whole GC line (Deno writes V8's
// trace in blocks, and application output lands inside its lines). NVP and V8's other timed
// lines are never waited for.
func noCutGCBefore(buf []byte, i int, scratch *gcScratch) bool {
	end := i - 1 // the newline before i
	for k := 0; k < pendingWindow && end > 0; k++ {
		start := bytes.LastIndexByte(buf[:end], '\n') + 1
		line := unsafe.String(unsafe.SliceData(buf[start:end]), end-start)
		if n := cutPrefixLen(line); n > 0 && n < len(line) {
			return false
		}
		if t := strings.Index(line, " ms: "); t >= 0 && startsWithCollector(line[t+5:]) {
			seg := line
			if j := strings.LastIndexByte(line[:t], '['); j >= 0 {
				seg = line[j:]
			}
			if !scratch.readsWhole(strings.TrimRight(seg, "\r ")) {
				return false
			}
		}
		end = start - 1
	}
	return true
}

// gcScratch is where noCutGCBefore reads lines: one store and one line cache for every cut,
// not an allocation and a global intern lookup per line looked at.
type gcScratch struct {
	st    gcStore
	cache lineCache
}

// readsWhole reports whether the fast path reads line as one whole --trace-gc line.
func (s *gcScratch) readsWhole(line string) bool {
	s.st = gcStore{}
	_, ok := fastGCInto(line, nil, &s.st, &s.cache)
	return ok
}

// quietBefore reports whether the 4 KB before i hold nothing that opens a crash section.
func quietBefore(buf []byte, i int) bool {
	w := buf[max(0, i-4096):i]
	return !bytes.Contains(w, []byte("<---")) && !bytes.Contains(w, []byte("FATAL")) &&
		!bytes.Contains(w, []byte("# Fatal")) && !bytes.Contains(w, []byte("====")) &&
		!bytes.Contains(w, []byte("-----")) && !bytes.Contains(w, []byte("OOM"))
}
