// `goconc vendor-runtime`: copies runtime packages into the module in
// --module-dir. Exit 0 done, 1 a go command failed (network, proxy), 2 refused
// (no go.mod, old go directive, files that differ) or bad usage.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultVendorDir } from '../vendor/vendorPlan';
import { describeResult, vendorRuntime } from '../vendor/vendorRuntime';
import { GoCommandError, VendorRefusal } from '../vendor/vendorText';
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
    for (const line of describeResult(result, io.locale)) io.out(line);
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
