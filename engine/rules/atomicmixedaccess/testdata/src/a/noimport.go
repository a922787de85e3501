package a

import "fmt"

func report(s *Stats) string {
	return fmt.Sprint(s.requests) // want "`s.requests` is read without sync/atomic"
}
