package live

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestFollowRotationAndTruncation: Follow reads a file that grows, is truncated in place and
// is rotated away (renamed, a new one created under its name), and misses no line.
func TestFollowRotationAndTruncation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gc.log")
	var mu sync.Mutex
	var got []string
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- Follow(ctx, path, func(b []byte) {
			mu.Lock()
			got = append(got, strings.TrimSuffix(string(b), "\n"))
			mu.Unlock()
		})
	}()
	write := func(name, text string, flag int) {
		f, err := os.OpenFile(name, flag|os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(text)
		f.Close()
	}
	wait := func(n int) {
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			mu.Lock()
			k := len(got)
			mu.Unlock()
			if k >= n {
				return
			}
		}
		t.Fatalf("waited for %d lines, got %v", n, got)
	}
	time.Sleep(3 * pollEvery / 2) // the file does not exist yet: Follow waits for it
	write(path, "one\ntwo\nthr", os.O_TRUNC)
	wait(2)
	write(path, "ee\n", os.O_APPEND) // the rest of a line written in two goes
	wait(3)
	write(path, "four\n", os.O_TRUNC) // truncated in place, then written again
	wait(4)
	write(path, "five\n", os.O_APPEND)
	os.Rename(path, path+".1") // rotated away…
	write(path, "six\n", os.O_TRUNC)
	wait(6)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if want := "one two three four five six"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}
