// The library-type resolver on real Go source: each call annotated `// recv: lib.Name`
// (or `// recv: none`) must have a receiver of exactly that library type.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { typeResolverFor } from '../../server/src/analysis/libraryTypes';
import { buildIndexFromFiles } from '../../server/src/index/buildIndex';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { createGoParser, parseGo } from '../../server/src/parse/goParser';
import { writeSourceTree } from '../support/sourceTree';

const files: Record<string, string> = {
  'go.mod': 'module example.com/svc\n\ngo 1.22\n',
  'global/global.go': `package global

import "gorm.io/gorm"

var DB *gorm.DB
`,
  'svc/svc.go': `package svc

import (
	"context"
	"database/sql"

	goredis "github.com/redis/go-redis/v9"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"example.com/svc/global"
)

type Repo struct{}

func (Repo) Save(v any) error { return nil }

type Service struct {
	db    *gorm.DB
	rdb   *goredis.Client
	pool  *pgxpool.Pool
	sqldb *sql.DB
	repo  Repo
}

var pkgDB, _ = gorm.Open(sqlite.Open("x.db"))

func (s *Service) Run(ctx context.Context, item any) error {
	s.db.Save(item)             // recv: gorm.DB
	s.db.WithContext(ctx).Save(item) // recv: gorm.DB
	s.repo.Save(item)           // recv: none
	s.rdb.SetNX(ctx, "k", 1, 0) // recv: redis.Client
	global.DB.First(item)       // recv: gorm.DB
	pkgDB.First(item)           // recv: none
	tx, err := s.sqldb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx.Commit() // recv: sql.Tx
	ptx, _ := s.pool.Begin(ctx)
	ptx.Commit(ctx) // recv: pgx.Tx
	conn, _ := s.pool.Acquire(ctx)
	conn.Release() // recv: pgxpool.Conn
	c, _ := s.sqldb.Conn(ctx)
	c.Close() // recv: sql.Conn
	return s.db.Transaction(func(tx *gorm.DB) error {
		tx.Save(item)     // recv: gorm.DB
		s.db.Save(item)   // recv: gorm.DB
		return nil
	})
}

func Open(ctx context.Context) {
	db, _ := gorm.Open(sqlite.Open("x.db"))
	db.Where("a = ?", 1).First(nil) // recv: gorm.DB
	rdb := goredis.NewClient(&goredis.Options{})
	rdb.Del(ctx, "k") // recv: redis.Client
	pc, _ := pgx.Connect(ctx, "")
	pc.Begin(ctx) // recv: pgx.Conn
	var r Repo
	r.Save(nil) // recv: none
	if true {
		db := Repo{} // shadows the *gorm.DB
		db.Save(nil) // recv: none
	}
}
`,
};

describe('library types', () => {
  it('resolves receivers through params, locals, fields, package vars, constructors and chains', async () => {
    const { dir, paths } = writeSourceTree('libtypes', files);
    const index = new WorkspaceIndex();
    await buildIndexFromFiles(paths, index);
    const path = join(dir, 'svc/svc.go');
    const text = readFileSync(path, 'utf8');
    const tree = parseGo(await createGoParser(), text);
    const resolver = typeResolverFor({ tree, summary: index.file(path)!, index });
    const lines = text.split('\n');
    let checked = 0;
    for (const call of tree.rootNode.descendantsOfType('call_expression')) {
      if (!call) continue;
      const want = /\/\/ recv: (\S+)/.exec(lines[call.startPosition.row]!)?.[1];
      const fn = call.childForFieldName('function');
      // Only the outermost call of a chain carries the line's annotation.
      if (!want || fn?.type !== 'selector_expression' || call.parent?.type === 'selector_expression') continue;
      const t = resolver.libraryTypeOf(fn.childForFieldName('operand'));
      assert.equal(t ? `${t.library}.${t.name}` : 'none', want, `line ${call.startPosition.row + 1}: ${lines[call.startPosition.row]!.trim()}`);
      checked++;
    }
    assert.equal(checked, lines.filter((l) => l.includes('// recv:')).length);
  });
});
