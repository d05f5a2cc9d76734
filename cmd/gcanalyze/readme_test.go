package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// README is a promise: this test runs every gcanalyze command it shows and compares the
// output it quotes with what the code prints today.
//
// A fenced block right after an HTML comment "<!-- output of: ARGS -->" must be exactly the
// standard output of gcanalyze ARGS, run from the repository's root ("output of (stderr)":
// its standard error); after "<!-- output contains: ARGS -->" each line of the block, split at "…" (where README abridges), must appear
// in that output. Every other line of a fenced block that runs gcanalyze (alone, after a pipe,
// or as go run ./cmd/gcanalyze) must run without a usage error or a crash, on stand-in inputs
// made for the file names it uses.

const readmePath = "../../README.md"

// readmeBlock is a fenced block of README and the marker comment before it, if any.
type readmeBlock struct {
	marker, args string
	// stderr is set when the block quotes standard error ("output of (stderr)").
	stderr bool
	lines  []string
	line   int
}

var markerRE = regexp.MustCompile(`^<!-- output (of|contains)( \(stderr\))?: (.*) -->$`)

func readmeBlocks(t *testing.T) []readmeBlock {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []readmeBlock
	var cur *readmeBlock
	prev := ""
	for i, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "```") {
			if cur != nil {
				blocks = append(blocks, *cur)
				cur = nil
			} else {
				cur = &readmeBlock{line: i + 1}
				if m := markerRE.FindStringSubmatch(prev); m != nil {
					cur.marker, cur.stderr, cur.args = m[1], m[2] != "", m[3]
				}
			}
			continue
		}
		if cur != nil {
			cur.lines = append(cur.lines, l)
		} else if strings.TrimSpace(l) != "" {
			prev = l
		}
	}
	return blocks
}

// shellWords splits a command line as a shell would, for the simple quoting README uses.
func shellWords(s string) []string {
	var out []string
	var w strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			w.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				out = append(out, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, w.String())
	}
	return out
}

// gcanalyzeArgs returns the arguments of a README line that runs gcanalyze, whether it reads
// standard input from a pipe, and ok when the line runs gcanalyze at all.
func gcanalyzeArgs(line string) (args []string, piped, ok bool) {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i] // a comment
	}
	for k, seg := range strings.Split(line, "|") {
		seg = strings.TrimSpace(seg)
		if i := strings.Index(seg, " >"); i >= 0 {
			seg = seg[:i] // a redirection
		}
		seg = strings.TrimPrefix(seg, "go run ./cmd/gcanalyze ")
		if strings.HasPrefix(seg, "gcanalyze ") {
			return shellWords(strings.TrimPrefix(seg, "gcanalyze ")), k > 0, true
		}
		if k == 0 && strings.HasPrefix(line, "go run ./cmd/gcanalyze ") {
			return shellWords(seg), false, true
		}
	}
	return nil, false, false
}

// runREADME runs gcanalyze from the repository's root, with the bundled leak log as standard
// input.
func runREADME(t *testing.T, args []string) result {
	t.Helper()
	stdin, err := os.ReadFile("corpus/node-22/leak-linear.log")
	if err != nil {
		t.Fatal(err)
	}
	return runCLI(t, string(stdin), expandGlobs(args)...)
}

var updateREADME = flag.Bool("update-readme", false, "rewrite README's quoted \"output of\" blocks with what the code prints (review the diff)")

func TestREADMEOutputs(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlocks(t)
	t.Chdir(root)
	checked := 0
	var updates []readmeUpdate
	for _, b := range blocks {
		if b.marker == "" {
			continue
		}
		checked++
		r := runREADME(t, shellWords(b.args))
		got := r.stdout
		if b.stderr {
			got = strings.TrimLeft(r.stderr, "\n") // the summary is set off from the rows above it
		}
		want := strings.Join(b.lines, "\n") + "\n"
		switch b.marker {
		case "of":
			if *updateREADME && got != want {
				updates = append(updates, readmeUpdate{b, got})
				continue
			}
			if got != want {
				t.Errorf("README.md:%d: gcanalyze %s prints\n%s\nbut README quotes\n%s", b.line, b.args, got, want)
			}
		case "contains":
			if *updateREADME {
				if fixed := refreshQuoted(b.lines, got); strings.Join(fixed, "\n") != strings.Join(b.lines, "\n") {
					updates = append(updates, readmeUpdate{b, strings.Join(fixed, "\n") + "\n"})
					continue
				}
			}
			for _, l := range b.lines {
				for _, piece := range strings.Split(l, "…") {
					if piece = strings.TrimSpace(piece); piece != "" && !strings.Contains(got, piece) {
						t.Errorf("README.md:%d: the output of gcanalyze %s does not hold %q", b.line, b.args, piece)
					}
				}
			}
		}
	}
	if checked < 3 {
		t.Errorf("only %d quoted outputs in README are checked", checked)
	}
	if len(updates) > 0 {
		rewriteREADME(t, filepath.Join(root, "README.md"), updates)
	}
}

