package i18n

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestEveryRuleMessageHasKorean reads the rules' source (engine/rules/*/*.go
// and the message helpers in engine/rules/internal/*/*.go, no tests, no
// testdata) and fails for every message format a rule can report that the
// Korean catalog lacks. A new rule, or a new message, fails here with the
// exact format to add to ko.go.
func TestEveryRuleMessageHasKorean(t *testing.T) {
	c := collectRuleFormats(t)
	if len(c.found) < 100 {
		t.Fatalf("only %d message formats found in the rules: the collector has lost track of how they report", len(c.found))
	}
	var missing []string
	for f, where := range c.found {
		if _, ok := ko[f]; !ok {
			missing = append(missing, fmt.Sprintf("%s: no Korean entry in engine/i18n/ko.go for %s", where, strconv.Quote(f)))
		}
	}
	for _, where := range c.opaque {
		missing = append(missing, where+": a message this test cannot follow to its text (a literal, a constant, fmt.Sprintf, a concatenation, a variable, a parameter or a helper's return): its Korean cannot be checked")
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
	t.Logf("%d message formats in the rules, %d Korean entries", len(c.found), len(ko))
}

// TestCatalogEntriesCompile: every entry parses, has text of its own, and
// its translation prints only arguments the English has.
func TestCatalogEntriesCompile(t *testing.T) {
	for en, tr := range ko {
		if _, err := compile(en, tr); err != nil {
			t.Error(err)
		}
	}
}

// The collector on a sample of every way a rule makes a message.
func TestCollectorFollowsMessages(t *testing.T) {
	c := collectFormats(t, "testdata/rules/*/*.go")
	want := []string{
		"%d call(s) of %s",                        // Reportf
		"the function",                            // a helper's returns: pieces of the sentence
		"the goroutine started at line %d",        //
		"%s locks it again",                       // single words spelled in, one format each
		"%s read-locks it again",                  //
		"%s — on some paths",                      // msg += suffix
		"acquired here",                           // a constant
		"returns with %s held",                    // a concatenation
		"Call %s.Unlock() before %s.Unlock()",     // one choice per variable: no Unlock/RUnlock mixtures
		"Call %s.RUnlock() before %s.RUnlock()",   //
		"the goroutine captures `%[1]s`",          // a map of formats, explicit indexes kept
		"the callback captures `%[1]s`",           //
		"send on `%s` after close: 100%% a panic", // a parameter, by its callers; literal % escaped
		"%s is shared: %s",                        // another package's helper
		"map `%s`",                                // its arguments: pieces
		"guard it",                                //
	}
	var got []string
	for f := range c.found {
		got = append(got, f)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("formats:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(c.opaque) > 0 {
		t.Errorf("not followed: %v", c.opaque)
	}
}
