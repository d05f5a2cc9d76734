package parser

import (
	"bufio"
	"bytes"
	"io"
)

// Physical lines: read from the input through one of two buffers that take turns (the
// current line and the one peeked at stay valid together), or, for an input held in memory
// (a block of ParseParallel), read off it in place without a copy.

// MaxLineBytes is the longest line the parser keeps. A longer line is skipped (its start is
// reported as an oversize Unknown event) so that memory stays bounded on any input.
const MaxLineBytes = 1 << 20

type physLine struct {
	// raw is the line's bytes in one of the parser's two line buffers: valid until the
	// parser reads two more lines. text is the cleaned copy, made on demand.
	raw      []byte
	text     string
	hasText  bool
	no       int
	oversize int // original length when the line was cut
}

// str returns the cleaned text of the line (allocating it once).
func (l *physLine) str() string {
	if !l.hasText {
		l.text, l.hasText = cleanLine(l.raw), true
	}
	return l.text
}

// readPhys reads one physical line.
func (p *Parser) readPhys() (physLine, error) {
	if p.hasPeek {
		p.hasPeek = false
		return p.peeked, nil
	}
	if p.eof {
		return physLine{}, io.EOF
	}
	if p.src != nil {
		var l physLine
		if !p.readSrc(&l) {
			return physLine{}, io.EOF
		}
		return l, nil
	}
	p.slot ^= 1
	buf := p.bufs[p.slot][:0]
	defer func() { p.bufs[p.slot] = buf }()
	total := 0
	for {
		chunk, err := p.r.ReadSlice('\n')
		total += len(chunk)
		if len(buf) < MaxLineBytes {
			room := MaxLineBytes - len(buf)
			if len(chunk) > room {
				chunk = chunk[:room]
			}
			buf = append(buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return physLine{}, err
		}
		if err == io.EOF {
			p.eof = true
			if total == 0 {
				return physLine{}, io.EOF
			}
		}
		break
	}
	p.lineNo++
	p.stats.Lines++
	p.stats.Bytes += int64(total)
	b := buf
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	l := physLine{no: p.lineNo}
	if total > MaxLineBytes {
		l.oversize = total
		p.stats.Oversize++
		if len(b) > 200 {
			b = b[:200]
		}
	}
	l.raw = b
	return l, nil
}

// readSrc reads the next line of an in-memory input into l: false at the end of the input.
// It fills l in place, as peek wants it, rather than return a copy.
func (p *Parser) readSrc(l *physLine) bool {
	rest := p.src[p.srcPos:]
	if len(rest) == 0 {
		p.eof = true
		return false
	}
	n := bytes.IndexByte(rest, '\n')
	total := n + 1
	line := rest
	if n < 0 {
		total = len(rest)
	} else {
		line = rest[:n]
	}
	p.srcPos += total
	if p.srcPos >= len(p.src) {
		p.eof = true
	}
	p.lineNo++
	p.stats.Lines++
	p.stats.Bytes += int64(total)
	*l = physLine{no: p.lineNo, raw: line}
	if total > MaxLineBytes { // as the streaming reader counts it: newline included
		l.oversize = total
		p.stats.Oversize++
		l.raw = line[:200]
	}
	return true
}

func (p *Parser) peek() *physLine {
	if !p.hasPeek && !p.eof {
		if p.src != nil {
			if !p.readSrc(&p.peeked) {
				return nil
			}
			p.hasPeek = true
			return &p.peeked
		}
		l, err := p.readPhys()
		if err != nil {
			if err != io.EOF {
				p.err = err
			}
			return nil
		}
		p.peeked, p.hasPeek = l, true
	}
	if !p.hasPeek {
		return nil
	}
	return &p.peeked
}
