package app

import "fmt"

func Hello() { fmt.Println("hi") }
/*|*/
func Bye() { fmt.Println("bye") }
