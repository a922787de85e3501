// Package helper stands for a message helper shared by rules (racemsg).
package helper

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
)

// Diagnostic ends every sentence with the caller's advice.
func Diagnostic(subject, advice string) analysis.Diagnostic {
	return analysis.Diagnostic{Message: fmt.Sprintf("%s is shared: %s", subject, advice)}
}
