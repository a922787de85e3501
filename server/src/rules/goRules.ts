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
    id: 'waitgroup-misuse',
    title: { en: 'sync.WaitGroup misuse', ko: 'sync.WaitGroup 오용' },
    description: {
      en: 'Add inside the goroutine it counts, Add after a goroutine started Wait, a return path that skips Done, a Wait no Done can release, or Done inside a function run by WaitGroup.Go.',
      ko: '세는 대상 고루틴 안에서의 Add, 고루틴이 Wait를 시작한 뒤의 Add, Done을 건너뛰는 반환 경로, 어떤 Done도 풀 수 없는 Wait, WaitGroup.Go가 실행하는 함수 안의 Done.',
    },
    defaultSeverity: 'warning',
    category: 'goroutine',
    checklistItem: 'goroutines-bounded',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'cancel-not-called',
    title: { en: 'Context cancel deferred in a loop, or a helper\'s cancel not called', ko: '루프 안에서 지연된 컨텍스트 cancel, 또는 호출되지 않는 도우미의 cancel' },
    description: {
      en: 'A context cancel function deferred inside a loop runs only when the function returns; a CancelFunc returned by a helper (not context.With*) is dropped or not called on some path. go vet\'s lostcancel covers context.With* cancels that are never called.',
      ko: '루프 안에서 defer한 컨텍스트 cancel 함수는 함수가 반환할 때만 실행됩니다. context.With*가 아닌 도우미가 반환한 CancelFunc를 버리거나 일부 경로에서 호출하지 않습니다. 호출되지 않는 context.With*의 cancel은 go vet의 lostcancel이 보고합니다.',
    },
    defaultSeverity: 'warning',
    category: 'context',
    checklistItem: 'context-timeouts',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'cond-signal-missing',
    title: { en: 'sync.Cond waited on but never signalled', ko: '기다리기만 하고 Signal되지 않는 sync.Cond' },
    description: {
      en: 'A goroutine Waits on a sync.Cond that nothing in its package (or, for a local, its function) Signals or Broadcasts: it sleeps forever.',
      ko: '고루틴이 sync.Cond에서 Wait하지만 그 패키지(지역 변수라면 그 함수)의 어떤 코드도 Signal이나 Broadcast하지 않습니다: 영원히 잠듭니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: false,
    engine: 'go',
    messages: {},
  },
];

const goRuleIds = new Set(goRuleMetas.map((m) => m.id));

/** Whether the Go engine owns this rule. */
export function isGoRule(id: string): boolean {
  return goRuleIds.has(id);
}
