// `goconc vendor-runtime`: copies runtime packages into the module in
// --module-dir. Exit 0 done, 1 a go command failed (network, proxy), 2 refused
// (no go.mod, old go directive, files that differ) or bad usage.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { format } from '../l10n/locale';
import { defaultVendorDir } from '../vendor/vendorPlan';
import { vendorRuntime } from '../vendor/vendorRuntime';
import { GoCommandError, vendorText as t, VendorRefusal } from '../vendor/vendorText';
import type { CliIO } from './checkCommand';
import { UsageError } from './usageError';

export async function vendorRuntimeCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string', default: defaultVendorDir },
      packages: { type: 'string' },
      tidy: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'module-dir': { type: 'string', default: '.' },
    },
  });
  try {
    const result = await vendorRuntime({
      moduleDir: resolve(io.cwd, values['module-dir']!),
      targetDir: values.dir!,
      packages: values.packages?.split(','),
      tidy: values.tidy!,
      force: values.force!,
      onCommand: (c) => io.err(c),
    });
    const { plan } = result;
    io.out(format(t.copied, io.locale, { packages: plan.packages.join(', '), dir: plan.targetDir, written: result.written.length, unchanged: result.unchanged.length }));
    if (result.removed.length > 0) io.out(format(t.removed, io.locale, { paths: result.removed.join(', ') }));
    const reqs = result.requirements.map((r) => `${r.module} ${r.version}`).join(', ');
    io.out(reqs ? format(t.required, io.locale, { requirements: reqs }) : format(t.noRequirements, io.locale));
    if (plan.modules.length > 0) io.out(format(result.tidied ? t.tidied : t.notTidied, io.locale));
    io.out(format(t.importAs, io.locale, { importBase: plan.importBase }));
    return 0;
  } catch (err) {
    if (err instanceof GoCommandError) {
      io.err(`goconc: ${err.localized(io.locale)}`);
      return 1;
    }
    if (err instanceof VendorRefusal) throw new UsageError(err.localized(io.locale));
    throw err;
  }
}
