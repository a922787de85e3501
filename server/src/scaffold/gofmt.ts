// Formats Go source with the real gofmt when it is on PATH (argument array,
// no shell); without it the text is returned as generated (templates are
// written gofmt-clean, tabs included).
import { spawnSync } from 'node:child_process';

let available: boolean | undefined;

export interface GofmtResult {
  text: string;
  formatted: boolean;
  error?: string;
}

export function gofmt(source: string, binary = 'gofmt'): GofmtResult {
  if (available === false && binary === 'gofmt') return { text: source, formatted: false };
  const r = spawnSync(binary, [], { input: source, encoding: 'utf8', timeout: 10_000, maxBuffer: 32 * 1024 * 1024 });
  if (r.error) {
    if (binary === 'gofmt') available = false;
    return { text: source, formatted: false, error: r.error.message };
  }
  if (binary === 'gofmt') available = true;
  if (r.status !== 0) return { text: source, formatted: false, error: r.stderr.trim() };
  return { text: r.stdout, formatted: true };
}
