package inorder

import (
	"slices"
	"testing"
)

func TestDeliver(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrival []int
		want    []int
	}{
		{"in order", []int{0, 1, 2, 3}, []int{0, 1, 2, 3}},
		{"reversed", []int{3, 2, 1, 0}, []int{0, 1, 2, 3}},
		{"shuffled", []int{1, 0, 3, 4, 2}, []int{0, 1, 2, 3, 4}},
		{"a gap holds the rest back", []int{0, 2, 3}, []int{0}},
		{"nothing", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := make(chan int, len(tc.arrival))
			for _, i := range tc.arrival {
				ch <- i
			}
			close(ch)
			var got []int
			n := Deliver(ch, func(i int) int { return i }, func(i int) { got = append(got, i) })
			if !slices.Equal(got, tc.want) || n != len(tc.want) {
				t.Errorf("delivered %v (count %d), want %v", got, n, tc.want)
			}
		})
	}
}
