// The body of vscode-via-code-server.sh: accepts the arguments runTests gives VS Code
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a
// folder), starts code-server with the smoke-test driver, and loads the workbench in Chromium with
// the test payload. The extension host runs the mocha suites; their output arrives through
// codeAutomationLog and their result through codeAutomationExit, which becomes this exit code.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { CodeServer, launchChromium, outputDir } from '../e2e/harness';
import { reportPrefix } from './index';

const cwd = process.env.GOCONC_CALLER_CWD ?? process.cwd();
const opt = (name: string) => {
  const a = process.argv.slice(2).find((x) => x.startsWith(`--${name}=`));
  return a ? resolve(cwd, a.slice(name.length + 3)) : undefined;
};
const folder = process.argv.slice(2).find((a) => !a.startsWith('-'));
const devPath = opt('extensionDevelopmentPath');
const testsPath = opt('extensionTestsPath');
if (!folder || !devPath || !testsPath) {
  console.error('usage: vscode-via-code-server.sh <folder> --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [--user-data-dir=<dir>] [--extensions-dir=<dir>]');
  process.exit(2);
}
const timeoutMs = Number(process.env.GOCONC_INTEGRATION_TIMEOUT_MS ?? 300_000);

async function main(): Promise<number> {
  const server = await CodeServer.start({
    workspace: resolve(cwd, folder!),
    userDataDir: opt('user-data-dir'),
    extensionsDir: opt('extensions-dir'),
    args: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (finish = r));
    // Everything the workbench logs goes to the log file; mocha's reporter writes with console.log.
    const logDir = join(outputDir, 'integration');
    mkdirSync(logDir, { recursive: true });
    const logFile = join(logDir, 'workbench.log');
    writeFileSync(logFile, '');
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      appendFileSync(logFile, `[${type}] ${text}\n`);
      for (const line of text.split('\n')) if (line.startsWith(reportPrefix)) process.stdout.write(`${line.slice(reportPrefix.length)}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(devPath!)],
      ['extensionTestsPath', remote(testsPath!)],
    ]);
    await page.goto(server.folderUrl(undefined, { payload }));
    const timeout = new Promise<number>((r) => setTimeout(() => r(-1), timeoutMs).unref());
    const code = await Promise.race([exited, timeout]);
    const shot = join(logDir, 'final.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    if (code === -1) {
      console.error(`goconc: the integration tests did not finish within ${timeoutMs / 1000} s (screenshot: ${shot})\n${server.output()}`);
      return 1;
    }
    if (code !== 0) console.error(`integration tests failed (screenshot: ${shot})`);
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? String(err));
    process.exit(1);
  },
);
