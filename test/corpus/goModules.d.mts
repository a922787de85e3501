// Types for goModules.mjs (plain JavaScript so run.mjs needs no build step).
export interface PinnedModule {
  module: string;
  version: string;
}

export function downloadModule(m: PinnedModule, env?: NodeJS.ProcessEnv): string;
