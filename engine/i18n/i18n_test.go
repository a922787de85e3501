package i18n

import "testing"

func TestTranslate(t *testing.T) {
	c := mustCompile(map[string]string{
		"%s is locked again (line %d)":                              "%s을(를) 다시 잠급니다 (%d행)",
		"%d return(s) leave before %s.Done()":                       "반환 %d곳이 %s.Done() 전에 빠져나갑니다",
		"call %q with 100%% of %v":                                  "%[2]v의 100%%로 %[1]q 호출",
		"lock order: %s while holding %s":                           "잠금 순서: %[2]s을(를) 잡은 채 %[1]s",
		"(a.b)* [x] ^$ %s":                                          "정규식 문자 %s",
		"`%[1]s` is copied: %[1]s := %[1]s":                         "`%[1]s` 복사: %[1]s := %[1]s",
		"%s is written by %s, %s: %s":                               "%[2]s에서 %[3]s %[1]s에 씁니다: %[4]s",
		"the HTTP handler `%s`, which serves requests concurrently": "요청을 동시에 처리하는 HTTP 핸들러 `%s`",
		"with no lock held":                                         "락 없이",
		"guard it, or use a channel":                                "보호하거나 채널을 쓰세요",
		"%s — on some paths":                                        "%s — 일부 경로에서",
		"Use defer %s":                                              "defer %s 사용",
	})
	for _, tc := range []struct{ name, in, want string }{
		{"string and int verbs", "s.mu is locked again (line 12)", "s.mu을(를) 다시 잠급니다 (12행)"},
		{"%d takes digits only", "s.mu is locked again (line twelve)", "s.mu is locked again (line twelve)"},
		{"code keeps its dots and parentheses", "2 return(s) leave before wg.Done()", "반환 2곳이 wg.Done() 전에 빠져나갑니다"},
		{"%q, %v, %% and explicit indexes", `call "a \"b\"" with 100% of x`, `x의 100%로 "a \"b\"" 호출`},
		{"reordered arguments", "lock order: a.mu while holding b.mu", "잠금 순서: b.mu을(를) 잡은 채 a.mu"},
		{"regexp characters are literal", "(a.b)* [x] ^$ ok", "정규식 문자 ok"},
		{"regexp characters do not act", "(aab)* [x] ^$ ok", "(aab)* [x] ^$ ok"},
		{"a repeated index must capture the same text", "`v` is copied: v := v", "`v` 복사: v := v"},
		{"a repeated index that differs does not match", "`v` is copied: v := w", "`v` is copied: v := w"},
		{"no match stays English", "something no rule says", "something no rule says"},
		{"a prefix is not a match", "s.mu is locked again (line 12) and more", "s.mu is locked again (line 12) and more"},
		{"pieces inside arguments, split where the catalog explains them",
			"`total` is written by the HTTP handler `h`, which serves requests concurrently, with no lock held: guard it, or use a channel",
			"요청을 동시에 처리하는 HTTP 핸들러 `h`에서 락 없이 `total`에 씁니다: 보호하거나 채널을 쓰세요"},
		{"an argument the catalog does not know stays as it is",
			"`total` is written by main, unguarded: guard it, or use a channel",
			"main에서 unguarded `total`에 씁니다: 보호하거나 채널을 쓰세요"},
		{"a suffix around a whole message", "m is locked again (line 3) — on some paths", "m을(를) 다시 잠급니다 (3행) — 일부 경로에서"},
		{"a fix title", "Use defer mu.Unlock()", "defer mu.Unlock() 사용"},
		{"a phrase argument is translated wherever it appears", "Use defer with no lock held", "defer 락 없이 사용"},
	} {
		if got := c.Translate(tc.in); got != tc.want {
			t.Errorf("%s:\n  Translate(%q)\n  = %q\n want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestEnglishAndUnknownLanguages(t *testing.T) {
	for _, lang := range []string{"", "en", "en_US.UTF-8", "de", "korean"} {
		if For(lang) != nil {
			t.Errorf("For(%q) is a catalog; want English (nil)", lang)
		}
	}
	for _, lang := range []string{"ko", "KO", "ko_KR.UTF-8", "ko-KR"} {
		if For(lang) == nil {
			t.Errorf("For(%q) = nil; want the Korean catalog", lang)
		}
	}
	var none *Catalog
	if got := none.Translate("a message"); got != "a message" {
		t.Errorf("nil catalog: %q", got)
	}
}

// The shipped catalog on messages the rules print (taken from their testdata).
func TestKoreanCatalog(t *testing.T) {
	ko := For("ko")
	for _, tc := range []struct{ in, want string }{
		{"s.mu is locked again while already held (locked at line 10): Go mutexes are not re-entrant",
			"s.mu을(를) 이미 잡은 상태에서 다시 잠급니다 (10행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다"},
		{"s.mu is locked again while already held (locked at line 10): Go mutexes are not re-entrant — on some paths",
			"s.mu을(를) 이미 잡은 상태에서 다시 잠급니다 (10행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다 — 일부 경로에서"},
		{"map `counts` is written without a lock by `worker`, which runs in goroutines started in a loop (line 14): concurrent map writes crash the program; guard the map with a sync.Mutex, or use sync.Map",
			"`worker`이(가) 14행의 루프에서 시작된 고루틴들에서 실행되며 락 없이 맵 `counts`에 씁니다: 맵 동시 쓰기는 프로그램을 중단시킵니다. sync.Mutex로 맵을 보호하거나 sync.Map을 사용하세요"},
		{"`hits` is written by the HTTP handler `serve`, which serves requests concurrently, holding only the read lock `s.mu`: guard it with a sync.Mutex, use sync/atomic, or hand the value over through a channel",
			"요청을 동시에 처리하는 HTTP 핸들러 `serve`에서 읽기 잠금 `s.mu`만 잡은 채 `hits`에 씁니다: sync.Mutex로 보호하거나, sync/atomic을 쓰거나, 채널로 값을 넘기세요"},
		{"the goroutine starts here (go statement)", "여기서 고루틴이 시작됩니다 (go 문)"},
		{"a.mu.Lock() is not released on every path: the returns at line 7, 9 and 12 keep it locked",
			"a.mu.Lock()이(가) 모든 경로에서 해제되지 않습니다: 7, 9, 12행의 return이 잠금을 유지합니다"},
		{"Use defer a.mu.Unlock()", "defer a.mu.Unlock() 사용"},
		{"a message from a rule the catalog does not know yet", "a message from a rule the catalog does not know yet"},
	} {
		if got := ko.Translate(tc.in); got != tc.want {
			t.Errorf("Translate(%q)\n  = %q\n want %q", tc.in, got, tc.want)
		}
	}
}
