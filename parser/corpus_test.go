package parser

import (
	"bufio"
	"encoding/json"
	"flag"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gcanalyze/gcanalyze/internal/corpustest"
)

var update = flag.Bool("update", false, "rewrite the parser part of the corpus expectation files")

// corpusLogs lists every log of the project's corpus.
func corpusLogs(t testing.TB) []string { return corpustest.Logs(t) }

// openLog opens a corpus log, decompressing a .gz one.
func openLog(t testing.TB, log string) io.ReadCloser {
	t.Helper()
	f, err := corpustest.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// parserExpect is the parser's part of a corpus expectation file (<log>.expect.json). The
// analyzer's part lives in the same file under "analysis"; the parser test keeps it as is.
type parserExpect struct {
	Events map[Type]int `json:"events"`
	GC     struct {
		Live      int `json:"live"`
		CrashDump int `json:"crash_dump"`
		Repeats   int `json:"repeats"`
		Truncated int `json:"truncated"`
	} `json:"gc"`
	FatalKinds []FatalKind `json:"fatal_kinds"`
	// UnknownLines are the lines that are the application's (or the shell's) own and so stay
	// Unknown. Each was read by a person when the file was added.
	UnknownLines []int `json:"unknown_lines"`
}

func expectPath(log string) string { return corpustest.Stem(log) + ".expect.json" }

// oracleGC is the --trace-gc regular expression of the format reference (section 9, "Parser
// notes", of v8-gc-formats.md in ../shared/docs beside the repository), cut after the first
// size, with a prefixed entry allowed anywhere in a line. It is used here only as an
// independent witness: every entry it matches must be covered by a gc event.
var oracleGC = regexp.MustCompile(`(?:\[\d+(?::(?:0x)?[0-9a-fA-F]+)?(?::\d+)?\]\s*|^\s*)\d+ ms: (?:Shared )?(?:Scavenge|Mark-sweep|Mark-Compact|Incremental Mark-Compact|Minor Mark-Compact|Minor Mark-Sweep|Incremental Minor Mark-Sweep)(?: \((?:reduce|interleaved|during sweeping)\))* \d+\.\d \(`)

// hexDump is a line of a memory dump: an address and sixteen bytes in hex.
var hexDump = regexp.MustCompile(`^\s*[0-9a-fA-F]{8,16}\s+([0-9a-fA-F]{2}\s){16}`)

// v8Marks are strings that only V8's or Node's crash output holds; an Unknown line must not
// contain them.
var v8Marks = []string{" ms: Scavenge", " ms: Mark-", "FATAL ERROR", "<--- ", "==== JS stack", "Native stack trace", "average mu ="}

func TestCorpus(t *testing.T) {
	for _, log := range corpusLogs(t) {
		t.Run(corpustest.Name(log), func(t *testing.T) {
			f := openLog(t, log)
			defer f.Close()
			events, stats, err := All(f)
			if err != nil {
				t.Fatal(err)
			}
			got := summarize(events)
			checkWitnesses(t, log, events)
			for _, ev := range events {
				if ev.Type != TypeUnknown {
					continue
				}
				if hexDump.MatchString(ev.Unknown.Text) {
					continue // a memory dump whose ASCII column shows V8's text: bytes, not a line
				}
				for _, m := range v8Marks {
					if strings.Contains(ev.Unknown.Text, m) {
						t.Errorf("line %d holds V8's %q but is unknown: %.120s", ev.Line, m, ev.Unknown.Text)
					}
				}
			}
			if stats.Unknown != len(got.UnknownLines) {
				t.Errorf("stats count %d unknown events, found %d", stats.Unknown, len(got.UnknownLines))
			}
			if *update {
				writeParserExpect(t, log, got)
				return
			}
			want := readParserExpect(t, log)
			if !slices.Equal(got.UnknownLines, want.UnknownLines) {
				t.Errorf("unknown lines = %v, want %v", got.UnknownLines, want.UnknownLines)
			}
			if gj, wj := mustJSON(got.Events), mustJSON(want.Events); gj != wj {
				t.Errorf("event counts = %s, want %s", gj, wj)
			}
			if got.GC != want.GC {
				t.Errorf("gc = %+v, want %+v", got.GC, want.GC)
			}
			if !slices.Equal(got.FatalKinds, want.FatalKinds) {
				t.Errorf("fatal kinds = %v, want %v", got.FatalKinds, want.FatalKinds)
			}
		})
	}
}

// checkWitnesses holds every log to checks that do not depend on the expectation file.
func checkWitnesses(t *testing.T, log string, events []Event) {
	t.Helper()
	covered := map[int]int{}
	fatalLines := map[int]bool{}
	for _, ev := range events {
		for l := ev.Line; l <= ev.EndLine; l++ {
			switch ev.Type {
			case TypeGC:
				if ev.GC.TimeMS != nil {
					covered[l]++
				}
			case TypeFatal:
				fatalLines[l] = true
			}
		}
	}
	f := openLog(t, log)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, MaxLineBytes)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if want := len(oracleGC.FindAllStringIndex(line, -1)); want > covered[n] {
			t.Errorf("line %d: the reference regex sees %d GC entries, the parser %d: %.160s", n, want, covered[n], line)
		}
		if strings.Contains(line, "FATAL ERROR:") && !fatalLines[n] {
			t.Errorf("line %d: FATAL ERROR without a fatal event: %.160s", n, line)
		}
	}
	// With --trace-gc on, V8 printed every GC of the crash dump live before: each ring entry
	// that kept its timestamp must be found as a repeat — where the live trace reaches that far
	// (Deno writes the trace in blocks and loses the last one when it crashes).
	metaFlags := readMetaFlags(log)
	liveUntil := map[IsolateKey]float64{}
	for _, ev := range events {
		if ev.Type == TypeGC && !ev.GC.InCrashDump && ev.GC.TimeMS != nil {
			liveUntil[ev.GC.Key()] = max(liveUntil[ev.GC.Key()], *ev.GC.TimeMS)
		}
	}
	if slices.Contains(metaFlags, "--trace-gc") && !slices.Contains(metaFlags, "--trace-gc-ignore-scavenger") {
		for _, ev := range events {
			if ev.Type == TypeGC && ev.GC.InCrashDump && ev.GC.TimeMS != nil && !ev.GC.Repeat && *ev.GC.TimeMS <= liveUntil[ev.GC.Key()] {
				t.Errorf("line %d: ring-buffer entry at %v ms not matched to its live line", ev.Line, *ev.GC.TimeMS)
			}
		}
	}
}

