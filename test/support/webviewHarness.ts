// Serves a webview's HTML and the bundled dist/ and media/ files on loopback
// and opens it in Debian Chromium (playwright-core), with the API the
// workbench injects (acquireVsCodeApi) and a dark theme's variables — what the
// checklist and wizard webview tests share.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
const root = join(__dirname, '..', '..');
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const contentTypes: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

/** Skip only when Chromium is missing and end-to-end tests were switched off; a full run without it must fail. */
export const skipWithoutChromium = !existsSync(chromiumPath) && process.env.GOCONC_SKIP_E2E === '1' ? 'no Chromium (install: apt-get install chromium)' : false;

export interface OpenedPage {
  page: Page;
  /** `type: text` of every console message the page logged. */
  console: string[];
}

export class WebviewHarness {
  /** Every URL any page requested, to prove nothing remote is loaded. */
  readonly requests: string[] = [];

  private constructor(
    readonly origin: string,
    private readonly server: Server,
    private readonly browser: Browser,
  ) {}

  /** `html(origin)` is the page the extension would serve, with `origin` as its CSP source and asset base. */
  static async start(html: (origin: string) => string): Promise<WebviewHarness> {
    let origin = '';
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(origin));
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end(); // the browser asks; a webview never would
        return;
      }
      const file = normalize(join(root, url.pathname));
      if (!file.startsWith(join(root, 'dist')) && !file.startsWith(join(root, 'media'))) {
        res.writeHead(404).end();
        return;
      }
      try {
        res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: chromiumPath, args });
    return new WebviewHarness(origin, server, browser);
  }

  /** Opens the page with `theme` applied and waits for its `ready` message. */
  async open(viewport: { width: number; height: number }, theme: Record<string, string>): Promise<OpenedPage> {
    const page = await this.browser.newPage({ viewport });
    const lines: string[] = [];
    page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
    page.on('request', (r) => this.requests.push(r.url()));
    // A string, not a function: tsx would wrap a function with helpers the page lacks.
    await page.addInitScript({
      content: `
        window.__posted = [];
        window.__state = undefined;
        window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });
        document.addEventListener('DOMContentLoaded', () => {
          for (const [k, v] of Object.entries(${JSON.stringify(theme)})) document.documentElement.style.setProperty(k, v);
        });`,
    });
    await page.goto(`${this.origin}/`);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    return { page, console: lines };
  }

  /** What the page has posted to the extension so far. */
  posted<T = Record<string, unknown>>(page: Page): Promise<T[]> {
    return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted) as Promise<T[]>;
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.server.close();
  }
}
