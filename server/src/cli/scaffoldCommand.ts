// `goconc scaffold <pattern>`: the wizard's generators for scripts. Prints the
// code, writes a new file, or merges into an existing one (imports included).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GoModLocator } from '../index/goMod';
import { format } from '../l10n/locale';
import { createGoParser } from '../parse/goParser';
import { isGoIdentifier } from '../scaffold/names';
import { insertGenerated, renderFile } from '../scaffold/render';
import { nameParam, patterns, scaffold } from '../scaffold/scaffold';
import type { CliIO } from './checkCommand';
import { cliMessages as m } from './cliMessages';
import { UsageError } from './usageError';

/** The package of the Go files already in `dir`, else a name derived from the folder. */
function packageFor(dir: string): string {
  try {
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
      const match = /^\s*package\s+([\p{L}_][\p{L}\p{Nd}_]*)/mu.exec(readFileSync(resolve(dir, f), 'utf8'));
      if (match) return match[1]!;
    }
  } catch {
    // No folder yet: fall through.
  }
  const fromDir = basename(dir).toLowerCase().replace(/[^a-z0-9_]/g, '');
  return isGoIdentifier(fromDir) && !/^\d/.test(fromDir) ? fromDir : 'main';
}

export async function scaffoldCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      list: { type: 'boolean', default: false },
      name: { type: 'string' },
      out: { type: 'string' },
      package: { type: 'string' },
      go: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
      test: { type: 'boolean', default: false },
    },
  });
  if (values.list) {
    const width = Math.max(...patterns.map((p) => p.id.length));
    for (const p of patterns) {
      const params = p.params.map((x) => `${x.id}=${x.default}`).join(' ');
      io.out(`${p.id.padEnd(width)}  ${p.title[io.locale]}\n${' '.repeat(width)}  ${params}`);
    }
    return 0;
  }
  const [id, ...extra] = positionals;
  if (!id) throw new UsageError(m.scaffoldNeedsPattern[io.locale]);
  if (extra.length > 0) throw new UsageError(format(m.scaffoldExtra, io.locale, { args: extra.join(' ') }));
  const answers: Record<string, string> = {};
  for (const kv of values.set!) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(format(m.scaffoldBadSet, io.locale, { value: kv }));
    answers[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const found = patterns.find((p) => p.id === id);
  if (!found) throw new UsageError(format(m.scaffoldUnknown, io.locale, { name: id }));
  if (values.name !== undefined) {
    const param = nameParam(found);
    if (param) answers[param] = values.name;
  }
  if (values.go !== undefined && !/^1\.\d+(\.\d+)?$/.test(values.go)) throw new UsageError(format(m.scaffoldBadGo, io.locale, { value: values.go }));
  const out = values.out ? resolve(io.cwd, values.out) : undefined;
  const dir = out ? dirname(out) : io.cwd;
  const packageName = values.package ?? packageFor(dir);
  if (!isGoIdentifier(packageName)) throw new UsageError(format(m.scaffoldBadPackage, io.locale, { value: packageName }));
  const goVersion = values.go ?? new GoModLocator().find(dir)?.goVersion;
  const result = scaffold(id, answers, { packageName, ...(goVersion ? { goVersion } : {}) }, io.locale);
  if (!result.ok) throw new UsageError(result.errors.map((e) => `${e.param}: ${e.message}`).join('; '));
  const g = result.generated;
  for (const n of g.notes) io.err(`goconc: ${n[io.locale]}`);
  for (const d of g.dependencies) io.err(`goconc: ${format(m.scaffoldDependency, io.locale, { module: d.module, why: d.why[io.locale] })}`);

  if (!out) {
    io.out(renderFile(packageName, g.code, g.imports).trimEnd());
    return 0;
  }
  if (!out.endsWith('.go')) throw new UsageError(format(m.scaffoldOutGo, io.locale, { path: out }));
  mkdirSync(dir, { recursive: true });
  if (existsSync(out)) {
    const text = readFileSync(out, 'utf8');
    const parser = await createGoParser();
    const merged = insertGenerated(text, parser, text.length, g.code, g.imports);
    writeFileSync(out, merged.result);
  } else {
    writeFileSync(out, renderFile(packageName, g.code, g.imports));
  }
  io.err(format(m.scaffoldWrote, io.locale, { path: out }));
  if (values.test && g.test) {
    const testPath = out.replace(/\.go$/, '_test.go');
    if (existsSync(testPath)) throw new UsageError(format(m.scaffoldExists, io.locale, { path: testPath }));
    writeFileSync(testPath, renderFile(packageName, g.test.code, g.test.imports));
    io.err(format(m.scaffoldWrote, io.locale, { path: testPath }));
  }
  return 0;
}
