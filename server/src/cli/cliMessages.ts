// The CLI's own strings, in both shipped languages.
import type { LocalText } from '../l10n/locale';

export const cliMessages = {
  usage: {
    en: `usage: goconc <command> [options]

commands:
  check [--format text|json|sarif] [--fail-on warning|error] [--rule id=severity] [paths…]
        analyse Go files (default: the current folder, recursively)
  checklist [--format text|json|markdown] [path]
        evaluate the concurrency checklist (CI -race, findings, deployments);
        exit 1 when an item fails
  race [--format text|json|sarif] [packages…] [-- go test flags]
        run go test -race -json and place each race / runtime report on its lines
  race --parse [--input file] [--format …]
        read the output of a -race binary (stdin or --input) and place its reports

options for every command:
  --lang en|ko    language of messages (default: from LANG)
  --help          show this help`,
    ko: `사용법: goconc <명령> [옵션]

명령:
  check [--format text|json|sarif] [--fail-on warning|error] [--rule id=심각도] [경로…]
        Go 파일 분석 (기본값: 현재 폴더, 하위 폴더 포함)
  checklist [--format text|json|markdown] [경로]
        동시성 체크리스트 평가 (CI -race, 발견된 문제, 배포 설정);
        실패한 항목이 있으면 종료 코드 1
  race [--format text|json|sarif] [패키지…] [-- go test 플래그]
        go test -race -json 을 실행하고 레이스·런타임 보고를 해당 줄에 표시
  race --parse [--input 파일] [--format …]
        -race 바이너리의 출력(표준 입력 또는 --input)을 읽어 보고를 표시

공통 옵션:
  --lang en|ko    메시지 언어 (기본값: LANG 환경 변수)
  --help          도움말 표시`,
  },
  unknownCommand: { en: 'unknown command "{name}" (try: goconc --help)', ko: '알 수 없는 명령 "{name}" (goconc --help 참고)' },
  badOption: { en: '{error} (try: goconc --help)', ko: '{error} (goconc --help 참고)' },
  badFormat: { en: '--format must be one of {allowed}, got "{value}"', ko: '--format 값은 {allowed} 중 하나여야 합니다: "{value}"' },
  badFailOn: { en: '--fail-on must be warning or error, got "{value}"', ko: '--fail-on 값은 warning 또는 error 여야 합니다: "{value}"' },
  badRule: { en: '--rule must look like <rule-id>=off|hint|information|warning|error, got "{value}"', ko: '--rule 형식은 <규칙-id>=off|hint|information|warning|error 입니다: "{value}"' },
  unknownRule: { en: 'unknown rule "{id}" in --rule', ko: '--rule 에 알 수 없는 규칙 "{id}"' },
  noGoFiles: { en: 'no Go files found in {paths}', ko: '{paths} 에서 Go 파일을 찾지 못했습니다' },
  summary: { en: '{count} finding(s) in {files} file(s)', ko: '파일 {files}개에서 문제 {count}건' },
  skipped: { en: 'skipped {path}: {error}', ko: '{path} 건너뜀: {error}' },
  checklistOnePath: { en: 'checklist takes one folder, got {count}', ko: 'checklist 는 폴더 하나만 받습니다: {count}개' },
  notAFolder: { en: 'not a folder: {path}', ko: '폴더가 아닙니다: {path}' },
  indexing: { en: 'indexing {done}/{total} files', ko: '파일 색인 중 {done}/{total}' },
} satisfies Record<string, LocalText>;
