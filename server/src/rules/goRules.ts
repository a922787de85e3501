// The rules that run in the Go engine (engine/, golang.org/x/tools): their
// metadata lives here for settings, docs links, SARIF and the checklist;
// their analysis and messages come from the engine. One implementation per
// rule: none of these has a TypeScript check.
import type { RuleMeta } from './types';

export const goRuleMetas: readonly RuleMeta[] = [
  {
    id: 'lock-without-unlock',
    title: { en: 'Lock without Unlock on some path', ko: '일부 경로에서 Unlock 없는 Lock' },
    description: {
      en: 'A return, panic or loop iteration leaves a mutex locked while other paths release it; the next Lock() blocks forever.',
      ko: 'return, panic 또는 다음 반복이 뮤텍스를 잠근 채 빠져나가고 다른 경로는 해제합니다. 다음 Lock()이 영원히 멈춥니다.',
    },
    defaultSeverity: 'error',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'unlock-not-deferred',
    title: { en: 'Unlock not deferred', ko: 'Unlock이 defer되지 않음' },
    description: {
      en: 'Several exits each call Unlock by hand; `defer mu.Unlock()` right after Lock keeps the next early return correct.',
      ko: '여러 종료 지점에서 각각 Unlock을 직접 호출합니다. Lock 직후 `defer mu.Unlock()`을 쓰면 다음에 추가될 조기 반환도 안전합니다.',
    },
    defaultSeverity: 'hint',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'double-lock',
    title: { en: 'Mutex locked twice by the same goroutine', ko: '같은 고루틴이 뮤텍스를 두 번 잠금' },
    description: {
      en: 'A mutex is locked again while the goroutine already holds it, directly or in a function it calls. Go mutexes are not reentrant: this deadlocks. Also flags RLock re-entry and RLock→Lock upgrades on RWMutex.',
      ko: '고루틴이 이미 잡고 있는 뮤텍스를 직접 또는 호출한 함수에서 다시 잠급니다. Go 뮤텍스는 재진입할 수 없어 데드락이 납니다. RWMutex의 RLock 재진입과 RLock→Lock 업그레이드도 찾습니다.',
    },
    defaultSeverity: 'error',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'lock-order-inversion',
    title: { en: 'Locks taken in opposite orders (AB-BA)', ko: '락을 서로 반대 순서로 잡음 (AB-BA)' },
    description: {
      en: 'One path locks A then B, another locks B then A (possibly through callees in other files): two goroutines taking them at once deadlock.',
      ko: '한 경로는 A 다음 B를, 다른 경로는 B 다음 A를 잠급니다 (다른 파일의 호출을 거칠 수도 있음): 두 고루틴이 동시에 잡으면 데드락입니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'lock-copied',
    title: { en: 'Value holding a lock copied', ko: '락을 가진 값의 복사' },
    description: {
      en: 'A value containing a sync.Mutex, RWMutex, WaitGroup, Once, Cond or Map is copied (value receiver, by-value parameter, range variable, assignment, channel send): the copy and the original no longer share the lock.',
      ko: 'sync.Mutex, RWMutex, WaitGroup, Once, Cond, Map을 담은 값이 복사됩니다 (값 리시버, 값 매개변수, range 변수, 대입, 채널 송신): 복사본과 원본이 더 이상 락을 공유하지 않습니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'channel-op-under-lock',
    title: { en: 'Blocking channel operation while holding a lock the other side needs', ko: '상대편이 필요로 하는 락을 잡은 채 블로킹 채널 연산' },
    description: {
      en: 'A send, receive or WaitGroup.Wait that can block runs while a mutex is held, and the goroutine on the other side takes the same mutex on its way to its own operation: if it waits for the lock, neither proceeds. Also cond.Wait while holding a lock other than the cond\'s, which the signaller needs.',
      ko: '블로킹될 수 있는 송신, 수신, WaitGroup.Wait를 뮤텍스를 잡은 채 실행하고, 상대편 고루틴도 자기 연산에 이르기 전에 같은 뮤텍스를 잡습니다: 상대가 락을 기다리면 둘 다 진행하지 못합니다. cond의 락이 아닌, 신호를 보내는 쪽이 필요로 하는 다른 락을 잡은 채 하는 cond.Wait도 찾습니다.',
    },
    // Below 80% judged precision on the corpus (see the docs page): information until more data.
    defaultSeverity: 'information',
    category: 'channel',
    checklistItem: 'defer-unlock-close',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'time-after-in-loop',
    title: { en: 'time.After in a loop', ko: '루프 안의 time.After' },
    description: {
      en: 'time.After in a select inside a loop creates a timer per iteration: a leak before Go 1.23, allocation churn after.',
      ko: '루프 안 select의 time.After는 반복마다 타이머를 만듭니다: Go 1.23 이전에는 누수, 이후에는 할당 낭비입니다.',
    },
    defaultSeverity: 'warning',
    category: 'goroutine',
    checklistItem: 'context-timeouts',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'cond-wait-without-loop',
    title: { en: 'sync.Cond.Wait not in a loop', ko: '루프 밖의 sync.Cond.Wait' },
    description: {
      en: 'Cond.Wait can return while the condition is still false; wait in `for !condition { c.Wait() }`.',
      ko: 'Cond.Wait는 조건이 아직 거짓인데도 반환될 수 있습니다. `for !condition { c.Wait() }`로 기다리세요.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'redis-lock-no-expiry',
    title: { en: 'Redis lock without expiry', ko: '만료 없는 Redis 락' },
    description: {
      en: 'A lock taken with SETNX / SET NX and no TTL stays forever when its holder crashes before releasing it.',
      ko: 'TTL 없이 SETNX / SET NX로 잡은 락은 보유자가 해제 전에 죽으면 영원히 남습니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'distributed-lock-reviewed',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'redis-lock-unsafe-release',
    title: { en: 'Redis lock released without owner check', ko: '소유자 확인 없이 해제하는 Redis 락' },
    description: {
      en: 'A Redis lock with a TTL is released with a plain DEL or extended with a plain EXPIRE, which hits another holder\'s lock once the TTL has run out.',
      ko: 'TTL이 있는 Redis 락을 일반 DEL로 해제하거나 일반 EXPIRE로 연장해, TTL이 지난 뒤에는 다른 보유자의 락을 건드립니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'distributed-lock-reviewed',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'loop-variable-capture',
    title: { en: 'Loop variable captured by a goroutine (before Go 1.22)', ko: '고루틴이 캡처한 루프 변수 (Go 1.22 이전)' },
    description: {
      en: 'A goroutine, deferred closure or stored callback captures a loop variable that, before Go 1.22, all iterations share.',
      ko: 'Go 1.22 이전에 모든 반복이 공유하는 루프 변수를 고루틴, 지연된 클로저 또는 저장된 콜백이 캡처합니다.',
    },
    defaultSeverity: 'warning',
    category: 'goroutine',
    checklistItem: 'shared-state-guarded',
    goVersion: { below: '1.22' },
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'goroutine-leak-blocked-send',
    title: { en: 'Goroutine blocked forever on an abandoned channel', ko: '버려진 채널에서 영원히 막히는 고루틴' },
    description: {
      en: 'A goroutine sends on (or receives from) an unbuffered channel whose other side may stop listening: a select with a timeout or ctx.Done(), or an early return.',
      ko: '고루틴이 버퍼 없는 채널에 보내거나 받는데, 상대편이 타임아웃이나 ctx.Done()이 있는 select, 또는 이른 반환으로 더 이상 기다리지 않을 수 있습니다.',
    },
    defaultSeverity: 'warning',
    category: 'channel',
    checklistItem: 'context-timeouts',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'range-over-unclosed-channel',
    title: { en: 'Range over a channel nobody closes', ko: '아무도 닫지 않는 채널에 대한 range' },
    description: {
      en: '`for v := range ch` where no code that can reach ch closes it: the loop never ends and its goroutine leaks.',
      ko: 'ch에 접근할 수 있는 어떤 코드도 ch를 닫지 않는데 `for v := range ch`를 합니다: 루프가 끝나지 않고 고루틴이 누수됩니다.',
    },
    defaultSeverity: 'warning',
    category: 'channel',
    checklistItem: 'defer-unlock-close',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'close-misuse',
    title: { en: 'Channel closed twice, from the receiver, or before a send', ko: '두 번 닫히거나, 수신 측에서 닫히거나, 송신 전에 닫히는 채널' },
    description: {
      en: 'Closing a closed channel or sending on one panics: close once, from the sending side, after the last send.',
      ko: '닫힌 채널을 다시 닫거나 닫힌 채널에 보내면 panic이 발생합니다: 송신 측에서 마지막 송신 후 한 번만 닫으세요.',
    },
    defaultSeverity: 'error',
    category: 'channel',
    checklistItem: 'defer-unlock-close',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'select-without-cancel',
    title: { en: 'Endless loop ignores cancellation', ko: '취소를 무시하는 끝없는 루프' },
    description: {
      en: 'A `for { select { … } }` or endless loop in a function with a context or done channel in scope never checks it and has no other exit.',
      ko: '컨텍스트나 done 채널이 보이는 함수의 `for { select { … } }` 또는 끝없는 루프가 그것을 확인하지 않고 다른 출구도 없습니다.',
    },
    defaultSeverity: 'warning',
    category: 'context',
    checklistItem: 'context-timeouts',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'ctx-not-propagated',
    title: { en: 'Context not propagated', ko: '컨텍스트가 전파되지 않음' },
    description: {
      en: 'A function receives ctx but passes context.Background() or context.TODO() to the calls it makes, so cancellation and deadlines stop there.',
      ko: 'ctx를 받는 함수가 호출에 context.Background()나 context.TODO()를 넘겨 취소와 마감 시간이 거기서 끊깁니다.',
    },
    defaultSeverity: 'warning',
    category: 'context',
    checklistItem: 'context-timeouts',
    fixable: true,
    engine: 'go',
    messages: {},
  },
];

const goRuleIds = new Set(goRuleMetas.map((m) => m.id));

/** Whether the Go engine owns this rule. */
export function isGoRule(id: string): boolean {
  return goRuleIds.has(id);
}
