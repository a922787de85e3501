// Messages of the runtime vendoring, in both shipped languages, and the
// refusal error that carries one of them.
import { format, type Locale, type LocalText } from '../l10n/locale';

export const vendorText = {
  noRuntime: { en: 'the primitives runtime was not found at {dir}', ko: '프리미티브 런타임을 찾지 못했습니다: {dir}' },
  unknownPackage: {
    en: 'unknown runtime package "{name}"; choose from {names}',
    ko: '알 수 없는 런타임 패키지 "{name}"; 다음 중에서 고르세요: {names}',
  },
  noPackages: { en: 'no runtime package chosen', ko: '선택한 런타임 패키지가 없습니다' },
  noGoMod: {
    en: 'no go.mod in {dir}; run `go mod init <module path>` there first, or pass --module-dir',
    ko: '{dir} 에 go.mod 가 없습니다. 먼저 그곳에서 `go mod init <모듈 경로>` 를 실행하거나 --module-dir 을 지정하세요',
  },
  noModuleLine: { en: '{file} has no module line', ko: '{file} 에 module 줄이 없습니다' },
  goTooOld: {
    en: '{file} says go {have}; the runtime needs go {need} or newer (run: go mod edit -go={need})',
    ko: '{file} 의 go 버전은 {have} 입니다. 런타임에는 go {need} 이상이 필요합니다 (실행: go mod edit -go={need})',
  },
  badDir: {
    en: '--dir must be a relative folder inside the module, without "..", vendor, testdata or names starting with "." or "_": "{dir}"',
    ko: '--dir 은 모듈 안의 상대 폴더여야 하며 "..", vendor, testdata, "." 또는 "_" 로 시작하는 이름을 쓸 수 없습니다: "{dir}"',
  },
  nestedModule: {
    en: '{dir} belongs to another module ({goMod}); choose a folder of this module',
    ko: '{dir} 은 다른 모듈({goMod})에 속합니다. 이 모듈의 폴더를 고르세요',
  },
  exists: {
    en: '{path} already exists with different content; pass --force to overwrite it, or choose another --dir',
    ko: '{path} 가 이미 있고 내용이 다릅니다. 덮어쓰려면 --force 를 주거나 다른 --dir 을 고르세요',
  },
  extraFile: {
    en: '{path} would become part of a copied package; move it, or pass --force to remove it',
    ko: '{path} 가 복사할 패키지에 섞이게 됩니다. 옮기거나, 지우려면 --force 를 주세요',
  },
  noGo: {
    en: 'the go tool ({go}) was not found; it is needed to add {modules} to go.mod (install Go: https://go.dev/dl/)',
    ko: 'go 도구({go})를 찾지 못했습니다. go.mod 에 {modules} 를 추가하려면 필요합니다 (Go 설치: https://go.dev/dl/)',
  },
  noGoTool: { en: 'the go tool ({go}) was not found (install Go: https://go.dev/dl/)', ko: 'go 도구({go})를 찾지 못했습니다 (Go 설치: https://go.dev/dl/)' },
  goFailed: { en: '`{command}` failed in {dir}: {error}', ko: '{dir} 에서 `{command}` 가 실패했습니다: {error}' },
  untrusted: {
    en: 'goconc adds the runtime only in a trusted workspace: go get and go mod tidy act on its go.mod',
    ko: 'goconc는 신뢰할 수 있는 작업 영역에서만 런타임을 추가합니다: go get 과 go mod tidy 가 go.mod 에 따라 동작합니다',
  },
  outsideWorkspace: { en: '{dir} is not inside an open workspace folder', ko: '{dir} 은 열린 작업 영역 폴더 안에 있지 않습니다' },
  busy: { en: 'the runtime is already being added', ko: '런타임을 이미 추가하는 중입니다' },
  copied: {
    en: 'copied {packages} into {dir} ({written} file(s) written, {unchanged} unchanged)',
    ko: '{packages} 를 {dir} 에 복사했습니다 (파일 {written}개 작성, {unchanged}개 그대로)',
  },
  removed: { en: 'removed {paths}', ko: '삭제함: {paths}' },
  required: { en: 'go.mod requires {requirements}', ko: 'go.mod 에 추가된 요구 사항: {requirements}' },
  noRequirements: { en: 'no new requirements (standard library only)', ko: '새 요구 사항 없음 (표준 라이브러리만 사용)' },
  tidied: { en: 'ran go mod tidy', ko: 'go mod tidy 를 실행했습니다' },
  revendored: { en: 'ran go mod vendor (the module vendors its dependencies)', ko: 'go mod vendor 를 실행했습니다 (모듈이 의존성을 vendor/ 에 둡니다)' },
  notTidied: { en: 'go.mod was not tidied: run `go mod tidy` when convenient', ko: 'go.mod 를 정리하지 않았습니다: 편할 때 `go mod tidy` 를 실행하세요' },
  importAs: { en: 'import as "{importBase}/<package>"', ko: '가져오기 경로: "{importBase}/<패키지>"' },
  standardLibrary: { en: 'standard library', ko: '표준 라이브러리' },
  alsoCopies: { en: 'also copies {dirs}', ko: '{dirs} 도 함께 복사' },
} satisfies Record<string, LocalText>;

/** The user can fix this (wrong folder, old go directive, existing files): one line, exit code 2. */
export class VendorRefusal extends Error {
  constructor(
    readonly text: LocalText,
    readonly args: Record<string, string | number> = {},
  ) {
    super(format(text, 'en', args));
  }

  localized(locale: Locale): string {
    return format(this.text, locale, this.args);
  }
}

/** A go command failed (network, module proxy, a broken go.mod): exit code 1. */
export class GoCommandError extends VendorRefusal {}
