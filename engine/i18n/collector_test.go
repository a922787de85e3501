package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// formatCollector finds the message formats of the rules' source. A message
// is what flows into analysis.Diagnostic.Message, RelatedInformation.Message,
// SuggestedFix.Message or pass.Reportf: string literals and constants as they
// are, fmt.Sprintf/Errorf by their format, concatenations piece by piece,
// variables by every assignment, parameters by every call, and helpers by
// their return values. What it cannot follow (a name from the code, a
// method of a model type) is an argument, %s.
//
// An argument that is a word from a short list ("locks", "read-locks") is
// spelled into the format, one format per word: translating single words
// out of context would also translate identifiers. An argument built from
// phrases ("the goroutine in %s", "with no lock held") stays %s and each
// phrase is a format of its own (the matcher translates them inside the
// sentence).
type formatCollector struct {
	t      *testing.T
	fset   *token.FileSet
	dirs   map[string]*pkgSource // by directory
	found  map[string]string     // format → where first seen
	opaque []string              // messages whose text could not be followed
	busy   map[any]bool          // recursion guard
}

type pkgSource struct {
	name  string
	files []*ast.File
	funcs map[string][]*ast.FuncDecl // by name, methods included
	vals  map[string]*ast.ValueSpec  // package-level vars and consts by name
	specI map[string]int             // index of the name in its spec
}

func collectRuleFormats(t *testing.T) *formatCollector {
	return collectFormats(t, "../rules/*/*.go", "../rules/internal/*/*.go")
}

// collectFormats reads the packages the globs name (one directory, one package).
func collectFormats(t *testing.T, globs ...string) *formatCollector {
	c := &formatCollector{t: t, fset: token.NewFileSet(), dirs: map[string]*pkgSource{}, found: map[string]string{}, busy: map[any]bool{}}
	var paths []string
	for _, glob := range globs {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(c.fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Dir(p)
		ps := c.dirs[dir]
		if ps == nil {
			ps = &pkgSource{name: f.Name.Name, funcs: map[string][]*ast.FuncDecl{}, vals: map[string]*ast.ValueSpec{}, specI: map[string]int{}}
			c.dirs[dir] = ps
		}
		ps.files = append(ps.files, f)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				ps.funcs[d.Name.Name] = append(ps.funcs[d.Name.Name], d)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if vs, ok := s.(*ast.ValueSpec); ok {
						for i, n := range vs.Names {
							ps.vals[n.Name] = vs
							ps.specI[n.Name] = i
						}
					}
				}
			}
		}
	}
	for dir, ps := range c.dirs {
		for _, f := range ps.files {
			c.sinks(dir, f)
		}
	}
	return c
}

// where is a file:line for messages, relative to engine/.
func (c *formatCollector) where(n ast.Node) string {
	p := c.fset.Position(n.Pos())
	return fmt.Sprintf("%s:%d", strings.TrimPrefix(filepath.ToSlash(p.Filename), "../"), p.Line)
}

// add records a format a finding can show (a whole message or a piece).
func (c *formatCollector) add(f string, at ast.Node) {
	if !needsTranslation(f) {
		return
	}
	if w, ok := c.found[f]; !ok || c.where(at) < w {
		c.found[f] = c.where(at)
	}
}

