// The work-done progress the server shows from start until every first diagnostic is published.
import type { LocalText } from './l10n/locale';

export const progressMessages = {
  title: { en: 'goconc', ko: 'goconc' },
  indexing: { en: 'indexing Go files {done}/{total}', ko: 'Go 파일 색인 중 {done}/{total}' },
  analysing: { en: 'analysing {files} Go files', ko: 'Go 파일 {files}개 분석 중' },
  engine: { en: 'checking the lock rules with the Go engine', ko: 'Go 엔진으로 잠금 규칙 검사 중' },
} satisfies Record<string, LocalText>;
