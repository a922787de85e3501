// Package racemsg renders a race of the race model for the rules that report
// them: where the write is, what it races with, and the goroutine or handler
// each side runs in.
package racemsg

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/races"
)

// Diagnostic is the finding for r: subject names the location ("map
// `counts`", "`total`"), advice ends the message. Each sentence is one
// format, advice included, so the driver's catalog can translate it whole
// (engine/i18n).
func Diagnostic(pass *analysis.Pass, r races.Race, subject, advice string) analysis.Diagnostic {
	e := r.Context.Entry
	line := func(p token.Pos) int { return pass.Fset.Position(p).Line }
	noLock, without := "with no lock held", "without a lock"
	if len(r.ReadLocked) > 0 {
		rl := "`" + r.ReadLocked[0].Key.String() + "`"
		noLock, without = "holding only the read lock "+rl, "holding only the read lock "+rl
	}
	if r.OtherLock != nil {
		return mixed(pass, r, subject)
	}
	var msg string
	switch r.Conflict {
	case races.WithItself:
		if r.At.Fn == e.Fn && e.Fn.Parent() != nil {
			msg = fmt.Sprintf("%s is written by %s, %s: %s", subject, where(pass, e), noLock, advice)
		} else {
			msg = fmt.Sprintf("%s is written %s by `%s`, which runs in %s: %s", subject, without, name(r.At.Fn), where(pass, e), advice)
		}
	case races.WithStarter:
		msg = fmt.Sprintf("%s is written in a %s and accessed by the starting function (line %d) before it waits for it: %s", subject, e.Kind, line(r.Other.Instr.Pos()), advice)
	case races.WithOther:
		msg = fmt.Sprintf("%s is written %s in %s and accessed in %s (line %d): %s", subject, without, where(pass, e), where(pass, r.OtherCtx.Entry), line(r.Other.Instr.Pos()), advice)
	}
	pos, end := writeRange(pass, r.At.Instr)
	d := analysis.Diagnostic{Pos: pos, End: end, Message: msg}
	if e.Site.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: e.Site, Message: fmt.Sprintf("the %s starts here (%s)", e.Kind, e.Via)})
	}
	if r.Other != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.Other.Instr.Pos(), Message: "the other access, concurrent with the write"})
	}
	return d
}

// mixed renders a race between an access with no lock and one holding a
// lock: the advice is that lock.
func mixed(pass *analysis.Pass, r races.Race, subject string) analysis.Diagnostic {
	e := r.Context.Entry
	line := pass.Fset.Position(r.Other.Instr.Pos()).Line
	lock := r.OtherLock.Key.String()
	how := "is read without a lock"
	if r.At.Write {
		how = "is written without a lock"
	}
	does := "reads it"
	if r.Other.Write {
		does = "writes it"
	}
	var msg string
	switch {
	case r.Conflict == races.WithItself:
		msg = fmt.Sprintf("%s %s in %s, while another instance %s holding `%s` (line %d): hold the lock here too", subject, how, where(pass, e), does, lock, line)
	case r.InStarter:
		msg = fmt.Sprintf("%s %s while %s %s holding `%s` (line %d): hold the lock here too", subject, how, where(pass, e), does, lock, line)
	case r.Conflict == races.WithStarter:
		msg = fmt.Sprintf("%s %s in %s, while the starting function %s holding `%s` (line %d): hold the lock here too", subject, how, where(pass, e), does, lock, line)
	default:
		msg = fmt.Sprintf("%s %s in %s, while %s %s holding `%s` (line %d): hold the lock here too", subject, how, where(pass, e), where(pass, r.OtherCtx.Entry), does, lock, line)
	}
	pos, end := AccessRange(pass, r)
	d := analysis.Diagnostic{Pos: pos, End: end, Message: msg}
	if e.Site.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: e.Site, Message: fmt.Sprintf("the %s starts here (%s)", e.Kind, e.Via)})
	}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.Other.Instr.Pos(), Message: fmt.Sprintf("the other access, holding `%s`", lock)})
	return d
}

// AccessRange is the source range of the race's access: the written
// expression, or the read one.
func AccessRange(pass *analysis.Pass, r races.Race) (token.Pos, token.Pos) {
	if r.At.Write {
		return writeRange(pass, r.At.Instr)
	}
	return readRange(pass, r.At.Instr.Pos())
}

// where describes the goroutines an entry runs in.
func where(pass *analysis.Pass, e *entrypoints.Entry) string {
	line := pass.Fset.Position(e.Site).Line
	switch {
	case e.Kind == entrypoints.Handler && e.Start == nil:
		return fmt.Sprintf("the HTTP handler `%s`, which serves requests concurrently", name(e.Fn))
	case e.Kind == entrypoints.Handler:
		return fmt.Sprintf("an HTTP handler registered with %s (line %d), which serves requests concurrently", e.Via, line)
	case e.Kind == entrypoints.RPC:
		return fmt.Sprintf("the gRPC method `%s` registered with %s (line %d), which serves calls concurrently", e.Fn.Name(), e.Via, line)
	case e.InLoop:
		return fmt.Sprintf("%ss started in a loop (line %d)", e.Kind, line)
	case e.Multi:
		return fmt.Sprintf("%ss started by `%s` (line %d), which runs concurrently with itself", e.Kind, name(e.Starter), line)
	}
	return fmt.Sprintf("the %s started at line %d", e.Kind, line)
}

// name is how source calls fn: its own name, or its enclosing function's for
// a literal.
func name(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn.Name()
}

// writeRange is the written expression: the left side of the assignment or
// increment, or the delete call.
func writeRange(pass *analysis.Pass, in ssa.Instruction) (token.Pos, token.Pos) {
	pos := in.Pos()
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			switch n := n.(type) {
			case *ast.IncDecStmt:
				return n.X.Pos(), n.X.End()
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if l.Pos() <= pos && pos <= l.End() {
						return l.Pos(), l.End()
					}
				}
				return n.Lhs[0].Pos(), n.Lhs[0].End()
			case *ast.CallExpr:
				if _, isDelete := in.(*ssa.Call); isDelete {
					return n.Pos(), n.End()
				}
			case ast.Stmt:
				return pos, pos
			}
		}
	}
	return pos, pos
}

// readRange is the read expression at pos: the selector, index or name
// chain the read loads (`s.head`, `lc.entries[k]`).
func readRange(pass *analysis.Pass, pos token.Pos) (token.Pos, token.Pos) {
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		if len(path) == 0 {
			continue
		}
		if rs, ok := path[0].(*ast.RangeStmt); ok {
			return rs.X.Pos(), rs.X.End() // a range over the map
		}
		var last ast.Node
		for _, n := range path {
			switch n.(type) {
			case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr, *ast.ParenExpr:
				last = n
				continue
			}
			break
		}
		if last != nil {
			return last.Pos(), last.End()
		}
	}
	return pos, pos
}
