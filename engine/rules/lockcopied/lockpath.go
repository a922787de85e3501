package lockcopied

import "go/types"

// copyUnsafe lists the standard types that must not be copied after first use.
var copyUnsafe = map[string]map[string]bool{
	"sync":        {"Mutex": true, "RWMutex": true, "WaitGroup": true, "Once": true, "Cond": true, "Map": true, "Pool": true},
	"sync/atomic": {"Bool": true, "Int32": true, "Int64": true, "Uint32": true, "Uint64": true, "Uintptr": true, "Pointer": true, "Value": true},
}

// lockPath finds a lock held by value inside t: the field path to it ("" when
// t is the lock) and the lock's type name. Pointers, slices, maps and
// channels share rather than copy, so the search stops there.
func lockPath(t types.Type) (path, lock string, ok bool) {
	return lockPathSeen(t, map[types.Type]bool{})
}

func lockPathSeen(t types.Type, seen map[types.Type]bool) (string, string, bool) {
	t = types.Unalias(t)
	if seen[t] {
		return "", "", false
	}
	seen[t] = true
	if named, ok := t.(*types.Named); ok {
		obj := named.Obj()
		if obj.Pkg() != nil && copyUnsafe[obj.Pkg().Path()][obj.Name()] {
			return "", obj.Pkg().Name() + "." + obj.Name(), true
		}
		if hasLockMethods(named) {
			return "", obj.Name(), true
		}
	}
	if _, isParam := t.(*types.TypeParam); isParam {
		return "", "", false
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			if p, l, ok := lockPathSeen(f.Type(), seen); ok {
				if p == "" {
					return f.Name(), l, true
				}
				return f.Name() + "." + p, l, true
			}
		}
	case *types.Array:
		if u.Len() > 0 {
			return lockPathSeen(u.Elem(), seen)
		}
	}
	return "", "", false
}

// hasLockMethods: *T has Lock and Unlock and T does not (the noCopy idiom
// and user-defined locks), as go vet's copylocks defines it.
func hasLockMethods(named *types.Named) bool {
	if _, isStruct := named.Underlying().(*types.Struct); !isStruct {
		return false
	}
	ptr := types.NewMethodSet(types.NewPointer(named))
	val := types.NewMethodSet(named)
	has := func(ms *types.MethodSet, name string) bool {
		sel := ms.Lookup(named.Obj().Pkg(), name)
		return sel != nil
	}
	return has(ptr, "Lock") && has(ptr, "Unlock") && !has(val, "Lock")
}
