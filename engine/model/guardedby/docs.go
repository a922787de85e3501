package guardedby

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
)

var (
	// "guarded by mu", "protected by s.mu", "+checklocks:mu".
	guardedByRe = regexp.MustCompile(`(?i)(?:guarded|protected|synchronized|locked)\s+by\s+(?:the\s+)?` + "`?" + `(?:\w+\.)?(\w+)|\+checklocks:(\w+)`)
	// On a mutex: "protects the following", "mu guards a and b", "protects everything below".
	protectsRe = regexp.MustCompile(`(?i)\b(?:protects|guards)\b`)
	// On a function: the caller holds the lock.
	mustHoldRe = regexp.MustCompile(`(?i)(?:must|should)\s+(?:be\s+)?(?:hold|held|locked|called\s+with)|(?:lock|mu\w*)\s+(?:must|should)\s+be\s+held|with\s+(?:the\s+)?\w*\s*(?:lock|mutex|mu)\s+held|while\s+holding|caller\s+(?:must\s+)?holds?`)
)

// fieldDocs finds the guards comments name, by field: a field's own comment
// (`// guarded by mu`, `// +checklocks:mu`), or a mutex field whose comment
// says it protects the fields that follow it in its group (up to a blank
// line).
func fieldDocs(pass *analysis.Pass) map[*types.Var]string {
	out := map[*types.Var]string{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			st, ok := n.(*ast.StructType)
			if !ok || st.Fields == nil {
				return true
			}
			protector := ""
			prevEnd := 0
			for _, fld := range st.Fields.List {
				start := fld.Pos()
				if fld.Doc != nil {
					start = fld.Doc.Pos()
				}
				if prevEnd > 0 && pass.Fset.Position(start).Line > prevEnd+1 {
					protector = "" // a blank line ends the group
				}
				prevEnd = pass.Fset.Position(fld.End()).Line
				if fld.Comment != nil {
					prevEnd = pass.Fset.Position(fld.Comment.End()).Line
				}
				text := commentText(fld.Doc) + "\n" + commentText(fld.Comment)
				if len(fld.Names) == 0 {
					// An embedded sync.Mutex can head a group too.
					if tv, ok := pass.TypesInfo.Types[fld.Type]; ok && isMutex(tv.Type) && protectsRe.MatchString(text) {
						protector = typeName(fld.Type)
					}
					continue
				}
				obj, _ := pass.TypesInfo.Defs[fld.Names[0]].(*types.Var)
				if obj == nil {
					continue
				}
				if isMutex(obj.Type()) {
					protector = ""
					if protectsRe.MatchString(text) {
						protector = obj.Name()
					}
					continue
				}
				name := ""
				if m := guardedByRe.FindStringSubmatch(text); m != nil {
					name = m[1] + m[2]
				} else if protector != "" {
					name = protector
				}
				if name == "" {
					continue
				}
				for _, id := range fld.Names {
					if v, ok := pass.TypesInfo.Defs[id].(*types.Var); ok {
						out[v] = name
					}
				}
			}
			return true
		})
	}
	// Package variables: `var x int // guarded by xMu`.
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gd.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok {
					continue
				}
				text := commentText(vs.Doc) + "\n" + commentText(vs.Comment)
				if len(gd.Specs) == 1 {
					text += "\n" + commentText(gd.Doc)
				}
				if m := guardedByRe.FindStringSubmatch(text); m != nil {
					for _, id := range vs.Names {
						if v, ok := pass.TypesInfo.Defs[id].(*types.Var); ok {
							out[v] = m[1] + m[2]
						}
					}
				}
			}
		}
	}
	return out
}

func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return typeName(e.X)
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.Ident:
		return e.Name
	}
	return ""
}

func commentText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range g.List {
		b.WriteString(c.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// lockedFuncs are the functions whose name or comment says the caller holds
// the lock: `removeLocked`, "must be called with mu held".
func lockedFuncs(pass *analysis.Pass) map[*types.Func]bool {
	out := map[*types.Func]bool{}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			name := fd.Name.Name
			if strings.HasSuffix(name, "Locked") || (strings.HasSuffix(name, "locked") && !strings.HasSuffix(name, "Unlocked") && !strings.HasSuffix(name, "unlocked")) ||
				(fd.Doc != nil && mustHoldRe.MatchString(fd.Doc.Text())) {
				if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					out[obj] = true
				}
			}
		}
	}
	return out
}
