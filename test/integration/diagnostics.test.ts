// Inside the extension host: goconc's diagnostics, quick fixes, commands and settings,
// asserted through the vscode API on the examples/ workspace (a scratch copy).
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));
const goconc = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'goconc');
const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const at = (d: vscode.Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)}`;

describe('goconc in the extension host', () => {
  it('activates on the Go workspace', async () => {
    const ext = vscode.extensions.getExtension('goconc.goconc');
    assert.ok(ext, 'goconc.goconc is not installed');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('publishes diagnostics for the planted bugs with rule codes and severities', async () => {
    const uri = file('internal/inventory/inventory.go');
    await vscode.window.showTextDocument(uri);
    const diags = await waitFor('inventory.go diagnostics', () => {
      const d = goconc(uri);
      return d.length >= 3 ? d : undefined;
    });
    assert.deepEqual(diags.map(at).sort(), ['24:2 lock-without-unlock', '38:3 unbounded-goroutines', '40:4 concurrent-map-write']);
    const lock = diags.find((d) => ruleOf(d) === 'lock-without-unlock')!;
    assert.equal(lock.severity, vscode.DiagnosticSeverity.Error);
    assert.match(lock.message, /not released on every path/);
    assert.equal(lock.relatedInformation?.[0]?.location.range.start.line, 25, 'related location is the early return');
  });

  it('reports the database and distributed-lock bugs and fixes a query on the outer handle', async () => {
    const uri = file('internal/stock/stock.go');
    await vscode.window.showTextDocument(uri);
    const diags = await waitFor('stock.go diagnostics', () => {
      const d = goconc(uri);
      return d.length >= 3 ? d : undefined;
    });
    assert.deepEqual(diags.map(at).sort(), ['53:9 gorm-lost-update', '78:10 gorm-tx-outer-handle', '87:13 redis-lock-no-expiry']);
    assert.ok(diags.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    const outer = diags.find((d) => ruleOf(d) === 'gorm-tx-outer-handle')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, outer.range);
    const fix = actions.find((a) => a.title === 'Run it on tx');
    assert.ok(fix?.edit, `no "Run it on tx" action; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(77).text.trim(), 'return tx.Create(&AuditEntry{ProductID: id, Delta: delta}).Error');
    await waitFor('gorm-tx-outer-handle to clear', () => (goconc(uri).some((d) => ruleOf(d) === 'gorm-tx-outer-handle') ? undefined : true));
    await doc.save();
  });

  it('reports files that are not open (workspace index)', async () => {
    const uri = file('internal/orders/orders.go');
    const diags = await waitFor('orders.go diagnostics', () => {
      const d = goconc(uri);
      return d.length >= 2 ? d : undefined;
    });
    assert.deepEqual(diags.map(at).sort(), ['31:3 unbounded-goroutines', '34:5 unsynchronized-shared-write']);
    assert.deepEqual(goconc(file('internal/cache/cache.go')), []);
  });

  it('offers "Use defer" as the preferred quick fix, and applying it clears the finding', async () => {
    const uri = file('internal/inventory/inventory.go');
    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(23, 1, 23, 1));
    const fix = actions.find((a) => a.title === 'Use defer inv.mu.Unlock()');
    assert.ok(fix, `no "Use defer" action; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const lines = doc.getText().split('\n');
    assert.equal(lines[23]?.trim(), 'inv.mu.Lock()');
    assert.equal(lines[24]?.trim(), 'defer inv.mu.Unlock()');
    assert.equal(lines.filter((l) => l.trim() === 'inv.mu.Unlock()').length, 0, 'the plain Unlock() is removed');
    // Both rules run in the Go engine: the re-check of the edited package drops the lock finding and keeps the
    // map write (which the engine publishes together with it, once the check of the new buffer is done).
    await waitFor('lock-without-unlock to disappear and concurrent-map-write to stay', () => {
      const rules = goconc(uri).map(ruleOf);
      return !rules.includes('lock-without-unlock') && rules.includes('concurrent-map-write') ? true : undefined;
    });
    await doc.save();
  });

  it('contributes its commands, and restarting the server brings the diagnostics back', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['goconc.showOutput', 'goconc.restartServer']) assert.ok(all.includes(id), `missing command ${id}`);
    const uri = file('internal/orders/orders.go');
    await vscode.commands.executeCommand('goconc.restartServer');
    await waitFor('orders.go diagnostics after restart', () => (goconc(uri).length >= 2 ? true : undefined));
  });

  it('follows the severity setting', async () => {
    const uri = file('internal/orders/orders.go');
    const config = vscode.workspace.getConfiguration('goconc');
    await config.update('rules.unbounded-goroutines', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('unbounded-goroutines to be switched off', () => (goconc(uri).some((d) => ruleOf(d) === 'unbounded-goroutines') ? undefined : true));
      assert.ok(goconc(uri).some((d) => ruleOf(d) === 'unsynchronized-shared-write'));
      await config.update('rules.unsynchronized-shared-write', 'error', vscode.ConfigurationTarget.Workspace);
      const race = await waitFor('unsynchronized-shared-write as an error', () =>
        goconc(uri).find((d) => ruleOf(d) === 'unsynchronized-shared-write' && d.severity === vscode.DiagnosticSeverity.Error),
      );
      assert.ok(race);
    } finally {
      await config.update('rules.unbounded-goroutines', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('rules.unsynchronized-shared-write', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
