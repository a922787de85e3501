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
    id: 'unsynchronized-shared-write',
    title: { en: 'Unsynchronized write to shared variable', ko: '동기화 없는 공유 변수 쓰기' },
    description: {
      en: 'A variable or field is written in a goroutine or HTTP handler while it is accessed concurrently (another instance, the starting function before it waits, another goroutine), with no lock, atomic or channel hand-off.',
      ko: '고루틴이나 HTTP 핸들러 안에서 변수나 필드를 쓰는 동안 다른 곳(다른 인스턴스, 기다리기 전의 시작 함수, 다른 고루틴)이 락, atomic, 채널 전달 없이 동시에 접근합니다.',
    },
    defaultSeverity: 'warning',
    category: 'race',
    checklistItem: 'shared-state-guarded',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'concurrent-map-write',
    title: { en: 'Concurrent map write', ko: '맵 동시 쓰기' },
    description: {
      en: 'A map is written from several goroutines or HTTP handlers without a lock; the runtime stops the process with "fatal error: concurrent map writes".',
      ko: '여러 고루틴이나 HTTP 핸들러가 락 없이 맵에 씁니다. 런타임이 "fatal error: concurrent map writes"로 프로세스를 중단합니다.',
    },
    defaultSeverity: 'error',
    category: 'race',
    checklistItem: 'shared-state-guarded',
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
