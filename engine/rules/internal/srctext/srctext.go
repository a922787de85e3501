// Package srctext renders source for messages and fixes: the text of an
// expression as written, a statement's line for deletion, an import to add.
package srctext

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Expr is the source of e, gofmt-printed ("s.mu", "t.Get(k)").
func Expr(fset *token.FileSet, e ast.Expr) string { return Node(fset, e) }

// Node is a statement or expression as gofmt prints it.
func Node(fset *token.FileSet, e ast.Node) string {
	var b bytes.Buffer
	if err := format.Node(&b, fset, e); err != nil {
		return ""
	}
	return b.String()
}

// Callee is the called expression of a call, with "()" ("t.Get()").
func Callee(fset *token.FileSet, c *ast.CallExpr) string {
	if c == nil {
		return "the call"
	}
	return Expr(fset, c.Fun) + "()"
}

// Receiver is the receiver expression of a method call ("a.mu" of a.mu.Lock()).
func Receiver(fset *token.FileSet, c *ast.CallExpr) string {
	if c == nil {
		return ""
	}
	if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
		return Expr(fset, sel.X)
	}
	return ""
}

// Indent is the leading white space of pos's line in src, the text of tf.
func Indent(src []byte, tf *token.File, pos token.Pos) string {
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	line := src[start:]
	n := len(line) - len(bytes.TrimLeft(line, " \t"))
	return string(line[:n])
}

// Line is the 1-based line of pos.
func Line(fset *token.FileSet, pos token.Pos) int { return fset.Position(pos).Line }

// Plural picks "s" for counts other than 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Lines joins line numbers for a message: "17", "17 and 23", "17, 23 and 31".
func Lines(fset *token.FileSet, ps []token.Pos) string {
	seen := map[int]bool{}
	var nums []int
	for _, p := range ps {
		l := Line(fset, p)
		if !seen[l] {
			seen[l] = true
			nums = append(nums, l)
		}
	}
	sort.Ints(nums)
	var ls []string
	for _, n := range nums {
		ls = append(ls, strconv.Itoa(n))
	}
	switch len(ls) {
	case 0:
		return ""
	case 1:
		return ls[0]
	}
	return fmt.Sprintf("%s and %d", strings.Join(ls[:len(ls)-1], ", "), nums[len(nums)-1])
}

// Indentation is the whitespace that starts pos's line in its file, for
// fixes that insert a line of their own.
func Indentation(pass *analysis.Pass, pos token.Pos) string {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return "\t"
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil || tf.Offset(pos) > len(src) {
		return "\t"
	}
	return Indent(src, tf, pos)
}

// StartsLine is the indentation of pos's line when only blanks precede pos
// on it (the node at pos begins its line); ok is false otherwise.
func StartsLine(tf *token.File, src []byte, pos token.Pos) (indent string, ok bool) {
	indent = Indent(src, tf, pos)
	return indent, tf.Offset(tf.LineStart(tf.Line(pos)))+len(indent) == tf.Offset(pos)
}

// WholeLines is the range of the lines a node occupies, from the start of
// its first line to the start of the line after it, when nothing but blanks
// and a trailing line comment shares those lines with it; ok is false
// otherwise.
func WholeLines(tf *token.File, src []byte, n ast.Node) (start, end token.Pos, ok bool) {
	if _, ok := StartsLine(tf, src, n.Pos()); !ok {
		return 0, 0, false
	}
	endLine := tf.Line(n.End())
	if endLine >= tf.LineCount() {
		return 0, 0, false
	}
	next := tf.LineStart(endLine + 1)
	rest := bytes.TrimSpace(src[tf.Offset(n.End()):tf.Offset(next)])
	if len(rest) != 0 && !bytes.HasPrefix(rest, []byte("//")) {
		return 0, 0, false
	}
	return tf.LineStart(tf.Line(n.Pos())), next, true
}

// ImportEdit adds `"path"` to the file's import list in sorted position;
// ok=false when the file imports it already.
func ImportEdit(pass *analysis.Pass, pos token.Pos, path string) (analysis.TextEdit, bool) {
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return analysis.TextEdit{}, false
	}
	var specs []*ast.ImportSpec
	for _, s := range file.Imports {
		if p, _ := strconv.Unquote(s.Path.Value); p == path {
			return analysis.TextEdit{}, false
		}
		specs = append(specs, s)
	}
	quoted := strconv.Quote(path)
	if len(specs) == 0 {
		return analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + quoted)}, true
	}
	sort.SliceStable(specs, func(i, j int) bool { return specs[i].Pos() < specs[j].Pos() })
	after := specs[len(specs)-1]
	for i, s := range specs {
		if p, _ := strconv.Unquote(s.Path.Value); p > path {
			if i == 0 {
				return analysis.TextEdit{Pos: s.Pos(), End: s.Pos(), NewText: []byte(quoted + "\n\t")}, true
			}
			after = specs[i-1]
			break
		}
	}
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT && !g.Lparen.IsValid() && g.Pos() <= after.Pos() && after.End() <= g.End() {
			// import "x" without parentheses: add a declaration of its own.
			return analysis.TextEdit{Pos: g.End(), End: g.End(), NewText: []byte("\nimport " + quoted)}, true
		}
	}
	return analysis.TextEdit{Pos: after.End(), End: after.End(), NewText: []byte("\n\t" + quoted)}, true
}
