// Package decimal writes the numbers V8 prints back as text, fast: a number parsed from at most
// three decimals is written with the digits it was read from, the shortest form that gives it
// back, without the general float-to-text algorithm. The events writers (JSON lines and CSV)
// write a dozen such numbers per GC line.
package decimal

import (
	"math"
	"strconv"
)

var pow10 = [...]float64{1, 1e1, 1e2, 1e3}

// AppendShort appends f with at most three decimals when that writes it exactly as
// strconv.AppendFloat(b, f, 'f', -1, 64) would: V8 prints at most three, and a number parsed
// from such text is the double nearest to n/10^k, which the same digits write back; the fewest
// decimals that give f back are the shortest form. ok is false, and b unchanged, for any other
// number (more decimals, -0, magnitudes past 2^53).
func AppendShort(b []byte, f float64) ([]byte, bool) {
	if f == 0 && math.Signbit(f) || math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	neg := f < 0
	if neg {
		f = -f
	}
	for k := 0; k <= 3; k++ {
		n := math.Round(f * pow10[k])
		if n/pow10[k] != f || n >= 1<<53 {
			continue
		}
		if neg && n != 0 {
			b = append(b, '-')
		}
		u := uint64(n)
		if k == 0 {
			return strconv.AppendUint(b, u, 10), true
		}
		div := uint64(pow10[k])
		b = strconv.AppendUint(b, u/div, 10)
		b = append(b, '.')
		frac := u % div
		for d := div / 10; d > 0; d /= 10 {
			b = append(b, byte('0'+frac/d%10))
		}
		return b, true
	}
	return b, false
}

// AppendF appends f as strconv.AppendFloat(b, f, 'f', -1, 64) does, by AppendShort where it can.
func AppendF(b []byte, f float64) []byte {
	if d, ok := AppendShort(b, f); ok {
		return d
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}
