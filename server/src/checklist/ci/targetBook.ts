// What make, task and mage share for the checklist: named targets that run
// scripts and depend on other targets of the same file.
import type { ScriptSource } from './scriptSource';
import type { GoTestSite } from './scriptSource';

export interface TargetBody {
  scripts: ScriptSource[];
  /** Targets of the same file run first or from the recipe (`deps:`, prerequisites, `task: x`, `mg.Deps`). */
  deps: string[];
  /** `go test` calls that are not shell text (mage's sh.Run arguments). */
  directTests?: Omit<GoTestSite, 'via'>[];
  line: number;
}

export interface TargetBook {
  file: string;
  defaultTarget?: string;
  target(name: string): TargetBody | undefined;
}
