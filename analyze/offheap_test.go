package analyze

import (
	"testing"

	"github.com/gcanalyze/gcanalyze/parser"
)

func TestOffHeapGrowth(t *testing.T) {
	series := func(rows ...[3]float64) []*parser.Memory {
		var out []*parser.Memory
		for _, r := range rows {
			out = append(out, &parser.Memory{Printer: "memory_usage", Values: map[string]float64{"rss": r[0], "heapUsed": r[1], "arrayBuffers": r[2]}})
		}
		return out
	}
	cases := []struct {
		name    string
		samples []*parser.Memory
		want    string // the field that grew, "" for none
	}{
		{"buffers kept, heap flat", series([3]float64{75, 3.4, 30}, [3]float64{136, 3.0, 90}, [3]float64{197, 3.4, 150}, [3]float64{347, 3.5, 300}), "arrayBuffers"},
		{"heap grows with it: the GC trace's story", series([3]float64{75, 10, 30}, [3]float64{150, 60, 60}, [3]float64{260, 150, 90}), ""},
		{"too little growth", series([3]float64{75, 3, 5}, [3]float64{80, 3, 10}, [3]float64{90, 3, 20}), ""},
		{"two samples are no series", series([3]float64{75, 3, 30}, [3]float64{400, 3, 330}), ""},
		{"grew and was released", series([3]float64{75, 3, 30}, [3]float64{400, 3, 330}, [3]float64{120, 3, 60}), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := offHeapGrowth(c.samples)
			switch {
			case c.want == "" && got != nil:
				t.Errorf("found growth of %s (%v → %v), want none", got.name, got.first, got.last)
			case c.want != "" && (got == nil || got.name != c.want):
				t.Errorf("got %+v, want growth of %s", got, c.want)
			}
		})
	}
}
