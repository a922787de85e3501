// redis-lock-unsafe-release: a Redis lock with a TTL released with a plain
// DEL (or extended with a plain EXPIRE) of its key. Once the TTL has run out
// — a GC pause, a slow query — another process holds the key, and the plain
// DEL deletes *its* lock (a third process gets in), the plain EXPIRE extends
// it. The holder must compare its own token and act in one step: a Lua
// script (GET == ARGV[1] then DEL / PEXPIRE), as redsync, bsm/redislock and
// goconc's redisdlock do.
import { rangeOf, type Node } from '../parse/syntax';
import { mayAcquireRedisLock, redisAcquisitions, redisKeyCalls } from './kvLockSupport';
import type { Rule } from './types';

const messages = {
  unsafeDel: {
    en: '`{call}` deletes lock `{key}` without checking it still holds it: after the TTL ran out another holder owns the key and this deletes their lock (compare the token and delete in one Lua script: if GET == token then DEL)',
    ko: '`{call}`이(가) 아직 보유 중인지 확인하지 않고 락 `{key}`을(를) 지웁니다: TTL이 지난 뒤 다른 보유자가 키를 가지면 그 락을 지웁니다 (토큰 비교와 삭제를 Lua 스크립트 하나로: GET == token 이면 DEL)',
  },
  unsafeExpire: {
    en: '`{call}` extends lock `{key}` without checking it still holds it: after the TTL ran out this extends another holder\'s lock (compare the token and PEXPIRE in one Lua script)',
    ko: '`{call}`이(가) 아직 보유 중인지 확인하지 않고 락 `{key}`을(를) 연장합니다: TTL이 지난 뒤에는 다른 보유자의 락을 연장합니다 (토큰 비교와 PEXPIRE를 Lua 스크립트 하나로)',
  },
  acquiredHere: { en: 'lock taken here with a TTL', ko: '여기서 TTL과 함께 락 획득' },
};

export const redisLockUnsafeRelease: Rule = {
  meta: {
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
    messages,
  },
  check(ctx) {
    if (!mayAcquireRedisLock(ctx.text)) return;
    const reported = new Set<number>();
    for (const acq of redisAcquisitions(ctx, ctx.tree.rootNode)) {
      // Without a TTL nobody else can take the key while it is held: a plain DEL is the holder's (redis-lock-no-expiry reports the lock).
      if (acq.noExpiry) continue;
      for (const op of redisKeyCalls(ctx, acq)) {
        if (reported.has(op.call.id)) continue;
        reported.add(op.call.id);
        const fn: Node | null = op.call.childForFieldName('function');
        ctx.report({
          node: op.call,
          messageId: op.op === 'del' ? 'unsafeDel' : 'unsafeExpire',
          args: { call: `${fn?.text ?? ''}(…)`, key: acq.key.text },
          related: [{ range: rangeOf(acq.call), message: messages.acquiredHere }],
        });
      }
    }
  },
};
