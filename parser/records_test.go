package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"testing"
)

func TestRecordText(t *testing.T) {
	tests := []struct {
		name, line, want string
		ok               bool
	}{
		{"docker json-file", `{"log":"[7:0x5f]     12 ms: Scavenge 4.4 (4.5) -\u003e 3.8 (5.5) MB, 1.4 / 0.0 ms  allocation failure; \n","stream":"stderr","time":"2024-05-01T10:00:00.1Z"}`,
			"[7:0x5f]     12 ms: Scavenge 4.4 (4.5) -> 3.8 (5.5) MB, 1.4 / 0.0 ms  allocation failure; ", true},
		{"journald", `{"__REALTIME_TIMESTAMP":"1714557600000000","_PID":"7","MESSAGE":"FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"}`,
			"FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", true},
		{"cloud logging", `{"textPayload":"\u003c--- Last few GCs ---\u003e","severity":"ERROR"}`, "<--- Last few GCs --->", true},
		{"vector", `{"message":"Aborted (core dumped)","host":"web-1"}`, "Aborted (core dumped)", true},
		{"joined crash block", `{"log":"FATAL ERROR: x\n 1: 0xb7 node::Abort() [node]\n"}`, "FATAL ERROR: x  1: 0xb7 node::Abort() [node]", true},
		{"a field of another type beside the text", `{"line":42,"log":"listening on :8080\n"}`, "listening on :8080", true},
		{"leading spaces", `  {"log":"ok\n"}`, "ok", true},
		{"an application's pino record", `{"level":30,"time":1714557600000,"msg":"request done"}`, "", false},
		{"a compact diagnostic report", `{"header":{"reportVersion":3,"event":"JavaScript API"},"javascriptStack":{"message":"No stack."}}`, "", false},
		{"cut short", `{"log":"[7:0x5f]     12 ms: Scav`, "", false},
		{"not JSON", `{log: "x"}`, "", false},
		{"the text is not a string", `{"log":{"a":1}}`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := recordText([]byte(tt.line))
			if ok != tt.ok || string(got) != tt.want {
				t.Errorf("recordText(%s) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestCollectorRecordsChangeNothing stores corpus logs the ways log collectors do, one JSON
// record per line (Go's encoder, Docker's, escaping "<", ">" and "&"), and holds the events
// read from each to those of the plain log, line numbers and all.
func TestCollectorRecordsChangeNothing(t *testing.T) {
	type wrapper struct {
		name   string
		record func(line string, n int) any
	}
	wrappers := []wrapper{
		{"docker", func(line string, n int) any {
			return map[string]string{"log": line + "\n", "stream": "stderr", "time": fmt.Sprintf("2024-05-01T10:00:00.%09dZ", n)}
		}},
		{"journald", func(line string, n int) any {
			return map[string]string{"__REALTIME_TIMESTAMP": fmt.Sprint(1714557600000000 + n), "_PID": "7", "MESSAGE": line}
		}},
		{"cloud-logging", func(line string, _ int) any {
			return map[string]any{"textPayload": line, "resource": map[string]string{"type": "k8s_container"}}
		}},
	}
	events := func(r io.Reader) ([]byte, Stats) {
		var out []byte
		st, err := ParseParallel(r, 2, func(evs []Event) {
			for _, ev := range evs {
				b, err := json.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
				out = append(append(out, b...), '\n')
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		return out, st
	}
	logs := corpusLogs(t)
	step := max(1, len(logs)/60)
	checked := 0
	for i := 0; i < len(logs); i += step {
		log := logs[i]
		fh := openLog(t, log)
		raw, err := io.ReadAll(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		plain, st := events(bytes.NewReader(raw))
		if st.Oversize > 0 || bytes.IndexByte(raw, '\r') >= 0 {
			continue // a record would hold what the plain parse cut or split differently
		}
		lines := bytes.Split(bytes.TrimSuffix(raw, []byte("\n")), []byte("\n"))
		if slices.ContainsFunc(lines, func(l []byte) bool { _, ok := recordText(l); return ok }) {
			// Lines that are records already (an app logging JSON with a "message", heldout-q's
			// storjshare log) are read once: a collector's record around them holds a record,
			// whose text is that JSON line, not what the plain parse unwraps from it.
			continue
		}
		for _, w := range wrappers {
			var wrapped bytes.Buffer
			enc := json.NewEncoder(&wrapped)
			for n, l := range lines {
				if err := enc.Encode(w.record(string(l), n)); err != nil {
					t.Fatal(err)
				}
			}
			got, _ := events(&wrapped)
			if !bytes.Equal(got, plain) {
				gl, pl := bytes.Split(got, []byte("\n")), bytes.Split(plain, []byte("\n"))
				for k := range min(len(gl), len(pl)) {
					if !bytes.Equal(gl[k], pl[k]) {
						t.Errorf("%s as %s records: event %d differs\nrecords %s\nplain   %s", log, w.name, k+1, gl[k], pl[k])
						break
					}
				}
				if len(gl) != len(pl) {
					t.Errorf("%s as %s records: %d events, %d from the plain log", log, w.name, len(gl)-1, len(pl)-1)
				}
			}
		}
		checked++
	}
	if checked < 40 {
		t.Fatalf("only %d corpus logs checked", checked)
	}
}
