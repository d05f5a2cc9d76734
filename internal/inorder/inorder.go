// Package inorder puts results that workers finish in any order back into the order their work
// was handed out.
package inorder

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
