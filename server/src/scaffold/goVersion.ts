// Language features the templates switch on, from the module's `go` directive.
import { compareGoVersions } from '../index/goMod';

export interface GoFeatures {
  /** Type parameters (1.18). */
  generics: boolean;
  /** `any` as an alias of interface{} (1.18). */
  any: boolean;
  /** atomic.Int64 and friends (1.19). */
  atomicTypes: boolean;
  /** sync.OnceValue / OnceValues / OnceFunc (1.21). */
  onceValue: boolean;
  /** Per-iteration loop variables (1.22): no `x := x` copies needed. */
  loopVarPerIteration: boolean;
}

export function goFeatures(goVersion: string | undefined): GoFeatures {
  const atLeast = (v: string) => goVersion === undefined || compareGoVersions(goVersion, v) >= 0;
  return {
    generics: atLeast('1.18'),
    any: atLeast('1.18'),
    atomicTypes: atLeast('1.19'),
    onceValue: atLeast('1.21'),
    loopVarPerIteration: atLeast('1.22'),
  };
}
