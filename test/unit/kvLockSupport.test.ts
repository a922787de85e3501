// The word test that decides whether a SET-if-absent is "used as a lock", and
// the duration reader behind lock-ttl-shorter-than-work: precision depends on
// both, so their edges are pinned here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGoParser, parseGo } from '../../server/src/parse/goParser';
import { durationNs, formatDuration, mentionsLock } from '../../server/src/rules/kvLockSupport';

describe('mentionsLock', () => {
  it('finds lock words as whole words and camelCase humps', () => {
    for (const s of ['lockKey', '"lock:" + id', 'jobLock', 'LEADER_KEY', 'leaseName', 'fmt.Sprintf("mutex:%d", id)', 'acquireLocker', 'semaphore']) {
      assert.ok(mentionsLock(s), s);
    }
  });
  it('does not take block, clock, unlock, release or select for a lock', () => {
    for (const s of ['blockKey', '"block:" + hash', 'clockSkew', 'unlockedAt', 'releaseNotes', 'selectKey', '"seen:" + id']) {
      assert.equal(mentionsLock(s), false, s);
    }
  });
});

describe('durationNs', () => {
  const imports = { time: 'time' };
  it('reads literal durations', async () => {
    const parser = await createGoParser();
    const expr = (src: string) => parseGo(parser, `package p\nvar d = ${src}\n`).rootNode.descendantsOfType('expression_list')[0]!.namedChild(0)!;
    assert.equal(durationNs(expr('10 * time.Second'), imports), 10e9);
    assert.equal(durationNs(expr('time.Minute'), imports), 60e9);
    assert.equal(durationNs(expr('(2*time.Minute + 30*time.Second)'), imports), 150e9);
    assert.equal(durationNs(expr('time.Duration(5) * time.Millisecond'), imports), 5e6);
    assert.equal(durationNs(expr('ttl'), imports), undefined);
    assert.equal(durationNs(expr('cfg.TTL * time.Second'), imports), undefined);
    assert.equal(formatDuration(150e9), '150s');
    assert.equal(formatDuration(2500e6), '2500ms');
    assert.equal(formatDuration(3600e9), '1h');
  });
});
