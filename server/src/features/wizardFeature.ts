// The wizard in the language server: serves the decision trees and patterns
// in the user's language, describes the code under the cursor, and turns
// answers into edits (insert at the cursor, rewrite the struct/loop/transaction
// under it, or create a new file). The client only shows and applies them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser } from 'web-tree-sitter';
import type { Locale, LocalText } from '../l10n/locale';
import { createGoParser } from '../parse/goParser';
import {
  wizardAddDependenciesRequest,
  wizardCatalogRequest,
  wizardCheckRequest,
  wizardContextRequest,
  wizardPreviewRequest,
  type WizardAddDependenciesResult,
  type WizardCheckResult,
  type WizardFileEdit,
  type WizardCatalog,
  type WizardContextInfo,
  type WizardNode,
  type WizardPreview,
  type WizardPreviewParams,
} from '../protocol';
import { goTestCommand } from '../race/goTestRunner';
import { addDependency } from '../scaffold/addDependency';
import { addFieldsEdit, applyScaffold, contextAt, fitIntoPackage } from '../scaffold/apply';
import { readModifyWriteModel } from '../scaffold/callOptimisticHelper';
import { minimalEdit } from '../scaffold/edits';
import { gofmt } from '../scaffold/gofmt';
import { applyOffsetEdits } from '../scaffold/imports';
import { packageDeclarations } from '../scaffold/packageDecls';
import type { ReusedType } from '../scaffold/reuseDeclarations';
import { describeProblems, typeCheckPackage } from '../scaffold/typeCheck';
import type { GoTool } from '../vendor/goCommand';
import { readGoSettings } from './raceFeature';
import { suggestedNode, type CursorContext } from '../scaffold/context';
import { contextPatterns } from '../scaffold/contextual';
import { isGoIdentifier } from '../scaffold/names';
import { renderFile } from '../scaffold/render';
import { ruleBranches } from '../scaffold/ruleBranches';
import { patterns, scaffold } from '../scaffold/scaffold';
import { decisionTrees } from '../scaffold/trees';
import type { ParamSpec } from '../scaffold/types';
import type { ServerContext, ServerFeature } from './feature';

const t = (text: LocalText, locale: Locale) => text[locale];

function params(list: ParamSpec[], locale: Locale) {
  return list.map((p) => ({
    id: p.id,
    label: t(p.label, locale),
    kind: p.kind,
    default: p.default,
    ...(p.choices ? { choices: p.choices.map((c) => ({ value: c.value, label: t(c.label, locale) })) } : {}),
    ...(p.onlyBefore ? { onlyBefore: p.onlyBefore } : {}),
  }));
}

export function wizardCatalog(locale: Locale): WizardCatalog {
  const nodes: Record<string, WizardNode> = {};
  for (const tree of decisionTrees) {
    for (const n of Object.values(tree.nodes)) {
      nodes[n.id] =
        n.kind === 'question'
          ? {
              kind: 'question',
              id: n.id,
              title: t(n.title, locale),
              ...(n.help ? { help: t(n.help, locale) } : {}),
              options: n.options.map((o) => ({ label: t(o.label, locale), next: o.next, ...(o.description ? { description: t(o.description, locale) } : {}) })),
            }
          : { kind: 'leaf', id: n.id, title: t(n.title, locale), why: t(n.why, locale), tradeoffs: n.tradeoffs.map((x) => t(x, locale)), pitfalls: n.pitfalls.map((x) => t(x, locale)), patterns: n.patterns };
    }
  }
  const all: WizardCatalog['patterns'] = {};
  for (const p of patterns) all[p.id] = { id: p.id, title: t(p.title, locale), summary: t(p.summary, locale), params: params(p.params, locale) };
  for (const p of contextPatterns) all[p.id] = { id: p.id, title: t(p.title, locale), summary: t(p.summary, locale), params: params(p.params, locale), appliesTo: p.appliesTo };
  return { trees: decisionTrees.map((x) => ({ id: x.id, title: t(x.title, locale), root: x.root })), nodes, patterns: all, ruleBranches };
}

function describe(ctx: CursorContext, locale: Locale): string | undefined {
  switch (ctx.kind) {
    case 'struct':
      return locale === 'ko' ? `구조체 ${ctx.name} (필드 ${ctx.fields.length}개)` : `struct ${ctx.name} (${ctx.fields.length} fields)`;
    case 'goLoop':
      return locale === 'ko' ? `고루틴 ${ctx.goCount}개를 시작하는 루프` : `loop starting ${ctx.goCount} goroutine(s)`;
    case 'transaction':
      return locale === 'ko' ? `트랜잭션 안의 ${ctx.txName}.${ctx.readCall.method}` : `${ctx.txName}.${ctx.readCall.method} inside a transaction`;
    default:
      return undefined;
  }
}

