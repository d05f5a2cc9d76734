package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocumentsBesideLogs holds the commands that read directories to a folder of logs with
// their metadata beside them: the JSON documents are set aside in one line and the exit code
// is the logs', while a document named on its own, or a folder of nothing else, is an error
// that says what the file is.
func TestDocumentsBesideLogs(t *testing.T) {
	log, err := os.ReadFile(leakLog)
	if err != nil {
		t.Fatal(err)
	}
	meta := []byte("{\n  \"run_id\": \"leak-linear\",\n  \"heap_limit_mb\": 128\n}\n")
	snapshot := []byte(`{"snapshot":{"meta":{"node_fields":["type","name"]},"node_count":1},"nodes":[0,1]}` + "\n")
	report, err := os.ReadFile("../../analyze/testdata/real-run-node20-report-on-fatalerror.64.report.json")
	if err != nil {
		t.Fatal(err)
	}
	mixed := t.TempDir()
	os.WriteFile(filepath.Join(mixed, "crash.report.json"), report, 0o644) // read, never skipped
	os.WriteFile(filepath.Join(mixed, "leak.log"), log, 0o644)
	os.WriteFile(filepath.Join(mixed, "leak.meta.json"), meta, 0o644)
	os.WriteFile(filepath.Join(mixed, "leak.heapsnapshot"), snapshot, 0o644)
	only := t.TempDir()
	os.WriteFile(filepath.Join(only, "leak.meta.json"), meta, 0o644)
	named := filepath.Join(mixed, "leak.meta.json")
	// An archive of a run as CI keeps it: the log and its metadata side by side.
	var tgz bytes.Buffer
	gw := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(gw)
	for _, m := range []struct {
		name string
		body []byte
	}{{"run/leak.log", log}, {"run/leak.meta.json", meta}, {"run/leak.heapsnapshot", snapshot}} {
		tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o644, Size: int64(len(m.body)), Typeflag: tar.TypeReg})
		tw.Write(m.body)
	}
	tw.Close()
	gw.Close()
	archive := filepath.Join(t.TempDir(), "run.tgz")
	if err := os.WriteFile(archive, tgz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	const skipped = "skipped 2 JSON documents found beside the logs"
	const notALog = "it is a JSON document, not a log"
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		stdout     string // a part of standard output
		stderr     string // a part of standard error
		notStderr  string // what standard error must not say
		stdoutRows int    // lines of standard output, for batch (-1: not counted)
	}{
		{"analyze a folder", []string{"analyze", mixed}, exitOK, "LEAK —", skipped, notALog, -1},
		{"analyze a document named", []string{"analyze", named}, exitInput, "", notALog, "skipped", -1},
		{"analyze a folder of documents", []string{"analyze", only}, exitInput, "", notALog, "skipped", -1},
		{"analyze a glob", []string{"analyze", filepath.Join(mixed, "*")}, exitOK, "LEAK —", skipped, notALog, -1},
		{"analyze an archive", []string{"analyze", archive}, exitOK, "LEAK —", skipped, notALog, -1},
		{"batch of an archive", []string{"batch", "--format", "csv", archive}, exitOK, "run.tgz:run/leak.log", skipped, notALog, 2},
		{"events of a folder", []string{"events", "--format", "csv", mixed}, exitOK, "leak.log", skipped, notALog, -1},
		{"batch of a folder", []string{"batch", "--format", "csv", mixed}, exitOK, "crash.report.json", skipped, notALog, 3},
		{"batch of a folder of documents", []string{"batch", "--format", "csv", only}, exitInput, notALog, notALog, "skipped", 2},
		{"batch with a document named", []string{"batch", "--format", "csv", filepath.Join(mixed, "leak.log"), named}, exitInput, notALog, notALog, "skipped", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) || strings.Contains(r.stderr, tc.notStderr) {
				t.Errorf("code %d (want %d)\nstdout: %.300s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.stdoutRows >= 0 {
				if rows := strings.Count(strings.SplitN(r.stdout, "\n\n", 2)[0], "\n"); rows != tc.stdoutRows {
					t.Errorf("%d lines of rows, want %d:\n%s", rows, tc.stdoutRows, r.stdout)
				}
			}
		})
	}
}
