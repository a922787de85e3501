package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goconc/goconc/engine/driver"
)

// The test binary is its own vet tool: `check` and `serve` run go vet with
// -vettool set to this executable, which then analyses as the engine does.
func TestMain(m *testing.M) {
	if invokedByGoVet(os.Args[1:]) {
		vetMain()
	}
	os.Exit(m.Run())
}

// korean is a small module with a double-lock finding (and its related
// location) and a lock-without-unlock finding (and its fix).
func korean(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata/korean")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "") // the engine's -mod=vendor is not the test module's
	return dir
}

func findingsOf(t *testing.T, rep *driver.Report) map[string]driver.Finding {
	t.Helper()
	if len(rep.Errors) > 0 {
		t.Fatalf("not analysed: %+v", rep.Errors)
	}
	byRule := map[string]driver.Finding{}
	for _, f := range rep.Findings {
		byRule[f.Rule] = f
	}
	for _, r := range []string{"double-lock", "lock-without-unlock"} {
		if _, ok := byRule[r]; !ok {
			t.Fatalf("no %s finding in %+v", r, rep.Findings)
		}
	}
	return byRule
}

func checkJSON(t *testing.T, args ...string) *driver.Report {
	t.Helper()
	var out bytes.Buffer
	if code := check(args, &out); code != 0 {
		t.Fatalf("check %v exited %d", args, code)
	}
	var rep driver.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

func TestCheckLangKorean(t *testing.T) {
	dir := korean(t)
	ko := findingsOf(t, checkJSON(t, "-C", dir, "-lang", "ko", "./..."))
	dl := ko["double-lock"]
	if want := "c.size()이(가) 잡고 있는 c.mu을(를) 다시 잠급니다 (19행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다"; dl.Message != want {
		t.Errorf("double-lock message:\n got %q\nwant %q", dl.Message, want)
	}
	if len(dl.Related) != 1 || dl.Related[0].Message != "여기서 잠급니다" {
		t.Errorf("double-lock related: %+v", dl.Related)
	}
	lw := ko["lock-without-unlock"]
	if want := "c.mu.Lock()이(가) 모든 경로에서 해제되지 않습니다: 31행의 return이 잠금을 유지합니다"; lw.Message != want {
		t.Errorf("lock-without-unlock message:\n got %q\nwant %q", lw.Message, want)
	}
	if len(lw.Fixes) != 1 || lw.Fixes[0].Message != "defer c.mu.Unlock() 사용" {
		t.Errorf("lock-without-unlock fix title: %+v", lw.Fixes)
	}

	en := findingsOf(t, checkJSON(t, "-C", dir, "./..."))
	if got := en["double-lock"].Message; got != "c.size() locks c.mu again while it is held (locked at line 19): Go mutexes are not re-entrant" {
		t.Errorf("without -lang the message is English; got %q", got)
	}
	if got := en["lock-without-unlock"].Fixes; len(got) != 1 || got[0].Message != "Use defer c.mu.Unlock()" {
		t.Errorf("without -lang the fix title is English; got %+v", got)
	}
}

// The editor's protocol end to end: a check request with "lang" answers in
// that language; one without answers in English.
func TestServeLang(t *testing.T) {
	dir := korean(t)
	req := func(id int, lang string) string {
		p := map[string]any{"dir": dir, "patterns": []string{"./..."}}
		if lang != "" {
			p["lang"] = lang
		}
		b, _ := json.Marshal(map[string]any{"id": id, "method": "check", "params": p})
		return string(b)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int)
	go func() {
		code := serve(inR, outW)
		outW.Close()
		done <- code
	}()
	for _, r := range []string{req(1, "ko"), req(2, "")} {
		if _, err := io.WriteString(inW, r+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	answers := map[int]*driver.Report{}
	lines := bufio.NewScanner(outR)
	lines.Buffer(nil, 16<<20)
	for len(answers) < 2 && lines.Scan() {
		var r response
		if err := json.Unmarshal(lines.Bytes(), &r); err != nil {
			t.Fatalf("%v: %s", err, lines.Text())
		}
		if r.Error != "" {
			t.Fatalf("check %d: %s", r.ID, r.Error)
		}
		answers[r.ID] = r.Result
	}
	io.WriteString(inW, `{"id":3,"method":"shutdown"}`+"\n")
	go io.Copy(io.Discard, outR)
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	if answers[1] == nil || answers[2] == nil {
		t.Fatalf("want answers to checks 1 and 2, got %v", answers)
	}
	if got := findingsOf(t, answers[1])["double-lock"].Message; !strings.Contains(got, "다시 잠급니다") {
		t.Errorf(`"lang":"ko": %q`, got)
	}
	if got := findingsOf(t, answers[2])["double-lock"].Message; !strings.Contains(got, "locks c.mu again") {
		t.Errorf("no lang: %q", got)
	}
}
