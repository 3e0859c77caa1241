// A run's input hash is fed to node:crypto a row at a time; it must stay the digest of the one
// canonical JSON text of { methodHash, rows } the pure engine defines.
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '@/core/scoring';
import { restrictToDocument } from '@/core/scoring/period-scoring';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { computeScoreRun, gatherValues } from '@/server/queries/score-runs';
import { makeFactory } from './factory';

let f: ReturnType<typeof makeFactory>;
let periodId: number;
let versionId: number;

beforeAll(async () => {
  f = makeFactory();
  const q = await f.period(2026, 1);
  periodId = q.id;
  const set = await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }, { code: 'growth', indicators: [{ code: 'mk_growth' }] }], { effectiveFromPeriodId: q.id });
  versionId = set.versionId;
  for (let i = 0; i < 5; i++) {
    const s = await f.stakeholder('market', f.w.townA.id, `主体 ${i}`);
    await f.evaluate(s.id, { mk_income: 40 + 7.5 * i, mk_growth: 30 + 5 * i });
  }
}, 60_000);

describe('score run input hash', () => {
  it('is the sha256 of canonicalJson({ methodHash, rows })', () => {
    const { run, count } = computeScoreRun(f.db, { periodId, versionId, kind: 'official', actorId: null });
    expect(count).toBe(5);
    const doc = loadKpiSetVersion(f.db, versionId).document;
    const rows = restrictToDocument(doc, gatherValues(f.db, periodId, versionId, ['approved']).rows);
    expect(run.inputHash).toBe(`sha256:${sha256Hex(canonicalJson({ methodHash: run.methodHash, rows }))}`);
  });
});
