// The end-to-end harness: goconc in a real VS Code workbench (code-server, from npm) with a real
// Node extension host, driven through Debian's Chromium by playwright-core. Tests act as a user
// would — open files from the explorer, run commands from F1, read the Problems panel — and every
// step leaves a screenshot under test-output/e2e/ (a failing step names its screenshot).
//
//   const vsix = await buildVsix();
//   const vs = await Workbench.start({ workspace: copyExamples(), vsix, name: 'diagnostics' });
//   try { await vs.step('open file', () => vs.openFile('internal/inventory/inventory.go')); }
//   finally { await vs.stop(); }
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const repoRoot = resolve(__dirname, '..', '..');
export const outputDir = join(repoRoot, 'test-output', 'e2e');

export interface Tools {
  node24: string;
  codeServer: string;
  /** Empty when asked for without a browser. */
  chromium: string;
}

let tools: Tools | undefined;

/**
 * Installs (when missing) and locates Node 24, code-server and Chromium via scripts/test-e2e-setup.sh
 * (which caches them under .cache/ or $GOCONC_CACHE).
 */
export function e2eTools(browser = true): Tools {
  if (tools && (tools.chromium || !browser)) return tools;
  const out = execFileSync('bash', [join(repoRoot, 'scripts', 'test-e2e-setup.sh'), ...(browser ? [] : ['--no-browser'])], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vars = Object.fromEntries(
    out
      .split('\n')
      .map((l) => /^(GOCONC_\w+)=(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  const t = { node24: vars.GOCONC_NODE24, codeServer: vars.GOCONC_CODE_SERVER, chromium: vars.GOCONC_CHROMIUM ?? '' };
  if (!t.node24 || !t.codeServer || (browser && !t.chromium)) throw new Error(`scripts/test-e2e-setup.sh printed no tool paths:\n${out}`);
  tools = t as Tools;
  return tools;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of execFileSync('find', [path, '-type', 'f'], { encoding: 'utf8' }).split('\n')) {
    if (entry) newest = Math.max(newest, statSync(entry).mtimeMs);
  }
  return newest;
}

/**
 * Builds goconc-<version>.vsix with `npm run package` (production bundle + @vscode/vsce, offline)
 * unless one newer than the sources already exists. GOCONC_VSIX names a prebuilt one to use instead.
 * Test files may run in parallel: a lock folder keeps two builds from writing dist/ at once.
 */
let goCache: string | undefined;
function callerGoCache(): string | undefined {
  try {
    goCache ??= execFileSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' }).trim();
  } catch {
    goCache = undefined;
  }
  return goCache || undefined;
}

export function buildVsix(): string {
  if (process.env.GOCONC_VSIX) return resolve(process.env.GOCONC_VSIX);
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const vsix = join(repoRoot, `goconc-${version}.vsix`);
  const inputs = ['client/src', 'server/src', 'engine', 'media', 'l10n', 'docs', 'snippets', 'runtime', 'package.json', 'package.nls.json', 'package.nls.ko.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'esbuild.mjs', '.vscodeignore'];
  const lock = join(repoRoot, 'out', 'vsix.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${lock} is held for more than 5 minutes; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    const newestInput = Math.max(...inputs.map((p) => newestMtime(join(repoRoot, p))));
    if (!existsSync(vsix) || statSync(vsix).mtimeMs < newestInput) {
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}

/** A scratch copy of the bundled examples/ workspace, so edits made by a test never dirty the repo. */
export function copyExamples(): string {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-ws-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const ws = join(dir, 'examples');
  cpSync(join(repoRoot, 'examples'), ws, { recursive: true });
  return ws;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export interface CodeServerOptions {
  /** Folder to open. */
  workspace: string;
  /** A .vsix to install into the hermetic extensions folder before starting. */
  vsix?: string;
  /** User settings merged over the defaults below. */
  settings?: Record<string, unknown>;
  /** Extra code-server arguments (e.g. ['--vscode-option', 'enable-smoke-test-driver']). */
  args?: string[];
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Reuse these folders instead of fresh temporary ones (runTests passes them). */
  userDataDir?: string;
  extensionsDir?: string;
}

/** A running code-server in its own process group, with all its state in one temporary folder. */
export class CodeServer {
  private constructor(
    readonly url: string,
    readonly port: number,
    readonly workspace: string,
    private readonly proc: ChildProcess,
    private readonly home: string,
    private readonly log: () => string,
  ) {}

  static async start(opts: CodeServerOptions): Promise<CodeServer> {
    const t = e2eTools(false);
    const home = mkdtempSync(join(tmpdir(), 'goconc-cs-'));
    const userDataDir = opts.userDataDir ?? join(home, 'user-data');
    const extensionsDir = opts.extensionsDir ?? join(home, 'extensions');
    const config = join(home, 'config.yaml');
    for (const d of [userDataDir, extensionsDir, join(userDataDir, 'User'), join(home, 'xdg-config'), join(home, 'xdg-data'), join(home, 'xdg-cache')]) {
      mkdirSync(d, { recursive: true });
    }
    writeFileSync(config, 'auth: none\ncert: false\n');
    const settings = {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'security.workspace.trust.enabled': false,
      'window.restoreWindows': 'none',
      'files.hotExit': 'off',
      'editor.minimap.enabled': false,
      // Keep the workbench to what goconc shows: no chat side bar, no AI features.
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...opts.settings,
    };
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: join(home, 'xdg-config'),
      XDG_DATA_HOME: join(home, 'xdg-data'),
      XDG_CACHE_HOME: join(home, 'xdg-cache'),
      // The go command's build cache and goconc's engine binary stay the caller's: a private XDG cache would
      // make every workbench compile GORM and the engine from scratch (what a user pays once, not per window).
      GOCACHE: process.env.GOCACHE ?? callerGoCache(),
      GOCONC_ENGINE_CACHE: process.env.GOCONC_ENGINE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'goconc', 'engine'),
      // code-server must not pick up a password or a session socket from the caller's environment.
      PASSWORD: undefined,
      HASHED_PASSWORD: undefined,
      VSCODE_IPC_HOOK_CLI: undefined,
      // No extension gallery: tests stay offline and hermetic (the default is open-vsx.org).
      EXTENSIONS_GALLERY: '{}',
    };
    const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    if (opts.vsix) {
      execFileSync(t.node24, [t.codeServer, ...common, '--install-extension', opts.vsix, '--force'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    }
    const port = opts.port ?? (await freePort());
    const args = [
      t.codeServer,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(opts.args ?? []),
    ];
    // detached = setsid: code-server's helpers (extension host, file watcher, pty host) outlive
    // their parent, so stop() kills the whole process group.
    const proc = spawn(t.node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}:\n${log}`);
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        killGroup(proc);
        throw new Error(`code-server did not answer on ${url} within 60 s:\n${log}`);
      }
      await sleep(200);
    }
    return new CodeServer(url, port, opts.workspace, proc, home, () => log);
  }

  /** The workbench URL for a folder (and optional extra query, e.g. the test payload). */
  folderUrl(folder = this.workspace, query: Record<string, string> = {}): string {
    const q = new URLSearchParams({ folder, ...query });
    return `${this.url}/?${q.toString()}`;
  }

  output(): string {
    return this.log();
  }

  async stop(): Promise<void> {
    await killGroup(this.proc);
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Waits until `locator` matches exactly `count` elements. */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let now = await locator.count();
  while (now !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} of ${locator.toString()}, found ${now}`);
    await sleep(200);
    now = await locator.count();
  }
}

/** A regexp matching exactly `text` (Playwright's hasText is a substring match otherwise). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function killGroup(proc: ChildProcess): Promise<void> {
  if (proc.pid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, s);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signal('SIGTERM')) return;
  for (let i = 0; i < 25; i++) {
    await sleep(200);
    if (!signal(0 as unknown as NodeJS.Signals)) return;
  }
  signal('SIGKILL');
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: e2eTools().chromium, headless: true, args: chromiumArgs });
}

export interface WorkbenchOptions extends CodeServerOptions {
  /** Screenshot prefix and subfolder under test-output/e2e/. */
  name: string;
}

export interface ProblemRow {
  /** The row's accessible label, e.g. "Error: inv.mu.Lock() is not released … at line 24 column 2". */
  label: string;
  /** The row's visible text. */
  text: string;
}

/** A browser page on a code-server workbench with goconc installed. */
export class Workbench {
  private stepNo = 0;
  readonly shots: string;

  private constructor(
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    readonly name: string,
  ) {
    this.shots = join(outputDir, name);
  }

  static async start(opts: WorkbenchOptions): Promise<Workbench> {
    const server = await CodeServer.start(opts);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const wb = new Workbench(server, browser, page, opts.name);
      rmSync(wb.shots, { recursive: true, force: true });
      mkdirSync(wb.shots, { recursive: true });
      await wb.step('workbench loads', async () => {
        await page.goto(server.folderUrl());
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      });
      return wb;
    } catch (err) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      throw err;
    }
  }

  /** Saves a screenshot as test-output/e2e/<name>/<file>.png and returns its path. */
  async screenshot(file: string): Promise<string> {
    const path = join(this.shots, `${file.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * Runs one user-visible step and screenshots the result. When the step fails, the screenshot
   * is taken at the moment of failure and its path is put in the error.
   */
  async step<T>(title: string, fn: () => Promise<T>): Promise<T> {
    const n = String(++this.stepNo).padStart(2, '0');
    try {
      const result = await fn();
      await this.screenshot(`${n}-${title}`);
      return result;
    } catch (err) {
      let shot = '(no screenshot)';
      try {
        shot = await this.screenshot(`${n}-${title}-FAILED`);
      } catch {
        // the page is gone
      }
      const e = err as Error;
      e.message = `step "${title}" failed (screenshot: ${relative(repoRoot, shot).split(sep).join('/')}): ${e.message}`;
      throw e;
    }
  }

  /** Opens a file by expanding its folders and double-clicking its row in the Explorer. */
  async openFile(relPath: string): Promise<void> {
    const parts = relPath.split('/');
    const tree = this.page.locator('.explorer-folders-view');
    // In a single-folder workspace the folder's children are level 1; a row's aria-label is its name.
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      const row = tree.locator(`.monaco-list-row[aria-level="${i + 1}"][aria-label=${JSON.stringify(name)}]`).first();
      await row.waitFor({ timeout: 15_000 });
      if (i < parts.length - 1) {
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      } else {
        await row.dblclick();
      }
    }
    const file = parts[parts.length - 1]!;
    await this.page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: 15_000 });
    await this.editor().locator('.view-lines').waitFor();
  }

  /** The active editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor to a 1-based line (and column) with Ctrl+G. */
  async goToLine(line: number, column = 1): Promise<void> {
    await this.editor().click({ position: { x: 200, y: 10 } });
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens the command palette with F1 and returns the titles matching `filter`. */
  async paletteEntries(filter: string): Promise<string[]> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${filter}`);
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    const labels = await rows.locator('.label-name').allTextContents();
    return labels.map((l) => l.trim());
  }

  closeQuickInput(): Promise<void> {
    return this.page.keyboard.press('Escape');
  }

  /** Runs a command the way a user does: F1, type its title, click the entry with exactly that title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) })
      .first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    // Done when the palette closed, or when the command opened a picker of its own.
    const widget = this.page.locator('.quick-input-widget');
    const deadline = Date.now() + 15_000;
    while ((await widget.isVisible()) && (await input.inputValue().catch(() => '')) === `>${title}`) {
      if (Date.now() > deadline) throw new Error(`the palette stayed open after choosing "${title}"`);
      await sleep(100);
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows as shown. */
  async problems(): Promise<ProblemRow[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor();
    }
    // Read all rows in one go: the list re-renders while diagnostics arrive.
    const rows = await panel.locator('.monaco-list-row').evaluateAll((els) =>
      els.map((e) => ({ label: e.getAttribute('aria-label') ?? '', text: ((e as unknown as { innerText: string }).innerText ?? '').replace(/\s+/g, ' ').trim() })),
    );
    return rows;
  }

  /** Polls the Problems panel until `match` holds for its rows, and returns the rows. */
  async waitForProblems(match: (rows: ProblemRow[]) => boolean, timeoutMs = 30_000): Promise<ProblemRow[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: ProblemRow[] = [];
    for (;;) {
      rows = await this.problems();
      if (match(rows)) return rows;
      if (Date.now() > deadline) {
        throw new Error(`Problems panel never matched; it shows:\n${rows.map((r) => `  ${r.label || r.text}`).join('\n') || '  (nothing)'}`);
      }
      await sleep(500);
    }
  }

  /** The error and warning counts the status bar shows for the whole workspace. */
  async statusBarProblems(): Promise<{ errors: number; warnings: number }> {
    const text = await this.page.locator('[id="status.problems"]').innerText();
    const [errors, warnings] = (text.match(/\d+/g) ?? []).map(Number);
    return { errors: errors ?? 0, warnings: warnings ?? 0 };
  }

  /** The squiggles in the active editor (Monaco draws them as these decorations). */
  squiggles(severity: 'error' | 'warning' | 'info' | 'hint' = 'error'): Locator {
    return this.editor().locator(`.squiggly-${severity}`);
  }

  /**
   * The squiggle severities drawn on the (rendered) editor line containing `text`. Monaco draws
   * line text and decorations in separate layers; both carry the line's `top` offset.
   */
  async squigglesOnLine(text: string): Promise<string[]> {
    const line = this.editor().locator('.view-lines .view-line', { hasText: text }).first();
    const top = /top:\s*([\d.]+)px/.exec((await line.getAttribute('style')) ?? '')?.[1];
    if (top === undefined) throw new Error(`no rendered line contains ${JSON.stringify(text)}`);
    const overlays = this.editor().locator(`.view-overlays > div[style*="top:${top}px"], .view-overlays > div[style*="top: ${top}px"]`);
    const classes = await overlays.locator('[class*="squiggly-"]').evaluateAll((els) => els.map((e) => e.className));
    return classes.map((c) => /squiggly-(\w+)/.exec(c)?.[1] ?? c);
  }

  /** The content of the active webview panel (VS Code nests it in two iframes). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }
}
