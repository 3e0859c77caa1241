// The reviewer's tools through the procedures: each value's previous approved value and its county's
// usual change (the unusual-change rule's spread), comments per indicator on a return, and a
// timeline that says what each save changed. Its own world: a market KPI set with one indicator
// "x" (0…1000) and "y" (0…100); 2026Q1 and Q2 published, Q3 open. 屏边 (countyA) holds twelve firms
// whose x moved by 1…12 from Q1 to Q2, 金平 (countyB) four firms whose x moved by 500.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evaluationReturnComments, evaluations } from '@/db/schema';
import { changeSpreads, countyPathOf, previousValues } from '@/server/queries/value-history';
import { makeFactory, type Factory } from './factory';

let f: Factory;
let firms: { id: number }[];
let foreign: { id: number }[];
let q3: { id: number; startsOn: string; kind: 'quarter' | 'year' };
let users: Record<'a1' | 'a2' | 'b', ReturnType<Factory['user']>>;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

beforeAll(async () => {
  f = makeFactory();
  const q1 = await f.period(2026, 1);
  await f.kpiSet('market', [{ code: 'market', indicators: [{ code: 'x', max: 1000 }, { code: 'y' }] }], { effectiveFromPeriodId: q1.id });
  firms = [];
  for (let i = 1; i <= 12; i++) firms.push(await f.stakeholder('market', f.w.townA.id));
  foreign = [];
  for (let i = 1; i <= 4; i++) foreign.push(await f.stakeholder('market', f.w.townB.id));
  for (const [i, s] of firms.entries()) await f.evaluate(s.id, { x: 100, y: 40 + i });
  for (const s of foreign) await f.evaluate(s.id, { x: 100, y: 40 });
  await f.publish(q1.id);
  const q2 = await f.period(2026, 2);
  // The last firm has no y in Q2: its Q1 value is its previous one.
  for (const [i, s] of firms.entries()) await f.evaluate(s.id, { x: 100 + i + 1, y: i === 11 ? null : 50 });
  for (const s of foreign) await f.evaluate(s.id, { x: 600, y: 50 });
  await f.publish(q2.id);
  q3 = await f.period(2026, 3);
  users = {
    a1: f.user('assessor', { regionIds: [f.w.countyA.id], username: 'assessor-a1' }),
    a2: f.user('assessor', { regionIds: [f.w.countyA.id], username: 'assessor-a2' }),
    b: f.user('assessor', { regionIds: [f.w.countyB.id], username: 'assessor-b' }),
  };
}, 120_000);

describe('change since the last period', () => {
  it('gives each indicator its latest approved value and the county’s usual change', async () => {
    const a1 = f.caller(users.a1);
    const e = await a1.evaluations.start({ stakeholderId: firms[11]!.id });
    const view = await a1.evaluations.get({ id: e.id });
    // x: 112 in Q2. y was left empty in Q2, so Q1's 51 is the previous value.
    expect(view.previous.x).toEqual({ value: 112, periodCode: '2026Q2', spread: 11 });
    expect(view.previous.y).toMatchObject({ value: 51, periodCode: '2026Q1' });
    // y changed by 10 − i… for eleven firms of 屏边: sizes 0…9 and 10 → the 10th smallest of 11.
    expect(view.previous.y!.spread).toBe(9);
  });

  it('reads only the county’s stakeholders for the spread, and only approved values', async () => {
    const b = f.caller(users.b);
    const e = await b.evaluations.start({ stakeholderId: foreign[0]!.id });
    const view = await b.evaluations.get({ id: e.id });
    // 金平 has four firms: too few for a spread, and 屏边's changes are not borrowed.
    expect(view.previous.x).toEqual({ value: 600, periodCode: '2026Q2', spread: null });

    // A submitted (not approved) Q3 value is no "previous" value for a later period.
    await f.evaluate(firms[0]!.id, { x: 900, y: 1 }, 'submitted');
    const ids = (await f.api.evaluations.get({ id: e.id })).indicators.map((d) => d.id);
    const later = { startsOn: '2026-10-01', kind: 'quarter' as const };
    const before = previousValues(f.db, firms[0]!.id, later, ids);
    expect(ids.map((id) => [before.get(id)?.value, before.get(id)?.periodCode])).toEqual([
      [101, '2026Q2'],
      [50, '2026Q2'],
    ]);
    // Read twice (the second time from memory: both periods are published), the same figures.
    const path = countyPathOf(`${f.w.townA.path}`);
    expect(path).toBe(f.w.countyA.path);
    const first = changeSpreads(f.db, path, q3, ids);
    expect(changeSpreads(f.db, path, q3, ids)).toEqual(first);
    expect(ids.map((id) => first.get(id)?.spread)).toEqual([11, 9]);
  });
});

