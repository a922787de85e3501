// Classifies a Go type expression (as written) for the rules. Without the Go
// type checker we go by syntax and the file's import aliases; unknown named
// types are 'other' so rules stay silent about them.
import type { TypeKind } from './types';

const syncKinds: Record<string, TypeKind> = {
  Mutex: 'mutex',
  RWMutex: 'rwmutex',
  WaitGroup: 'waitgroup',
  Once: 'once',
  Cond: 'cond',
  Map: 'syncmap',
};

export function classifyType(typeText: string, imports: Record<string, string>): TypeKind {
  const t = typeText.replace(/^\*+/, '').trim();
  if (t.startsWith('map[')) return 'map';
  if (t.startsWith('chan ') || t.startsWith('chan<-') || t.startsWith('<-chan')) return 'chan';
  if (t.startsWith('[]')) return 'slice';
  const dot = t.indexOf('.');
  if (dot > 0) {
    const alias = t.slice(0, dot);
    const name = t.slice(dot + 1).replace(/\[.*$/, '');
    const path = imports[alias];
    if (path === 'sync') return syncKinds[name] ?? 'other';
    if (path === 'sync/atomic') return 'atomic';
    if (path === 'context' && name === 'Context') return 'context';
  }
  return 'other';
}

export const lockKinds: ReadonlySet<TypeKind> = new Set(['mutex', 'rwmutex']);
export const noCopyKinds: ReadonlySet<TypeKind> = new Set(['mutex', 'rwmutex', 'waitgroup', 'once', 'cond', 'syncmap', 'atomic']);
