package a

import (
	"context"
	"testing"
	"time"
)

// In a test: a hint only.
func TestFetch(t *testing.T) {
	for _, u := range []string{"a", "b"} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel() // want "in a loop runs only when the function returns"
		if err := fetch(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
}
