package live

import (
	_ "embed"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gcanalyze/gcanalyze/parser"
)

// preload is the script `gcanalyze run` has every Node process load (NODE_OPTIONS=--require,
// which Node reads from version 8 on): it turns on --trace-gc, which NODE_OPTIONS may not
// carry itself ("--trace-gc is not allowed in NODE_OPTIONS"), and prints one line saying
// who the process is and its heap_size_limit.
//
//go:embed preload.js
var preload []byte

// WritePreload writes the preload script into dir and returns its path. Its name ends in
// .cjs: a package.json with "type": "module" above dir (in /tmp, or a TMPDIR inside an ES
// module project) would have Node 12 and later load a .js file as an ES module, where
// require is not defined, and nothing would be traced. Node before 12 reads .cjs as .js.
func WritePreload(dir string) (string, error) {
	path := filepath.Join(dir, "gcanalyze-preload.cjs")
	return path, os.WriteFile(path, preload, 0o644)
}

// NodeOptions is NODE_OPTIONS with the preload added to what the user already has there. The
// "--require PATH" form is the one every Node reads (Node 9 rejects "--require=PATH" there);
// a path with spaces is quoted, which Node 12 and later understand.
func NodeOptions(existing, preloadPath string) string {
	p := preloadPath
	if strings.ContainsAny(p, " \t\"") {
		p = `"` + strings.ReplaceAll(p, `"`, `\"`) + `"`
	}
	return strings.TrimSpace(existing + " --require " + p)
}

// traceLine matches the lines --trace-gc and --trace-gc-nvp print for a GC: "[pid:isolate]"
// (or "[pid:isolate:id]") and the time since the isolate started.
var traceLine = regexp.MustCompile(`^\[\d+:(?:0x)?[0-9a-fA-F]+(?::\d+)?\]\s+\d+(?:\.\d+)? ms: `)

// IsTraceLine reports whether a line of a program's output is V8's GC trace or the preload's
// own line — what run and watch take out of the output they pass through —, as it is or in a
// log collector's JSON record.
func IsTraceLine(b []byte) bool {
	if len(b) > 0 && b[0] == '{' {
		if t, ok := parser.RecordText(b); ok {
			b = t
		}
	}
	return traceLine.Match(b) || len(b) > len(parser.ProcessLinePrefix) && string(b[:len(parser.ProcessLinePrefix)]) == parser.ProcessLinePrefix
}
