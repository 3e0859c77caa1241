// evaluations.get gives the live preview a summary of the approved peers, not their rows: the
// preview computed from it equals the engine run over the full peer rows, and the payload names no
// other stakeholder and keeps no trace of their order.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { scoreRuns, scores } from '@/db/schema';
import { scoreKpiSet, type KpiSetV1 } from '@/core/scoring';
import { ascendingPresent } from '@/core/scoring/peer-values';
import { sketchAscending } from '@/core/scoring/peer-summary';
import { previewScore } from '@/core/scoring/preview';
import { compositeSketch } from '@/server/queries/peer-summary';
import { makeFactory, type Factory } from './factory';

type Values = Record<string, number | null>;

let f: Factory;
let self: { id: number; code: string; name: string };
let selfEvaluation: number;
const selfValues: Values = { mk_gp: 55, mk_mm: 31.5, mk_z: 48, mk_pc: 12 };
/** Approved peers, in stakeholder-code order; their composites fall as the codes rise (the fifth lacks a value: no composite). */
const approved: { id: number; code: string; name: string; evaluationId: number; values: Values }[] = [];
let submitted: { code: string; name: string };

function engineOf(document: KpiSetV1, peers: readonly { code: string; values: Values }[], own: Values) {
  return scoreKpiSet(document, [...peers.map((p) => ({ stakeholder: p.code, values: p.values })), { stakeholder: 'self', values: own }]).results.at(-1)!;
}

function expectSameScores(preview: ReturnType<typeof previewScore>['score'], engine: ReturnType<typeof engineOf>, document: KpiSetV1) {
  const close = (a: number | null | undefined, b: number | null | undefined) => {
    if (b === null || b === undefined) expect(a ?? null).toBeNull();
    else expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-9);
  };
  close(preview.composite, engine.composite);
  for (const o of document.objectives) close(preview.objectives[o.code], engine.objectives[o.code]);
  expect(preview.grade).toBe(engine.grade);
  expect(preview.completeness).toBe(engine.completeness);
}

beforeAll(async () => {
  f = makeFactory();
  const period = await f.period(2026, 3);
  await f.kpiSet(
    'market',
    [
      { code: 'growth', indicators: [{ code: 'mk_gp' }, { code: 'mk_mm', normalization: { method: 'minmax' } }] },
      { code: 'fairness', weight: 2, indicators: [{ code: 'mk_z', normalization: { method: 'zscore' } }, { code: 'mk_pc', direction: 'lower', normalization: { method: 'percentile' } }] },
    ],
    { effectiveFromPeriodId: period.id },
  );
  for (let i = 0; i < 9; i++) {
    const s = await f.stakeholder('market', f.w.townA.id, `同行企业 ${i + 1}`);
    const values: Values = { mk_gp: 90 - i * 7, mk_mm: 80 - i * 6.5, mk_z: 75 - i * 4, mk_pc: i === 4 ? null : 5 + i * 3 };
    approved.push({ id: s.id, code: s.code, name: s.name, values, evaluationId: await f.evaluate(s.id, values) });
  }
  const pending = await f.stakeholder('market', f.w.townB.id, '待审核企业');
  await f.evaluate(pending.id, { mk_gp: 1, mk_mm: 1, mk_z: 1, mk_pc: 99 }, 'submitted');
  submitted = { code: pending.code, name: pending.name };
  const s = await f.stakeholder('market', f.w.townA.id, '本企业');
  self = { id: s.id, code: s.code, name: s.name };
  selfEvaluation = await f.evaluate(s.id, selfValues, 'draft');
});

