package fencing

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/dbtypes"
)

// The SQL handle methods that run a statement without reading rows.
var sqlExecs = map[string]bool{"Exec": true, "ExecContext": true, "MustExec": true, "MustExecContext": true,
	"NamedExec": true, "NamedExecContext": true}

// First keywords of SQL statements that write.
var sqlWriteWords = map[string]bool{"INSERT": true, "UPDATE": true, "DELETE": true, "MERGE": true, "REPLACE": true,
	"UPSERT": true, "TRUNCATE": true, "COPY": true}

// GORM's *gorm.DB methods that write rows.
var gormWrites = map[string]bool{"Create": true, "CreateInBatches": true, "Save": true, "Update": true, "Updates": true,
	"UpdateColumn": true, "UpdateColumns": true, "Delete": true, "Exec": true, "FirstOrCreate": true}

// go-redis commands that write a key.
var redisWrites = map[string]bool{}

func init() {
	for _, m := range strings.Fields(`Set SetEx SetNX SetXX SetArgs SetRange MSet MSetNX GetSet GetDel Append
		Incr IncrBy IncrByFloat Decr DecrBy Del Unlink Rename RenameNX
		HSet HMSet HSetNX HDel HIncrBy HIncrByFloat
		LPush LPushX RPush RPushX LSet LRem LTrim LPop RPop LMove
		SAdd SRem SPop SMove ZAdd ZAddNX ZAddXX ZAddArgs ZIncrBy ZRem ZRemRangeByScore ZRemRangeByRank
		XAdd XDel XTrim JSONSet JSONDel`) {
		redisWrites[m] = true
	}
}

// write: c writes to a shared store; what names it for messages.
func (m *model) write(c *ssa.CallCommon) (what string, ok bool) {
	fn := calledFunc(c)
	if fn == nil || fn.Pkg() == nil || recvType(fn) == nil {
		return "", false
	}
	what = m.describe(c, fn)
	path, name := fn.Pkg().Path(), fn.Name()
	switch {
	case dbtypes.IsGoRedisPackage(path):
		return what, redisWrites[name]
	case etcdClient[path]:
		switch name {
		case "Put", "Delete":
			return what, true
		case "Do", "Commit":
			return what, reachesCall(operands(c), func(f *types.Func) bool {
				return f.Pkg() != nil && etcdClient[f.Pkg().Path()] && (f.Name() == "OpPut" || f.Name() == "OpDelete")
			})
		}
		return "", false
	}
	if k, isGorm := dbtypes.GormMethod(fn); isGorm {
		if name == "Exec" && len(c.Args) > 1 { // (*gorm.DB).Exec(sql, values...): Args[0] is the receiver
			if text, known := constString(c.Args[1]); known {
				return what, writesSQL(text)
			}
		}
		return what, k == dbtypes.GormExecutor && gormWrites[name]
	}
	if i, isSQL := dbtypes.SQLQuery(fn); isSQL {
		if !c.IsInvoke() {
			i++ // the receiver is Args[0]
		}
		text, known := "", false
		if i < len(c.Args) {
			text, known = constString(c.Args[i])
		}
		if !known {
			return what, sqlExecs[name]
		}
		return what, writesSQL(text)
	}
	return "", false
}

// writesSQL: the statement's first keyword writes (a WITH writes when a
// writing keyword follows).
func writesSQL(text string) bool {
	words := strings.FieldsFunc(strings.ToUpper(text), func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r == '_')
	})
	if len(words) == 0 {
		return false
	}
	if words[0] == "WITH" {
		for _, w := range words[1:] {
			if w == "INSERT" || w == "UPDATE" || w == "DELETE" || w == "MERGE" {
				return true
			}
		}
		return false
	}
	return sqlWriteWords[words[0]]
}

// describe names the called method as users write it, by the type of the
// expression it is selected from: "(*sql.DB).ExecContext", "(*clientv3.Client).Put".
func (m *model) describe(c *ssa.CallCommon, fn *types.Func) string {
	var t types.Type
	if expr := m.built.Call(c.Pos()); expr != nil {
		if sel, ok := ast.Unparen(expr.Fun).(*ast.SelectorExpr); ok {
			t = m.info.TypeOf(sel.X)
		}
	}
	if t == nil && c.IsInvoke() {
		t = c.Value.Type()
	} else if t == nil {
		t = recvType(fn)
	}
	qual := func(p *types.Package) string { return p.Name() }
	s := types.TypeString(t, qual)
	if strings.HasPrefix(s, "*") {
		s = "(" + s + ")"
	}
	return s + "." + fn.Name()
}

// reachesCall: one of vs data-depends on the result of a call to a function pred accepts.
func reachesCall(vs []ssa.Value, pred func(*types.Func) bool) bool {
	seen := map[ssa.Value]bool{}
	found := false
	var visit func(v ssa.Value)
	visit = func(v ssa.Value) {
		if v == nil || seen[v] || found {
			return
		}
		seen[v] = true
		if call, ok := v.(*ssa.Call); ok {
			if f := calledFunc(&call.Call); f != nil && pred(f) {
				found = true
				return
			}
		}
		switch v.(type) {
		case *ssa.Alloc, *ssa.IndexAddr, *ssa.FieldAddr:
			if refs := v.Referrers(); refs != nil {
				for _, r := range *refs {
					switch r := r.(type) {
					case *ssa.Store:
						if r.Addr == v {
							visit(r.Val)
						}
					case *ssa.IndexAddr:
						visit(r)
					case *ssa.FieldAddr:
						visit(r)
					}
				}
			}
		}
		in, ok := v.(ssa.Instruction)
		if !ok {
			return
		}
		var ops []*ssa.Value
		for _, op := range in.Operands(ops) {
			if *op != nil {
				visit(*op)
			}
		}
	}
	for _, v := range vs {
		visit(v)
	}
	return found
}

func constString(v ssa.Value) (string, bool) {
	if k, isConst := v.(*ssa.Const); isConst && k.Value != nil && k.Value.Kind() == constant.String {
		return constant.StringVal(k.Value), true
	}
	return "", false
}