var (
	verbRE     = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*[0-9.]*[a-zA-Z%]`)
	backtickRE = regexp.MustCompile("`[^`]*`")
	wordRE     = regexp.MustCompile(`[A-Za-z]{2,}`)
	argIndexRE = regexp.MustCompile(`^%\[(\d+)\]`)
)

// needsTranslation: English words outside code spans, and a space (a
// phrase: text without one is code, "%s.Lock()", "<-%s").
func needsTranslation(f string) bool {
	s := backtickRE.ReplaceAllString(verbRE.ReplaceAllString(f, "X"), "X")
	return strings.Contains(s, " ") && wordRE.MatchString(s)
}

var messageTypes = map[string]bool{"Diagnostic": true, "RelatedInformation": true, "SuggestedFix": true}

// sinks finds where messages are made in f.
func (c *formatCollector) sinks(dir string, f *ast.File) {
	var elemStack []bool // for each enclosing composite literal: are its untyped elements message structs?
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			isMsg := isAnalysisType(n.Type) || n.Type == nil && len(elemStack) > 0 && elemStack[len(elemStack)-1]
			elemMsg := false
			if at, ok := n.Type.(*ast.ArrayType); ok {
				elemMsg = isAnalysisType(at.Elt)
			}
			if isMsg {
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Message" {
							c.message(dir, f, kv.Value)
						}
					}
				}
			}
			elemStack = append(elemStack, elemMsg)
			for _, el := range n.Elts {
				ast.Inspect(el, visit)
			}
			elemStack = elemStack[:len(elemStack)-1]
			return false
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Name == "Message" && i < len(n.Rhs) {
					if n.Tok == token.ADD_ASSIGN {
						for _, r := range c.value(dir, f, n.Rhs[i]) {
							c.add("%s"+r, n)
						}
					} else {
						c.message(dir, f, n.Rhs[i])
					}
				}
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Reportf" && len(n.Args) >= 2 {
				for _, fm := range c.format(dir, f, n.Args[1]) {
					for _, m := range c.sprintf(dir, f, fm, n.Args[2:]) {
						c.add(m, n)
					}
				}
			}
		}
		return true
	}
	ast.Inspect(f, visit)
}

// isAnalysisType: analysis.Diagnostic, analysis.RelatedInformation, analysis.SuggestedFix.
func isAnalysisType(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == "analysis" && messageTypes[sel.Sel.Name]
}

// message records every format e can have as a whole message.
func (c *formatCollector) message(dir string, f *ast.File, e ast.Expr) {
	for _, s := range c.value(dir, f, e) {
		if s == "%s" {
			c.opaque = append(c.opaque, c.where(e))
		}
		c.add(s, e)
	}
}

// value: the formats a string expression can have; what cannot be
// followed is %s. Literal text is escaped (a % in it is %%).
func (c *formatCollector) value(dir string, f *ast.File, e ast.Expr) []string {
	return c.eval(dir, f, e, false)
}

// format: the format strings an expression passed to fmt.Sprintf can be.
func (c *formatCollector) format(dir string, f *ast.File, e ast.Expr) []string {
	return c.eval(dir, f, e, true)
}

func (c *formatCollector) eval(dir string, f *ast.File, e ast.Expr, asFormat bool) []string {
	opaque := []string{"%s"}
	if asFormat {
		opaque = nil
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.eval(dir, f, e.X, asFormat)
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return opaque
		}
		s, err := strconv.Unquote(e.Value)
		if err != nil {
			return opaque
		}
		if asFormat {
			return []string{s}
		}
		return []string{strings.ReplaceAll(s, "%", "%%")}
	case *ast.BinaryExpr:
		if e.Op != token.ADD || asFormat {
			return opaque
		}
		return product(c.arg(dir, f, e.X), c.arg(dir, f, e.Y))
	case *ast.Ident:
		return c.ident(dir, f, e, asFormat, opaque)
	case *ast.IndexExpr:
		// messages[kind]: the values of a map or slice literal.
		var lit *ast.CompositeLit
		switch x := e.X.(type) {
		case *ast.CompositeLit:
			lit = x
		case *ast.Ident:
			if vs, i := c.spec(dir, x); vs != nil && i < len(vs.Values) {
				lit, _ = vs.Values[i].(*ast.CompositeLit)
			}
		}
		if lit == nil {
			return opaque
		}
		var out []string
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			out = append(out, c.eval(dir, f, el, asFormat)...)
		}
		return dedupe(out)
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "fmt" && (sel.Sel.Name == "Sprintf" || sel.Sel.Name == "Errorf") && len(e.Args) > 0 {
				var out []string
				for _, fm := range c.format(dir, f, e.Args[0]) {
					out = append(out, c.sprintf(dir, f, fm, e.Args[1:])...)
				}
				if len(out) == 0 || asFormat {
					return opaque
				}
				return dedupe(out)
			}
		}
		if asFormat {
			return nil
		}
		decls, calleeDir := c.callee(dir, e)
		if len(decls) == 0 {
			return opaque
		}
		var out []string
		for _, d := range decls {
			if c.busy[d] {
				continue
			}
			c.busy[d] = true
			out = append(out, c.returns(calleeDir, d)...)
			delete(c.busy, d)
		}
		if len(out) == 0 {
			return opaque
		}
		return dedupe(out)
	}
	return opaque
}

