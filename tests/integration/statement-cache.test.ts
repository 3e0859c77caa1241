// The connection drizzle uses prepares each SQL text once: the same text asked for objects and
// for raw rows (drizzle's `.raw()`) answers each way correctly, in any order.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';

describe('statement cache', () => {
  it('answers objects and raw rows from one cached statement, whichever came first', () => {
    const db = openDb(':memory:');
    db.run(sql`create table t (a integer, b text)`);
    db.run(sql`insert into t values (1, 'x'), (2, 'y')`);
    const query = sql`select a, b from t order by a`;
    expect(db.values(query)).toEqual([[1, 'x'], [2, 'y']]);
    expect(db.all(query)).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    expect(db.values(query)).toEqual([[1, 'x'], [2, 'y']]);
    expect(db.get(query)).toEqual({ a: 1, b: 'x' });
  });

  it('keeps raw statements of the client uncached, so one can be iterated while others run', () => {
    const db = openDb(':memory:');
    db.run(sql`create table t (a integer)`);
    db.run(sql`insert into t values (1), (2), (3)`);
    const seen: number[] = [];
    for (const row of db.$client.prepare('select a from t order by a').iterate() as IterableIterator<{ a: number }>) {
      seen.push(db.$client.prepare('select a from t order by a').all().length * row.a);
    }
    expect(seen).toEqual([3, 6, 9]);
  });

  it('sees rows written after a statement was first prepared', () => {
    const db = openDb(':memory:');
    db.run(sql`create table t (a integer)`);
    const count = sql`select count(*) as n from t`;
    expect(db.get(count)).toEqual({ n: 0 });
    db.run(sql`insert into t values (1)`);
    expect(db.get(count)).toEqual({ n: 1 });
  });
});
