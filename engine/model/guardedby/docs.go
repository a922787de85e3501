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
	// On a mutex: "protects the following", "guards everything below" (the
	// fields after it in its group), or "protects a and b" (fields named).
	protectsRe  = regexp.MustCompile(`(?i)\b(?:protects|guards)\b(.*)`)
	followingRe = regexp.MustCompile(`(?i)\b(?:protects|guards)\s+(?:the\s+|all\s+(?:of\s+)?the\s+)?(?:following|fields\s+below|everything\s+below|below|fields\s+that\s+follow)`)
	wordRe      = regexp.MustCompile(`\w+`)
	// On a function: the caller holds the lock ("Lock should be held",
	// "lock held on entry", "must be called with mu held", "Lock is assumed
	// held") — unless it says the opposite ("no lock held on entry", "lock
	// should not be held").
	mustHoldRe    = regexp.MustCompile(`(?i)(?:must|should|needs?\s+to)\s+(?:be\s+)?(?:hold|held|locked|called\s+(?:with|while|under))|\b(?:is\s+|are\s+)?(?:assumed\s+|expected\s+)?held\s+(?:on|upon)\s+entry|locks?\s+(?:is\s+|are\s+)?(?:assumed|expected)\s+(?:to\s+be\s+)?held|assumes?\s+(?:that\s+)?(?:the\s+)?\w*\s*locks?\s+(?:is\s+)?held|with\s+(?:the\s+)?\w*\s*(?:lock|mutex|mu)\s+held|while\s+holding|caller\s+(?:must\s+)?holds?|while\s+having\s+(?:a|the)\s+\w*\s*lock`)
	mustNotHoldRe = regexp.MustCompile(`(?i)\bnot\s+(?:be\s+)?held|\bno\s+\w*\s*locks?\s+(?:is\s+)?held|(?:must|should)\s+not\s+(?:be\s+)?(?:hold|held|called\s+with)|without\s+(?:the\s+)?\w*\s*lock\s+held|does\s+not\s+need`)
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
			// Fields a mutex's comment names after "protects"/"guards".
			named := map[string]string{}
			for _, fld := range st.Fields.List {
				text := commentText(fld.Doc) + "\n" + commentText(fld.Comment)
				tv, ok := pass.TypesInfo.Types[fld.Type]
				if !ok || !isMutex(tv.Type) {
					continue
				}
				mu := typeName(fld.Type)
				if len(fld.Names) > 0 {
					mu = fld.Names[0].Name
				}
				for _, m := range protectsRe.FindAllStringSubmatch(text, -1) {
					for _, w := range wordRe.FindAllString(m[1], -1) {
						named[w] = mu
					}
				}
			}
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
					if tv, ok := pass.TypesInfo.Types[fld.Type]; ok && isMutex(tv.Type) && followingRe.MatchString(text) {
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
					if followingRe.MatchString(text) {
						protector = obj.Name()
					}
					continue
				}
				name := ""
				if m := guardedByRe.FindStringSubmatch(text); m != nil {
					name = m[1] + m[2]
				} else if protector != "" {
					name = protector
				} else if mu, ok := named[obj.Name()]; ok {
					name = mu
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
			if lockedMarkerParam(pass, fd) || strings.HasSuffix(name, "Locked") || (strings.HasSuffix(name, "locked") && !strings.HasSuffix(name, "Unlocked") && !strings.HasSuffix(name, "unlocked")) ||
				(fd.Doc != nil && mustHoldRe.MatchString(fd.Doc.Text()) && !mustNotHoldRe.MatchString(fd.Doc.Text())) {
				if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					out[obj] = true
				}
			}
		}
	}
	return out
}

// lockedMarkerParam: a parameter whose type's name says the caller holds a
// lock (badger's `overlappingTables(_ levelHandlerRLocked, …)`).
func lockedMarkerParam(pass *analysis.Pass, fd *ast.FuncDecl) bool {
	for _, f := range fd.Type.Params.List {
		if tv, ok := pass.TypesInfo.Types[f.Type]; ok {
			if n, ok := types.Unalias(tv.Type).(*types.Named); ok && strings.HasSuffix(n.Obj().Name(), "Locked") {
				return true
			}
		}
	}
	return false
}
