// Building blocks shared by the pattern templates.
import type { LocalText } from '../../l10n/locale';
import type { GeneratedCode, ImportNeed, ModuleDependency, ParamSpec } from '../types';

export const imp = (path: string, name = path.slice(path.lastIndexOf('/') + 1)): ImportNeed => ({ path, name });

export const std = {
  context: imp('context'),
  errors: imp('errors'),
  fmt: imp('fmt'),
  sync: imp('sync'),
  atomic: imp('sync/atomic'),
  time: imp('time'),
  testing: imp('testing'),
  rand: imp('math/rand'),
  cryptoRand: imp('crypto/rand', 'rand'),
  hex: imp('encoding/hex'),
  fnv: imp('hash/fnv'),
};

export const lib = {
  gorm: imp('gorm.io/gorm'),
  clause: imp('gorm.io/gorm/clause'),
  redis: imp('github.com/redis/go-redis/v9', 'redis'),
  pgx: imp('github.com/jackc/pgx/v5', 'pgx'),
  pgxpool: imp('github.com/jackc/pgx/v5/pgxpool'),
  errgroup: imp('golang.org/x/sync/errgroup'),
};

export const deps: Record<'gorm' | 'redis' | 'pgx' | 'xsync', ModuleDependency> = {
  gorm: { module: 'gorm.io/gorm', why: { en: 'GORM, the ORM the helper works with', ko: '헬퍼가 사용하는 ORM, GORM' } },
  redis: { module: 'github.com/redis/go-redis/v9', why: { en: 'the Redis client', ko: 'Redis 클라이언트' } },
  pgx: { module: 'github.com/jackc/pgx/v5', why: { en: 'the PostgreSQL driver and pool', ko: 'PostgreSQL 드라이버와 커넥션 풀' } },
  xsync: { module: 'golang.org/x/sync', why: { en: 'errgroup with SetLimit', ko: 'SetLimit 을 지원하는 errgroup' } },
};

export function param(id: string, kind: ParamSpec['kind'], def: string, en: string, ko: string, choices?: ParamSpec['choices']): ParamSpec {
  return { id, kind, default: def, label: { en, ko }, ...(choices ? { choices } : {}) };
}

/** A parameter only the pre-generics code uses (and the shipped test, to instantiate the generic one). */
export const pre118 = (p: ParamSpec): ParamSpec => ({ ...p, onlyBefore: '1.18' });

/** Assembles a result, de-duplicating imports by path. */
export function generated(code: string, imports: ImportNeed[], extra: Partial<Omit<GeneratedCode, 'code' | 'imports'>> = {}): GeneratedCode {
  const uniq = (list: ImportNeed[]) => [...new Map(list.map((i) => [i.path, i])).values()];
  return {
    code: code.replace(/^\n+/, '').replace(/\s*$/, '\n'),
    imports: uniq(imports),
    dependencies: extra.dependencies ?? [],
    notes: extra.notes ?? [],
    ...(extra.test ? { test: { code: extra.test.code.replace(/^\n+/, '').replace(/\s*$/, '\n'), imports: uniq(extra.test.imports) } } : {}),
  };
}

export const notes = {
  noGenerics: {
    en: 'The module declares a Go version before 1.18, so the code uses concrete types instead of type parameters.',
    ko: '모듈의 Go 버전이 1.18 미만이라 타입 매개변수 대신 구체 타입을 씁니다.',
  },
  loopCopy: {
    en: 'Before Go 1.22 loop variables are shared between iterations, so the code copies them before capturing.',
    ko: 'Go 1.22 이전에는 반복 변수가 반복마다 공유되므로 캡처 전에 복사합니다.',
  },
  raisesGo: {
    en: 'Adding {module} with `go get` may raise the `go` directive of go.mod to what the library needs.',
    ko: '`go get` 으로 {module} 을(를) 추가하면 go.mod 의 `go` 지시어가 라이브러리 요구 버전으로 올라갈 수 있습니다.',
  },
} satisfies Record<string, LocalText>;

/** `interface{}` before Go 1.18, `any` after. */
export const anyType = (hasAny: boolean) => (hasAny ? 'any' : 'interface{}');
