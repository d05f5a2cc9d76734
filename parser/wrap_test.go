package parser

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

// hardWrap cuts every line of text longer than width into pieces of width runes, as a
// terminal does when a line is copied out of it.
func hardWrap(text string, width int) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		for utf8.RuneCountInString(line) > width {
			cut := len(line)
			for n := range line {
				if utf8.RuneCountInString(line[:n]) == width {
					cut = n
					break
				}
			}
			b.WriteString(line[:cut])
			b.WriteByte('\n')
			line = line[cut:]
		}
		b.WriteString(line)
	}
	return b.String()
}

// gcDigest lists a parse's GC events by what the analysis reads of them.
func gcDigest(evs []Event) []string {
	var out []string
	f := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	for _, ev := range evs {
		if ev.Type == TypeGC && !ev.GC.Truncated {
			g := ev.GC
			out = append(out, fmt.Sprintf("%s %s %s→%s %s", f(g.TimeMS), deref(g.Collector), f(g.HeapBeforeMB), f(g.HeapAfterMB), f(g.PauseMS)))
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// TestHardWrappedPastes wraps the real pastes of the corpus whose GC lines were whole at the
// widths terminals have, and holds the parse of the wrapped text to the parse of the paste:
// the same GC events, for nearly all of them. A paste whose only long line is cut once cannot
// show its width, and some such pastes lose a GC line or a crash line; the floor says how many
// may.
func TestHardWrappedPastes(t *testing.T) {
	for _, width := range []int{80, 100, 120, 160} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			var tried, kept int
			var lost []string
			for _, log := range corpustest.Logs(t) {
				name := corpustest.Name(log)
				if !strings.HasPrefix(name, "heldout-") && !strings.HasPrefix(name, "pastes/") && !strings.HasPrefix(name, "realworld/") {
					continue
				}
				text := string(corpustest.ReadAll(t, log))
				evs, _, _ := All(strings.NewReader(text))
				want := gcDigest(evs)
				wrapped := hardWrap(text, width)
				if len(want) == 0 || wrapped == text {
					continue
				}
				tried++
				evs, _, _ = All(strings.NewReader(wrapped))
				if got := gcDigest(evs); strings.Join(got, "\n") == strings.Join(want, "\n") {
					kept++
				} else {
					lost = append(lost, name)
				}
			}
			t.Logf("width %d: %d of %d pastes with GC lines keep every GC event; not: %v", width, kept, tried, lost)
			if tried < 20 {
				t.Fatalf("only %d pastes wrapped at %d: the corpus lost its pastes?", tried, width)
			}
			if float64(kept) < 0.97*float64(tried) {
				t.Errorf("%d of %d wrapped pastes keep their GC events; want ≥ 97%%", kept, tried)
			}
		})
	}
}

func TestWrapWidth(t *testing.T) {
	gc := "[4250:0x228c670]  2637499 ms: Mark-sweep 1337.2 (1411.1) -> 1337.2 (1412.6) MB, 806.0 / 0.1 ms  allocation failure GC in old space requested\n"
	three := strings.Repeat(gc, 3)
	for _, tc := range []struct {
		name string
		text string
		want int
	}{
		{"whole GC lines that print alike", three, 0},
		{"wrapped at 80", hardWrap(three, 80), 80},
		{"wrapped at 100", hardWrap(three, 100), 100},
		{"a rule of dashes above program output", strings.Repeat(strings.Repeat("-", 93)+"\nheapUsed: 12 MB\n", 3), 0},
		{"a logger's prefix on every line", strings.Repeat("Jan 18 08:50:29 NUC node-red: "+strings.Repeat("x", 70)+"\n", 4), 0},
		{"one long line cut once", hardWrap(gc, 100), 0},
	} {
		if got := wrapWidth([]byte(tc.text)); got != tc.want {
			t.Errorf("%s: width %d, want %d", tc.name, got, tc.want)
		}
	}
}