// arg is an argument to a format or an operand of a concatenation: a
// closed set of single words is spelled in (one format per word); anything
// else is %s, its phrases recorded as formats of their own.
func (c *formatCollector) arg(dir string, f *ast.File, e ast.Expr) []string {
	vals := c.value(dir, f, e)
	if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		return vals
	}
	if isWordSet(vals) {
		return vals
	}
	if _, isBin := ast.Unparen(e).(*ast.BinaryExpr); isBin {
		return vals
	}
	for _, v := range vals {
		c.add(v, e)
	}
	return []string{"%s"}
}

// isWordSet: every value is one word of two letters or more with no verb.
func isWordSet(vals []string) bool {
	if len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		if strings.ContainsAny(v, "% ") || !wordRE.MatchString(v) {
			return false
		}
	}
	return true
}

// sprintf renders a format with its arguments as formats: each verb is
// replaced by what its argument gives (%s for most). Words spelled in are
// chosen once per argument — and once per variable, when two arguments are
// the same one — so "%s.%s() … defer %s.%s()" with one unlock variable
// gives Unlock…Unlock and RUnlock…RUnlock, not the mixtures.
func (c *formatCollector) sprintf(dir string, f *ast.File, fm string, args []ast.Expr) []string {
	locs := verbRE.FindAllStringIndex(fm, -1)
	type slot struct {
		verb string
		key  any // the argument's variable, or its index
		vals []string
	}
	var slots []*slot
	var lits []string
	prev, next := 0, 0
	byKey := map[any][]string{}
	for _, l := range locs {
		v := fm[l[0]:l[1]]
		if v == "%%" {
			continue
		}
		lits = append(lits, fm[prev:l[0]])
		prev = l[1]
		if m := argIndexRE.FindStringSubmatch(v); m != nil {
			n, _ := strconv.Atoi(m[1])
			next = n - 1
		}
		s := &slot{verb: v, key: next}
		if next < len(args) {
			if id, ok := ast.Unparen(args[next]).(*ast.Ident); ok && id.Obj != nil {
				s.key = id.Obj
			}
			if vals, ok := byKey[s.key]; ok {
				s.vals = vals
			} else {
				s.vals = c.arg(dir, f, args[next])
				byKey[s.key] = s.vals
			}
		}
		slots = append(slots, s)
		next++
	}
	lits = append(lits, fm[prev:])
	// Every combination of the arguments' words.
	var keys []any
	seen := map[any]bool{}
	for _, s := range slots {
		if !seen[s.key] {
			seen[s.key] = true
			keys = append(keys, s.key)
		}
	}
	choices := []map[any]string{{}}
	for _, k := range keys {
		var grown []map[any]string
		for _, ch := range choices {
			for _, v := range byKey[k] {
				m := map[any]string{k: v}
				for kk, vv := range ch {
					m[kk] = vv
				}
				grown = append(grown, m)
			}
			if len(byKey[k]) == 0 {
				grown = append(grown, ch)
			}
		}
		choices = grown
	}
	var out []string
	for _, ch := range choices {
		var b strings.Builder
		for i, s := range slots {
			b.WriteString(lits[i])
			if v, ok := ch[s.key]; ok && v != "%s" {
				b.WriteString(v)
			} else {
				b.WriteString(s.verb)
			}
		}
		b.WriteString(lits[len(slots)])
		out = append(out, b.String())
	}
	return dedupe(out)
}

