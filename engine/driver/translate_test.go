package driver

import (
	"testing"

	"github.com/goconc/goconc/engine/i18n"
)

// Messages, related information and fix titles go through the catalog;
// what it does not know stays English, and English (no catalog) is untouched.
func TestTranslateReport(t *testing.T) {
	report := func() *Report {
		return &Report{Findings: []Finding{{
			Rule:    "double-lock",
			Message: "s.mu is locked again while already held (locked at line 3): Go mutexes are not re-entrant",
			Related: []Related{{Message: "acquired here"}, {Message: "a note no rule writes"}},
			Fixes:   []Fix{{Message: "Use defer s.mu.Unlock()"}},
		}}}
	}
	rep := report()
	translate(rep, i18n.For("ko"))
	f := rep.Findings[0]
	for _, c := range []struct{ got, want string }{
		{f.Message, "s.mu을(를) 이미 잡은 상태에서 다시 잠급니다 (3행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다"},
		{f.Related[0].Message, "여기서 잠급니다"},
		{f.Related[1].Message, "a note no rule writes"},
		{f.Fixes[0].Message, "defer s.mu.Unlock() 사용"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	en := report()
	translate(en, i18n.For("en"))
	if en.Findings[0].Message != report().Findings[0].Message || en.Findings[0].Fixes[0].Message != "Use defer s.mu.Unlock()" {
		t.Errorf("English changed: %+v", en.Findings[0])
	}
}
