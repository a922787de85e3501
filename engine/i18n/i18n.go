// Package i18n translates the engine's findings after the analyzers have
// reported them, gettext-style.
//
// Analyzers stay standard go/analysis analyzers: they report English, so go
// vet, golangci-lint and analysistest see the same text as always, and no
// rule knows about languages. The driver translates each finished message
// (and each related-information message and suggested-fix title) through a
// catalog keyed by the English message *format* — the fmt format string or
// literal a rule reports, gettext's convention of the source text as the
// msgid — with the translated format beside it. Each English format is
// compiled once into an anchored regexp (verbs become non-greedy captures,
// literal text is quoted); a message that matches is rendered with the
// translated format and the captured arguments, in order or by explicit
// index (%[2]s). A message that matches no format stays English.
//
// Some rules build a sentence from pieces (the race rules' "where" and
// "with no lock held" phrases, a suffix added to a finished message). A
// piece is an entry of its own: a captured argument that contains a space
// (a phrase; identifiers and code never do) is translated again through the
// catalog when it matches an entry. Where the captures could split a
// message more than one way, the split whose arguments the catalog explains
// best (the most English literal text matched, pieces included) wins, and
// among the formats matching a message the one explaining most of it.
//
// The coverage test (coverage_test.go) reads the rules' source and fails for
// each format a rule reports that the Korean catalog lacks.
package i18n

import (
	"regexp"
	"sort"
	"strings"
)

// Catalog translates English findings into one language.
type Catalog struct {
	entries []*entry
}

// entry is one English format and its translation.
type entry struct {
	en, tr  string
	re      *regexp.Regexp // the English format, anchored: a quick filter
	lits    []string       // literal text around the verbs: len(verbs)+1
	verbs   []verb
	litLen  int    // how much of a message the format's own text explains
	out     []part // the translation
	nArgs   int
	indexed bool // the English format uses explicit argument indexes
}

// verb is one verb of an English format: the argument it prints (0-based)
// and the text it can produce.
type verb struct {
	arg   int
	class *regexp.Regexp
}

// part of a translation: literal text, or argument arg (0-based) when arg >= 0.
type part struct {
	text string
	arg  int
}

// For returns the catalog of a language ("ko", "ko_KR.UTF-8", "ko-KR"), or
// nil for English and for languages goconc does not ship.
func For(lang string) *Catalog {
	l := strings.ToLower(lang)
	if l == "ko" || strings.HasPrefix(l, "ko_") || strings.HasPrefix(l, "ko-") || strings.HasPrefix(l, "ko.") {
		return korean
	}
	return nil
}

var korean = mustCompile(ko)

// mustCompile builds a catalog from English format → translated format. The
// formats are the package's own constants, checked by the tests.
func mustCompile(m map[string]string) *Catalog {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	c := &Catalog{}
	for _, k := range keys {
		e, err := compile(k, m[k])
		if err != nil {
			panic("i18n: " + err.Error())
		}
		c.entries = append(c.entries, e)
	}
	return c
}

// Translate returns msg in the catalog's language, or msg itself when no
// format of the catalog matches it (and for a nil catalog: English).
func (c *Catalog) Translate(msg string) string {
	if c == nil || msg == "" {
		return msg
	}
	t := translator{c: c, memo: map[string]result{}}
	if r := t.translate(msg); r.ok {
		return r.text
	}
	return msg
}

// result of translating one string: the text, and how many characters of
// English literal text the formats used explain (to choose between matches).
type result struct {
	text  string
	score int
	ok    bool
}

type translator struct {
	c    *Catalog
	memo map[string]result
}

func (t *translator) translate(s string) result {
	if r, ok := t.memo[s]; ok {
		return r
	}
	t.memo[s] = result{} // a string never contains itself as a piece; guards recursion anyway
	var best result
	for _, e := range t.c.entries {
		if !e.re.MatchString(s) {
			continue
		}
		args, score, ok := t.split(e, s)
		if !ok || score <= best.score {
			continue
		}
		best = result{text: e.render(args), score: score, ok: true}
	}
	t.memo[s] = best
	return best
}

// piece translates a captured argument: a phrase the catalog knows is
// translated, anything else (identifiers, code, numbers) is kept.
func (t *translator) piece(arg string) result {
	if !strings.Contains(arg, " ") {
		return result{text: arg}
	}
	if r := t.translate(arg); r.ok {
		return r
	}
	return result{text: arg}
}

// split finds the arguments of e in s: among every way the captures can
// divide s, the one whose arguments the catalog explains best (ties: the
// shortest first arguments, as the non-greedy regexp would).
func (t *translator) split(e *entry, s string) ([]string, int, bool) {
	if e.indexed {
		// Repeated explicit indexes must capture the same text: take the
		// regexp's own split and check that.
		m := e.re.FindStringSubmatch(s)
		if m == nil {
			return nil, 0, false
		}
		args := make([]string, e.nArgs)
		set := make([]bool, e.nArgs)
		score := e.litLen
		for i, v := range e.verbs {
			a := m[i+1]
			if set[v.arg] && args[v.arg] != a {
				return nil, 0, false
			}
			if !set[v.arg] {
				set[v.arg] = true
				args[v.arg] = a
			}
		}
		for i, a := range args {
			r := t.piece(a)
			args[i] = r.text
			score += r.score
		}
		return args, score, true
	}
	k := len(e.verbs)
	if !strings.HasPrefix(s, e.lits[0]) {
		return nil, 0, false
	}
	type choice struct {
		end, score int
		ok         bool
		text       string
	}
	memo := make([]map[int]choice, k)
	for i := range memo {
		memo[i] = map[int]choice{}
	}
	// best(i, pos): the best way to match verbs i.. from pos on.
	var best func(i, pos int) choice
	best = func(i, pos int) choice {
		if c, ok := memo[i][pos]; ok {
			return c
		}
		var c choice
		next := e.lits[i+1]
		try := func(end int) {
			arg := s[pos:end]
			if !fullMatch(e.verbs[i].class, arg) {
				return
			}
			rest := 0
			if i+1 < k {
				r := best(i+1, end+len(next))
				if !r.ok {
					return
				}
				rest = r.score
			}
			p := t.piece(arg)
			if sc := p.score + rest; !c.ok || sc > c.score {
				c = choice{end: end, score: sc, ok: true, text: p.text}
			}
		}
		if i == k-1 {
			if end := len(s) - len(next); end >= pos && strings.HasSuffix(s, next) {
				try(end)
			}
		} else {
			for end := pos; end <= len(s); end++ {
				j := strings.Index(s[end:], next)
				if j < 0 {
					break
				}
				end += j
				try(end)
			}
		}
		memo[i][pos] = c
		return c
	}
	if k == 0 {
		return nil, e.litLen, s == e.lits[0]
	}
	first := best(0, len(e.lits[0]))
	if !first.ok {
		return nil, 0, false
	}
	args := make([]string, 0, k)
	pos := len(e.lits[0])
	for i := 0; i < k; i++ {
		c := best(i, pos)
		args = append(args, c.text)
		pos = c.end + len(e.lits[i+1])
	}
	return args, e.litLen + first.score, true
}

func fullMatch(re *regexp.Regexp, s string) bool {
	loc := re.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && loc[1] == len(s)
}

func (e *entry) render(args []string) string {
	var b strings.Builder
	for _, p := range e.out {
		if p.arg >= 0 {
			b.WriteString(args[p.arg])
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}
