// Command shop wires the example packages together.
package main

import (
	"context"
	"fmt"
	"time"

	"example.com/shop/internal/cache"
	"example.com/shop/internal/inventory"
	"example.com/shop/internal/orders"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	inv := inventory.New()
	inv.Restock([]string{"apple", "pear"}, 10)
	if err := inv.Reserve("apple", 3); err != nil {
		fmt.Println("reserve:", err)
	}

	c := cache.New()
	c.Set("greeting", "hello")

	batch := []orders.Order{{ID: 1, Total: 10}, {ID: 2, Total: 20}}
	fmt.Println("charged:", orders.NewPool(4).Process(ctx, batch))
}
