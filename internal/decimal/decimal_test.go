package decimal

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFMatchesStrconv holds AppendF to strconv's shortest 'f' form on numbers as V8
// prints them (up to three decimals, up to 2^40), on their neighbours one ulp away (which
// need more digits), and on the edge cases.
func TestAppendFMatchesStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	check := func(f float64) {
		t.Helper()
		if got, want := string(AppendF(nil, f)), strconv.FormatFloat(f, 'f', -1, 64); got != want {
			t.Fatalf("%v: %q, want %q", f, got, want)
		}
	}
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.001, 0.1, 0.3, 1e15, 1 << 53, 1<<53 + 2, 123.456, -5.5, math.SmallestNonzeroFloat64, math.MaxFloat64} {
		check(f)
	}
	for range 200000 {
		k := r.IntN(4)
		n := r.Int64N(1 << 40)
		f := float64(n) / math.Pow(10, float64(k))
		if r.IntN(2) == 0 {
			f = -f
		}
		check(f)
		check(math.Nextafter(f, math.Inf(1)))
	}
}

// FuzzShortDecimal proves the shortcut writes every number as strconv's shortest form does,
// or declines.
func FuzzShortDecimal(f *testing.F) {
	for _, v := range []float64{0, 1, 12.5, 123.456, 0.001, 4096, 1e14 + 0.5, 0.1 + 0.2, 2.675, -3.25, math.Copysign(0, -1)} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		got, ok := AppendShort(nil, v)
		if want := strconv.FormatFloat(v, 'f', -1, 64); ok && string(got) != want {
			t.Fatalf("%v: wrote %s, strconv %s", v, got, want)
		}
		if got, want := string(AppendF(nil, v)), strconv.FormatFloat(v, 'f', -1, 64); got != want {
			t.Fatalf("%v: AppendF wrote %s, strconv %s", v, got, want)
		}
	})
}
