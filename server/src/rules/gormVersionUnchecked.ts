// gorm-version-unchecked: an optimistic-locking write whose conflict passes as
// success. Two shapes:
//   - an update guarded by a version (`Where("version = ?", v)`, or a model
//     whose BeforeUpdate hook adds that condition as in the seed) whose
//     RowsAffected is never read: zero rows updated is the conflict signal;
//   - `Save` of a hook-versioned model without `Select(…)`: when the versioned
//     UPDATE matches zero rows, GORM v2's Save falls back to
//     INSERT … ON CONFLICT DO UPDATE, overwriting the concurrent change and
//     reporting one row affected — the check after it can never fire. This is
//     the seed's own optimistic example.
import { chainModel, executes, GormTypes, rowsAffectedChecked, usesGorm, versionCondition, writeMethods, type GormChain } from '../analysis/gorm';
import { typeResolverFor } from '../analysis/libraryTypes';
import { rangeOf, type Node } from '../parse/syntax';
import type { Rule, RuleContext } from './types';

const messages = {
  unchecked: {
    en: '`{write}` is guarded by a version ({guard}) but its RowsAffected is never read: when another writer got there first the update changes 0 rows and this passes as success — check `RowsAffected == 0` and retry or report the conflict',
    ko: '`{write}`는 버전({guard})으로 보호되지만 RowsAffected를 읽지 않습니다: 다른 쓰기가 먼저 했으면 0행이 바뀌고 성공처럼 지나갑니다 — `RowsAffected == 0`을 확인해 재시도하거나 충돌을 알리세요',
  },
  saveUpserts: {
    en: '`{write}` on `{model}`, whose BeforeUpdate adds the version condition: when the versioned UPDATE matches 0 rows, GORM\'s Save falls back to INSERT … ON CONFLICT DO UPDATE and overwrites the concurrent change (RowsAffected is then 1, so the check never fires) — use `Select("*").Updates(&{model})` or `Select("*").Save(&{model})` and check RowsAffected',
    ko: 'BeforeUpdate가 버전 조건을 더하는 `{model}`에 대한 `{write}`: 버전 조건 UPDATE가 0행이면 GORM의 Save는 INSERT … ON CONFLICT DO UPDATE로 넘어가 동시 변경을 덮어씁니다 (그때 RowsAffected는 1이라 확인이 동작하지 않음) — `Select("*").Updates(&{model})`나 `Select("*").Save(&{model})`를 쓰고 RowsAffected를 확인하세요',
  },
  hook: { en: 'the version condition is added here', ko: '여기서 버전 조건을 더합니다' },
};

const versionFields = ['Version', 'LockVersion', 'Revision', 'RowVersion'];

/** A model whose type has a version field and a BeforeUpdate hook: the seed's optimistic pattern. */
function hookVersioned(ctx: RuleContext, model: Node): { file: string; line: number } | undefined {
  const types = typeResolverFor(ctx);
  const t = types.typeOf(model);
  if (!t || t.dir.startsWith('ext:')) return undefined;
  const functions = ctx.index.functions();
  if (!versionFields.some((f) => functions.fieldOf(t, f))) return undefined;
  const hook = functions.funcsIn(t.dir).get(`${t.name}.BeforeUpdate`);
  return hook ? { file: hook.file.path, line: hook.info.line } : undefined;
}

function writeText(chain: GormChain, name: string): string {
  return `${chain.root.text}.${name}`;
}

export const gormVersionUnchecked: Rule = {
  meta: {
    id: 'gorm-version-unchecked',
    title: { en: 'GORM optimistic lock whose conflict passes as success', ko: '충돌이 성공처럼 지나가는 GORM 낙관적 락' },
    description: {
      en: 'An update guarded by a version column whose RowsAffected is never checked, or Save of a model whose BeforeUpdate adds the version condition (Save then upserts over the concurrent change).',
      ko: '버전 컬럼으로 보호한 갱신인데 RowsAffected를 확인하지 않거나, BeforeUpdate가 버전 조건을 더하는 모델을 Save합니다 (그러면 Save가 동시 변경 위에 upsert합니다).',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: false,
    messages,
  },
  check(ctx) {
    if (!usesGorm(ctx)) return;
    const types = new GormTypes(ctx);
    for (const chain of types.chainsIn(ctx.tree.rootNode)) {
      const w = executes(chain);
      if (!w || !writeMethods.has(w.name)) continue;
      const model = chainModel(chain, w);
      const hook = model ? hookVersioned(ctx, model) : undefined;
      const cond = versionCondition(chain);
      if (!hook && !cond) continue;
      const related = hook ? [{ file: hook.file, range: { startLine: hook.line, startColumn: 0, endLine: hook.line, endColumn: 0 }, message: messages.hook }] : [];
      if (hook && w.name === 'Save' && !chain.links.some((l) => l.name === 'Select')) {
        ctx.report({ node: w.call, messageId: 'saveUpserts', args: { write: writeText(chain, w.name), model: model!.text }, related });
        continue;
      }
      if (rowsAffectedChecked(chain)) continue;
      const guard = cond ? (cond.args[0]?.text ?? 'Where') : `${model!.text}.BeforeUpdate`;
      ctx.report({ node: w.call, messageId: 'unchecked', args: { write: writeText(chain, w.name), guard }, related: cond ? [{ range: rangeOf(cond.call), message: messages.hook }] : related });
    }
  },
};
