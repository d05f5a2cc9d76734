package parser

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Hard wraps: a terminal copies a line longer than its width as pieces of exactly that width,
// and a paste keeps the pieces as lines. Where the width shows in a log's head — two or more
// lines of exactly the longest length, each followed by a line that starts nothing of its own
// — a piece that long is joined to the line after it end to end, which gives back the line as
// the program printed it, whatever the line was (a GC line, a FATAL line, a native frame).

// wrapHead is how much of a log's start the width is looked for in: the buffer a Parser
// fills first, so that a parse of the whole log and the blocks of ParseParallel agree.
const wrapHead = 64 << 10

// Widths outside this range are not a terminal's.
const (
	minWrapWidth = 60
	maxWrapWidth = 320
)

// wrapWidth returns the width head's lines were hard-wrapped at, or 0 when they were not.
func wrapWidth(head []byte) int {
	if len(head) > wrapHead {
		head = head[:wrapHead]
	}
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
		head = head[:i] // complete lines only
	} else {
		return 0
	}
	var lines []string
	for len(head) > 0 {
		i := bytes.IndexByte(head, '\n')
		if i < 0 {
			i = len(head)
		}
		lines = append(lines, cleanLine(head[:i]))
		head = head[min(i+1, len(head)):]
	}
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l))
	}
	if width < minWrapWidth || width > maxWrapWidth {
		return 0
	}
	atWidth, cut := 0, 0
	for i, l := range lines[:len(lines)-1] {
		if utf8.RuneCountInString(l) != width {
			continue
		}
		atWidth++
		if next := lines[i+1]; continuesPiece(l, next) && !wholeLine(l) {
			cut++
		}
	}
	// Most lines of the longest length were cut and go on in the next line: GC lines that all
	// print alike, each whole, followed by the program's output, are not a wrap.
	if cut < 2 || 2*cut < atWidth {
		return 0
	}
	return width
}

// continuesPiece reports whether next can be the rest of piece: it is not blank, starts
// nothing of its own and does not start as piece does (the prefix a logger gives every line).
func continuesPiece(piece, next string) bool {
	if strings.TrimSpace(next) == "" || startsRecord(next) {
		return false
	}
	same := 0
	for same < len(piece) && same < len(next) && piece[same] == next[same] {
		same++
	}
	return same < 5
}

// wholeLine reports whether a line is whole as it stands: a --trace-gc line read to its
// reasons, a FATAL line that ends its message, a native frame that ends with its module, or
// a rule drawn with one character.
func wholeLine(l string) bool {
	if t := strings.TrimSpace(l); t != "" && strings.Count(t, t[:1]) == len(t) {
		return true
	}
	return readAlone(l, func(ev Event) (bool, bool) {
		switch {
		case ev.Type == TypeGC && !ev.GC.Truncated && ev.GC.Reason != nil:
			t := strings.TrimRight(l, " ;")
			return reasonWords[strings.Trim(t[strings.LastIndexAny(t, " ;")+1:], ".")], true
		case ev.Type == TypeFatal && ev.Fatal.Message != nil && strings.HasSuffix(*ev.Fatal.Message, "memory"):
			return true, true
		case ev.Type == TypeNativeFrame && strings.HasSuffix(strings.TrimSpace(l), "]"):
			return true, true
		}
		return false, false
	})
}

// startsRecord reports whether a line starts a piece of output of its own: a V8 line, a crash
// keyword, a frame of a native or JS stack.
func startsRecord(l string) bool {
	t := strings.TrimLeft(l, " \t")
	if strings.HasPrefix(t, "at ") {
		return true
	}
	as := findAnchors(l)
	return len(as) > 0 && strings.TrimSpace(l[:as[0].pos]) == ""
}

// wrappedPiece reports whether piece is a line cut at width and next its rest.
func wrappedPiece(piece, next string, width int) bool {
	return width > 0 && len(piece) >= width && utf8.RuneCountInString(piece) == width && continuesPiece(piece, next)
}
