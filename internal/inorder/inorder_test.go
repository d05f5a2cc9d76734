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

func TestRun(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		var got []int
		submit, wait := Run(workers, func(j int) [2]int {
			// Later jobs finish first: the order must come from the index, not from timing.
			for k := 0; k < (100-j)*1000; k++ {
				_ = k
			}
			return [2]int{j, j * j}
		}, func(r [2]int) int { return r[0] }, func(r [2]int) { got = append(got, r[1]) })
		for j := 0; j < 100; j++ {
			submit <- j
		}
		wait()
		if len(got) != 100 {
			t.Fatalf("%d workers: %d results delivered, want 100", workers, len(got))
		}
		for j, v := range got {
			if v != j*j {
				t.Fatalf("%d workers: result %d is %d, want %d", workers, j, v, j*j)
			}
		}
	}
}
