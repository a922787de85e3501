package i18n

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// fmtToken is a piece of a parsed fmt format: literal text, or a verb printing argument
// arg (0-based) with verb letter c.
type fmtToken struct {
	lit     string
	verb    rune
	arg     int
	indexed bool
}

// parseFormat splits a fmt format into literal text and verbs, numbering
// arguments as fmt does: in order, or from an explicit index (%[2]s) on.
func parseFormat(f string) ([]fmtToken, error) {
	var toks []fmtToken
	var lit strings.Builder
	next := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			lit.WriteByte(f[i])
			continue
		}
		i++
		if i < len(f) && f[i] == '%' {
			lit.WriteByte('%')
			continue
		}
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		indexed := false
		if i < len(f) && f[i] == '[' {
			j := strings.IndexByte(f[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("%q: unclosed argument index", f)
			}
			n, err := strconv.Atoi(f[i+1 : i+j])
			if err != nil || n < 1 {
				return nil, fmt.Errorf("%q: bad argument index %q", f, f[i:i+j+1])
			}
			next = n - 1
			indexed = true
			i += j + 1
		}
		for i < len(f) && (f[i] >= '0' && f[i] <= '9' || f[i] == '.') {
			i++
		}
		if i >= len(f) {
			return nil, fmt.Errorf("%q: a verb is missing after %%", f)
		}
		toks = append(toks, fmtToken{lit: lit.String()})
		lit.Reset()
		toks = append(toks, fmtToken{verb: rune(f[i]), arg: next, indexed: indexed})
		next++
	}
	toks = append(toks, fmtToken{lit: lit.String()})
	return toks, nil
}

// verbText is what a verb can print, as a regexp.
func verbText(v rune) string {
	switch v {
	case 'd':
		return `-?[0-9]+`
	case 'q':
		return `"(?:[^"\\]|\\.)*"|` + "`[^`]*`"
	case 't':
		return `true|false`
	}
	return `(?s:.*?)`
}

// compile builds the entry for an English format and its translation.
func compile(en, tr string) (*entry, error) {
	toks, err := parseFormat(en)
	if err != nil {
		return nil, err
	}
	e := &entry{en: en, tr: tr}
	var re strings.Builder
	re.WriteString("^")
	lit := ""
	for _, t := range toks {
		if t.verb == 0 {
			lit += t.lit
			continue
		}
		e.lits = append(e.lits, lit)
		e.litLen += len(lit)
		re.WriteString(regexp.QuoteMeta(lit))
		lit = ""
		re.WriteString("(" + verbText(t.verb) + ")")
		e.verbs = append(e.verbs, verb{arg: t.arg, class: regexp.MustCompile(`^(?:` + verbText(t.verb) + `)$`)})
		if t.indexed {
			e.indexed = true
		}
		if t.arg+1 > e.nArgs {
			e.nArgs = t.arg + 1
		}
	}
	e.lits = append(e.lits, lit)
	e.litLen += len(lit)
	re.WriteString(regexp.QuoteMeta(lit) + "$")
	if e.litLen == 0 {
		return nil, fmt.Errorf("%q has no text of its own: it would match anything", en)
	}
	if e.re, err = regexp.Compile(re.String()); err != nil {
		return nil, fmt.Errorf("%q: %v", en, err)
	}
	trToks, err := parseFormat(tr)
	if err != nil {
		return nil, err
	}
	for _, t := range trToks {
		switch {
		case t.verb == 0:
			if t.lit != "" {
				e.out = append(e.out, part{text: t.lit, arg: -1})
			}
		case t.arg >= e.nArgs:
			return nil, fmt.Errorf("%q → %q: the translation prints argument %d, the English has %d", en, tr, t.arg+1, e.nArgs)
		default:
			e.out = append(e.out, part{arg: t.arg})
		}
	}
	return e, nil
}
