// Reviewing a batch of evaluations: the single-evaluation rules hold for every member, and a
// batch with one refusal changes nothing.
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { approveEvaluations, returnEvaluations, submitEvaluations } from '@/server/services/evaluations/bulk-review';
import { NotFoundError } from '@/server/errors';
import { settleJobs } from '@/server/jobs/runner';
import { makeFactory, type Factory } from './factory';

const EVIDENCE = 'https://evidence.example.cn/mk_income.pdf';

let f: Factory;
let ids: number[];

beforeEach(async () => {
  f = makeFactory();
  const period = await f.period(2026, 1);
  await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income', evidenceRequired: true }, { code: 'mk_growth' }] }], { effectiveFromPeriodId: period.id });
  ids = [];
  for (let i = 0; i < 3; i++) {
    const s = await f.stakeholder('market');
    const e = await f.api.evaluations.start({ stakeholderId: s.id });
    await f.api.evaluations.save({ id: e.id, revision: e.revision, values: { mk_income: { value: 60 + i }, mk_growth: { value: 50 } } });
    ids.push(e.id);
  }
});

const statuses = () => f.db.all<{ status: string; revision: number }>(sql`select status, revision from evaluations order by id`);
// Started (revision 1) and saved once (revision 2).
const withEvidence = (id: number, revision = 2) => ({ id, revision, values: { mk_income: { value: 60, evidenceUrl: EVIDENCE } } });

describe('bulk review', () => {
  it('submits with the given evidence, then a different user approves and the provisional scores are refreshed', async () => {
    expect(submitEvaluations(f.db, f.admin, ids.map((id) => withEvidence(id)))).toEqual({ submitted: 3 });
    expect(statuses()).toEqual(ids.map(() => ({ status: 'submitted', revision: 3 })));
    const stored = f.db.get<{ n: number }>(sql`select count(*) as n from evaluation_values where evidence_url = ${EVIDENCE}`);
    expect(stored.n).toBe(3);

    const reviewer = f.user('admin');
    expect(approveEvaluations(f.db, reviewer, ids.slice(0, 2).map((id) => ({ id, revision: 3 })))).toEqual({ approved: 2 });
    expect(returnEvaluations(f.db, reviewer, [{ id: ids[2]!, revision: 3, reason: '请补充佐证材料后重新提交' }])).toEqual({ returned: 1 });
    expect(statuses().map((s) => s.status)).toEqual(['approved', 'approved', 'returned']);
    const audit = f.db.all<{ action: string; n: number }>(sql`select action, count(*) as n from audit_log where action like 'evaluation.%' and action <> 'evaluation.create' and action <> 'evaluation.save' group by action order by action`);
    expect(audit).toEqual([
      { action: 'evaluation.approve', n: 2 },
      { action: 'evaluation.return', n: 1 },
      { action: 'evaluation.submit', n: 3 },
    ]);
    // The recompute is a job, one for the version, after the approvals committed.
    const provisionalScores = () => f.db.get<{ n: number }>(sql`select count(*) as n from scores x join score_runs r on r.id = x.run_id where r.kind = 'provisional'`).n;
    expect(provisionalScores()).toBe(0);
    await settleJobs();
    expect(provisionalScores()).toBe(2);
    expect(f.db.all(sql`select status from jobs where kind = 'scores.provisional'`)).toEqual([{ status: 'succeeded' }]);
  });

  it('refuses the whole batch when one evaluation lacks required evidence', () => {
    const batch = [withEvidence(ids[0]!), { id: ids[1]!, revision: 2 }, withEvidence(ids[2]!)];
    expect(() => submitEvaluations(f.db, f.admin, batch)).toThrow(/cannot be submitted: mk_income/);
    expect(statuses().every((s) => s.status === 'draft' && s.revision === 2)).toBe(true);
  });

  it('refuses a stale revision, a self-review, a reason too short and an evaluation out of scope', () => {
    expect(() => submitEvaluations(f.db, f.admin, [withEvidence(ids[0]!, 1)])).toThrow(/revision 2, not 1/);
    submitEvaluations(f.db, f.admin, [withEvidence(ids[0]!)]);
    expect(() => approveEvaluations(f.db, f.admin, [{ id: ids[0]!, revision: 3 }])).toThrow(/You submitted/);
    expect(() => returnEvaluations(f.db, f.user('admin'), [{ id: ids[0]!, revision: 3, reason: '否' }])).toThrow(/needs a reason/);
    const elsewhere = f.user('assessor', { regionIds: [f.w.countyB.id] });
    // Out of scope is answered as a missing id, with no stakeholder named.
    const missing = () => approveEvaluations(f.db, elsewhere, [{ id: 999_999, revision: 3 }]);
    const outside = () => approveEvaluations(f.db, elsewhere, [{ id: ids[0]!, revision: 3 }]);
    expect(missing).toThrow(NotFoundError);
    expect(outside).toThrow(NotFoundError);
    expect(outside).toThrow(`Evaluation ${ids[0]} does not exist.`);
    expect(statuses()[0]).toEqual({ status: 'submitted', revision: 3 });
  });
});
