// redis-lock-no-expiry: a Redis lock taken with SET-if-absent and no expiry
// (`SetNX(ctx, key, v, 0)`, `SetArgs` with Mode "NX" and no TTL, `SET … NX`
// without PX/EX). A holder that crashes, is killed or loses its network
// before releasing it leaves the key forever: every later Lock fails until a
// human deletes it. An EXPIRE sent as a second command has the same hole
// between the two commands.
import { rangeOf } from '../parse/syntax';
import { isLockLike, mayAcquireRedisLock, methodName, redisAcquisitions, redisKeyCalls } from './kvLockSupport';
import type { Rule } from './types';

const messages = {
  noExpiry: {
    en: '`{call}` takes lock `{key}` with no expiry: if the holder crashes before releasing it, the key stays and nobody gets the lock again (set a TTL in the same command, e.g. SetNX(ctx, key, token, ttl), and renew it while working)',
    ko: '`{call}`이(가) 락 `{key}`을(를) 만료 없이 잡습니다: 보유자가 해제 전에 죽으면 키가 남아 아무도 다시 락을 얻지 못합니다 (같은 명령에서 TTL 지정, 예: SetNX(ctx, key, token, ttl), 작업 중에는 갱신)',
  },
  separateExpire: {
    en: '`{call}` takes lock `{key}` with no expiry and sets it with a separate `{expire}`: a crash between the two commands leaves a lock that never expires (pass the TTL to SetNX itself)',
    ko: '`{call}`이(가) 락 `{key}`을(를) 만료 없이 잡고 별도의 `{expire}`로 만료를 설정합니다: 두 명령 사이에 죽으면 영원히 만료되지 않는 락이 남습니다 (TTL을 SetNX에 직접 전달)',
  },
  expireHere: { en: 'expiry set by a second command here', ko: '여기서 두 번째 명령으로 만료 설정' },
  releaseHere: { en: 'released here', ko: '여기서 해제' },
};

export const redisLockNoExpiry: Rule = {
  meta: {
    id: 'redis-lock-no-expiry',
    title: { en: 'Redis lock without expiry', ko: '만료 없는 Redis 락' },
    description: {
      en: 'A lock taken with SETNX / SET NX and no TTL stays forever when its holder crashes before releasing it.',
      ko: 'TTL 없이 SETNX / SET NX로 잡은 락은 보유자가 해제 전에 죽으면 영원히 남습니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'distributed-lock-reviewed',
    fixable: false,
    messages,
  },
  check(ctx) {
    if (!mayAcquireRedisLock(ctx.text)) return;
    for (const acq of redisAcquisitions(ctx, ctx.tree.rootNode)) {
      if (!acq.noExpiry) continue;
      const call = acq.call;
      // Used as a lock: the key or function says so, or the same key is deleted (released) nearby.
      const keyOps = redisKeyCalls(ctx, acq);
      const releases = keyOps.filter((k) => k.op === 'del');
      if (!isLockLike(acq) && releases.length === 0) continue;
      const expire = keyOps.find((k) => k.op === 'expire' && k.call.startIndex > call.startIndex && k.sameFunction);
      const callText = `${call.childForFieldName('function')?.text ?? ''}(…)`;
      ctx.report({
        node: call,
        messageId: expire ? 'separateExpire' : 'noExpiry',
        args: { call: callText, key: acq.key.text, expire: expire ? `${methodName(expire.call)}(…)` : '' },
        related: expire
          ? [{ range: rangeOf(expire.call), message: messages.expireHere }]
          : releases.map((r) => ({ range: rangeOf(r.call), message: messages.releaseHere })),
      });
    }
  },
};
