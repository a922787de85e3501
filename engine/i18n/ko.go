package i18n

// ko is the Korean catalog: English format → Korean format. Keys are the
// formats the rules pass to fmt.Sprintf (or their literal messages), exactly;
// the coverage test names every format a rule reports that is missing here.
// Arguments keep their order unless the Korean names them (%[2]s); a
// translation may leave out an argument Korean has no use for (an English
// plural "s"). Phrases a sentence is built from are entries of their own.
var ko = map[string]string{
	// cancel-not-called
	"`defer %s()` in a loop runs only when the function returns: every iteration's context and timer stay alive until then (call %s() at the end of the iteration, or move the body into a function)": "루프 안의 `defer %s()`은(는) 함수가 반환될 때에야 실행됩니다: 그때까지 반복마다 만든 컨텍스트와 타이머가 살아 있습니다 (반복이 끝날 때 %s()을(를) 호출하거나 본문을 함수로 옮기세요)",
	"context created here, once per iteration": "반복마다 여기서 컨텍스트를 만듭니다",
	"the cancel function returned by %s is discarded: the context and its resources live until its parent is cancelled (call it when done, e.g. defer cancel())": "%s이(가) 반환한 cancel 함수를 버립니다: 컨텍스트와 그 자원이 부모가 취소될 때까지 남습니다 (다 쓰면 호출하세요, 예: defer cancel())",
	"returns without calling the cancel function": "cancel 함수를 호출하지 않고 반환합니다",
	"the cancel function returned by %s is not called on every path: %d return(s) leave without it, and the context lives until its parent is cancelled": "%s이(가) 반환한 cancel 함수가 모든 경로에서 호출되지 않습니다: return %d곳이 호출 없이 빠져나가고, 컨텍스트는 부모가 취소될 때까지 남습니다",
	"the call": "그 호출",

	// channel-op-under-lock
	"the function literal in %s":             "%s 안의 함수 리터럴",
	"%s is taken here":                       "여기서 %s을(를) 잠급니다",
	"which calls %s":                         "이어서 %s 호출",
	"%s: blocks here":                        "%s: 여기서 멈춥니다",
	"the other side: %s":                     "상대편: %s",
	"the other side takes %s here (line %d)": "상대편이 여기서 %s을(를) 잠급니다 (%d행)",
	"%s can block while %s is held, and %s (%s) takes %s too: if it is waiting for the lock, neither goroutine proceeds (release %s before the Wait)":    "%[2]s을(를) 잡은 채 %[1]s이(가) 멈출 수 있는데, %[3]s(%[4]s)도 %[5]s을(를) 잠급니다: 상대가 잠금을 기다리고 있으면 두 고루틴 모두 진행하지 못합니다 (Wait 전에 %[6]s을(를) 해제하세요)",
	"%s can block while %s is held, and %s (%s) takes %s too: if it is waiting for the lock, neither goroutine proceeds (release %s before the receive)": "%[2]s을(를) 잡은 채 %[1]s이(가) 멈출 수 있는데, %[3]s(%[4]s)도 %[5]s을(를) 잠급니다: 상대가 잠금을 기다리고 있으면 두 고루틴 모두 진행하지 못합니다 (수신 전에 %[6]s을(를) 해제하세요)",
	"%s can block while %s is held, and %s (%s) takes %s too: if it is waiting for the lock, neither goroutine proceeds (release %s before the send)":    "%[2]s을(를) 잡은 채 %[1]s이(가) 멈출 수 있는데, %[3]s(%[4]s)도 %[5]s을(를) 잠급니다: 상대가 잠금을 기다리고 있으면 두 고루틴 모두 진행하지 못합니다 (송신 전에 %[6]s을(를) 해제하세요)",
	"%s releases only its own lock, while %s stays held; %s needs %s before %s, so this goroutine may sleep forever (release %s before waiting)":         "%[1]s은(는) 자신의 잠금만 풀고 %[2]s은(는) 계속 잡고 있습니다. %[3]s은(는) %[5]s 전에 %[4]s이(가) 필요하므로 이 고루틴은 영원히 잠들 수 있습니다 (기다리기 전에 %[6]s을(를) 해제하세요)",

	// close-misuse
	"the channel": "채널",
	"`%s` is closed by its receiver while other goroutines may still send on it: their send panics (let the senders close it, after a WaitGroup)": "다른 고루틴이 아직 `%s`에 보낼 수 있는데 수신 측이 닫습니다: 그 송신이 패닉을 일으킵니다 (WaitGroup을 기다린 뒤 송신 측이 닫게 하세요)",
	"a sender that may still be running": "아직 실행 중일 수 있는 송신 측",
	"`%s` is closed by every goroutine started here: the second close panics (close once after all finish, e.g. wg.Wait() then close, or sync.Once)": "여기서 시작된 모든 고루틴이 `%s`을(를) 닫습니다: 두 번째 close가 패닉을 일으킵니다 (모두 끝난 뒤 한 번만 닫으세요, 예: wg.Wait() 후 close, 또는 sync.Once)",
	"`%s` is closed by two different goroutines: whichever closes second panics":                                                                     "서로 다른 두 고루틴이 `%s`을(를) 닫습니다: 두 번째로 닫는 쪽이 패닉을 일으킵니다",
	"`%s` is closed here and again by `defer close(%s)` when the function returns: the deferred close panics":                                        "`%s`을(를) 여기서 닫고, 함수가 반환될 때 `defer close(%s)`이(가) 또 닫습니다: 지연된 close가 패닉을 일으킵니다",
	"`%s` is closed twice on this path: the second close panics (close a channel exactly once)":                                                      "이 경로에서 `%s`을(를) 두 번 닫습니다: 두 번째 close가 패닉을 일으킵니다 (채널은 정확히 한 번만 닫으세요)",
	"send on `%s` after it was closed on this path: panics with \"send on closed channel\"":                                                          "이 경로에서 닫은 뒤에 `%s`에 보냅니다: \"send on closed channel\" 패닉이 납니다",
	"also closed here":  "여기서도 닫습니다",
	"closed here":       "여기서 닫습니다",
	"first closed here": "여기서 처음 닫습니다",

	// concurrent-map-write, unsynchronized-shared-write (racemsg). The entry
	// kind ("goroutine", "callback", "handler") and how an entry starts ("go
	// statement", "ServeHTTP method") come from the entry-point model, which
	// the coverage test does not read: the sentences are also here with each
	// kind spelled in (the longer match wins), so no single word is
	// translated on its own, and the model's phrases are entries.
	"Guard the write with %s":                                 "%s(으)로 쓰기를 보호",
	"Guard the read with %s":                                  "%s(으)로 읽기를 보호",
	"%s is written by %s, %s: %s":                             "%[2]s에서 %[3]s %[1]s에 씁니다: %[4]s",
	"%s is written %s by `%s`, which runs in %s: %s":          "`%[3]s`이(가) %[4]s에서 실행되며 %[2]s %[1]s에 씁니다: %[5]s",
	"%s is written %s in %s and accessed in %s (line %d): %s": "%[3]s에서 %[2]s %[1]s에 쓰고, %[4]s에서 접근합니다 (%[5]d행): %[6]s",
	"%s is written in a %s and accessed by the starting function (line %d) before it waits for it: %s":        "%[2]s에서 %[1]s에 쓰는데, 시작한 함수가 기다리기 전에 접근합니다 (%[3]d행): %[4]s",
	"%s is written in a goroutine and accessed by the starting function (line %d) before it waits for it: %s": "고루틴에서 %[1]s에 쓰는데, 시작한 함수가 기다리기 전에 접근합니다 (%[2]d행): %[3]s",
	"%s is written in a callback and accessed by the starting function (line %d) before it waits for it: %s":  "콜백에서 %[1]s에 쓰는데, 시작한 함수가 기다리기 전에 접근합니다 (%[2]d행): %[3]s",
	"%s is written in a handler and accessed by the starting function (line %d) before it waits for it: %s":   "핸들러에서 %[1]s에 쓰는데, 시작한 함수가 기다리기 전에 접근합니다 (%[2]d행): %[3]s",
	"%s %s in %s, while another instance %s holding `%s` (line %d): hold the lock here too":                   "%[3]s에서 %[1]s을(를) %[2]s. 다른 인스턴스는 `%[5]s`을(를) 잡은 채 %[4]s (%[6]d행): 여기서도 그 잠금을 잡으세요",
	"%s %s while %s %s holding `%s` (line %d): hold the lock here too":                                        "%[1]s을(를) %[2]s. %[3]s은(는) `%[5]s`을(를) 잡은 채 %[4]s (%[6]d행): 여기서도 그 잠금을 잡으세요",
	"%s %s in %s, while the starting function %s holding `%s` (line %d): hold the lock here too":              "%[3]s에서 %[1]s을(를) %[2]s. 시작한 함수는 `%[5]s`을(를) 잡은 채 %[4]s (%[6]d행): 여기서도 그 잠금을 잡으세요",
	"%s %s in %s, while %s %s holding `%s` (line %d): hold the lock here too":                                 "%[3]s에서 %[1]s을(를) %[2]s. %[4]s은(는) `%[6]s`을(를) 잡은 채 %[5]s (%[7]d행): 여기서도 그 잠금을 잡으세요",
	"is read without a lock":         "잠금 없이 읽습니다",
	"is written without a lock":      "잠금 없이 씁니다",
	"reads it":                       "읽습니다",
	"writes it":                      "씁니다",
	"the other access, holding `%s`": "`%s`을(를) 잡은 다른 접근",
	"map `%s`":                       "맵 `%s`",
	"with no lock held":              "락 없이",
	"without a lock":                 "락 없이",
	"holding only the read lock %s":  "읽기 잠금 %s만 잡은 채",
	"the HTTP handler `%s`, which serves requests concurrently":                                 "요청을 동시에 처리하는 HTTP 핸들러 `%s`",
	"an HTTP handler registered with %s (line %d), which serves requests concurrently":          "%[2]d행에서 %[1]s(으)로 등록되어 요청을 동시에 처리하는 HTTP 핸들러",
	"%ss started in a loop (line %d)":                                                           "%[2]d행의 루프에서 시작된 %[1]s들",
	"goroutines started in a loop (line %d)":                                                    "%d행의 루프에서 시작된 고루틴들",
	"callbacks started in a loop (line %d)":                                                     "%d행의 루프에서 시작된 콜백들",
	"%ss started by `%s` (line %d), which runs concurrently with itself":                        "자기 자신과 동시에 실행되는 `%[2]s`이(가) %[3]d행에서 시작하는 %[1]s들",
	"goroutines started by `%s` (line %d), which runs concurrently with itself":                 "자기 자신과 동시에 실행되는 `%s`이(가) %d행에서 시작하는 고루틴들",
	"callbacks started by `%s` (line %d), which runs concurrently with itself":                  "자기 자신과 동시에 실행되는 `%s`이(가) %d행에서 시작하는 콜백들",
	"the gRPC method `%s` registered with %s (line %d), which serves calls concurrently":        "%[2]s(으)로 등록되어(%[3]d행) 호출을 동시에 처리하는 gRPC 메서드 `%[1]s`",
	"the gRPC method starts here (%s)":                                                          "여기서 gRPC 메서드가 등록됩니다 (%s)",
	"gRPC methods run concurrently":                                                             "gRPC 메서드는 동시에 실행됩니다",
	"the %s started at line %d":                                                                 "%[2]d행에서 시작된 %[1]s",
	"the goroutine started at line %d":                                                          "%d행에서 시작된 고루틴",
	"the callback started at line %d":                                                           "%d행에서 시작된 콜백",
	"the handler started at line %d":                                                            "%d행에서 시작된 핸들러",
	"the %s starts here (%s)":                                                                   "여기서 %s이(가) 시작됩니다 (%s)",
	"the goroutine starts here (%s)":                                                            "여기서 고루틴이 시작됩니다 (%s)",
	"the callback starts here (%s)":                                                             "여기서 콜백이 시작됩니다 (%s)",
	"the handler starts here (%s)":                                                              "여기서 핸들러가 시작됩니다 (%s)",
	"go statement":                                                                              "go 문",
	"ServeHTTP method":                                                                          "ServeHTTP 메서드",
	"the other access, concurrent with the write":                                               "쓰기와 동시에 일어나는 다른 접근",
	"guard it with a sync.Mutex, use sync/atomic, or hand the value over through a channel":     "sync.Mutex로 보호하거나, sync/atomic을 쓰거나, 채널로 값을 넘기세요",
	"concurrent map writes crash the program; guard the map with a sync.Mutex, or use sync.Map": "맵 동시 쓰기는 프로그램을 중단시킵니다. sync.Mutex로 맵을 보호하거나 sync.Map을 사용하세요",

	// cond-signal-missing, cond-wait-without-loop
	"%s.Wait() can only be woken by %s, which runs once as a goroutine and can return without signalling (line %d): on that path this goroutine sleeps forever (signal on every path, e.g. defer the Broadcast)": "%s.Wait()을(를) 깨울 수 있는 것은 고루틴으로 한 번만 실행되는 %s뿐인데, 신호 없이 반환할 수 있습니다 (%d행): 그 경로에서 이 고루틴은 영원히 잠듭니다 (모든 경로에서 신호를 보내세요. 예: Broadcast를 defer)",
	"the only goroutine that signals it, started once here": "신호를 보내는 유일한 고루틴, 여기서 한 번 시작됩니다",
	"returns without signalling":                            "신호 없이 반환합니다",
	"%s.Wait() waits for a Signal or Broadcast that nothing in the package sends: this goroutine sleeps forever (call %s.Broadcast() where the condition changes)": "%s.Wait()이(가) 패키지 어디에서도 보내지 않는 Signal이나 Broadcast를 기다립니다: 이 고루틴은 영원히 잠듭니다 (조건이 바뀌는 곳에서 %s.Broadcast()를 호출하세요)",
	"Turn the if into a for loop": "if를 for 루프로 바꾸기",
	"%s.Wait() is not in a for loop: when it returns the condition may be false again (another waiter ran first, or Broadcast woke everyone); re-check it in `for !condition { %s.Wait() }`": "%s.Wait()이(가) for 루프 안에 있지 않습니다: 반환될 때 조건이 다시 거짓일 수 있습니다 (다른 대기자가 먼저 실행됐거나 Broadcast가 모두를 깨운 경우). `for !condition { %s.Wait() }`에서 다시 확인하세요",

	// ctx-not-propagated
	"`%s` drops the caller's `%s`: its deadline and cancellation do not reach this call (pass `%s`, or context.WithoutCancel(%s) to detach on purpose)": "`%s`은(는) 호출자의 `%s`을(를) 버립니다: 그 마감 시간과 취소가 이 호출에 전달되지 않습니다 (`%s`을(를) 넘기거나, 일부러 떼어 내려면 context.WithoutCancel(%s)을(를) 쓰세요)",
	"`%s` received here": "여기서 `%s`을(를) 받습니다",
	"Pass %s instead":    "대신 %s 넘기기",

	// double-lock
	"%s read-locks %s again": "%s이(가) %s을(를) 다시 읽기 잠금합니다",
	"%s is locked again while already held (locked at line %d): Go mutexes are not re-entrant":     "%s을(를) 이미 잡은 상태에서 다시 잠급니다 (%d행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다",
	"%s locks %s again while it is held (locked at line %d): Go mutexes are not re-entrant":        "%s이(가) 잡고 있는 %s을(를) 다시 잠급니다 (%d행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다",
	"%s read-locks %s again while it is held (locked at line %d): Go mutexes are not re-entrant":   "%s이(가) 잡고 있는 %s을(를) 다시 읽기 잠금합니다 (%d행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다",
	"%s while already holding its read lock (line %d): a writer waiting in between deadlocks both": "이미 읽기 잠금을 잡은 상태에서 %s (%d행): 그 사이에 쓰기 잠금이 대기하면 둘 다 멈추는 데드락입니다",
	"%s — on some paths": "%s — 일부 경로에서",
	"%s.Lock() while holding its read lock (line %d): the writer waits for itself": "%s의 읽기 잠금을 잡은 채 Lock()합니다 (%d행): 쓰기 잠금이 자기 자신을 기다립니다",
	"%s.RLock() while holding its write lock (line %d)":                            "%s의 쓰기 잠금을 잡은 채 RLock()합니다 (%d행)",
	"acquired here": "여기서 잠급니다",
	"a token sent into %s (a buffered channel used as a semaphore) is not received back on %d return path(s): each keeps a slot taken, and once %s is full every send blocks (release it with a defer right after the send)": "%s(세마포어로 쓰는 버퍼 채널)에 보낸 토큰을 반환 경로 %d곳에서 다시 받지 않습니다: 경로마다 자리 하나를 차지하므로, %s이(가) 가득 차면 모든 송신이 멈춥니다 (송신 직후 defer로 돌려주세요)",
	"returns here still holding a slot of %s (line %d)": "%s의 자리를 쥔 채 여기서 반환합니다 (%d행)",
	"the function given to %s.Do reaches %s.Do again (line %d): Do waits for its own function to return, so this goroutine blocks forever": "%s.Do에 넘긴 함수가 다시 %s.Do에 이릅니다 (%d행): Do는 자기 함수가 반환하기를 기다리므로 이 고루틴은 영원히 멈춥니다",
	"%s.Do again: it waits for the first Do to return": "다시 %s.Do: 첫 Do가 반환하기를 기다립니다",

	// gorm-lock-on-sqlite, gorm-lock-outside-tx, gorm-tx-outer-handle, gorm-version-unchecked
	"`%s` does nothing on SQLite: GORM's SQLite driver (%s, the only GORM dialector this code is linked with) drops the FOR UPDATE/SHARE clause without an error, so this query locks no row — serialise the writers another way (one writer goroutine, an optimistic version check, BEGIN IMMEDIATE)": "`%s`은(는) SQLite에서 아무 일도 하지 않습니다: GORM의 SQLite 드라이버(%s, 이 코드에 링크된 유일한 GORM dialector)는 FOR UPDATE/SHARE 절을 오류 없이 버리므로 이 쿼리는 어떤 행도 잠그지 않습니다 — 다른 방법으로 쓰기를 직렬화하세요 (쓰기 고루틴 하나, 낙관적 버전 확인, BEGIN IMMEDIATE)",
	"`%s` on `%s.%s` outside a transaction: the row lock ends with this statement (autocommit), so nothing after it is protected — read and write inside db.Transaction(func(tx *gorm.DB) error {…}) through tx":                                                                                       "트랜잭션 밖의 `%[2]s.%[3]s`에 `%[1]s`을(를) 적용합니다: 행 잠금이 이 문장과 함께 끝나므로(autocommit) 그 뒤는 아무것도 보호되지 않습니다 — db.Transaction(func(tx *gorm.DB) error {…}) 안에서 tx로 읽고 쓰세요",
	"row lock clause added here": "여기서 행 잠금 절을 추가합니다",
	"`%s.%s` inside the transaction runs on the outer handle, not on `%s`: it is outside the transaction (not rolled back with it, blind to its writes) and can wait on the transaction's own locks": "트랜잭션 안의 `%s.%s`이(가) `%s`이(가) 아닌 바깥 핸들에서 실행됩니다: 트랜잭션 밖이라 함께 롤백되지 않고 트랜잭션의 쓰기를 보지 못하며, 트랜잭션 자신의 잠금을 기다릴 수 있습니다",
	"the transaction's handle":            "트랜잭션의 핸들",
	"transaction `%s` started here":       "여기서 트랜잭션 `%s`이(가) 시작됩니다",
	"Run it on %s":                        "%s에서 실행하기",
	"the version condition is added here": "여기서 버전 조건을 추가합니다",
	"`%s` on `%s`, whose BeforeUpdate adds the version condition: when the versioned UPDATE matches 0 rows, GORM's Save falls back to INSERT … ON CONFLICT DO UPDATE and overwrites the concurrent change (RowsAffected is then 1, so the check never fires) — use `Select(\"*\").Updates(&%s)` or `Select(\"*\").Save(&%s)` and check RowsAffected": "BeforeUpdate가 버전 조건을 붙이는 `%[2]s`에 `%[1]s`을(를) 호출합니다: 버전 조건이 붙은 UPDATE가 0행에 맞으면 GORM의 Save는 INSERT … ON CONFLICT DO UPDATE로 넘어가 동시에 일어난 변경을 덮어씁니다 (이때 RowsAffected가 1이라 확인이 작동하지 않습니다) — `Select(\"*\").Updates(&%[3]s)` 또는 `Select(\"*\").Save(&%[4]s)`를 쓰고 RowsAffected를 확인하세요",
	"`%s` is guarded by a version (%s) but its RowsAffected is never read: when another writer got there first the update changes 0 rows and this passes as success — check `RowsAffected == 0` and retry or report the conflict":                                                                                                                    "`%s`은(는) 버전(%s)으로 보호되지만 RowsAffected를 읽지 않습니다: 다른 쓰기가 먼저 반영되면 UPDATE가 0행을 바꾸고도 성공으로 지나갑니다 — `RowsAffected == 0`을 확인해 다시 시도하거나 충돌을 알리세요",

	// goroutine-leak-blocked-send
	"the send":                       "송신",
	"stops receiving from `%s` here": "여기서 `%s`에서 받기를 멈춥니다",
	"goroutine may block forever on `%s`: the function that started it can stop receiving from `%s` and return (line %d) while the goroutine still has values to send (select on a done channel in the sender, or drain `%s` before returning)": "고루틴이 `%s`에서 영원히 막힐 수 있습니다: 고루틴을 시작한 함수가 `%s`에서 받기를 멈추고 반환할 수 있는데 (%d행), 고루틴에는 아직 보낼 값이 남아 있습니다 (송신 쪽에서 done 채널과 함께 select하거나, 반환하기 전에 `%s`를 비우세요)",
	"goroutine may block forever on `%s`: the field `%s` holds an unbuffered channel that only %s receives from, and it can return without receiving (line %d) — select on a done channel in the sender, or give the channel a buffer":          "고루틴이 `%s`에서 영원히 막힐 수 있습니다: 필드 `%s`에는 버퍼 없는 채널이 있고 %s만 받는데, 받지 않고 반환할 수 있습니다 (%d행) — 송신 쪽에서 done 채널과 함께 select하거나 채널에 버퍼를 주세요",
	"`%s` may block forever: the only receiver of `%s`, %s, can stop receiving and return (line %d) while this still sends — select on the same stop signal here":                                                                               "`%s`이(가) 영원히 막힐 수 있습니다: `%s`의 유일한 수신자 %s가 받기를 멈추고 반환할 수 있는데 (%d행) 이쪽은 아직 보냅니다 — 여기서도 같은 중지 신호와 함께 select하세요",
	"the channel operation":                           "채널 연산",
	"the goroutine is started here":                   "여기서 고루틴이 시작됩니다",
	"returns here without receiving from `%s`":        "`%s`에서 받지 않고 여기서 반환합니다",
	"returns here without sending on or closing `%s`": "`%s`에 보내거나 닫지 않고 여기서 반환합니다",
	"goroutine may block forever on `%s`: `%s` is unbuffered and the function that started it can return without receiving (give the channel a buffer: make(%s, 1))":          "고루틴이 `%s`에서 영원히 멈출 수 있습니다: `%s`은(는) 버퍼가 없고, 고루틴을 시작한 함수가 받지 않고 반환할 수 있습니다 (채널에 버퍼를 주세요: make(%s, 1))",
	"goroutine may block forever on `%s`: `%s` is unbuffered, %s returns it, and its caller %s can return without receiving from it (give the channel a buffer: make(%s, 1))": "고루틴이 `%s`에서 영원히 멈출 수 있습니다: `%s`은(는) 버퍼가 없고 %s이(가) 그 채널을 반환하는데, 호출한 %s이(가) 받지 않고 반환할 수 있습니다 (채널에 버퍼를 주세요: make(%s, 1))",
	"goroutine may block forever on `%s`: the function that started it can return without sending on or closing `%s` (close it with defer, or select on a done channel)":      "고루틴이 `%s`에서 영원히 멈출 수 있습니다: 고루틴을 시작한 함수가 `%s`에 보내거나 닫지 않고 반환할 수 있습니다 (defer로 닫거나 done 채널과 함께 select하세요)",
	"Give `%s` a buffer of 1": "`%s`에 버퍼 1 주기",

	// deferfix (lock-without-unlock, unlock-not-deferred, waitgroup-misuse)
	"Use defer %s": "defer %s 사용",

	// lazy-init-race
	"Initialise %s with sync.Once":                 "sync.Once로 %s 초기화",
	"HTTP handlers run concurrently":               "HTTP 핸들러는 동시에 실행됩니다",
	"an exported getter any goroutine may call":    "어느 고루틴이든 호출할 수 있는 공개 getter입니다",
	"it runs in a goroutine":                       "고루틴에서 실행됩니다",
	"it runs on the goroutines started at line %d": "%d행에서 시작된 고루틴들에서 실행됩니다",
	"this function is started with go":             "이 함수는 go로 시작됩니다",
	"sync.OnceValue / sync.Once":                   "sync.OnceValue / sync.Once",
	"lazy initialisation of `%s` is not synchronised (%s): two goroutines can both see nil and both initialise it (use %s)": "`%s`의 지연 초기화가 동기화되지 않습니다 (%s): 두 고루틴이 모두 nil을 보고 둘 다 초기화할 수 있습니다 (%s을(를) 사용하세요)",

	// lock-copied
	"value receiver %s copies its %s (%s): every call works on a copy of the lock": "값 리시버 %s이(가) %s(%s)을(를) 복사합니다: 호출마다 잠금의 복사본으로 작업합니다",
	"Use a pointer receiver": "포인터 리시버 사용",
	"parameter of type %s is passed by value, copying %s (%s): pass a pointer":                        "%s 타입 매개변수가 값으로 전달되어 %s(%s)을(를) 복사합니다: 포인터를 넘기세요",
	"%s is copied here together with %s (%s)":                                                         "여기서 %s을(를) %s(%s)와(과) 함께 복사합니다",
	"returning %s copies it together with %s (%s)":                                                    "%s을(를) 반환하면 %s(%s)와(과) 함께 복사됩니다",
	"sending %s copies it together with %s (%s)":                                                      "%s을(를) 보내면 %s(%s)와(과) 함께 복사됩니다",
	"the range variable copies each %s element together with %s (%s): range over indexes or pointers": "range 변수가 %s 요소마다 %s(%s)와(과) 함께 복사합니다: 인덱스나 포인터로 순회하세요",
	"its %s":   "그 안의 %s",
	"its lock": "그 안의 잠금",

	// lock-order-inversion
	"lock order inversion: %s is locked while holding %s here, but %s locks %s while holding %s": "잠금 순서 역전: 여기서는 %[2]s을(를) 잡은 채 %[1]s을(를) 잠그지만, %[3]s은(는) %[5]s을(를) 잡은 채 %[4]s을(를) 잠급니다",
	"the opposite order: %s while holding %s":                                                    "반대 순서: %[2]s을(를) 잡은 채 %[1]s",

	// lock-without-unlock
	"%s is not released on every path: the return%s at line %s keep%s it locked": "%[1]s이(가) 모든 경로에서 해제되지 않습니다: %[3]s행의 return이 잠금을 유지합니다",
	"%s and %d":                   "%s, %d",
	"%s() (returns with %s held)": "%s() (%s을(를) 잡은 채 반환)",
	"returns with %s held":        "%s을(를) 잡은 채 반환합니다",
	"%s is not released before the loop comes back to it: the next iteration deadlocks":                                                "루프가 다시 돌아오기 전에 %s이(가) 해제되지 않습니다: 다음 반복에서 데드락이 납니다",
	"%s is never released: no path of this function unlocks it and nothing in the package unlocks %s":                                  "%s이(가) 해제되지 않습니다: 이 함수의 어떤 경로도 풀지 않고, 패키지 어디에서도 %s을(를) 풀지 않습니다",
	"%s is not released when the panic at line %s unwinds: a recovered panic (net/http recovers handlers) leaves it locked; use defer": "%[2]s행의 패닉이 스택을 풀 때 %[1]s이(가) 해제되지 않습니다: 복구된 패닉(net/http는 핸들러의 패닉을 복구합니다)이 잠금을 남깁니다. defer를 사용하세요",
	"panics with %s held": "%s을(를) 잡은 채 패닉이 납니다",

	// loop-variable-capture
	"the callback captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so it sees a later value and races with the loop (copy it first: %[1]s := %[1]s)":   "콜백이 루프 변수 `%[1]s`을(를) 캡처합니다: Go 1.22 전에는 모든 반복이 이 변수를 공유하므로 나중 값을 보고 루프와 경쟁합니다 (먼저 복사하세요: %[1]s := %[1]s)",
	"the deferred closure captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so every deferred call sees the last value (copy it first: %[1]s := %[1]s)": "지연 클로저가 루프 변수 `%[1]s`을(를) 캡처합니다: Go 1.22 전에는 모든 반복이 이 변수를 공유하므로 지연된 호출마다 마지막 값을 봅니다 (먼저 복사하세요: %[1]s := %[1]s)",
	"the goroutine captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so it sees a later value and races with the loop (copy it first: %[1]s := %[1]s)":  "고루틴이 루프 변수 `%[1]s`을(를) 캡처합니다: Go 1.22 전에는 모든 반복이 이 변수를 공유하므로 나중 값을 보고 루프와 경쟁합니다 (먼저 복사하세요: %[1]s := %[1]s)",
	"the stored closure captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so every stored closure sees the last value (copy it first: %[1]s := %[1]s)":  "저장된 클로저가 루프 변수 `%[1]s`을(를) 캡처합니다: Go 1.22 전에는 모든 반복이 이 변수를 공유하므로 저장된 클로저마다 마지막 값을 봅니다 (먼저 복사하세요: %[1]s := %[1]s)",
	"`%s` is declared by the loop: one variable for every iteration before Go 1.22":                                                                                           "`%s`은(는) 루프가 선언합니다: Go 1.22 전에는 모든 반복에 변수 하나입니다",
	"the closure outlives the iteration from here": "여기서부터 클로저가 반복보다 오래 살아남습니다",
	"Copy %s for each iteration":                   "반복마다 %s 복사",

	// range-over-unclosed-channel
	"`range %s` never ends: nothing closes `%s`, so this loop blocks forever after the last value (close it in the producer: defer close(%s))":                                       "`range %s`이(가) 끝나지 않습니다: `%s`을(를) 닫는 곳이 없어 마지막 값 뒤에 이 루프가 영원히 멈춥니다 (생산자에서 닫으세요: defer close(%s))",
	"`range %s` never ends: nothing in the package closes %s, and this goroutine's Done is awaited by %s, which then blocks forever too (close the channel when its producer stops)": "`range %s`이(가) 끝나지 않습니다: 패키지 안에서 %s을(를) 닫는 곳이 없고, 이 고루틴의 Done을 %s이(가) 기다리므로 그것도 영원히 멈춥니다 (생산자가 멈출 때 채널을 닫으세요)",
	"waits for the ranging goroutine":     "range 하는 고루틴을 기다립니다",
	"sends on %s":                         "%s에 보냅니다",
	"sends on `%s`":                       "`%s`에 보냅니다",
	"Add defer close(%s) to the producer": "생산자에 defer close(%s) 추가",

	// redis-lock-no-expiry, redis-lock-unsafe-release
	"released here": "여기서 해제합니다",
	"`%s` takes lock `%s` with no expiry and sets it with a separate `%s(…)`: a crash between the two commands leaves a lock that never expires (pass the TTL to SetNX itself)": "`%s`이(가) 만료 없이 잠금 `%s`을(를) 잡고 별도의 `%s(…)`로 만료를 설정합니다: 두 명령 사이에 죽으면 영원히 만료되지 않는 잠금이 남습니다 (TTL을 SetNX 자체에 넘기세요)",
	"expiry set by a second command here": "여기서 두 번째 명령으로 만료를 설정합니다",
	"`%s` takes lock `%s` with no expiry: if the holder crashes before releasing it, the key stays and nobody gets the lock again (set a TTL in the same command, e.g. SetNX(ctx, key, token, ttl), and renew it while working)": "`%s`이(가) 만료 없이 잠금 `%s`을(를) 잡습니다: 보유자가 해제 전에 죽으면 키가 남아 아무도 다시 잠금을 얻지 못합니다 (같은 명령에서 TTL을 설정하고(예: SetNX(ctx, key, token, ttl)) 작업하는 동안 갱신하세요)",
	"`%s` deletes lock `%s` without checking it still holds it: after the TTL ran out another holder owns the key and this deletes their lock (compare the token and delete in one Lua script: if GET == token then DEL)":        "`%s`이(가) 아직 잠금을 가졌는지 확인하지 않고 잠금 `%s`을(를) 지웁니다: TTL이 지나면 다른 보유자가 키를 가지므로 그 잠금을 지우게 됩니다 (토큰 비교와 삭제를 Lua 스크립트 하나로 하세요: if GET == token then DEL)",
	"`%s` extends lock `%s` without checking it still holds it: after the TTL ran out this extends another holder's lock (compare the token and PEXPIRE in one Lua script)":                                                      "`%s`이(가) 아직 잠금을 가졌는지 확인하지 않고 잠금 `%s`을(를) 연장합니다: TTL이 지나면 다른 보유자의 잠금을 연장하게 됩니다 (토큰 비교와 PEXPIRE를 Lua 스크립트 하나로 하세요)",
	"lock taken here with a TTL": "여기서 TTL과 함께 잠금을 잡습니다",

	// select-without-cancel
	"Add case <-%s: return": "case <-%s: return 추가",
	"this loop never ends and never checks `%s`: after cancellation it keeps running (add `case <-%s:` and return)": "이 루프는 끝나지 않고 `%s`을(를) 확인하지도 않습니다: 취소된 뒤에도 계속 실행됩니다 (`case <-%s:`를 추가하고 반환하세요)",
	"`%s` is in scope here": "여기서 `%s`을(를) 쓸 수 있습니다",

	// sql-tx-leak
	"transaction `%s` from %s is neither committed nor rolled back on every path: it holds its connection and locks until the server gives up (add `defer %s` after the error check)": "%[2]s에서 시작한 트랜잭션 `%[1]s`이(가) 모든 경로에서 커밋되거나 롤백되지 않습니다: 서버가 포기할 때까지 연결과 잠금을 붙잡습니다 (오류 확인 뒤에 `defer %[3]s`을(를) 추가하세요)",
	"returns with `%s` still open": "`%s`을(를) 연 채로 반환합니다",
	"Add defer %s":                 "defer %s 추가",

	// test-goroutine-after-return
	"goroutine started here": "여기서 고루틴이 시작됩니다",
	"`%s` from a goroutine other than the test's: it stops only this goroutine and the test carries on (report with %s.Error and return, or send the error back to the test goroutine)": "테스트 고루틴이 아닌 고루틴에서 `%s`을(를) 호출합니다: 이 고루틴만 멈추고 테스트는 계속됩니다 (%s.Error로 보고하고 반환하거나, 오류를 테스트 고루틴으로 돌려보내세요)",
	"the goroutine uses `%s` but the test never waits for it: after the test returns, `%s` panics or is lost (wait with a WaitGroup or channel before returning)":                       "고루틴이 `%s`을(를) 쓰지만 테스트가 고루틴을 기다리지 않습니다: 테스트가 반환된 뒤 `%s`은(는) 패닉을 일으키거나 사라집니다 (반환 전에 WaitGroup이나 채널로 기다리세요)",

	// ticker-not-stopped
	"the ticker from `%s` is never stopped: before Go 1.23 a ticker that is not stopped is never garbage-collected and keeps firing for the life of the process, one more each time this code runs (stop it when done: %s)": "`%s`이(가) 만든 티커를 멈추지 않습니다: Go 1.23 전에는 멈추지 않은 티커가 가비지 컬렉션되지 않고 프로세스가 끝날 때까지 계속 동작하며, 이 코드가 실행될 때마다 하나씩 늘어납니다 (다 쓰면 멈추세요: %s)",
	"the ticker from `%s` is never stopped: since Go 1.23 it is collected once unreferenced, but it keeps firing until then (stop it when done: %s)":                                                                        "`%s`이(가) 만든 티커를 멈추지 않습니다: Go 1.23부터는 참조가 사라지면 회수되지만 그때까지 계속 동작합니다 (다 쓰면 멈추세요: %s)",
	"`%s` leaks its ticker: before Go 1.23 the ticker behind time.Tick can never be stopped or collected, so each run of this code leaves one firing for the life of the process (use time.NewTicker and defer its Stop)":   "`%s`은(는) 티커를 누수합니다: Go 1.23 전에는 time.Tick이 만든 티커를 멈추거나 회수할 수 없어, 이 코드가 실행될 때마다 프로세스가 끝날 때까지 동작하는 티커가 하나씩 남습니다 (time.NewTicker를 쓰고 Stop을 defer하세요)",
	"returns without stopping the ticker": "티커를 멈추지 않고 반환합니다",

	// time-after-in-loop
	"`%s` in a loop's select allocates a timer every iteration (collected since Go 1.23, but a reused time.NewTimer with Reset avoids the churn)":                                                   "루프의 select 안 `%s`은(는) 반복마다 타이머를 할당합니다 (Go 1.23부터는 회수되지만, time.NewTimer 하나를 Reset으로 재사용하면 낭비가 없습니다)",
	"`%s` in a loop's select creates a timer every iteration; before Go 1.23 each stays alive until it fires, so a busy loop piles them up (create one time.NewTimer before the loop and Reset it)": "루프의 select 안 `%s`은(는) 반복마다 타이머를 만듭니다. Go 1.23 전에는 각 타이머가 만료될 때까지 살아 있어 바쁜 루프에서 쌓입니다 (루프 전에 time.NewTimer 하나를 만들고 Reset하세요)",
	"the loop": "루프",

	// unbounded-goroutines
	"one goroutine per element of `%s` with no limit: under load this exhausts memory (use a worker pool, errgroup.SetLimit or a semaphore)":                   "제한 없이 `%s`의 요소마다 고루틴을 하나씩 만듭니다: 부하가 걸리면 메모리가 고갈됩니다 (워커 풀, errgroup.SetLimit 또는 세마포어를 사용하세요)",
	"one goroutine per value received from `%s` with no limit: a burst of input starts a burst of goroutines (use a fixed set of workers reading the channel)": "제한 없이 `%s`에서 받은 값마다 고루틴을 하나씩 만듭니다: 입력이 몰리면 고루틴도 몰려 시작됩니다 (채널을 읽는 고정된 수의 워커를 사용하세요)",
	"loop over unbounded input": "제한 없는 입력을 도는 루프",

	// unlock-not-deferred
	"%d exits each call %s.RUnlock() by hand (lines %s): `defer %s.RUnlock()` after the Lock keeps the next early return correct": "종료 경로 %d곳이 각각 %s.RUnlock()을 직접 호출합니다 (%s행): 잠금 직후 `defer %s.RUnlock()`을 쓰면 다음에 추가될 조기 반환도 안전합니다",
	"%d exits each call %s.Unlock() by hand (lines %s): `defer %s.Unlock()` after the Lock keeps the next early return correct":   "종료 경로 %d곳이 각각 %s.Unlock()을 직접 호출합니다 (%s행): 잠금 직후 `defer %s.Unlock()`을 쓰면 다음에 추가될 조기 반환도 안전합니다",
	"released by hand": "직접 해제합니다",

	// waitgroup-misuse
	"Move %s before the go statement": "%s을(를) go 문 앞으로 옮기기",
	"%s.Add inside the goroutine it counts: Wait can run before this Add and return early; call Add before the go statement": "%s.Add를 세는 대상인 고루틴 안에서 호출합니다: 이 Add보다 Wait가 먼저 실행되어 일찍 반환될 수 있습니다. go 문 앞에서 Add를 호출하세요",
	"the goroutine starts here": "여기서 고루틴이 시작됩니다",
	"%s.%s after a goroutine started %s.Wait() (line %d): Wait may already have returned, or %s races with it; finish every Add before Wait can start": "고루틴이 %[3]s.Wait()을 시작한 뒤 %[1]s.%[2]s을(를) 호출합니다 (%[4]d행): Wait가 이미 반환했거나 %[5]s이(가) Wait와 경쟁합니다. Wait가 시작되기 전에 모든 Add를 마치세요",
	"Wait starts here, in a goroutine":      "여기서 고루틴 안의 Wait가 시작됩니다",
	"the waiting goroutine is started here": "여기서 기다리는 고루틴이 시작됩니다",
	"returns without %s.Done()":             "%s.Done() 없이 반환합니다",
	"%d return path(s) leave before %s.Done(): Wait never returns for them; use defer %s.Done() at the top":                                              "반환 경로 %d곳이 %s.Done() 전에 빠져나갑니다: Wait가 영원히 반환되지 않습니다. 맨 위에서 defer %s.Done()을 사용하세요",
	"Done inside a function run by %s.Go, which calls Done itself when the function returns: the counter drops twice (a panic, or Wait returning early)": "%s.Go로 실행되는 함수 안에서 Done을 호출합니다. Go는 함수가 반환될 때 직접 Done을 호출하므로 카운터가 두 번 줄어듭니다 (패닉, 또는 Wait의 조기 반환)",
	"started by WaitGroup.Go here": "여기서 WaitGroup.Go로 시작됩니다",
	"%s.Wait() waits for Done calls that never come: nothing calls %s.Done() or hands %s to code that could, so Wait blocks forever after %s.Add": "%s.Wait()이(가) 오지 않을 Done 호출을 기다립니다: %s.Done()을 호출하거나 %s을(를) 그럴 수 있는 코드에 넘기는 곳이 없어 %s.Add 뒤 Wait가 영원히 멈춥니다",
	"counted here": "여기서 셉니다",
	"%s.Wait() inside the loop that starts the goroutines it waits for, while their %s.Add is made once before the loop: the first Wait waits for goroutines not started yet, or a later Done drives the counter negative; move Wait after the loop": "기다리는 고루틴을 시작하는 루프 안에서 %s.Wait()을 호출하는데, 그 고루틴들의 %s.Add는 루프 앞에서 한 번만 합니다: 첫 Wait가 아직 시작되지 않은 고루틴을 기다리거나, 나중의 Done이 카운터를 음수로 만듭니다. Wait를 루프 뒤로 옮기세요",
	"counted here, before the loop":            "여기서 루프 앞에서 셉니다",
	"one goroutine started per iteration here": "여기서 반복마다 고루틴 하나가 시작됩니다",
	// advisory-lock-pooled-conn
	"`%s` runs through the pool `%s` (%s): a session advisory lock belongs to one connection, and the unlock may run on another, leaving the lock held by an idle pooled connection (pin one with %s, or use pg_advisory_xact_lock inside a transaction)": "`%s`이(가) 풀 `%s`(%s)을(를) 통해 실행됩니다: 세션 advisory lock은 커넥션 하나에 속하는데 unlock은 다른 커넥션에서 실행될 수 있어, 락이 풀의 유휴 커넥션에 남습니다 (%s(으)로 커넥션을 고정하거나 트랜잭션 안에서 pg_advisory_xact_lock 사용)",
	"the query text comes from here":                                "쿼리 문자열은 여기서 옵니다",
	"`%s` through the same pool, most likely on another connection": "같은 풀을 통한 `%s`: 다른 커넥션에서 실행될 가능성이 큽니다",

	// lock-without-fencing-token
	"%s writes while the distributed lock taken at line %d is held but does not carry the lease's fencing token: a holder paused past its lease can overwrite a newer holder's write (pass lease.Token() with the write and have the store reject older tokens, e.g. UPDATE … SET fence = $n WHERE … AND fence < $n)": "%[1]s은(는) %[2]d행에서 잡은 분산 락을 보유한 채 쓰지만 임대의 펜싱 토큰을 함께 보내지 않습니다: 임대를 넘겨 멈춘 보유자가 새 보유자의 쓰기를 덮어쓸 수 있습니다 (쓰기에 lease.Token()을 넘기고 저장소가 더 오래된 토큰을 거부하게 하세요, 예: UPDATE … SET fence = $n WHERE … AND fence < $n)",
	"%s writes while the etcd mutex locked at line %d is held but is not conditioned on still owning it: a holder whose session expired can overwrite a newer holder's write (commit it in a Txn with If(m.IsOwner()))":                                                                                               "%[1]s은(는) %[2]d행에서 잠근 etcd 뮤텍스를 보유한 채 쓰지만 아직 소유하고 있는지를 조건으로 걸지 않습니다: 세션이 만료된 보유자가 새 보유자의 쓰기를 덮어쓸 수 있습니다 (If(m.IsOwner())가 있는 Txn으로 커밋하세요)",
	"the lock is taken here":                          "여기서 락을 잡습니다",
	"the write runs in this call, with the lock held": "락을 잡은 채 이 호출 안에서 씁니다",

	// lock-ttl-shorter-than-work
	"lock TTL %s is shorter than the %s timeout of the work in this function and nothing renews the lock: it can expire while the work still runs and let a second holder in (renew it while working — redsync Extend, redislock Refresh, goconc dlock's watchdog — or make the TTL longer than the timeout)": "락 TTL %s이(가) 이 함수 작업의 타임아웃 %s보다 짧고 락을 갱신하는 곳이 없습니다: 작업 도중 만료되어 두 번째 보유자가 들어올 수 있습니다 (작업 중 갱신 — redsync Extend, redislock Refresh, goconc dlock의 watchdog — 또는 TTL을 타임아웃보다 길게)",
	"the work may take up to %s": "작업이 최대 %s까지 걸릴 수 있습니다",

	// gorm-lost-update
	"read-modify-write of `%s` with no row lock and no version check: `%s` → `%s` → `%s`; a concurrent writer between the read and the write is overwritten (lost update)": "행 락도 버전 확인도 없는 `%s`의 읽기-수정-쓰기: `%s` → `%s` → `%s`; 읽기와 쓰기 사이의 동시 쓰기가 덮어써집니다 (갱신 유실)",
	"%s — `%s` writes it with `%s`":                      "%s — `%s`이(가) `%s`(으)로 씁니다",
	"read here without a lock":                           "여기서 락 없이 읽습니다",
	"new value computed from the old one here":           "여기서 이전 값으로 새 값을 계산합니다",
	"written here":                                       "여기서 씁니다",
	"Lock the row when reading it (SELECT … FOR UPDATE)": "읽을 때 행 잠그기 (SELECT … FOR UPDATE)",
	// for-update-outside-tx
	"`%s` runs on the pool `%s` (%s) outside a transaction: in autocommit the row lock is released when the statement ends, so it protects nothing that follows; run the SELECT and the writes it guards in one transaction (tx from %s, then tx.%s)":                 "`%s`이(가) 트랜잭션 밖에서 풀 `%s`(%s)로 실행됩니다: 자동 커밋에서는 문장이 끝날 때 행 락이 풀리므로 그 뒤의 어떤 것도 보호하지 못합니다; SELECT와 그것이 지키는 쓰기를 한 트랜잭션에서 실행하세요 (%s(으)로 tx를 얻고 tx.%s)",
	"`%s` runs on the connection `%s` (%s) with no transaction begun on it: in autocommit the row lock is released when the statement ends, so it protects nothing that follows; run the SELECT and the writes it guards in one transaction (tx from %s, then tx.%s)": "`%s`이(가) 트랜잭션을 시작하지 않은 커넥션 `%s`(%s)에서 실행됩니다: 자동 커밋에서는 문장이 끝날 때 행 락이 풀리므로 그 뒤의 어떤 것도 보호하지 못합니다; SELECT와 그것이 지키는 쓰기를 한 트랜잭션에서 실행하세요 (%s(으)로 tx를 얻고 tx.%s)",

	"`%s` runs on `%s` (*gorm.DB, the pool) outside a transaction: in autocommit the row lock is released when the statement ends, so it protects nothing that follows; run the SELECT and the writes it guards in %s.Transaction(func(tx *gorm.DB) error {…}) through tx": "`%s`이(가) 트랜잭션 밖에서 `%s`(*gorm.DB, 풀)로 실행됩니다: 자동 커밋에서는 문장이 끝날 때 행 락이 풀리므로 그 뒤의 어떤 것도 보호하지 못합니다; SELECT와 그것이 지키는 쓰기를 %s.Transaction(func(tx *gorm.DB) error {…}) 안에서 tx로 실행하세요",

	// tx-retry-stale-read
	"`%s` in the transaction %s retries sets %s to `%s`, read before it outside the transaction: every attempt writes the value read once, so the retry after a serialization failure writes it over the concurrent update that caused the failure — a lost update; read the row again inside the attempt, through the transaction":           "%[2]s이(가) 재시도하는 트랜잭션의 `%[1]s`이(가) %[3]s을(를) `%[4]s`(으)로 설정하는데, 이 값은 그 전에 트랜잭션 밖에서 읽었습니다: 모든 시도가 한 번 읽은 값을 쓰므로, 직렬화 실패 뒤의 재시도가 그 실패를 일으킨 동시 갱신 위에 덮어씁니다 — 갱신 유실; 시도 안에서 트랜잭션을 통해 행을 다시 읽으세요",
	"`%s` in a transaction the loop retries sets %s to `%s`, read before the loop outside the transaction: every attempt writes the value read once, so the retry after a serialization failure writes it over the concurrent update that caused the failure — a lost update; read the row again inside the attempt, through the transaction": "루프가 재시도하는 트랜잭션의 `%s`이(가) %s을(를) `%s`(으)로 설정하는데, 이 값은 루프 전에 트랜잭션 밖에서 읽었습니다: 모든 시도가 한 번 읽은 값을 쓰므로, 직렬화 실패 뒤의 재시도가 그 실패를 일으킨 동시 갱신 위에 덮어씁니다 — 갱신 유실; 시도 안에서 트랜잭션을 통해 행을 다시 읽으세요",
	"the value is read here, outside the transaction": "값은 여기서 트랜잭션 밖에서 읽습니다",
	"the retried transaction starts here":             "재시도되는 트랜잭션은 여기서 시작합니다",

	// atomic-mixed-access
	"`%s` is read without sync/atomic, but atomic.%s writes it (%s): the plain read races with the atomic writes":                                                         "`%s`을(를) sync/atomic 없이 읽는데 atomic.%s이(가) 씁니다 (%s): 일반 읽기가 원자적 쓰기와 레이스를 일으킵니다",
	"`%s` is written without sync/atomic, but it is accessed with atomic.%s (%s): the plain write races with the atomic accesses":                                         "`%s`에 sync/atomic 없이 쓰는데 atomic.%s(으)로도 접근합니다 (%s): 일반 쓰기가 원자적 접근과 레이스를 일으킵니다",
	"`%s` is updated without sync/atomic (a plain read and write), but it is accessed with atomic.%s (%s): the update races with the atomic accesses and can lose theirs": "`%s`을(를) sync/atomic 없이 갱신하는데(일반 읽기와 쓰기) atomic.%s(으)로도 접근합니다 (%s): 이 갱신이 원자적 접근과 레이스를 일으켜 그쪽 갱신을 잃을 수 있습니다",
	"%s, and a 64-bit value can tear on 32-bit platforms":                                                                                                                 "%s. 32비트 플랫폼에서는 64비트 값이 찢어질 수 있습니다",
	"%s (use the sync/atomic functions for every access, or declare it %s)":                                                                                               "%s (모든 접근에 sync/atomic 함수를 쓰거나 %s(으)로 선언하세요)",
	"%s (use the sync/atomic functions for every access, or an atomic type)":                                                                                              "%s (모든 접근에 sync/atomic 함수를 쓰거나 atomic 타입을 쓰세요)",
	"accessed atomically here (atomic.%s)":                                                                                                                                "여기서 원자적으로 접근합니다 (atomic.%s)",
	"Read it with atomic.Load%s":                                                                                                                                          "atomic.Load%s로 읽기",
	"Use atomic.Add%s":                                                                                                                                                    "atomic.Add%s 사용",
	"Use atomic.Store%s":                                                                                                                                                  "atomic.Store%s 사용",

	// field-guard-missing
	"`%s` %s, but %s: hold `%s` here (or document why this access cannot race)": "`%s`은(는) %s. 그런데 %s: 여기서 `%s`을(를) 잡으세요 (또는 이 접근이 레이스가 될 수 없는 이유를 주석으로 남기세요)",
	"is guarded by `%s` at %d of %d accesses outside constructors":              "생성자 밖 접근 %[3]d번 중 %[2]d번에서 `%[1]s`(으)로 보호됩니다",
	"is documented as guarded by `%s`":                                          "주석에 `%s`(으)로 보호된다고 적혀 있습니다",
	"read here without it":                                                      "여기서는 그것 없이 읽습니다",
	"written here without it":                                                   "여기서는 그것 없이 씁니다",
	"written here holding it only for reading (RLock)":                          "여기서는 읽기용(RLock)으로만 잡고 씁니다",
	"`%s` accessed holding `%s`":                                                "`%[2]s`을(를) 잡고 `%[1]s`에 접근합니다",
	"%s (held at %d of %d accesses outside constructors)":                       "%[1]s (생성자 밖 접근 %[3]d번 중 %[2]d번에서 잡음)",

	// syncmap-check-then-act
	"%s is decided by %s.Load(%s) (line %d) without a lock: %s (%s)": "%[1]s이(가) 락 없이 %[2]s.Load(%[3]s)(%[4]d행)의 결과로 결정됩니다: %[5]s (%[6]s)",
	"%s or CompareAndSwap": "%s (또는 CompareAndSwap)",
	"another goroutine can store a new value in between, and this Delete removes it":         "그 사이에 다른 고루틴이 새 값을 저장할 수 있고, 이 Delete가 그 값을 지웁니다",
	"another goroutine can store the same key in between, and one of the two values is lost": "그 사이에 다른 고루틴이 같은 키를 저장할 수 있어 두 값 중 하나가 사라집니다",
	"guard the read-modify-write with a mutex":                                               "읽기-수정-쓰기를 뮤텍스로 보호하세요",
	"loop on CompareAndSwap": "CompareAndSwap으로 재시도하는 루프를 쓰세요",
	"the value stored is computed from what Load returned; another goroutine can store in between, and its update is lost": "저장하는 값을 Load가 반환한 값으로 계산합니다. 그 사이에 다른 고루틴이 저장할 수 있고, 그 갱신이 사라집니다",
	"use %s.CompareAndDelete(%s, old) or LoadAndDelete":                                                                    "%s.CompareAndDelete(%s, old)나 LoadAndDelete를 쓰세요",
	"use %s.LoadOrStore(%s, v)":        "%s.LoadOrStore(%s, v)를 쓰세요",
	"use LoadAndDelete":                "LoadAndDelete를 쓰세요",
	"the Load whose result decides it": "그 결과로 결정하는 Load",
	"Use LoadOrStore":                  "LoadOrStore 사용",

	// a location on another line of the same file, as atomic-mixed-access names it inside its sentences
	"line %d": "%d행",
}
