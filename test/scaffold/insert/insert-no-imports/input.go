// Package empty has nothing yet.
package empty
/*|*/
