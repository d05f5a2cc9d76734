package parser

import (
	"bytes"
	"encoding/json"
)

// Log collectors that store each line as a JSON object keep V8's text in one string field of
// it: Docker's json-file driver and fluentd/Fluent Bit ("log"), journalctl -o json
// ("MESSAGE"), Vector and Loki exports ("message", "line"), Google Cloud Logging
// ("textPayload"). Archived container logs come this way. Docker's encoder escapes "<", ">"
// and "&", so V8's "->" reads "-\u003e" in the file: such a line is read as the text its record
// holds, or none of its GC lines would parse.

// recordKeys are the keys that hold the logged text in a collector's record, in the order they
// are looked for.
var recordKeys = []string{"log", "message", "MESSAGE", "line", "textPayload"}

// RecordText returns the text a log collector's JSON record holds (a line of Docker's
// json-file log, journalctl -o json, …), as the parser reads it; ok is false when line is not
// such a record.
func RecordText(line []byte) (text []byte, ok bool) { return recordText(line) }

// recordText returns the text a collector's JSON record b holds: its final newline dropped,
// its inner ones turned into spaces (a collector that joins a multi-line message, a crash
// block, into one record gives it as the one line the parser already cuts apart). ok is false
// when b is not such a record.
func recordText(b []byte) (text []byte, ok bool) {
	t := bytes.TrimSpace(b)
	if len(t) < 2 || t[0] != '{' || t[len(t)-1] != '}' || !hasRecordKey(t) {
		return nil, false
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(t, &fields) != nil {
		return nil, false
	}
	var s string
	found := false
	for _, k := range recordKeys {
		// A key whose value is no string ("line": 42 in an application's own record) is not
		// the text.
		if v, ok := fields[k]; ok && json.Unmarshal(v, &s) == nil {
			found = true
			break
		}
	}
	if !found {
		return nil, false
	}
	out := []byte(s)
	out = bytes.TrimSuffix(out, []byte("\n"))
	for i, c := range out {
		if c == '\n' {
			out[i] = ' '
		}
	}
	return out, true
}

// quotedRecordKeys are recordKeys in their quotes, as a record holds them.
var quotedRecordKeys = func() [][]byte {
	out := make([][]byte, len(recordKeys))
	for i, k := range recordKeys {
		out[i] = []byte(`"` + k + `"`)
	}
	return out
}()

// hasRecordKey reports whether t holds one of recordKeys in quotes: a line without one is not
// decoded.
func hasRecordKey(t []byte) bool {
	for _, k := range quotedRecordKeys {
		if bytes.Contains(t, k) {
			return true
		}
	}
	return false
}