func product(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// ident: a constant's value, a variable's every assignment, a parameter's
// every argument.
func (c *formatCollector) ident(dir string, f *ast.File, id *ast.Ident, asFormat bool, opaque []string) []string {
	obj := id.Obj
	if obj == nil {
		if vs, i := c.spec(dir, id); vs != nil && i < len(vs.Values) {
			return c.eval(dir, f, vs.Values[i], asFormat)
		}
		return opaque
	}
	if c.busy[obj] {
		return nil
	}
	c.busy[obj] = true
	defer delete(c.busy, obj)
	switch d := obj.Decl.(type) {
	case *ast.ValueSpec:
		var out []string
		for i, n := range d.Names {
			if n.Name == id.Name && i < len(d.Values) {
				out = append(out, c.eval(dir, f, d.Values[i], asFormat)...)
			}
		}
		out = append(out, c.assigned(dir, f, obj, asFormat)...)
		if len(out) == 0 {
			return opaque
		}
		return dedupe(out)
	case *ast.AssignStmt:
		out := c.assigned(dir, f, obj, asFormat)
		if len(out) == 0 {
			return opaque
		}
		return out
	case *ast.Field:
		out := c.param(dir, f, id, d, asFormat)
		if len(out) == 0 {
			return opaque
		}
		return out
	}
	return opaque
}

// spec finds a package-level var or const declared in another file.
func (c *formatCollector) spec(dir string, id *ast.Ident) (*ast.ValueSpec, int) {
	ps := c.dirs[dir]
	if vs, ok := ps.vals[id.Name]; ok {
		return vs, ps.specI[id.Name]
	}
	return nil, 0
}

// assigned: the values of every assignment to obj in f (x = v, x := v, x += v).
func (c *formatCollector) assigned(dir string, f *ast.File, obj *ast.Object, asFormat bool) []string {
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Obj == obj {
				vals := c.eval(dir, f, as.Rhs[i], asFormat)
				if as.Tok == token.ADD_ASSIGN {
					vals = product([]string{"%s"}, vals)
				}
				out = append(out, vals...)
			}
		}
		return true
	})
	return dedupe(out)
}

// param: what the callers of the function declaring field pass for id.
func (c *formatCollector) param(dir string, f *ast.File, id *ast.Ident, field *ast.Field, asFormat bool) []string {
	// The function whose parameter this is.
	var fn *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Type.Params != nil {
			for _, p := range fd.Type.Params.List {
				if p == field {
					fn = fd
				}
			}
		}
	}
	if fn == nil {
		return nil // a function literal's parameter: not followed
	}
	idx := 0
	for _, p := range fn.Type.Params.List {
		found := false
		for _, n := range p.Names {
			if n.Name == id.Name && p == field {
				found = true
				break
			}
			idx++
		}
		if found {
			break
		}
	}
	var out []string
	for cdir, ps := range c.dirs {
		for _, cf := range ps.files {
			ast.Inspect(cf, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || idx >= len(call.Args) {
					return true
				}
				decls, d := c.callee(cdir, call)
				if d != dir {
					return true
				}
				for _, cd := range decls {
					if cd == fn {
						out = append(out, c.eval(cdir, cf, call.Args[idx], asFormat)...)
					}
				}
				return true
			})
		}
	}
	return dedupe(out)
}

// callee: the declarations a call may run, among the rules' own functions
// (same package by name, methods by name, another rules package by its
// name), and the directory they are in.
func (c *formatCollector) callee(dir string, call *ast.CallExpr) ([]*ast.FuncDecl, string) {
	ps := c.dirs[dir]
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		var out []*ast.FuncDecl
		for _, d := range ps.funcs[fun.Name] {
			if d.Recv == nil {
				out = append(out, d)
			}
		}
		return out, dir
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok && x.Obj == nil {
			for odir, ops := range c.dirs {
				if ops.name == x.Name && odir != dir {
					var out []*ast.FuncDecl
					for _, d := range ops.funcs[fun.Sel.Name] {
						if d.Recv == nil {
							out = append(out, d)
						}
					}
					return out, odir
				}
			}
		}
		var out []*ast.FuncDecl
		for _, d := range ps.funcs[fun.Sel.Name] {
			if d.Recv != nil {
				out = append(out, d)
			}
		}
		return out, dir
	}
	return nil, ""
}

// returns: the string values a function returns (its first result).
func (c *formatCollector) returns(dir string, d *ast.FuncDecl) []string {
	if d.Body == nil || d.Type.Results == nil {
		return nil
	}
	if id, ok := d.Type.Results.List[0].Type.(*ast.Ident); !ok || id.Name != "string" {
		return nil
	}
	var f *ast.File
	for _, cf := range c.dirs[dir].files {
		if cf.Pos() <= d.Pos() && d.End() <= cf.End() {
			f = cf
		}
	}
	var out []string
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
			out = append(out, c.value(dir, f, r.Results[0])...)
		}
		return true
	})
	return dedupe(out)
}
