// Package units writes durations and heap sizes the way every report and chart of gcanalyze
// writes them, so that a text report and the charts attached beside it say the same thing.
package units

import (
	"fmt"
	"math"
)

// Unit is a unit to write a quantity in: its name and how many of the base unit (ms, MB) it
// holds.
type Unit struct {
	Name string
	Div  float64
}

// Time units.
var (
	Seconds = Unit{Name: "s", Div: 1e3}
	Minutes = Unit{Name: "min", Div: 60e3}
	Hours   = Unit{Name: "h", Div: 3600e3}
)

// Size units. V8 prints MB meaning MiB (2^20 bytes); a GB here is 1024 of them.
var (
	MB = Unit{Name: "MB", Div: 1}
	GB = Unit{Name: "GB", Div: 1024}
)

// gbFromMB is where sizes switch from MB to GB: a heap of a few GB still reads best in MB, as
// V8 prints it.
const gbFromMB = 10240

// TimeUnit is the unit for a duration (or a time axis spanning it): seconds under two minutes,
// minutes under an hour, hours beyond.
func TimeUnit(ms float64) Unit {
	switch s := math.Abs(ms) / 1000; {
	case s >= 3600:
		return Hours
	case s >= 120:
		return Minutes
	}
	return Seconds
}

// Duration writes a duration given in milliseconds: "6.26 s", "12.5 s", "3.3 min", "1.2 h".
func Duration(ms float64) string {
	u := TimeUnit(ms)
	v := ms / u.Div
	if u == Seconds && math.Abs(v) < 10 {
		return fmt.Sprintf("%.2f s", v)
	}
	return fmt.Sprintf("%.1f %s", v, u.Name)
}

// SizeUnit is the unit for a heap size (or a size axis up to it) given in MB.
func SizeUnit(mb float64) Unit {
	if math.Abs(mb) >= gbFromMB {
		return GB
	}
	return MB
}

// Size writes a heap size given in MB: "128.8 MB", "12.3 GB".
func Size(mb float64) string {
	u := SizeUnit(mb)
	return fmt.Sprintf("%.1f %s", mb/u.Div, u.Name)
}

// Rate writes a growth rate given in MB/s in the unit that shows it: "2.3 MB/s", a slow leak
// per minute ("1.6 MB/min") or per hour ("0.7 MB/h") rather than "0.0 MB/s".
func Rate(mbPerS float64) string {
	switch a := math.Abs(mbPerS); {
	case a >= 0.095 || a == 0:
		return fmt.Sprintf("%.1f MB/s", mbPerS)
	case a*60 >= 0.095:
		return fmt.Sprintf("%.1f MB/min", mbPerS*60)
	case a*3600 >= 0.095:
		return fmt.Sprintf("%.1f MB/h", mbPerS*3600)
	}
	return fmt.Sprintf("%.2g MB/h", mbPerS*3600)
}
