// The audit log pages by key: for every combination of the filters the page offers, with or
// without a cursor either way, SQLite reads one range of an index in id order, so a deep page
// costs what the first page costs (asserted on the query plan, not on time).
import { describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { auditConditions, auditRowsQuery } from '@/server/queries/audit';
import { makeFactory } from './factory';

const FILTERS = { entity: 'stakeholder', action: 'stakeholder.update', actor: 'keyset-auditor', entityId: '7' } as const;
type Filter = Partial<Record<keyof typeof FILTERS, string>>;

/** Every combination of the filters, from none to all four. */
const combinations: Filter[] = Array.from({ length: 16 }, (_, mask) =>
  Object.fromEntries(Object.entries(FILTERS).filter((_, bit) => mask & (1 << bit))),
);

describe('audit log pages by key', () => {
  const f = makeFactory();
  const auditor = f.user('admin', { username: 'keyset-auditor' });
  f.db
    .insert(auditLog)
    .values(Array.from({ length: 300 }, (_, i) => ({ actorId: auditor.id, action: i % 2 ? 'stakeholder.update' : 'evaluation.save', entity: i % 2 ? 'stakeholder' : 'evaluation', entityId: String(i % 20) })))
    .run();

  it('numbers a page by the rows newer than it, also when the ids have gaps', async () => {
    const walk = async () => {
      const offsets: number[] = [];
      for (let page = await f.api.audit.list({ pageSize: 40 }); ; page = await f.api.audit.list({ pageSize: 40, before: page.olderThan })) {
        const newest = page.items[0]!.id;
        expect(page.offset).toBe(f.db.$client.prepare('select count(*) n from audit_log where id > ?').pluck().get(newest));
        offsets.push(page.offset);
        if (page.olderThan === null) return offsets;
      }
    };
    const contiguous = await walk();
    expect(contiguous.slice(0, 3)).toEqual([0, 40, 80]);
    // An id far ahead of the rest: counting the ids between the ends no longer gives the position.
    f.db.insert(auditLog).values({ id: 1_000_000, actorId: auditor.id, action: 'stakeholder.update', entity: 'stakeholder', entityId: '1' }).run();
    expect((await walk()).slice(0, 3)).toEqual([0, 40, 80]);
  });

  /** The plan of one page's query, as SQLite reports it. */
  function plan(filter: Filter, cursor: { before?: number; after?: number }) {
    const where = auditConditions(f.db, filter);
    if (where === null) throw new Error('no actor matched');
    const { sql, params } = auditRowsQuery(f.db, where, { pageSize: 50, ...cursor }).toSQL();
    const rows = f.db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
  const logReads = (steps: string[]) => steps.filter((s) => /\baudit_log\b/.test(s) && !/\buser\b/.test(s));

  it.each(combinations.map((c) => [Object.keys(c).join(' + ') || 'no filter', c] as const))('%s: an index range in id order, the same on a deep page', (_, filter) => {
    const first = plan(filter, {});
    const deep = plan(filter, { before: 120 });
    const newer = plan(filter, { after: 120 });
    for (const steps of [first, deep, newer]) {
      // Never a sort of everything that matches: the rows come in id order and the limit stops the read.
      expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
      expect(logReads(steps)).toHaveLength(1);
    }
    // The first page: the newest end of the filter's index, or of the table itself when unfiltered.
    expect(logReads(first)[0]).toMatch(Object.keys(filter).length ? /^SEARCH audit_log USING INDEX \w+ \(\w+=\?/ : /^SCAN audit_log$/);
    // A deep page reads exactly as the first page would from a cursor at the newest end: the
    // equalities of one index, then the ids from the cursor on (SQLite may pick another of the
    // filter's indexes once a cursor narrows the range, but never one that is not in id order).
    const keyed = Object.keys(filter).length ? /^SEARCH audit_log USING INDEX \w+ \((?:\w+=\? AND )+rowid([<>])\?\)$/ : /^SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid([<>])\?\)$/;
    expect(keyed.exec(logReads(deep)[0]!)?.[1]).toBe('<');
    expect(keyed.exec(logReads(newer)[0]!)?.[1]).toBe('>');
    expect(deep).toEqual(plan(filter, { before: Number.MAX_SAFE_INTEGER }));
  });
});