func readMetaFlags(log string) []string {
	m, _ := corpustest.ReadMeta(log)
	return m.Flags
}

func summarize(events []Event) parserExpect {
	var s parserExpect
	s.Events = map[Type]int{}
	s.UnknownLines = []int{}
	s.FatalKinds = []FatalKind{}
	for _, ev := range events {
		s.Events[ev.Type]++
		switch ev.Type {
		case TypeGC:
			g := ev.GC
			if g.InCrashDump {
				s.GC.CrashDump++
			} else {
				s.GC.Live++
			}
			if g.Repeat {
				s.GC.Repeats++
			}
			if g.Truncated {
				s.GC.Truncated++
			}
		case TypeFatal:
			s.FatalKinds = append(s.FatalKinds, ev.Fatal.Kind)
		case TypeUnknown:
			s.UnknownLines = append(s.UnknownLines, ev.Line)
		}
	}
	return s
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func readParserExpect(t *testing.T, log string) parserExpect {
	t.Helper()
	b, err := os.ReadFile(expectPath(log))
	if err != nil {
		t.Fatalf("%v (run go test ./parser -run TestCorpus -update, then review the file)", err)
	}
	var e struct {
		Parser parserExpect `json:"parser"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s: %v", expectPath(log), err)
	}
	return e.Parser
}

// writeParserExpect rewrites the "parser" member of the expectation file, keeping the rest.
func writeParserExpect(t *testing.T, log string, p parserExpect) {
	t.Helper()
	doc := map[string]json.RawMessage{}
	if b, err := os.ReadFile(expectPath(log)); err == nil {
		_ = json.Unmarshal(b, &doc)
	}
	raw, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	doc["parser"] = raw
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(expectPath(log), append(out, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
