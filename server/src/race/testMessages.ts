// The strings `goconc test` adds to the race runner's, in both shipped languages.
import type { LocalText } from '../l10n/locale';

export const testMessages = {
  badDuration: {
    en: '--{flag} must be a Go duration such as 5s or 1m (0 turns it off), got "{value}"',
    ko: '--{flag} 값은 5s, 1m 같은 Go 기간이어야 합니다 (0이면 끔): "{value}"',
  },
  confirms: { en: ' — confirms the static finding ({rules})', ko: ' — 정적 분석 결과({rules})를 확인합니다' },
  gapNote: { en: ' — no static rule reports this (a gap)', ko: ' — 이를 보고하는 정적 규칙이 없습니다 (공백)' },
  staticHere: { en: 'the static finding this run confirms: {rule}', ko: '이 실행이 확인한 정적 분석 결과: {rule}' },
  clean: {
    en: 'no race, goroutine leak, deadlock or hang found: {packages} package(s) passed under goconc test',
    ko: '레이스·고루틴 누수·교착·멈춤 없음: 패키지 {packages}개가 goconc test 로 통과했습니다',
  },
  testMainNotWrapped: {
    en: "{pkg}: {file}: TestMain does not call {param}.Run() itself, so goconc's leak check is off there (the deadlock and hang checks run)",
    ko: '{pkg}: {file}: TestMain 이 {param}.Run() 을 직접 호출하지 않아 goconc 의 누수 검사는 꺼져 있습니다 (교착·멈춤 검사는 실행됨)',
  },
  confirmation: {
    en: '{confirmed} static finding(s) confirmed at run time; {gaps} run-time finding(s) with no static counterpart (gaps)',
    ko: '정적 분석 결과 {confirmed}건이 실행 시 확인되었습니다. 정적 분석이 놓친 실행 시 결과 {gaps}건 (공백)',
  },
  buildFailedPackage: {
    en: '{pkg}: does not build, its tests did not run: {first}',
    ko: '{pkg}: 빌드되지 않아 테스트가 실행되지 않았습니다: {first}',
  },
  noEngine: {
    en: 'static confirmation ran without the Go engine\'s rules: {error}',
    ko: 'Go 엔진의 규칙 없이 정적 확인을 했습니다: {error}',
  },
  gap: { en: 'gap: no static rule reports this; seen at run time: {message}', ko: '공백: 정적 규칙이 보고하지 않았고 실행 시 발견됨: {message}' },
} satisfies Record<string, LocalText>;
