// The audit log filtered by days (Beijing time, both ends included): exactly the entries written on
// those days, alone or with the other filters, paged by key in both directions with the right
// totals and positions — and still one range of an index per page.
import { describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { auditConditions, auditIdRange, auditRowsQuery } from '@/server/queries/audit';
import { auditListSchema } from '@/core/schemas/lists';
import { makeFactory } from './factory';

const HOUR = 3_600_000;
// 2030-03-01 00:00 in Beijing is 2030-02-28 16:00 UTC: a UTC reading of the days would be off by 8 hours.
const START = Date.parse('2030-03-01T00:00:00+08:00') - 2 * HOUR;

describe('audit log by days', () => {
  const f = makeFactory();
  const auditor = f.user('admin', { username: 'days-auditor' });
  // 240 entries three hours apart (30 days), the first two hours before 1 March (Beijing time).
  const rows = Array.from({ length: 240 }, (_, i) => ({
    at: new Date(START + i * 3 * HOUR),
    actorId: auditor.id,
    action: i % 3 ? 'stakeholder.update' : 'evaluation.save',
    entity: i % 3 ? 'stakeholder' : 'evaluation',
    entityId: String(i % 7),
  }));
  f.db.insert(auditLog).values(rows).run();
  const all = f.db.select({ id: auditLog.id, at: auditLog.at, entity: auditLog.entity, action: auditLog.action }).from(auditLog).all();

  /** What a reader expects: the entries whose Beijing date lies within the days, newest first. */
  function expected(filter: { from?: string; to?: string; entity?: string }) {
    const day = (at: Date) => new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    return all
      .filter((r) => (!filter.from || day(r.at) >= filter.from) && (!filter.to || day(r.at) <= filter.to) && (!filter.entity || r.entity === filter.entity))
      .map((r) => r.id)
      .sort((a, b) => b - a);
  }

  const CASES = [
    { from: '2030-03-01', to: '2030-03-01' },
    { from: '2030-03-05', to: '2030-03-12' },
    { from: '2030-03-20' },
    { to: '2030-03-03' },
    { from: '2030-02-28', to: '2030-02-28' },
    { from: '2030-03-05', to: '2030-03-12', entity: 'evaluation' },
    { from: '2030-03-05', to: '2030-03-12', entity: 'stakeholder', actor: 'days-auditor' },
  ];

  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))('%s: every page, older then newer, with its total and position', async (_, filter) => {
    const want = expected(filter);
    expect(want.length).toBeGreaterThan(0);
    const seen: number[] = [];
    const pages = [];
    for (let page = await f.api.audit.list({ ...filter, pageSize: 17 }); ; page = await f.api.audit.list({ ...filter, pageSize: 17, before: page.olderThan })) {
      expect(page.total).toBe(want.length);
      expect(page.offset).toBe(seen.length);
      seen.push(...page.items.map((i) => i.id));
      pages.push(page);
      if (page.olderThan === null) break;
    }
    expect(seen).toEqual(want);
    // Back one page from the oldest: the same rows as on the way there.
    if (pages.length > 1) {
      const last = pages.at(-1)!;
      const back = await f.api.audit.list({ ...filter, pageSize: 17, after: last.newerThan! });
      expect(back.items.map((i) => i.id)).toEqual(pages.at(-2)!.items.map((i) => i.id));
    }
  });

  it('finds nothing on days without entries, and reads a day in the office time zone', async () => {
    expect(await f.api.audit.list({ from: '2031-01-01' })).toMatchObject({ total: 0, items: [] });
    expect(await f.api.audit.list({ from: '2030-03-10', to: '2030-03-09' })).toMatchObject({ total: 0, items: [] });
    // 2030-02-28 (Beijing) holds the first entries only: those of 22:00 and 01:00 the next day are apart.
    const feb28 = await f.api.audit.list({ from: '2030-02-28', to: '2030-02-28' });
    expect(feb28.items.map((i) => i.at.getTime())).toEqual([START]);
  });

  it('refuses a day that does not exist', async () => {
    expect(auditListSchema.safeParse({ from: '2030-02-30' }).success).toBe(false);
    expect(auditListSchema.safeParse({ to: '2030-13-01' }).success).toBe(false);
    expect(auditListSchema.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(auditListSchema.parse({ from: '', to: '2030-03-01' })).toMatchObject({ from: undefined, to: '2030-03-01' });
  });

  it('reads one range of an index per page, both ends on the key, however deep', () => {
    const days = auditIdRange(f.db, { from: '2030-03-05', to: '2030-03-12' })!;
    for (const filter of [{}, { entity: 'evaluation' }, { action: 'stakeholder.update' }]) {
      const where = auditConditions(f.db, filter)!;
      for (const cursor of [{}, { before: days.hi! - 10 }, { after: days.lo! + 10 }]) {
        const { sql, params } = auditRowsQuery(f.db, where, { pageSize: 50, ...cursor }, days).toSQL();
        const plan = (f.db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).filter((d) => /\baudit_log\b/.test(d));
        expect(plan).toHaveLength(1);
        expect(plan[0]).toMatch(/rowid>\? AND rowid<\?\)$/);
        expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});
