// Entry point the extension host loads (extensionTestsPath): runs every compiled
// out/integration/*.test.js suite with mocha and reports failures through the promise.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Marks mocha's report lines so a runner can tell them from the workbench's own logging. */
export const reportPrefix = '[goconc-it] ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  // The reporters print through Base.consoleLog (console.log, captured when mocha loads).
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const log = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => log(reportPrefix + format(...args).split('\n').join(`\n${reportPrefix}`));
  return new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  }).finally(() => {
    base.consoleLog = log;
  });
}
