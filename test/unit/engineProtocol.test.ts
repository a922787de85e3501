// The editor's side of the engine protocol against the real engine (`goconc-engine serve`): the
// request typed in server/src/goEngine/protocol.ts, answered by engine/cmd/goconc-engine/serve.go.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ensureEngineBinary } from '../../server/src/goEngine/engineBinary';
import { EngineProcess } from '../../server/src/goEngine/engineProcess';

const dir = join(__dirname, '..', 'fixtures', 'double-lock');

describe('engine protocol', () => {
  const engine = new EngineProcess(ensureEngineBinary(), () => {});
  after(() => engine.dispose());

  it('answers a check in the language it asks for, related locations included', async () => {
    const ko = await engine.check({ dir, patterns: ['./...'], lang: 'ko' });
    const first = ko.findings.find((f) => f.rule === 'double-lock' && f.file.endsWith('bad.go') && f.line === 14);
    assert.ok(first, JSON.stringify(ko));
    assert.equal(first.message, 'a.mu을(를) 이미 잡은 상태에서 다시 잠급니다 (11행에서 잠금): Go 뮤텍스는 재진입할 수 없습니다');
    assert.deepEqual(first.related.map((r) => r.message), ['여기서 잠급니다']);

    const en = await engine.check({ dir, patterns: ['./...'] });
    const same = en.findings.find((f) => f.rule === 'double-lock' && f.file.endsWith('bad.go') && f.line === 14);
    assert.equal(same?.message, 'a.mu is locked again while already held (locked at line 11): Go mutexes are not re-entrant');
  });

  // What the editor does while the user types: the package of the file, its unsaved text as an overlay. After one
  // check through go vet the engine replays go vet's recorded plan (no go command), with the same findings at the
  // positions of the new text, on the user's file name.
  it('re-checks a package after an edit by replaying go vet\'s plan, with the edited text\'s positions', async () => {
    const bad = join(dir, 'bad.go');
    const text = readFileSync(bad, 'utf8');
    const edited = (n: number) => text.replace('package doublelock\n', `package doublelock\n${'\n'.repeat(n)}// edit ${Date.now()}\n`);
    const line14 = (r: { findings: { rule: string; file: string; line: number }[] }, shift: number) =>
      r.findings.some((f) => f.rule === 'double-lock' && f.file === bad && f.line === 14 + shift);
    const first = await engine.check({ key: 'edit', dir, patterns: ['.'], overlay: { [bad]: edited(0) } });
    assert.ok(line14(first, 1), JSON.stringify(first.findings));
    const second = await engine.check({ key: 'edit', dir, patterns: ['.'], overlay: { [bad]: edited(3) } });
    assert.equal(second.replayed, true);
    assert.ok(line14(second, 4), JSON.stringify(second.findings));
    assert.deepEqual(
      second.findings.filter((f) => f.file !== bad).map((f) => `${f.file}:${f.line} ${f.message}`),
      first.findings.filter((f) => f.file !== bad).map((f) => `${f.file}:${f.line} ${f.message}`),
    );
  });
});