// jsonValue is a "name":value pair whose value is a number, a string or an array of numbers,
// as README quotes them from JSON output.
var jsonValue = regexp.MustCompile(`"([a-z0-9_]+)":(-?[0-9][0-9.e+-]*|"[^"]*"|\[[-0-9.e+, ]*\]|null|true|false)`)

// refreshQuoted rewrites the values of the "name":value pairs an abridged quote holds with the
// values of the same names in the output, the first occurrence of each.
func refreshQuoted(lines []string, output string) []string {
	current := map[string]string{}
	for _, m := range jsonValue.FindAllStringSubmatch(output, -1) {
		if _, ok := current[m[1]]; !ok {
			current[m[1]] = m[2]
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = jsonValue.ReplaceAllStringFunc(l, func(pair string) string {
			m := jsonValue.FindStringSubmatch(pair)
			if v, ok := current[m[1]]; ok {
				return `"` + m[1] + `":` + v
			}
			return pair
		})
	}
	return out
}

type readmeUpdate struct {
	block readmeBlock
	text  string
}

// rewriteREADME replaces the lines of the given blocks with new text.
func rewriteREADME(t *testing.T, path string, updates []readmeUpdate) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	// From the last block up, so earlier line numbers stay valid.
	for i := len(updates) - 1; i >= 0; i-- {
		u := updates[i]
		start := u.block.line // the opening fence's index + 1: the first line of the block
		repl := strings.Split(strings.TrimSuffix(u.text, "\n"), "\n")
		lines = append(lines[:start], append(repl, lines[start+len(u.block.lines):]...)...)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote %d blocks of %s", len(updates), path)
}

func TestREADMECommandsRun(t *testing.T) {
	blocks := readmeBlocks(t)
	leak, err := os.ReadFile(leakLog)
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "corpus"), filepath.Join(dir, "corpus")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	ran := 0
	for _, b := range blocks {
		for _, l := range b.lines {
			args, piped, ok := gcanalyzeArgs(strings.TrimSpace(l))
			if !ok {
				continue
			}
			ran++
			for _, a := range args {
				standIn(t, a, leak)
			}
			stdin := ""
			if piped {
				stdin = string(leak)
			}
			// run and watch go on until their program ends or Ctrl-C; a short while is enough
			// to see that they start.
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			var out, errb bytes.Buffer
			code := runContext(ctx, append([]string{"gcanalyze"}, expandGlobs(args)...), strings.NewReader(stdin), &out, &errb)
			cancel()
			r := result{code, out.String(), errb.String()}
			if r.code == exitUsage || strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Errorf("README.md: %q: exit %d\n%s", l, r.code, r.stderr)
			}
		}
	}
	if ran < 10 {
		t.Errorf("only %d README commands found", ran)
	}
}

func expandGlobs(args []string) []string {
	var out []string
	for _, a := range args {
		if m, _ := filepath.Glob(a); strings.ContainsAny(a, "*?[") && len(m) > 0 {
			out = append(out, m...)
			continue
		}
		out = append(out, a)
	}
	return out
}

// standIn makes an input a README command names, when it is a log or an archive that does not
// exist: the bundled leak log, packed as the name says.
func standIn(t *testing.T, arg string, log []byte) {
	if strings.HasPrefix(arg, "-") {
		return
	}
	if strings.ContainsAny(arg, "*?[") {
		d := filepath.Dir(arg)
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "a.log"), log, 0o644)
		return
	}
	if _, err := os.Stat(arg); err == nil {
		return
	}
	var data []byte
	switch {
	case strings.HasSuffix(arg, "/"):
		os.MkdirAll(arg, 0o755)
		os.WriteFile(filepath.Join(arg, "a.log"), log, 0o644)
		return
	case strings.HasSuffix(arg, ".tar.gz"), strings.HasSuffix(arg, ".tgz"):
		var tb bytes.Buffer
		zw := gzip.NewWriter(&tb)
		tw := tar.NewWriter(zw)
		tw.WriteHeader(&tar.Header{Name: "a.log", Mode: 0o644, Size: int64(len(log))})
		tw.Write(log)
		tw.Close()
		zw.Close()
		data = tb.Bytes()
	case strings.HasSuffix(arg, ".zip"):
		var zb bytes.Buffer
		zw := zip.NewWriter(&zb)
		w, _ := zw.Create("a.log")
		w.Write(log)
		zw.Close()
		data = zb.Bytes()
	case strings.HasSuffix(arg, ".gz"):
		var gb bytes.Buffer
		zw := gzip.NewWriter(&gb)
		zw.Write(log)
		zw.Close()
		data = gb.Bytes()
	case strings.HasSuffix(arg, ".log") || strings.HasSuffix(arg, ".txt") || regexp.MustCompile(`\.log\.\d+$`).MatchString(arg):
		data = log
	default:
		return
	}
	if d := filepath.Dir(arg); d != "." {
		os.MkdirAll(d, 0o755)
	}
	if err := os.WriteFile(arg, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
