// Package inorder puts results that workers finish in any order back into the order their work
// was handed out.
package inorder

import "sync"

// Deliver receives results until the channel closes and calls deliver on each in the order of
// their index, 0, 1, 2, …, holding back any that arrive before their turn. A result whose
// predecessor never arrives is never delivered; Deliver returns how many were.
func Deliver[T any](results <-chan T, index func(T) int, deliver func(T)) int {
	pending := map[int]T{}
	next := 0
	for r := range results {
		pending[index(r)] = r
		for {
			q, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			deliver(q)
		}
	}
	return next
}

// Run starts workers goroutines that apply work to each job sent on submit, and one goroutine
// that hands the results to deliver in the order of their index (as Deliver does). deliver runs
// on one goroutine at a time. wait closes submit, lets the workers finish and returns once
// every result was delivered. The caller numbers the jobs 0, 1, 2, … through index.
func Run[J, R any](workers int, work func(J) R, index func(R) int, deliver func(R)) (submit chan<- J, wait func()) {
	jobs := make(chan J, workers)
	results := make(chan R, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- work(j)
			}
		}()
	}
	delivered := make(chan struct{})
	go func() {
		defer close(delivered)
		Deliver(results, index, deliver)
	}()
	return jobs, func() {
		close(jobs)
		wg.Wait()
		close(results)
		<-delivered
	}
}
