package live

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"time"
)

// pollEvery is how often Follow looks for more of a file it has read to the end.
const pollEvery = 200 * time.Millisecond

// maxLine bounds one line Follow and Lines hold; a longer one is passed on in pieces.
const maxLine = 1 << 20

// Follow reads the file at path as `tail -F` does: to its end, then whatever is written to it,
// until ctx ends. A file truncated in place is read again from its start; a file rotated away
// (renamed, a new one created under the name) is read to its end, then the new one from its
// start. A file that does not exist yet is waited for. Each whole line goes to line; a last
// line still without its newline waits for the rest.
func Follow(ctx context.Context, path string, line func([]byte)) error {
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	var r *bufio.Reader
	var partial []byte
	var offset int64
	for ctx.Err() == nil {
		if f == nil {
			var err error
			if f, err = os.Open(path); err != nil {
				if !errors.Is(err, os.ErrNotExist) {
					return err
				}
				f = nil
				sleep(ctx)
				continue
			}
			r, offset, partial = bufio.NewReaderSize(f, 64<<10), 0, nil
		}
		b, err := r.ReadSlice('\n')
		offset += int64(len(b))
		partial = append(partial, b...)
		if err == nil || errors.Is(err, bufio.ErrBufferFull) && len(partial) >= maxLine {
			line(partial)
			partial = partial[:0]
			continue
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if !errors.Is(err, io.EOF) {
			return err
		}
		switch moved(f, path, offset) {
		case truncated:
			f.Seek(0, io.SeekStart)
			r.Reset(f)
			offset, partial = 0, partial[:0]
		case rotated:
			// What was written to the old file before it went, to its end: its last line
			// will get no newline now.
			rest, _ := io.ReadAll(r)
			Lines(bytes.NewReader(append(partial, rest...)), line)
			f.Close()
			f = nil
		default:
			sleep(ctx)
		}
	}
	return nil
}

type change int

const (
	unchanged change = iota
	truncated
	rotated
)

// moved tells what became of an open file read up to offset: cut shorter than that, or
// replaced under its name.
func moved(f *os.File, path string, offset int64) change {
	open, err := f.Stat()
	if err != nil {
		return unchanged
	}
	if open.Size() < offset {
		return truncated
	}
	named, err := os.Stat(path)
	if err == nil && !os.SameFile(open, named) {
		return rotated
	}
	return unchanged
}

func sleep(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-time.After(pollEvery):
	}
}

// Lines reads r to its end, passing each line (a last one without its newline too) to line.
func Lines(r io.Reader, line func([]byte)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var partial []byte
	for {
		b, err := br.ReadSlice('\n')
		partial = append(partial, b...)
		switch {
		case err == nil || errors.Is(err, bufio.ErrBufferFull) && len(partial) >= maxLine:
			line(partial)
			partial = partial[:0]
		case errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			if len(partial) > 0 {
				line(partial)
			}
			return nil
		default:
			return err
		}
	}
}