describe('comments per indicator on a return', () => {
  it('stores them with the return, shows them at the fields while it is back, and keeps them in the timeline', async () => {
    const [a1, a2, b] = [f.caller(users.a1), f.caller(users.a2), f.caller(users.b)];
    const e = await a1.evaluations.start({ stakeholderId: firms[1]!.id });
    const saved = await a1.evaluations.save({ id: e.id, revision: e.revision, values: { x: { value: 500 }, y: { value: 20 } } });
    const submitted = await a1.evaluations.submit({ id: e.id, revision: saved.revision });

    // The whole return still needs its reason; an unknown indicator is refused; nothing is stored.
    expect(await codeOf(a2.evaluations.return({ id: e.id, revision: submitted.revision, reason: ' ', comments: { x: '请核对' } }))).toBe('BAD_REQUEST');
    const unknown = await a2.evaluations.return({ id: e.id, revision: submitted.revision, reason: '请核对后重新提交', comments: { nope: '这是什么' } }).catch((err: { code: string; cause?: { fields?: Record<string, string[]> } }) => err);
    expect((unknown as { code: string }).code).toBe('BAD_REQUEST');
    expect(Object.keys((unknown as { cause: { fields: Record<string, string[]> } }).cause.fields)).toEqual(['comments.nope']);
    // Outside the reviewer's scope the evaluation does not exist.
    expect(await codeOf(b.evaluations.return({ id: e.id, revision: submitted.revision, reason: '请核对后重新提交', comments: { x: '请核对' } }))).toBe('NOT_FOUND');
    expect(f.db.select().from(evaluationReturnComments).all()).toEqual([]);
    expect((await a1.evaluations.get({ id: e.id })).evaluation.status).toBe('submitted');

    const returned = await a2.evaluations.return({ id: e.id, revision: submitted.revision, reason: '请核对后重新提交', comments: { x: '比上期高出四倍，请附佐证', y: '   ' } });
    const view = await a1.evaluations.get({ id: e.id });
    expect(view.returnComments).toEqual({ x: '比上期高出四倍，请附佐证' });
    const entry = view.timeline.find((t) => t.action === 'evaluation.return')!;
    expect(entry.comments).toEqual([{ code: 'x', comment: '比上期高出四倍，请附佐证' }]);
    const audit = f.db.select().from(auditLog).where(eq(auditLog.id, entry.id)).get()!;
    expect(audit.after).toMatchObject({ status: 'returned', revision: returned.revision, comments: { x: '比上期高出四倍，请附佐证' } });

    // Still shown after the assessor's first edit; gone from the fields once resubmitted.
    const edited = await a1.evaluations.save({ id: e.id, revision: returned.revision, values: { x: { value: 120 } } });
    expect((await a1.evaluations.get({ id: e.id })).returnComments).toEqual({ x: '比上期高出四倍，请附佐证' });
    await a1.evaluations.submit({ id: e.id, revision: edited.revision });
    const after = await a1.evaluations.get({ id: e.id });
    expect(after.returnComments).toEqual({});
    expect(after.timeline.find((t) => t.action === 'evaluation.return')!.comments).toHaveLength(1);
  });
});

describe('the timeline says what changed', () => {
  it('lists each save’s changed fields, and says when an old save recorded none', async () => {
    const a1 = f.caller(users.a1);
    const e = await a1.evaluations.start({ stakeholderId: firms[2]!.id });
    const first = await a1.evaluations.save({ id: e.id, revision: e.revision, values: { x: { value: 120 }, y: { value: 30 } } });
    await a1.evaluations.save({
      id: e.id,
      revision: first.revision,
      changes: [
        { code: 'x', field: 'value', base: 120, value: '135' },
        { code: 'x', field: 'note', base: null, value: '含外出务工人员' },
      ],
    });
    // A save recorded before saves stored their values.
    f.db.insert(auditLog).values({ actorId: users.a1.id, action: 'evaluation.save', entity: 'evaluation', entityId: String(e.id), before: { status: 'draft', revision: 3 }, after: { status: 'draft', revision: 4 } }).run();
    const saves = (await a1.evaluations.get({ id: e.id })).timeline.filter((t) => t.action === 'evaluation.save');
    expect(saves.map((s) => s.changes)).toEqual([
      [
        { code: 'x', field: 'value', from: null, to: 120 },
        { code: 'y', field: 'value', from: null, to: 30 },
      ],
      [
        { code: 'x', field: 'value', from: 120, to: 135 },
        { code: 'x', field: 'note', from: null, to: '含外出务工人员' },
      ],
      'not_recorded',
    ]);
    expect(f.db.select({ status: evaluations.status }).from(evaluations).where(eq(evaluations.id, e.id)).get()!.status).toBe('draft');
  });
});
