// `go get` from the wizard: pinned to the newest version whose go.mod the
// module satisfies, the module's `go` line unchanged, the requirement direct.
// Real go command and module proxy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addDependency, goDirective, releasesNewestFirst } from '../../server/src/scaffold/addDependency';
import { compareGoVersions } from '../../server/src/index/goMod';
import { go, goEnv, tempModule } from '../support/goModule';

describe('addDependency', () => {
  it('orders releases newest first and drops pre-releases', () => {
    assert.deepEqual(releasesNewestFirst(['v0.9.0', 'v0.10.0', 'v0.10.1-rc.1', 'v1.0.0', 'v0.2.0']), ['v1.0.0', 'v0.10.0', 'v0.9.0', 'v0.2.0']);
    assert.equal(goDirective('module m\n\ngo 1.22.3\n'), '1.22.3');
    assert.equal(goDirective('module m\n'), '');
  });

  it('adds golang.org/x/sync to a go 1.22 module without raising its go line', { timeout: 180_000 }, async () => {
    const dir = tempModule('example.com/pinned', '1.22', { 'a.go': 'package pinned\n' });
    const r = await addDependency('golang.org/x/sync', dir, { binary: 'go', env: goEnv() });
    assert.ok(r.ok, r.ok ? '' : `${r.message}\n${r.commands.join('\n')}`);
    const goMod = readFileSync(join(dir, 'go.mod'), 'utf8');
    assert.equal(goDirective(goMod), '1.22', goMod);
    assert.doesNotMatch(goMod, /toolchain/);
    assert.match(goMod, new RegExp(`golang\\.org/x/sync ${r.added.version.replace(/\./g, '\\.')}\\s*\\n`), 'a direct requirement (no // indirect)');
    assert.ok(compareGoVersions(r.added.requiresGo || '1.0', '1.22') <= 0);
    // The next newer release (if any) asks for a newer Go: this is the newest that fits.
    const versions = JSON.parse(go(['list', '-m', '-versions', '-json', 'golang.org/x/sync'], dir).output.replace(/^go: .*$/gm, '')) as { Versions: string[] };
    const newer = releasesNewestFirst(versions.Versions).filter((v) => releasesNewestFirst([v, r.added.version])[0] === v && v !== r.added.version);
    const next = newer[newer.length - 1];
    if (next) {
      const info = JSON.parse(go(['list', '-m', '-json', `golang.org/x/sync@${next}`], dir).output.replace(/^go: .*$/gm, '')) as { GoVersion: string };
      assert.ok(compareGoVersions(info.GoVersion, '1.22') > 0, `${next} asks for go ${info.GoVersion}`);
    }
    const build = go(['build', './...'], dir);
    assert.equal(build.status, 0, build.output);
  });
});