describe('the evaluation form’s peers', () => {
  it('let the preview compute what the engine computes over the full peer rows', async () => {
    const view = await f.api.evaluations.get({ id: selfEvaluation });
    expect(view.peers.peers).toBe(approved.length);
    // Only the peer-relative indicators are summarized; goalposts need nothing of the peers.
    expect(Object.keys(view.peers.indicators).sort()).toEqual(['mk_mm', 'mk_pc', 'mk_z']);
    const document = view.document;
    expectSameScores(previewScore(document, view.peers, selfValues).score, engineOf(document, approved, selfValues), document);
    // As the assessor types: other values, one missing.
    for (const typed of [{ ...selfValues, mk_mm: 95 }, { ...selfValues, mk_z: 10, mk_pc: 1 }, { ...selfValues, mk_pc: null }]) {
      expectSameScores(previewScore(document, view.peers, typed).score, engineOf(document, approved, typed), document);
    }
  });

  it('leave the stakeholder itself out when its own evaluation is among the approved', async () => {
    const own = approved[3]!;
    const view = await f.api.evaluations.get({ id: own.evaluationId });
    expect(view.peers.peers).toBe(approved.length - 1);
    const others = approved.filter((p) => p !== own);
    const document = view.document;
    expectSameScores(previewScore(document, view.peers, own.values).score, engineOf(document, others, own.values), document);
    // Its peers with a composite: all but itself and the one short of values.
    expect(view.peers.composites.counts.reduce((s, c) => s + c, 0)).toBe(approved.length - 2);
  });

  it('name no other stakeholder and do not follow the stakeholders’ order', async () => {
    const view = await f.api.evaluations.get({ id: selfEvaluation });
    const text = JSON.stringify(view);
    expect(text).toContain(self.code);
    for (const other of [...approved, submitted]) {
      expect(text).not.toContain(other.code);
      expect(text).not.toContain(other.name);
    }
    const peerText = JSON.stringify(view.peers);
    for (const p of approved) expect(peerText).not.toMatch(new RegExp(`"(stakeholder|stakeholderId|evaluationId|id)":${p.id}\\b`));
    expect(Object.keys(view.peers).sort()).toEqual(['composites', 'indicators', 'peers']);
    // The composites fall as the stakeholder codes rise; the summary lists them by ascending value.
    const values = view.peers.composites.values;
    expect(values.length).toBe(approved.length - 1);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeLessThan(values.at(-1)!);
    const byCode = scoreKpiSet(view.document, approved.map((p) => ({ stakeholder: p.code, values: p.values })))
      .results.map((r) => r.composite)
      .filter((c) => c !== null);
    expect(byCode).toEqual([...byCode].sort((a, b) => b - a));
    expect(values).not.toEqual(byCode);
  });

  it('cut the composites into buckets of consecutive ranks in SQL as the sketch does in memory', () => {
    const run = f.db.select().from(scoreRuns).where(and(eq(scoreRuns.kind, 'provisional'), eq(scoreRuns.status, 'draft'))).get()!;
    const composites = ascendingPresent(f.db.select({ c: scores.composite }).from(scores).where(eq(scores.runId, run.id)).all().map((r) => r.c));
    expect(composites.length).toBe(approved.length - 1);
    for (const buckets of [3, 5, 7, 8, 1000]) expect(compositeSketch(f.db, run.id, buckets)).toEqual(sketchAscending(composites, buckets));
  });

  it('follow the next approval (its provisional recompute is a new run)', async () => {
    const before = await f.api.evaluations.get({ id: selfEvaluation });
    const s = await f.stakeholder('market', f.w.townB.id, '新批准企业');
    const values: Values = { mk_gp: 99, mk_mm: 99, mk_z: 99, mk_pc: 1 };
    await f.evaluate(s.id, values);
    const after = await f.api.evaluations.get({ id: selfEvaluation });
    expect(after.peers.peers).toBe(before.peers.peers + 1);
    expect(after.peers.composites.counts.reduce((a, c) => a + c, 0)).toBe(before.peers.composites.counts.reduce((a, c) => a + c, 0) + 1);
    const peers = [...approved, { code: s.code, values }];
    expectSameScores(previewScore(after.document, after.peers, selfValues).score, engineOf(after.document, peers, selfValues), after.document);
  });
});
