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
