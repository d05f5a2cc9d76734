package parser

import (
	"errors"
	"strings"
	"testing"
)

func TestSniffer(t *testing.T) {
	for _, c := range []struct {
		name, in string
		v8       bool
		looks    string
	}{
		{"empty", "", false, "the input is empty"},
		{"blank", "\n\n  \n", false, "the input holds only blank lines"},
		{"jvm", "[0.011s][info][gc] Using G1\n[0.512s][info][gc] GC(0) Pause Young (Normal) 24M->3M(256M) 2.1ms\n", false, "JVM"},
		{"go", "gc 1 @0.012s 2%: 0.015+0.45+0.003 ms clock, 4->4->0 MB, 5 MB goal, 8 P\n", false, "Go runtime"},
		{"prose", "hello\nworld\n", false, ""},
		{"v8", "hello\n[26105:0x3bd1d000]      125 ms: Scavenge 4.4 (5.1) -> 3.8 (6.1) MB, 0.73 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;\n", true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := New(strings.NewReader(c.in))
			var s Sniffer
			for {
				ev, err := p.Next()
				if err != nil {
					break
				}
				s.Observe(&ev)
			}
			err := s.Err(p.Stats())
			var nv *NotV8Error
			if c.v8 {
				if err != nil {
					t.Fatalf("got %v, want V8", err)
				}
				return
			}
			if !errors.As(err, &nv) {
				t.Fatalf("got %v, want a *NotV8Error", err)
			}
			if !strings.Contains(nv.Looks, c.looks) || (c.looks == "") != (nv.Looks == "") {
				t.Errorf("Looks %q, want it to say %q", nv.Looks, c.looks)
			}
			if !strings.HasPrefix(err.Error(), "no V8 garbage-collector output found") {
				t.Errorf("message %q", err)
			}
		})
	}
}
