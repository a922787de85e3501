// Which wizard node a diagnostic's quick fix opens: the rule says what went
// wrong, the node offers the patterns that fix it.
export const ruleBranches: Record<string, string> = {
  'unbounded-goroutines': 'bounded',
  'concurrent-map-write': 'shared-state/kind',
  'unsynchronized-shared-write': 'shared-state',
  'lock-without-unlock': 'shared-state/mutex',
  'unlock-not-deferred': 'shared-state/mutex',
  'lazy-init-race': 'shared-state/once',
  'goroutine-leak-blocked-send': 'shared-state/channels',
  'range-over-unclosed-channel': 'shared-state/channels',
  'close-misuse': 'shared-state/channels',
  'ctx-not-propagated': 'timeouts',
  'select-without-cancel': 'timeouts/loop',
  'cancel-not-called': 'timeouts/deadline',
  'time-after-in-loop': 'timeouts/select',
  'gorm-lock-outside-tx': 'db/pessimistic',
  'gorm-lock-on-sqlite': 'db/optimistic',
  'gorm-lost-update': 'db/optimistic',
  'gorm-version-unchecked': 'db/optimistic',
};
