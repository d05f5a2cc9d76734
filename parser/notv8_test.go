package parser

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestSniffer(t *testing.T) {
	for _, c := range []struct {
		name, in string
		v8       bool
		looks    string
	}{
		{"empty", "", false, "the input is empty"},
		{"blank", "\n\n  \n", false, "the input holds only blank lines"},
		{"jvm", "[0.011s][info][gc] Using G1\n[0.512s][info][gc] GC(0) Pause Young (Normal) 24M->3M(256M) 2.1ms\n", false, "JVM"},
		{"go", "gc 1 @0.012s 2%: 0.015+0.45+0.003 ms clock, 4->4->0 MB, 5 MB goal, 8 P\n", false, "Go runtime"},
		{"prose", "hello\nworld\n", false, ""},
		// Bun's crash report, its banner's rule under a monorepo runner's prefix (the head of
		// heldout-bk/bk018, a real paste).
		{"bun", "home:dev: ============================================================\nhome:dev: Bun v1.1.30 (7996d06b) Windows x64\nhome:dev: Windows v.win10_fe\n", false, "Bun"},
		{"v8", "hello\n[26105:0x3bd1d000]      125 ms: Scavenge 4.4 (5.1) -> 3.8 (6.1) MB, 0.73 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;\n", true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := New(strings.NewReader(c.in))
			var s Sniffer
			for {
				ev, err := p.Next()
				if err != nil {
					break
				}
				s.Observe(&ev)
			}
			err := s.Err(p.Stats())
			var nv *NotV8Error
			if c.v8 {
				if err != nil {
					t.Fatalf("got %v, want V8", err)
				}
				return
			}
			if !errors.As(err, &nv) {
				t.Fatalf("got %v, want a *NotV8Error", err)
			}
			if !strings.Contains(nv.Looks, c.looks) || (c.looks == "") != (nv.Looks == "") {
				t.Errorf("Looks %q, want it to say %q", nv.Looks, c.looks)
			}
			if !strings.HasPrefix(err.Error(), "no V8 garbage-collector output found") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// TestJSONDocumentIsNoLog: a JSON document that is not a diagnostic report (a run's metadata
// beside its log, quoting the crash line in a string) holds no V8 output, whatever its strings
// quote — batch over a directory of logs and their metadata read crashes out of the metadata;
// a diagnostic report pasted whole is still read.
func TestJSONDocumentIsNoLog(t *testing.T) {
	for _, c := range []struct {
		file string
		v8   bool
	}{
		{"../corpus/node-24/edge-latency-window-spread.128.meta.json", false},
		{"../corpus/heldout-e/e009-graph-indexer-agent-docker-pid1-report-header-node12.log", true},
	} {
		b, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		if c.v8 == false && !strings.Contains(string(b), "Maximum call stack size exceeded") {
			t.Fatalf("%s: the metadata no longer quotes the crash line; the test wants a file that does", c.file)
		}
		var s Sniffer
		st, err := ParseParallel(bytes.NewReader(b), 0, func(evs []Event) {
			for i := range evs {
				s.Observe(&evs[i])
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.Err(st)
		var nv *NotV8Error
		switch {
		case c.v8 && err != nil:
			t.Errorf("%s: %v, want V8 output", c.file, err)
		case !c.v8 && (!errors.As(err, &nv) || !strings.Contains(nv.Looks, "JSON document")):
			t.Errorf("%s: %v, want no V8 output, named a JSON document", c.file, err)
		}
		// The sequential parser decides alike.
		evs, _, _ := All(bytes.NewReader(b))
		v8 := slices.ContainsFunc(evs, func(ev Event) bool { return ev.Type != TypeUnknown })
		if v8 != c.v8 {
			t.Errorf("%s: the sequential parse finds V8 output %v, want %v", c.file, v8, c.v8)
		}
	}
}

// TestJSONArtifactsAreNoLog: the JSON files V8 and Node write beside a run — a heap snapshot, a
// CPU or sampling heap profile, a trace-events file — are named for what they are, whatever
// their size, and nothing in their strings is read as V8 output: a heap snapshot holds Node's
// own source, whose messages ("Worker terminated due to reaching memory limit") read as a
// worker's death. The inputs are built here: each artifact's real first line (from Node 20's
// files), then string-table lines quoting Node's messages as a snapshot does, to a size on
// each side of the parser's buffer and block. Past its head an artifact is counted, not read.
func TestJSONArtifactsAreNoLog(t *testing.T) {
	heads := map[string]string{
		"heap snapshot":         `{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count","trace_node_id","detachedness"],`,
		"sampling heap profile": `{"head":{"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"selfSize":0,`,
		"CPU profile":           `{"nodes":[{"id":1,"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},`,
		"trace-events file":     `{"traceEvents":[{"pid":11381,"tid":11381,"ts":1218858268,"tts":48248,"ph":"X","cat":"v8","name":"V8.DeserializeIsolate","dur":7674,"tdur":7645,"args":{}},`,
		"heap snapshot, spaced": "{\n  \"snapshot\": {\n    \"meta\": {",
	}
	quoted := "\"ERR_WORKER_OUT_OF_MEMORY\",\n\"Worker terminated due to reaching memory limit: %s\",\n\"FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\",\n"
	for what, head := range heads {
		for _, size := range []int{4 << 10, 200 << 10, 3 * blockSize, -3 * blockSize} {
			var b bytes.Buffer
			b.WriteString(head + "\n")
			if size < 0 {
				// One line, as a CPU profile is written: no newline in the head the parser reads.
				size = -size
				b.Reset()
				b.WriteString(head)
				for b.Len() < size {
					b.WriteString(`{"id":2,"callFrame":{"functionName":"","url":""}},`)
				}
			}
			for b.Len() < size {
				b.WriteString(quoted)
			}
			var s Sniffer
			st, err := ParseParallel(bytes.NewReader(b.Bytes()), 0, func(evs []Event) {
				for i := range evs {
					s.Observe(&evs[i])
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			lines := bytes.Count(b.Bytes(), []byte{'\n'})
			if !bytes.HasSuffix(b.Bytes(), []byte{'\n'}) {
				lines++
			}
			if st.Lines != lines || st.Bytes != int64(b.Len()) {
				t.Errorf("%s of %d bytes: %d lines and %d bytes counted, want %d and %d", what, size, st.Lines, st.Bytes, lines, b.Len())
			}
			var nv *NotV8Error
			if err := s.Err(st); !errors.As(err, &nv) || !strings.Contains(nv.Looks, strings.TrimSuffix(what, ", spaced")) {
				t.Errorf("%s of %d bytes: %v, want no V8 output, named a %s", what, size, err, what)
			}
			evs, _, _ := All(bytes.NewReader(b.Bytes()))
			if i := slices.IndexFunc(evs, func(ev Event) bool { return ev.Type != TypeUnknown }); i >= 0 {
				t.Errorf("%s of %d bytes: the sequential parse reads a %s event on line %d", what, size, evs[i].Type, evs[i].Line)
			}
		}
	}
}