/** The package of the Go files in `dir` (or derived from its name). */
function packageIn(dir: string, knownPackage?: string): string {
  if (knownPackage) return knownPackage;
  try {
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
      const m = /^\s*package\s+([\p{L}_][\p{L}\p{Nd}_]*)/mu.exec(readFileSync(join(dir, f), 'utf8'));
      if (m) return m[1]!;
    }
  } catch {
    // fall through
  }
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9_]/g, '');
  return isGoIdentifier(name) && !/^\d/.test(name) ? name : 'main';
}

/** The package's non-test Go files in `dir` (editor buffers over disk), those of `packageName` only. */
function packageFiles(dir: string, packageName: string, textOf: (path: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const f of names) {
    if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
    const path = join(dir, f);
    const text = textOf(path);
    if (text !== undefined && new RegExp(`^\\s*package\\s+${packageName}\\b`, 'm').test(text)) out.set(path, text);
  }
  return out;
}

/** Edits adding the fields generated code needs to structs declared in other files. */
function fieldEditsElsewhere(reused: readonly ReusedType[], textOf: (path: string) => string | undefined, toUri: (path: string) => string): WizardFileEdit[] {
  const out: WizardFileEdit[] = [];
  for (const u of reused) {
    const text = u.existing.structClose !== undefined && u.addFields.length > 0 ? textOf(u.existing.file) : undefined;
    if (text === undefined) continue;
    const applied = applyOffsetEdits(text, [addFieldsEdit(u.existing.structClose!, u.addFields)]);
    const formatted = gofmt(applied);
    const e = minimalEdit(text, formatted.formatted ? formatted.text : applied);
    const doc = TextDocument.create(toUri(u.existing.file), 'go', 0, text);
    out.push({ uri: toUri(u.existing.file), range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText });
  }
  return out;
}

function freeFileName(dir: string, base: string): string {
  let name = `${base}.go`;
  for (let i = 2; existsSync(join(dir, name)); i++) name = `${base}_${i}.go`;
  return join(dir, name);
}

