// The long-lived engine process the language server talks to (`goconc-engine
// serve`, JSON lines over stdio). If it dies it is restarted with back-off
// (0.5 s, 1 s, 2 s … 30 s); pending checks fail and the server keeps serving
// its other findings — it never dies with the engine.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isEngineResponse, type CheckParams, type EngineReport, type EngineRequest } from './protocol';

export class EngineCancelled extends Error {}

interface Pending {
  resolve: (r: EngineReport) => void;
  reject: (e: Error) => void;
}

export class EngineProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly binary: string,
    private readonly log: (msg: string) => void,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn(this.binary, ['serve'], { stdio: ['pipe', 'pipe', 'pipe'], env: this.env });
    this.child = child;
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
    createInterface({ input: child.stderr }).on('line', (line) => this.log(`engine: ${line}`));
    child.on('error', (e) => this.log(`engine could not start: ${e.message}`));
    child.on('exit', (code, signal) => {
      this.child = undefined;
      for (const p of this.pending.values()) p.reject(new Error(`the Go engine exited (${signal ?? code})`));
      this.pending.clear();
      if (this.disposed) return;
      const delay = Math.min(30_000, 500 * 2 ** this.restarts++);
      this.log(`engine exited (${signal ?? code}); restarting in ${delay} ms`);
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        if (!this.disposed) this.start();
      }, delay);
    });
    return child;
  }

  private onLine(line: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      this.log(`engine printed a line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (!isEngineResponse(msg)) {
      this.log(`engine sent an unexpected message: ${line.slice(0, 200)}`);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    this.restarts = 0;
    if ('error' in msg) p.reject(msg.error === 'cancelled' ? new EngineCancelled('cancelled') : new Error(msg.error));
    else p.resolve(msg.result);
  }

  private send(req: EngineRequest): void {
    this.start().stdin.write(`${JSON.stringify(req)}\n`);
  }

  /** Checks packages; a later check with the same key cancels this one (EngineCancelled). */
  check(params: CheckParams): Promise<EngineReport> {
    const id = this.nextId++;
    return new Promise<EngineReport>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.send({ id, method: 'check', params });
      } catch (e) {
        this.pending.delete(id);
        reject(e as Error);
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.child) {
      try {
        this.child.stdin.write(`${JSON.stringify({ id: 0, method: 'shutdown' })}\n`);
        this.child.stdin.end();
      } catch {
        this.child.kill();
      }
    }
  }
}
