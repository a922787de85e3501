package main

import (
	"fmt"
	"os"
)

func runCommand(args []string) int {
	fmt.Fprintln(os.Stderr, "goconc-engine: usage: goconc-engine check|serve|rules …")
	return 2
}
