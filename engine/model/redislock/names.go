package redislock

import (
	"go/ast"
	"go/types"
	"strings"
	"unicode"

	"github.com/goconc/goconc/engine/model/dbtypes"
)

// Calls are resolved by type; whether a SET-if-absent is meant as a lock or
// as a set-once marker (dedup, "seen:"+id) is intent, which only names say
// when nothing releases the key. These words decide it, as whole words or
// camelCase humps: "lockKey", "LeaderElect", "lease" — not "block", "clock",
// "unlockedAt".
var lockWords = map[string]bool{
	"lock": true, "locks": true, "locker": true, "locked": true, "locking": true, "mutex": true, "mtx": true,
	"leader": true, "leadership": true, "lease": true, "semaphore": true, "sema": true, "election": true,
	"elect": true, "singleton": true, "exclusive": true,
}

func lockNamed(info *types.Info, acq *Acquire) bool {
	names := []string{}
	if s, ok := dbtypes.ConstString(info, acq.Key); ok {
		names = append(names, s)
	} else {
		ast.Inspect(acq.Key, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				names = append(names, n.Name)
			case *ast.BasicLit:
				names = append(names, n.Value)
			}
			return true
		})
	}
	if acq.Func != nil {
		names = append(names, acq.Func.Name.Name)
		if t := receiverType(info, acq.Func); t != nil {
			names = append(names, t.Name())
		}
	}
	for _, n := range names {
		if MentionsLock(n) {
			return true
		}
	}
	return false
}

// MentionsLock: text has a lock word (see lockWords).
func MentionsLock(text string) bool {
	for _, w := range words(text) {
		if lockWords[w] {
			return true
		}
	}
	return false
}

// words splits at non-letters/digits and lower→upper humps, lower-cased.
func words(text string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range text {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return out
}
