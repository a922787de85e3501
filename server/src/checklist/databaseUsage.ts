// Item 6 is "not applicable" when the module uses no database library: a
// known driver/ORM in go.mod, or an import of database/sql.
import type { FileSummary } from '../index/types';
import { format, type Locale } from '../l10n/locale';
import { readText } from './ci/ciDefinitions';
import { checklistText as t } from './checklistText';
import { matching, type Requirement } from './goModDependencies';
import type { Evidence } from './types';

const databaseModules = [
  'gorm.io/gorm',
  'github.com/jinzhu/gorm',
  'github.com/jmoiron/sqlx',
  'github.com/jackc/pgx',
  'github.com/lib/pq',
  'github.com/go-sql-driver/mysql',
  'github.com/mattn/go-sqlite3',
  'modernc.org/sqlite',
  'entgo.io/ent',
  'github.com/uptrace/bun',
  'github.com/go-pg/pg',
  'github.com/doug-martin/goqu',
  'github.com/Masterminds/squirrel',
  'github.com/volatiletech/sqlboiler',
  'go.mongodb.org/mongo-driver',
  'github.com/gocql/gocql',
].map((prefix) => ({ prefix }));

export function databaseEvidence(requirements: readonly Requirement[], files: readonly FileSummary[], locale: Locale): Evidence[] {
  const out: Evidence[] = [];
  for (const r of requirements) {
    const known = matching(r.module, databaseModules);
    if (known) out.push({ kind: 'database', file: r.goMod, line: r.line, column: r.column, message: format(t.databaseUsed, locale, { library: r.module }), negative: false });
  }
  for (const f of files) {
    if (!Object.values(f.imports).includes('database/sql')) continue;
    const text = readText(f.path) ?? '';
    const lines = text.split('\n');
    const line = Math.max(0, lines.findIndex((l) => l.includes('"database/sql"')));
    out.push({ kind: 'database', file: f.path, line, column: Math.max(0, lines[line]?.indexOf('"database/sql"') ?? 0), message: format(t.databaseUsed, locale, { library: 'database/sql' }), negative: false });
  }
  return out;
}
