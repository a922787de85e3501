// Which wizard node a diagnostic's quick fix opens: the rule says what went
// wrong, the node offers the patterns that fix it.
export const ruleBranches: Record<string, string> = {
  'unbounded-goroutines': 'bounded',
  'concurrent-map-write': 'shared-state/kind',
  'unsynchronized-shared-write': 'shared-state',
  'lock-without-unlock': 'shared-state/mutex',
  'unlock-not-deferred': 'shared-state/mutex',
};
