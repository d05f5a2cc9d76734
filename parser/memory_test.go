package parser

import (
	"fmt"
	"strings"
	"testing"
)

// FuzzScanPairs holds the hand-written scanner of memory pairs to memoryPair, the pattern it
// reads: the same matches, in order, with the same name, separator, number and unit.
func FuzzScanPairs(f *testing.F) {
	for _, s := range []string{
		`{ rss: 4935680, heapTotal: 1826816, heapUsed: 650472, external: 49879, arrayBuffers: 9386 }`,
		`{"rss":"139.69 MB","heapUsed":"58.44 MB"}`,
		`heap_size_limit: 4,345,298,944`, `total_heap_size = 1_234_567 bytes`,
		`[app] tick 45 handled 20000 requests, cache entries=11520 retained~90.0MiB heapUsed=101.1MiB`,
		`rss=75.0MB heapUsed=3.4MB external=31.1MB`, `a: 1234,567`, `a: 12,3456`, `a:1,234.5kb`,
		`'x' : '7'Gb`, `x=5 Ki`, `x=5 KiX`, `x=5iB`, "\tname:\n9", `,a=1,b=2{c=3`, `"a"=`, `=1`, `a=.5`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []string
		for _, m := range memoryPair.FindAllStringSubmatch(s, -1) {
			want = append(want, fmt.Sprintf("%q", m[1:]))
		}
		var got []string
		for _, m := range scanPairs(s) {
			got = append(got, fmt.Sprintf("%q", []string{m.name, m.sep, m.number, m.unit}))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q:\n got %v\nwant %v", s, got, want)
		}
	})
}

// FuzzContainsAnyFold holds the lower-casing search to the byte-by-byte one, on lines short and
// long.
func FuzzContainsAnyFold(f *testing.F) {
	for _, s := range []string{"HeapUsed=5", "RSS", "heap Used", "exTERNAL_x", "ärss", "no words here"} {
		f.Add(s, "rss")
	}
	f.Fuzz(func(t *testing.T, s, w string) {
		if w == "" {
			return
		}
		for _, c := range []byte(w) {
			if c >= 'A' && c <= 'Z' {
				return // the words are lower-case
			}
		}
		for _, s := range []string{s, strings.Repeat(s, 600/(len(s)+1)+1)} {
			if got, want := containsAnyFold(s, []string{w}), containsFold(s, w); got != want {
				t.Fatalf("%q in %q: %v, want %v", w, s, got, want)
			}
		}
	})
}
