// Starts the bundled dist/server.js as a child process over stdio and speaks
// LSP to it, as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export class LspTestClient {
  readonly conn: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** What the server registered with client/registerCapability, in order. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];

  /** `server`: another bundle than dist/server.js; `nodeArgs`: e.g. `--cpu-prof` when profiling. */
  constructor(options: { server?: string; nodeArgs?: string[] } = {}) {
    const server = options.server ?? join(__dirname, '..', '..', 'dist', 'server.js');
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      // Also in the log, so tests can see what was published before or after another notification.
      this.notifications.push({ method: 'textDocument/publishDiagnostics', params: p });
      this.waiters.forEach((w) => w());
    });
    this.conn.onUnhandledNotification((n) => this.notifications.push({ method: n.method, params: n.params }));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    // Progress the server creates: its $/progress notifications go into the log like the others.
    this.conn.onRequest('window/workDoneProgress/create', ({ token }: { token: string | number }) => {
      this.conn.onProgress(WorkDoneProgress.type, token, (value) => void this.notifications.push({ method: '$/progress', params: { token, value } }));
      return null;
    });
    this.conn.listen();
  }

  /** `capabilities`: client capabilities added to the default ones (configuration, dynamic didChangeConfiguration). */
  async initialize(
    folder: string,
    locale = 'en',
    initializationOptions?: Record<string, unknown>,
    capabilities: { workspace?: Record<string, unknown>; window?: Record<string, unknown> } = {},
  ): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).toString(),
      workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...capabilities.workspace }, window: capabilities.window },
      locale,
      ...(initializationOptions ? { initializationOptions } : {}),
    });
    await this.conn.sendNotification('initialized', {});
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (or the current ones if they already do). */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const p = this.diagnostics.get(uri);
        if (p && pred(p)) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(p);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for diagnostics on ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.message))}`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  /** Resolves with the first notification `method` at or after position `from` of the log whose params satisfy `pred`. */
  waitForNotification<T>(method: string, pred: (params: T) => boolean = () => true, timeoutMs = 10_000, from = this.notifications.length): Promise<T> {
    return new Promise((resolve, reject) => {
      let seen = from;
      const started = Date.now();
      // Notifications arrive on the event loop; polling the log keeps the client's one handler per method.
      const poll = setInterval(() => {
        for (; seen < this.notifications.length; seen++) {
          const n = this.notifications[seen]!;
          if (n.method === method && pred(n.params as T)) {
            clearInterval(poll);
            resolve(n.params as T);
            return;
          }
        }
        if (Date.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${method}`));
        }
      }, 5);
    });
  }

  /** The server process id (to inspect the processes it starts). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async shutdown(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } finally {
      this.conn.dispose();
      this.child.kill();
    }
  }
}

/** Copies `fixture` into a temp folder and starts a server on it; `stop` shuts it down and removes the copy. */
export async function serverOnCopyOf(
  fixture: string,
  prefix: string,
  capabilities: Parameters<LspTestClient['initialize']>[3] = {},
): Promise<{ client: LspTestClient; dir: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(fixture, dir, { recursive: true });
  const client = new LspTestClient();
  await client.initialize(dir, 'en', undefined, capabilities);
  return {
    client,
    dir,
    stop: async () => {
      await client.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
