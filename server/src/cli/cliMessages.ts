// The CLI's own strings, in both shipped languages.
import type { LocalText } from '../l10n/locale';

export const cliMessages = {
  usage: {
    en: `usage: goconc <command> [options]

commands:
  check [--format text|json|sarif] [--fail-on warning|error] [--rule id=severity] [paths…]
        analyse Go files, folders or package patterns (./..., net/...)
        (default: the current folder, recursively)
  vettool
        print the Go engine's path for: go vet -vettool=$(goconc vettool) ./...
  checklist [--format text|json|markdown] [--test-results goconc-test.json] [path]
        evaluate the concurrency checklist (CI -race, findings, deployments);
        --test-results adds a saved goconc test --format json run (confirmed
        static findings, gaps); exit 1 when an item fails
  test [--format text|json|sarif] [--deadlock-after 5s] [--test-deadline 60s]
       [--no-leaks] [--no-confirm] [packages…] [-- go test flags, e.g. -count=5 -cpu=1,4]
        run go test -race -json with goroutine-leak, deadlock and hang checks
        (added through -overlay; your files are not changed); place every race,
        leak and blocked goroutine on its lines and mark the static findings it confirms
  race [--format text|json|sarif] [packages…] [-- go test flags]
        run go test -race -json and place each race / runtime report on its lines
  race --parse [--input file] [--format …]
        read a -race binary's output or a saved go test -json stream (stdin or --input)
  scaffold <pattern> [--name N] [--out file.go] [--package p] [--go 1.22] [--set key=value] [--test]
        generate a concurrency pattern (list them: goconc scaffold --list)
  vendor-runtime [--packages pool,syncx,gormlock,dlock/...] [--dir internal/goconc]
                 [--module-dir .] [--tidy] [--force]
        copy the primitives runtime into your module, rewrite its imports and
        add its requirements (default: every package); exit 1 when a go
        command fails, 2 when it refuses (no go.mod, old go directive,
        existing files that differ: --force overwrites)

options for every command:
  --lang en|ko    language of messages (default: from LANG)
  --help          show this help`,
    ko: `사용법: goconc <명령> [옵션]

명령:
  check [--format text|json|sarif] [--fail-on warning|error] [--rule id=심각도] [경로…]
        Go 파일 분석 (기본값: 현재 폴더, 하위 폴더 포함)
  vettool
        go vet -vettool=$(goconc vettool) ./... 에 쓸 Go 엔진 경로 출력
  checklist [--format text|json|markdown] [--test-results goconc-test.json] [경로]
        동시성 체크리스트 평가 (CI -race, 발견된 문제, 배포 설정);
        --test-results 는 저장된 goconc test --format json 결과를 더함 (확인된
        정적 결과, 공백); 실패한 항목이 있으면 종료 코드 1
  test [--format text|json|sarif] [--deadlock-after 5s] [--test-deadline 60s]
       [--no-leaks] [--no-confirm] [패키지…] [-- go test 플래그, 예: -count=5 -cpu=1,4]
        고루틴 누수·교착·멈춤 검사를 더해 go test -race -json 실행 (-overlay 사용,
        파일은 바뀌지 않음); 레이스·누수·막힌 고루틴을 해당 줄에 표시하고
        실행 시 확인된 정적 분석 결과를 표시
  race [--format text|json|sarif] [패키지…] [-- go test 플래그]
        go test -race -json 을 실행하고 레이스·런타임 보고를 해당 줄에 표시
  race --parse [--input 파일] [--format …]
        -race 바이너리 출력이나 저장된 go test -json 스트림(표준 입력 또는 --input)을 읽어 표시
  scaffold <패턴> [--name 이름] [--out 파일.go] [--package p] [--go 1.22] [--set 키=값] [--test]
        동시성 패턴 코드 생성 (목록: goconc scaffold --list)
  vendor-runtime [--packages pool,syncx,gormlock,dlock/...] [--dir internal/goconc]
                 [--module-dir .] [--tidy] [--force]
        프리미티브 런타임을 모듈에 복사하고 import 경로를 바꾸며 필요한
        요구 사항을 추가 (기본값: 모든 패키지); go 명령이 실패하면 종료 코드 1,
        거부하면 2 (go.mod 없음, 낮은 go 버전, 내용이 다른 기존 파일:
        --force 로 덮어쓰기)

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
  summary: { en: '{count} finding(s); {files} file(s) analysed', ko: '문제 {count}건, 분석한 파일 {files}개' },
  skipped: { en: 'skipped {path}: {error}', ko: '{path} 건너뜀: {error}' },
  packageNotAnalysed: { en: 'not analysed by the Go engine: {pkg}: {error}', ko: 'Go 엔진이 분석하지 못함: {pkg}: {error}' },
  engineFailed: { en: 'the Go engine failed on {dir}: {error}', ko: 'Go 엔진이 {dir} 에서 실패했습니다: {error}' },
  engineUnavailable: {
    en: 'the Go engine could not run, so no rule was checked: {error}',
    ko: 'Go 엔진을 실행하지 못해 어떤 규칙도 검사하지 않았습니다: {error}',
  },
  checklistOnePath: { en: 'checklist takes one folder, got {count}', ko: 'checklist 는 폴더 하나만 받습니다: {count}개' },
  notAFolder: { en: 'not a folder: {path}', ko: '폴더가 아닙니다: {path}' },
  indexing: { en: 'indexing {done}/{total} files', ko: '파일 색인 중 {done}/{total}' },
  scaffoldNeedsPattern: { en: 'scaffold needs a pattern (list them: goconc scaffold --list)', ko: 'scaffold 에는 패턴이 필요합니다 (목록: goconc scaffold --list)' },
  scaffoldUnknown: { en: 'unknown pattern "{name}" (list them: goconc scaffold --list)', ko: '알 수 없는 패턴 "{name}" (목록: goconc scaffold --list)' },
  scaffoldExtra: { en: 'unexpected arguments: {args}', ko: '예상하지 못한 인자: {args}' },
  scaffoldBadSet: { en: '--set must look like key=value, got "{value}"', ko: '--set 형식은 키=값 입니다: "{value}"' },
  scaffoldBadGo: { en: '--go must be a Go version such as 1.22, got "{value}"', ko: '--go 는 1.22 같은 Go 버전이어야 합니다: "{value}"' },
  scaffoldBadPackage: { en: 'package name "{value}" is not a Go identifier (use --package)', ko: '패키지 이름 "{value}" 이(가) Go 식별자가 아닙니다 (--package 사용)' },
  scaffoldOutGo: { en: '--out must name a .go file, got {path}', ko: '--out 은 .go 파일이어야 합니다: {path}' },
  scaffoldExists: { en: '{path} already exists; not overwriting it', ko: '{path} 이(가) 이미 있어 덮어쓰지 않습니다' },
  scaffoldWrote: { en: 'wrote {path}', ko: '{path} 작성함' },
  scaffoldDependency: { en: 'needs {module} ({why}): run `go get {module}` in the module', ko: '{module} 필요 ({why}): 모듈에서 `go get {module}` 실행' },
} satisfies Record<string, LocalText>;
