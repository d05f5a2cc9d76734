package units

import "testing"

func TestDuration(t *testing.T) {
	for _, c := range []struct {
		ms   float64
		want string
	}{
		{6258, "6.26 s"}, {0, "0.00 s"}, {12500, "12.5 s"}, {119900, "119.9 s"},
		{120000, "2.0 min"}, {198000, "3.3 min"}, {3600e3, "1.0 h"}, {39 * 3600e3, "39.0 h"},
	} {
		if got := Duration(c.ms); got != c.want {
			t.Errorf("Duration(%v) = %q, want %q", c.ms, got, c.want)
		}
	}
}

func TestSize(t *testing.T) {
	for _, c := range []struct {
		mb   float64
		want string
	}{
		{128.8, "128.8 MB"}, {4144, "4144.0 MB"}, {10239.9, "10239.9 MB"}, {10240, "10.0 GB"}, {16384, "16.0 GB"},
	} {
		if got := Size(c.mb); got != c.want {
			t.Errorf("Size(%v) = %q, want %q", c.mb, got, c.want)
		}
	}
}

func TestRate(t *testing.T) {
	for _, c := range []struct {
		mbPerS float64
		want   string
	}{
		{2.34, "2.3 MB/s"}, {0.1, "0.1 MB/s"}, {0, "0.0 MB/s"}, {0.027, "1.6 MB/min"}, {-0.027, "-1.6 MB/min"},
		{0.0002, "0.7 MB/h"}, {0.00001, "0.036 MB/h"},
	} {
		if got := Rate(c.mbPerS); got != c.want {
			t.Errorf("Rate(%v) = %q, want %q", c.mbPerS, got, c.want)
		}
	}
}
