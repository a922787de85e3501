// The editor command's server side over LSP: the package list for the
// QuickPick, a run that copies into the workspace's module, the conflict
// answer the client turns into "Overwrite?", and refusals (untrusted,
// outside the workspace, malformed params).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runtimePackagesRequest, vendorRuntimeRequest } from '../../server/src/protocol';
import { LspTestClient, serverOnCopyOf } from '../support/lspClient';

const fixture = join(__dirname, '..', 'fixtures', 'vendor', 'shop');

describe('goconc/vendorRuntime over LSP', () => {
  let dir: string;
  let client: LspTestClient;
  let stop: () => Promise<void>;
  before(async () => {
    ({ client, dir, stop } = await serverOnCopyOf(fixture, 'goconc-vendor-lsp-'));
  });
  after(() => stop());

  it('lists the public packages with what each brings along', async () => {
    const r = await client.conn.sendRequest(runtimePackagesRequest);
    assert.ok(r);
    assert.equal(r.defaultDir, 'internal/goconc');
    const byDir = new Map(r.packages.map((p) => [p.dir, p]));
    assert.deepEqual([...byDir.keys()], ['dlock', 'dlock/pgdlock', 'dlock/redisdlock', 'gormlock', 'pool', 'syncx']);
    assert.deepEqual(byDir.get('pool')!.requires, []);
    assert.match(byDir.get('pool')!.synopsis, /^Package pool /);
    assert.deepEqual(byDir.get('dlock/redisdlock')!.requires, ['github.com/redis/go-redis/v9']);
    assert.deepEqual(byDir.get('dlock/redisdlock')!.alsoCopies, ['dlock']);
  });

  it('copies into the module, then reports a changed file as a conflict that force resolves', async () => {
    const params = { moduleUri: pathToFileURL(dir).toString(), dir: 'internal/goconc', packages: ['syncx'], tidy: false, force: false };
    const done = await client.conn.sendRequest(vendorRuntimeRequest, params);
    assert.equal(done.outcome, 'done', JSON.stringify(done));
    assert.ok(done.outcome === 'done' && done.files.some((f) => f.endsWith('/internal/goconc/syncx/map.go')));
    const file = join(dir, 'internal/goconc/syncx/map.go');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, 'package syncx\n');
    const conflict = await client.conn.sendRequest(vendorRuntimeRequest, params);
    assert.deepEqual(conflict.outcome === 'refused' && conflict.reason, 'conflict');
    const forced = await client.conn.sendRequest(vendorRuntimeRequest, { ...params, force: true });
    assert.equal(forced.outcome, 'done');
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('refuses a module outside the workspace and malformed params', async () => {
    const outside = await client.conn.sendRequest(vendorRuntimeRequest, { moduleUri: pathToFileURL(tmpdir()).toString(), dir: 'x', packages: ['pool'], tidy: false, force: false });
    assert.deepEqual(outside.outcome === 'refused' && outside.reason, 'other');
    const malformed = await client.conn.sendRequest(vendorRuntimeRequest, { moduleUri: 1 } as never);
    assert.equal(malformed.outcome, 'failed');
  });

  it('does nothing in an untrusted workspace (Korean message)', async () => {
    const untrusted = new LspTestClient();
    try {
      await untrusted.initialize(dir, 'ko', { trusted: false });
      const r = await untrusted.conn.sendRequest(vendorRuntimeRequest, { moduleUri: pathToFileURL(dir).toString(), dir: 'lib', packages: ['pool'], tidy: false, force: false });
      assert.equal(r.outcome, 'refused');
      assert.match(r.outcome === 'refused' ? r.message : '', /신뢰할 수 있는 작업 영역/);
      assert.ok(!existsSync(join(dir, 'lib')));
    } finally {
      await untrusted.shutdown();
    }
  });
});
