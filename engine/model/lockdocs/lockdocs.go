// Package lockdocs reads the conventions by which Go code says a function
// runs under a lock its caller holds: a name ending in Locked, a comment
// ("Lock should be held", "must be called with mu held", "lock held on
// entry"), or a parameter whose type's name ends in Locked. Models that
// decide whether an access is guarded (guardedby, races) share it.
package lockdocs

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
)

var (
	// The caller holds the lock ("Lock should be held", "lock held on
	// entry", "must be called with mu held", "Lock is assumed held") —
	// unless the comment says the opposite ("no lock held on entry", "lock
	// should not be held").
	mustHoldRe    = regexp.MustCompile(`(?i)(?:must|should|needs?\s+to)\s+(?:be\s+)?(?:hold|held|locked|called\s+(?:with|while|under))|\b(?:is\s+|are\s+)?(?:assumed\s+|expected\s+)?held\s+(?:on|upon)\s+entry|locks?\s+(?:is\s+|are\s+)?(?:assumed|expected)\s+(?:to\s+be\s+)?held|assumes?\s+(?:that\s+)?(?:the\s+)?\w*\s*locks?\s+(?:is\s+)?held|with\s+(?:the\s+)?\w*\s*(?:lock|mutex|mu)\s+held|while\s+holding|caller\s+(?:must\s+)?holds?|while\s+having\s+(?:a|the)\s+\w*\s*lock`)
	mustNotHoldRe = regexp.MustCompile(`(?i)\bnot\s+(?:be\s+)?held|\bno\s+\w*\s*locks?\s+(?:is\s+)?held|(?:must|should)\s+not\s+(?:be\s+)?(?:hold|held|called\s+with)|without\s+(?:the\s+)?\w*\s*lock\s+held|does\s+not\s+need`)
)

// MustHold: a function's comment says its caller holds the lock.
func MustHold(doc string) bool { return mustHoldRe.MatchString(doc) && !mustNotHoldRe.MatchString(doc) }

// Funcs are the functions whose name or comment says the caller holds
// the lock: `removeLocked`, "must be called with mu held".
func Funcs(pass *analysis.Pass) map[*types.Func]bool {
	out := map[*types.Func]bool{}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			name := fd.Name.Name
			if markerParam(pass, fd) || strings.HasSuffix(name, "Locked") || (strings.HasSuffix(name, "locked") && !strings.HasSuffix(name, "Unlocked") && !strings.HasSuffix(name, "unlocked")) ||
				(fd.Doc != nil && MustHold(fd.Doc.Text())) {
				if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					out[obj] = true
				}
			}
		}
	}
	return out
}

// markerParam: a parameter whose type's name says the caller holds a
// lock (badger's `overlappingTables(_ levelHandlerRLocked, …)`).
func markerParam(pass *analysis.Pass, fd *ast.FuncDecl) bool {
	for _, f := range fd.Type.Params.List {
		if tv, ok := pass.TypesInfo.Types[f.Type]; ok {
			if n, ok := types.Unalias(tv.Type).(*types.Named); ok && strings.HasSuffix(n.Obj().Name(), "Locked") {
				return true
			}
		}
	}
	return false
}