export const wizardFeature: ServerFeature = {
  name: 'wizard',
  register(ctx: ServerContext) {
    const { connection, session } = ctx;
    let parser: Parser | undefined;
    const getParser = async () => (parser ??= await createGoParser());
    const textOf = (path: string): string | undefined => {
      try {
        return session.documentText(path) ?? readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    };
    const requires = (dir: string) => session.index.goMods.find(dir)?.requires ?? [];

    connection.onRequest(wizardCatalogRequest, () => wizardCatalog(session.locale));

    connection.onRequest(wizardContextRequest, async (p): Promise<WizardContextInfo> => {
      const path = p.uri ? ctx.toPath(p.uri) : undefined;
      const text = path?.endsWith('.go') ? textOf(path) : undefined;
      const dir = path ? dirname(path) : ctx.roots()[0];
      const goVersion = dir ? session.index.goMods.find(dir)?.goVersion : undefined;
      const base = { ...(goVersion ? { goVersion } : {}), ...(dir ? { packageName: packageIn(dir, path ? session.index.file(path)?.packageName : undefined) } : {}) };
      if (!path || text === undefined || !p.position) return { kind: 'none', ...base };
      const offset = TextDocument.create(p.uri!, 'go', 0, text).offsetAt(p.position);
      const parser = await getParser();
      const c = contextAt(parser, text, offset);
      const node = suggestedNode(c);
      const label = describe(c, session.locale);
      // In a read-modify-write of a model the package declares: generate for that model, reusing it.
      const model = c.kind === 'none' ? readModifyWriteModel(parser, text, offset) : undefined;
      const declared = model && base.packageName ? packageDeclarations(parser, packageFiles(dirname(path), base.packageName, textOf).set(path, text)).get(model) : undefined;
      return {
        kind: c.kind,
        ...base,
        ...(model && declared?.kind === 'type' ? { defaults: { model } } : {}),
        ...(label ? { label } : {}),
        ...(node ? { suggestedNode: node } : {}),
        ...(c.kind === 'struct' ? { fields: c.fields.filter((f) => f.kind !== 'lock').map((f) => f.name) } : {}),
      };
    });

    connection.onRequest(wizardPreviewRequest, async (p: WizardPreviewParams): Promise<WizardPreview> => {
      const locale = session.locale;
      const fail = (message: string): WizardPreview => ({ ok: false, errors: [{ param: 'target', message }], preview: '', edits: [], notes: [], dependencies: [] });
      if (typeof p?.pattern !== 'string' || typeof p.answers !== 'object' || p.answers === null) return fail('malformed request');
      const answers: Record<string, string> = {};
      for (const [k, v] of Object.entries(p.answers)) if (typeof v === 'string' && v.length < 500) answers[k] = v;
      const path = p.uri ? ctx.toPath(p.uri) : undefined;
      const dir = path ? dirname(path) : ctx.roots()[0];
      if (!dir) return fail(locale === 'ko' ? 'Go 파일이나 작업 영역 폴더를 여세요' : 'open a Go file or a workspace folder');
      const goVersion = session.index.goMods.find(dir)?.goVersion;
      const packageName = packageIn(dir, path ? session.index.file(path)?.packageName : undefined);
      const target = { packageName, ...(goVersion ? { goVersion } : {}) };
      const deps = (list: { module: string; why: LocalText }[]) => {
        const have = requires(dir);
        return list.map((d) => ({ module: d.module, why: d.why[locale], missing: !have.includes(d.module) }));
      };

      if (p.mode === 'newFile' && !contextPatterns.some((c) => c.id === p.pattern)) {
        const s = scaffold(p.pattern, answers, target, locale);
        if (!s.ok) return { ok: false, errors: s.errors, preview: '', edits: [], notes: [], dependencies: [] };
        const fit = fitIntoPackage(await getParser(), s.generated, packageDeclarations(await getParser(), packageFiles(dir, packageName, textOf)), locale);
        if (fit.errors.length > 0) return { ok: false, errors: fit.errors, preview: '', edits: [], notes: [], dependencies: [] };
        const file = freeFileName(dir, p.pattern.replace(/-/g, '_'));
        const text = renderFile(packageName, fit.code, s.generated.imports);
        const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const edits: WizardFileEdit[] = [{ uri: ctx.toUri(file), create: true, range: zero, newText: text }];
        edits.push(...fieldEditsElsewhere(fit.reused, textOf, ctx.toUri));
        if (p.withTest && s.generated.test) {
          const testFile = freeFileName(dir, `${basename(file, '.go')}_test`);
          edits.push({ uri: ctx.toUri(testFile), create: true, range: zero, newText: renderFile(packageName, s.generated.test.code, s.generated.test.imports) });
        }
        return { ok: true, errors: [], preview: text, previewUri: ctx.toUri(file), edits, notes: [...s.generated.notes, ...fit.notes].map((n) => n[locale]), dependencies: deps(s.generated.dependencies), ...(goVersion ? { goVersion } : {}) };
      }

      const text = path ? textOf(path) : undefined;
      if (!path || text === undefined || !p.uri) return fail(locale === 'ko' ? '삽입할 Go 파일을 여세요' : 'open the Go file to insert into');
      const doc = TextDocument.create(p.uri, 'go', 0, text);
      const offset = p.position ? doc.offsetAt(p.position) : text.length;
      const parser = await getParser();
      const existing = packageDeclarations(parser, packageFiles(dir, packageName, textOf).set(path, text));
      const site = p.site && typeof p.site.line === 'number' ? doc.offsetAt(p.site) : undefined;
      const r = applyScaffold(parser, text, offset, p.pattern, answers, target, locale, { existing, path, ...(site !== undefined ? { site } : {}) });
      if (!r.ok) return { ok: false, errors: r.errors, preview: '', edits: [], notes: [], dependencies: [] };
      const edits: WizardFileEdit[] = r.edits.map((e) => ({ uri: p.uri!, range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
      edits.push(...fieldEditsElsewhere(r.otherFiles ?? [], textOf, ctx.toUri));
      // Preview: the inserted code, or the changed region of the result widened to whole lines.
      const first = r.edits[0];
      let preview = r.preview ?? r.result;
      if (first && r.preview === undefined) {
        const start = r.result.lastIndexOf('\n', first.start - 1) + 1;
        const endInResult = first.start + first.newText.length;
        const end = r.result.indexOf('\n', endInResult);
        preview = r.result.slice(start, end < 0 ? undefined : end);
      }
      const reveal = r.revealOffset !== undefined ? TextDocument.create(p.uri, 'go', 0, r.result).positionAt(r.revealOffset) : undefined;
      return { ok: true, errors: [], preview, previewUri: p.uri, edits, ...(reveal ? { reveal } : {}), notes: r.notes.map((n) => n[locale]), dependencies: deps(r.dependencies), ...(goVersion ? { goVersion } : {}) };
    });

    /** The go binary and environment the Go extension's settings pick (go.goroot, go.alternateTools), as for race runs. */
    const goTool = async (uri: string): Promise<GoTool> => {
      const settings = readGoSettings(await connection.workspace.getConfiguration({ scopeUri: uri, section: 'go' }).catch(() => ({})));
      const cmd = goTestCommand({ cwd: dirname(ctx.toPath(uri)), packages: [], go: { ...settings, testEnvVars: undefined } });
      return { binary: cmd.go, env: cmd.env };
    };

    connection.onRequest(wizardCheckRequest, async (p): Promise<WizardCheckResult> => {
      const edits = Array.isArray(p?.edits) ? p.edits : [];
      const first = edits[0]?.uri ?? p?.uri;
      if (!first) return { status: 'unavailable', problems: [], reason: 'nothing to check' };
      // Running go vet builds the package (cgo, go:generate output aside it runs no user code), but it reads the workspace's go.mod: trusted only.
      if (!ctx.trusted()) return { status: 'unavailable', problems: [], reason: 'untrusted workspace' };
      const files = new Map<string, string>();
      for (const e of edits) {
        const path = ctx.toPath(e.uri);
        if (e.create) {
          files.set(path, e.newText);
          continue;
        }
        const before = files.get(path) ?? textOf(path);
        if (before === undefined) return { status: 'unavailable', problems: [], reason: `cannot read ${path}` };
        const doc = TextDocument.create(e.uri, 'go', 0, before);
        files.set(path, applyOffsetEdits(before, [{ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }]));
      }
      // After Insert the buffers may be unsaved: lay every open buffer of the package over the disk.
      const pkgDir = dirname(ctx.toPath(first));
      const inside = (path: string) => ctx.roots().length === 0 || ctx.roots().some((r) => {
        const rel = relative(r, path);
        return !rel.startsWith('..') && !isAbsolute(rel);
      });
      if (![pkgDir, ...files.keys()].every(inside)) return { status: 'unavailable', problems: [], reason: `${pkgDir} is outside the workspace folders` };
      if (edits.length === 0) {
        for (const f of readdirSync(pkgDir).filter((n) => n.endsWith('.go'))) {
          const path = join(pkgDir, f);
          const text = session.documentText(path);
          if (text !== undefined) files.set(path, text);
        }
      }
      const started = performance.now();
      const r = await typeCheckPackage(pkgDir, files, await goTool(first));
      connection.console.log(`goconc: wizard check of ${pkgDir}: ${r.status} in ${Math.round(performance.now() - started)} ms`);
      if (r.status === 'ok') return { status: 'ok', problems: [] };
      if (r.status === 'unavailable') return { status: 'unavailable', problems: [], reason: r.reason };
      return { status: 'errors', problems: describeProblems(r.problems, pkgDir).split('\n') };
    });

    let adding = false;
    connection.onRequest(wizardAddDependenciesRequest, async (p): Promise<WizardAddDependenciesResult> => {
      const modules = Array.isArray(p?.modules) ? p.modules.filter((m): m is string => typeof m === 'string' && /^[\w.~\-/]+$/.test(m) && !m.startsWith('-')) : [];
      const fail = (message: string): WizardAddDependenciesResult => ({ added: [], failed: modules.map((module) => ({ module, message })), commands: [] });
      if (typeof p?.uri !== 'string') return fail('malformed request');
      if (!ctx.trusted()) return fail(session.locale === 'ko' ? '신뢰한 작업 영역에서만 go get 을 실행합니다' : 'goconc runs go get only in trusted workspaces');
      if (adding) return fail('go get is already running');
      const path = ctx.toPath(p.uri);
      const goMod = session.index.goMods.find(path.endsWith('.go') ? dirname(path) : path);
      if (!goMod) return fail(`no go.mod above ${path}`);
      adding = true;
      const out: WizardAddDependenciesResult = { added: [], failed: [], commands: [] };
      try {
        const tool = await goTool(p.uri);
        for (const module of modules) {
          const r = await addDependency(module, dirname(goMod.path), tool);
          out.commands.push(...r.commands);
          if (r.ok) out.added.push({ module, version: r.added.version });
          else out.failed.push({ module, message: r.message });
        }
      } finally {
        adding = false;
        session.index.goMods.invalidate();
      }
      return out;
    });
  },
};
