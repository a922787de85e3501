// The editor's "Add the primitives runtime to this module": lists the
// runtime packages and runs the same vendoring as `goconc vendor-runtime`.
// It runs `go get`/`go mod tidy` (which may fetch a toolchain named in
// go.mod), so only in a trusted workspace.
import { isAbsolute, join, relative } from 'node:path';
import { format } from '../l10n/locale';
import {
  runtimePackagesRequest,
  vendorRuntimeRequest,
  type RuntimePackagesResult,
  type VendorRuntimeParams,
  type VendorRuntimeResult,
} from '../protocol';
import { loadRuntime } from '../vendor/runtimePackages';
import { defaultVendorDir, packageChoices } from '../vendor/vendorPlan';
import { defaultRuntimeDir, describeResult, vendorRuntime } from '../vendor/vendorRuntime';
import { GoCommandError, vendorText as t, VendorRefusal } from '../vendor/vendorText';
import { goTestCommand } from '../race/goTestRunner';
import type { ServerContext, ServerFeature } from './feature';
import { readGoSettings } from './raceFeature';

function isParams(v: unknown): v is VendorRuntimeParams {
  const p = v as VendorRuntimeParams | undefined;
  return (
    !!p &&
    typeof p.moduleUri === 'string' &&
    typeof p.dir === 'string' &&
    Array.isArray(p.packages) &&
    p.packages.every((x) => typeof x === 'string') &&
    typeof p.tidy === 'boolean' &&
    typeof p.force === 'boolean'
  );
}

export const vendorRuntimeFeature: ServerFeature = {
  name: 'vendorRuntime',
  register(ctx: ServerContext) {
    const { connection, session } = ctx;
    let running = false;

    connection.onRequest(runtimePackagesRequest, async (): Promise<RuntimePackagesResult | null> => {
      try {
        const runtime = await loadRuntime(defaultRuntimeDir());
        return { packages: packageChoices(runtime), defaultDir: defaultVendorDir };
      } catch (err) {
        connection.console.error(`goconc: cannot read the bundled runtime: ${(err as Error).message}`);
        return null;
      }
    });

    connection.onRequest(vendorRuntimeRequest, async (params: unknown): Promise<VendorRuntimeResult> => {
      const locale = session.locale;
      if (!isParams(params)) return { outcome: 'failed', message: 'malformed goconc/vendorRuntime request' };
      if (!ctx.trusted()) return { outcome: 'refused', reason: 'other', message: format(t.untrusted, locale) };
      const moduleDir = ctx.toPath(params.moduleUri);
      const inside = ctx.roots().some((r) => {
        const rel = relative(r, moduleDir);
        return !rel.startsWith('..') && !isAbsolute(rel);
      });
      if (!inside) return { outcome: 'refused', reason: 'other', message: format(t.outsideWorkspace, locale, { dir: moduleDir }) };
      if (running) return { outcome: 'refused', reason: 'other', message: format(t.busy, locale) };
      running = true;
      try {
        // The Go extension's go.goroot / go.alternateTools / go.toolsEnvVars pick the go binary, as for race runs.
        const settings = readGoSettings(await connection.workspace.getConfiguration({ scopeUri: params.moduleUri, section: 'go' }).catch(() => ({})));
        const tool = goTestCommand({ cwd: moduleDir, packages: [], go: { ...settings, testEnvVars: undefined } });
        const result = await vendorRuntime({
          go: { binary: tool.go, env: tool.env },
          moduleDir,
          targetDir: params.dir,
          packages: params.packages,
          tidy: params.tidy,
          force: params.force,
          onCommand: (c) => connection.console.info(`goconc: ${c}`),
        });
        return { outcome: 'done', summary: describeResult(result, locale), files: result.written.map((p) => ctx.toUri(join(moduleDir, p))) };
      } catch (err) {
        if (err instanceof GoCommandError) return { outcome: 'failed', message: err.localized(locale) };
        if (err instanceof VendorRefusal) {
          const conflict = err.text === t.exists || err.text === t.extraFile;
          return { outcome: 'refused', reason: conflict ? 'conflict' : 'other', message: err.localized(locale) };
        }
        return { outcome: 'failed', message: (err as Error).message };
      } finally {
        running = false;
      }
    });
  },
};
