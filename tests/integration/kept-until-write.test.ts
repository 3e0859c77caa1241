// Answers kept until the next write (server/queries/kept-until-write.ts): the work list's counts,
// the overview's completeness, the county dashboard and the county scorecard are reused while
// nothing is written, and follow at once a write on the same connection (through the app) or on
// another one (a job worker, another process): each equals a recount after every change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '@/db/client';
import { setDb } from '@/server/db';
import { keptUntilWrite } from '@/server/queries/kept-until-write';
import { makeFactory } from './factory';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fileFactory() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const db = openDb(file);
  migrateDb(db);
  setDb(db);
  return { f: makeFactory(db), file };
}

describe('answers kept until the next write', () => {
  it('reuses an answer while nothing is written, and reads again after any write', () => {
    const { f, file } = fileFactory();
    let reads = 0;
    const read = () => keptUntilWrite(f.db, 'k', () => ++reads);
    expect([read(), read()]).toEqual([1, 1]);
    // This connection writes.
    f.db.$client.prepare(`update regions set name_en = name_en || '.' where id = ?`).run(f.w.townA.id);
    expect([read(), read()]).toEqual([2, 2]);
    // Another connection commits.
    const other = new Database(file);
    other.prepare(`update regions set name_en = name_en || '.' where id = ?`).run(f.w.townA.id);
    other.close();
    expect([read(), read()]).toEqual([3, 3]);
    // Inside a transaction nothing is kept: it may roll back.
    f.db.$client.transaction(() => expect([read(), read()]).toEqual([4, 5]))();
  });

  it('keeps the counts equal to a recount after writes by the app and by another connection', async () => {
    const { f, file } = fileFactory();
    const q1 = await f.period(2026, 1);
    await f.kpiSet('market', [{ code: 'economy', indicators: [{ code: 'mk_income' }] }], { effectiveFromPeriodId: q1.id });
    const extra = await f.stakeholder('market', f.w.townA.id);
    await f.evaluate(f.w.shA.id, { mk_income: 50 }, 'submitted');

    const recount = () => {
      const one = (q: string, ...args: unknown[]) => f.db.$client.prepare(q).pluck().get(...args) as number;
      const active = one(`select count(*) from stakeholders where active = 1`);
      const evaluated = one(`select count(*) from evaluations e join stakeholders s on s.id = e.stakeholder_id where e.period_id = ? and s.active = 1`, q1.id);
      const submitted = one(`select count(*) from evaluations where period_id = ? and status = 'submitted'`, q1.id);
      const draft = one(`select count(*) from evaluations where period_id = ? and status = 'draft'`, q1.id);
      return { active, notStarted: active - evaluated, submitted, draft };
    };
    const shown = async () => {
      const list = await f.api.evaluations.workList({});
      const overview = await f.api.dashboard.admin();
      const counties = overview.completeness!.counties;
      const sum = (k: 'stakeholders' | 'notStarted' | 'submitted' | 'draft') => counties.reduce((n, c) => n + c[k], 0);
      const byStatus = (s: string) => list.counties.reduce((n, c) => n + c.counts[s as keyof typeof c.counts], 0);
      // The work list's own counts and the overview's agree with each other and with the recount.
      expect({ active: sum('stakeholders'), notStarted: byStatus('not_started'), submitted: byStatus('submitted'), draft: byStatus('draft') }).toEqual({
        active: sum('stakeholders'),
        notStarted: sum('notStarted'),
        submitted: sum('submitted'),
        draft: sum('draft'),
      });
      return { active: sum('stakeholders'), notStarted: sum('notStarted'), submitted: sum('submitted'), draft: sum('draft') };
    };

    const before = await shown();
    expect(before).toEqual(recount());
    expect(await shown()).toEqual(before);

    // Through the app, on the same connection.
    await f.evaluate(extra.id, { mk_income: 60 }, 'draft');
    const afterApp = await shown();
    expect(afterApp).toEqual(recount());
    expect(afterApp).toMatchObject({ notStarted: before.notStarted - 1, draft: before.draft + 1 });

    // Another connection deactivates a stakeholder without an evaluation (the count triggers follow).
    const idle = f.db.$client
      .prepare(`select s.id from stakeholders s where s.active = 1 and not exists (select 1 from evaluations e where e.stakeholder_id = s.id and e.period_id = ?) limit 1`)
      .pluck()
      .get(q1.id) as number;
    const other = new Database(file);
    other.prepare(`update stakeholders set active = 0 where id = ?`).run(idle);
    other.close();
    const afterOther = await shown();
    expect(afterOther).toEqual(recount());
    expect(afterOther).toMatchObject({ active: afterApp.active - 1, notStarted: afterApp.notStarted - 1 });
  });
});
