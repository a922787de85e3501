// gorm-lock-outside-tx: `Clauses(clause.Locking{…})` on a query that is not in
// a transaction. In autocommit mode the statement is its own transaction, so
// the row lock taken by SELECT … FOR UPDATE is released as soon as the rows
// are returned: the read-modify-write after it is as unprotected as without
// the clause. Only handles known not to be a transaction are reported (struct
// fields, package variables, `gorm.Open`); a `*gorm.DB` parameter may be one.
import { aliasesOf, clauseImport, executes, GormTypes, handleOrigin, lockingClause, rootName, transactionAround, transactionsIn, usesGorm } from '../analysis/gorm';
import type { Rule } from './types';

const messages = {
  outsideTx: {
    en: '`{clause}` on `{root}.{method}` outside a transaction: the row lock ends with this statement (autocommit), so nothing after it is protected — read and write inside db.Transaction(func(tx *gorm.DB) error {…}) through tx',
    ko: '트랜잭션 밖의 `{root}.{method}`에 쓴 `{clause}`: 행 락이 이 문장과 함께 끝나므로(자동 커밋) 그 뒤는 보호되지 않습니다 — db.Transaction(func(tx *gorm.DB) error {…}) 안에서 tx로 읽고 쓰세요',
  },
};

export const gormLockOutsideTx: Rule = {
  meta: {
    id: 'gorm-lock-outside-tx',
    title: { en: 'GORM row lock outside a transaction', ko: '트랜잭션 밖의 GORM 행 락' },
    description: {
      en: 'clause.Locking (SELECT … FOR UPDATE/SHARE) on a query that is not in a transaction: the lock is released when the statement ends.',
      ko: '트랜잭션 밖 쿼리에 쓴 clause.Locking(SELECT … FOR UPDATE/SHARE): 문장이 끝나면 락이 풀립니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: false,
    messages,
  },
  check(ctx) {
    const clauseAliases = aliasesOf(ctx.summary.imports, clauseImport);
    if (!usesGorm(ctx) || clauseAliases.length === 0) return;
    const types = new GormTypes(ctx);
    const root = ctx.tree.rootNode;
    const txs = transactionsIn(types, root);
    for (const chain of types.chainsIn(root)) {
      const lock = lockingClause(chain, clauseAliases);
      const run = executes(chain);
      if (!lock || !run || run.name === 'Transaction') continue;
      if (handleOrigin(chain.root, txs) !== 'pool') continue;
      // The outer handle inside a transaction's body is gorm-tx-outer-handle's finding.
      if (transactionAround(chain.call, txs)?.outer === rootName(chain)) continue;
      ctx.report({
        node: lock,
        messageId: 'outsideTx',
        args: { clause: lock.childForFieldName('type')?.text ?? 'clause.Locking', root: chain.root.text, method: run.name },
      });
    }
  },
};
