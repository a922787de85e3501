// The duration reader behind lock-ttl-shorter-than-work: its precision depends
// on it, so its edges are pinned here. (The word test that decides whether a
// SET-if-absent is used as a lock moved to the Go engine: model/redislock.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGoParser, parseGo } from '../../server/src/parse/goParser';
import { durationNs, formatDuration } from '../../server/src/rules/kvLockSupport';

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
