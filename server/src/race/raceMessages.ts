// Every string the race runner shows, in both shipped languages.
import type { LocalText } from '../l10n/locale';

export const raceMessages = {
  dataRace: {
    en: 'DATA RACE: {op} of {what} races with a {otherOp} at {other}{tests}{count}',
    ko: 'DATA RACE: {what} {op}이(가) {other}의 {otherOp}와(과) 경쟁합니다{tests}{count}',
  },
  dataRaceSameLine: {
    en: 'DATA RACE: {op} of {what} races with a {otherOp} by this same line in another goroutine{tests}{count}',
    ko: 'DATA RACE: {what} {op}이(가) 다른 고루틴에서 실행된 같은 줄의 {otherOp}와(과) 경쟁합니다{tests}{count}',
  },
  read: { en: 'read', ko: '읽기' },
  write: { en: 'write', ko: '쓰기' },
  memory: { en: 'shared memory', ko: '공유 메모리' },
  map: { en: 'a map', ko: '맵' },
  blocked: {
    en: '{headline}: goroutine {id} is blocked on {state}{minutes} here{tests}{count}',
    ko: '{headline}: 고루틴 {id}이(가) 여기서 {state}에 막혀 있습니다{minutes}{tests}{count}',
  },
  leaked: {
    en: 'goroutine leak: goroutine {id} ({state}) was still here after the tests finished{tests}{count}',
    ko: '고루틴 누수: 테스트가 끝난 뒤에도 고루틴 {id}({state})이(가) 여기에 남아 있습니다{tests}{count}',
  },
  confirmed: { en: ' (confirmed at run time by {rule})', ko: ' (실행 시 {rule}(으)로 확인됨)' },
  minutes: { en: ' for {n} minutes', ko: ' ({n}분 동안)' },
  crashed: { en: '{headline}{tests}{count}', ko: '{headline}{tests}{count}' },
  inTests: { en: ' (in {tests})', ko: ' ({tests}에서)' },
  times: { en: ' [seen {n} times]', ko: ' [{n}회 관찰]' },
  otherAccess: { en: 'the other {op} (goroutine {g})', ko: '다른 {op} (고루틴 {g})' },
  thisAccess: { en: 'this {op} (goroutine {g})', ko: '이 {op} (고루틴 {g})' },
  createdAt: { en: 'goroutine {g} was started here', ko: '고루틴 {g}이(가) 여기서 시작되었습니다' },
  alsoHere: { en: 'goroutine {g} was here ({state})', ko: '고루틴 {g}이(가) 여기에 있었습니다 ({state})' },
  // Run outcomes.
  missingGo: {
    en: 'cannot run "{go}": {error}. Install Go (https://go.dev/dl/) or set go.goroot / go.alternateTools.',
    ko: '"{go}"을(를) 실행할 수 없습니다: {error}. Go를 설치하거나(https://go.dev/dl/) go.goroot / go.alternateTools 를 설정하세요.',
  },
  needsCgo: {
    en: 'the race detector needs cgo: go said "{line}". Set CGO_ENABLED=1 and install a C compiler (gcc or clang).',
    ko: '레이스 탐지기는 cgo가 필요합니다: go 출력 "{line}". CGO_ENABLED=1 로 설정하고 C 컴파일러(gcc 또는 clang)를 설치하세요.',
  },
  buildFailed: {
    en: 'the build failed ({count} package(s)), so no test ran there: {first}',
    ko: '빌드가 실패해 테스트가 실행되지 않았습니다 (패키지 {count}개): {first}',
  },
  goFailed: { en: 'go test failed before running tests: {first}', ko: '테스트 실행 전에 go test가 실패했습니다: {first}' },
  testsFailed: {
    en: '{count} test(s) failed without a race or runtime report: {tests}',
    ko: '레이스나 런타임 보고 없이 테스트 {count}개가 실패했습니다: {tests}',
  },
  found: {
    en: '{reports} report(s) from the race detector and runtime, {findings} location(s) in the workspace, in {packages} package(s)',
    ko: '레이스 탐지기와 런타임 보고 {reports}건, 작업 영역 위치 {findings}곳 (패키지 {packages}개)',
  },
  unplaced: {
    en: '{count} report(s) had no frame in the workspace: {headlines}',
    ko: '보고 {count}건은 작업 영역 안의 프레임이 없습니다: {headlines}',
  },
  clean: { en: 'no race found: {packages} package(s) passed under -race', ko: '레이스 없음: 패키지 {packages}개가 -race 로 통과했습니다' },
  noPackages: { en: 'no test ran: no Go packages with tests matched {what}', ko: '실행된 테스트가 없습니다: {what}에 맞는 테스트 패키지가 없습니다' },
  cancelled: { en: 'cancelled after {done} package(s); the go process tree was stopped', ko: '패키지 {done}개 후 취소했습니다. go 프로세스 트리를 종료했습니다' },
  untrusted: {
    en: 'goconc runs tests with the race detector only in a trusted workspace (running tests executes the workspace\'s code).',
    ko: 'goconc는 신뢰할 수 있는 작업 영역에서만 레이스 탐지기로 테스트를 실행합니다 (테스트 실행은 작업 영역의 코드를 실행합니다).',
  },
  busy: { en: 'a race run is already in progress', ko: '레이스 실행이 이미 진행 중입니다' },
  noFolder: { en: 'open a folder with a go.mod to run its tests', ko: 'go.mod 가 있는 폴더를 열어야 테스트를 실행할 수 있습니다' },
  packageDone: { en: '{done}/{total} packages: {pkg} {status}', ko: '패키지 {done}/{total}: {pkg} {status}' },
  fixGuard: { en: 'Guard with {lock}', ko: '{lock}(으)로 보호' },
  fixAddMutex: { en: 'Add a sync.Mutex to {struct} and guard {field} here', ko: '{struct}에 sync.Mutex를 추가하고 여기서 {field}을(를) 보호' },
} satisfies Record<string, LocalText>;
