// "Ignore here" writes a suppression the analysis honours, on its own line
// above the finding with the finding's indentation; "Change severity" runs the
// client command with the rule id. In the user's language only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changeSeverityCommand, suppressionActions } from '../../server/src/actions/suppressionActions';
import { isSuppressed, suppressionsOf } from '../../server/src/engine/suppressions';

const text = 'package p\n\nfunc f(m map[int]int) {\n\tgo func() { m[1] = 1 }()\n}\n';
const diagnostic = { range: { start: { line: 3, character: 13 }, end: { line: 3, character: 17 } }, message: 'x', source: 'goconc', code: 'concurrent-map-write' };

describe('suppression code actions', () => {
  it('Ignore here inserts //goconc:ignore <rule> <reason> above the line, which the analysis honours', () => {
    const [ignore, severity] = suppressionActions({ uri: 'file:///p.go', rule: 'concurrent-map-write', line: 3, diagnostic }, text.split('\n')[3], 'en');
    assert.equal(ignore!.title, 'Ignore concurrent-map-write here (//goconc:ignore)');
    const edits = ignore!.edit!.changes!['file:///p.go']!;
    const after = TextDocument.applyEdits(TextDocument.create('file:///p.go', 'go', 0, text), edits);
    assert.equal(after.split('\n')[3], '\t//goconc:ignore concurrent-map-write TODO: why this is safe');
    assert.equal(isSuppressed(suppressionsOf(after), 4, 'concurrent-map-write'), true);
    assert.deepEqual(severity!.command, { title: 'Change severity for concurrent-map-write…', command: changeSeverityCommand, arguments: ['concurrent-map-write'] });
  });

  it('speaks one language', () => {
    const ko = suppressionActions({ uri: 'file:///p.go', rule: 'r', line: 3, diagnostic }, '\tx', 'ko');
    assert.ok(ko.every((a) => !/Ignore|Change/.test(a.title)));
    const en = suppressionActions({ uri: 'file:///p.go', rule: 'r', line: 3, diagnostic }, '\tx', 'en');
    assert.ok(en.every((a) => !/[\uac00-\ud7a3]/.test(a.title + JSON.stringify(a.edit ?? {}))));
  });
});
