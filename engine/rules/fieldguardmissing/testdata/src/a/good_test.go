package a

import "testing"

// Tests poke at fields before starting goroutines.
func TestCache(t *testing.T) {
	c := NewSafeCache()
	var q Queue
	q.jobs = []int{1, 2}
	c.items["x"] = 1
	go c.Set("y", 2)
	_ = len(q.jobs)
}

func peekQueue(q *Queue) int { return len(q.jobs) }
