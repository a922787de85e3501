// gorm-tx-outer-handle: inside `db.Transaction(func(tx *gorm.DB) error {…})`
// (or between `tx := db.Begin()` and `tx.Commit()`), a statement sent through
// the outer `db` instead of `tx`. It runs on another connection, outside the
// transaction: it is not rolled back with it, does not see its uncommitted
// rows, and waits on the row locks the transaction holds — a deadlock when the
// pool has one connection (SQLite) or the transaction waits for it.
import { executes, GormTypes, rootName, runsOn, transactionAround, transactionsIn, usesGorm } from '../analysis/gorm';
import { rangeOf } from '../parse/syntax';
import type { Rule } from './types';

const messages = {
  outerHandle: {
    en: '`{outer}.{method}` inside the transaction runs on the outer handle, not on `{tx}`: it is outside the transaction (not rolled back with it, blind to its writes) and can wait on the transaction\'s own locks',
    ko: '트랜잭션 안의 `{outer}.{method}`가 `{tx}`가 아닌 바깥 핸들로 실행됩니다: 트랜잭션 밖이라 함께 롤백되지 않고 그 쓰기를 보지 못하며, 트랜잭션 자신의 락을 기다릴 수 있습니다',
  },
  started: { en: 'transaction `{tx}` started here', ko: '트랜잭션 `{tx}`를 여기서 시작합니다' },
  useTx: { en: 'Run it on {tx}', ko: '{tx}로 실행' },
};

export const gormTxOuterHandle: Rule = {
  meta: {
    id: 'gorm-tx-outer-handle',
    title: { en: 'GORM call on the outer handle inside a transaction', ko: '트랜잭션 안에서 바깥 GORM 핸들 호출' },
    description: {
      en: 'Inside db.Transaction(func(tx *gorm.DB) error {…}) or between db.Begin() and Commit(), a query or write goes through the outer db instead of tx, so it runs outside the transaction.',
      ko: 'db.Transaction(func(tx *gorm.DB) error {…}) 안이나 db.Begin()과 Commit() 사이에서 쿼리나 쓰기가 tx 대신 바깥 db로 실행되어 트랜잭션 밖에서 돕니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: true,
    messages,
  },
  check(ctx) {
    if (!usesGorm(ctx)) return;
    const types = new GormTypes(ctx);
    const root = ctx.tree.rootNode;
    const txs = transactionsIn(types, root);
    if (txs.length === 0) return;
    for (const chain of types.chainsIn(root)) {
      const run = executes(chain);
      if (!run) continue;
      const tx = transactionAround(chain.call, txs);
      if (!tx || tx.starter.id === chain.call.id || tx.outerChain.call.id === chain.call.id) continue;
      if (runsOn(chain, tx) || rootName(chain) !== tx.outer || chain.root.text === tx.txName) continue;
      ctx.report({
        node: chain.root,
        messageId: 'outerHandle',
        args: { outer: chain.root.text, method: run.name, tx: tx.txName },
        related: [{ range: rangeOf(tx.starter), message: messages.started, args: { tx: tx.txName } }],
        fixes: [
          {
            title: { en: messages.useTx.en.replace('{tx}', tx.txName), ko: messages.useTx.ko.replace('{tx}', tx.txName) },
            edits: [{ range: rangeOf(chain.root), newText: tx.txName }],
          },
        ],
      });
    }
  },
};
