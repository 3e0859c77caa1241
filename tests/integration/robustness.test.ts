// Robustness checks of an eligibility run: the job writes a result per determination with the
// check's parameters and audit entry; the run page reads the fragile ones least stable first;
// only an administrator starts and reads checks, a stakeholder sees its own result on its
// scorecard; the offline command gives the very same stabilities for the same inputs and seed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { auditLog, determinations, regions, robustnessChecks, robustnessResults, scoreRuns, scores, stakeholders } from '@/db/schema';
import { eligibilityCommand } from '@/cli/eligibility';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { FRAGILE_BELOW } from '@/core/domain/robustness';
import { beneficiaries } from '@/server/services/eligibility-runs';
import { beneficiariesCsv } from '@/server/services/beneficiaries-export';
import { runStabilities } from '@/server/services/robustness';
import { settleJobs } from '@/server/jobs/runner';
import { makeFactory } from './factory';
import { waitForJob } from './helpers';

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, string[]> }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const cause = e.cause as unknown as { fields?: Record<string, string[]>; issues?: { path: PropertyKey[]; message: string }[] } | undefined;
    return { code: e.code, fields: cause?.fields ?? Object.fromEntries((cause?.issues ?? []).map((i) => [i.path.join('.'), [i.message]])) };
  }
  return { code: 'OK', fields: {} };
}

// (income, growth), equal weights: the composite is their mean. FAR is far above the bar of 60,
// EDGE and EDGE2 sit exactly on it; nine pass, and a budget for eight awards of 1,000 pays them
// by rank: EDGE (the lower code of the two at 60) is the last one paid.
const VALUES: Record<string, [number, number]> = {
  FAR: [95, 95],
  EDGE: [50, 70],
  EDGE2: [80, 40],
  a: [70, 65],
  b: [62, 60],
  c: [40, 40],
  d: [30, 90],
  e: [85, 70],
  f: [66, 58],
  g: [75, 75],
  h: [58, 64],
  i: [20, 30],
};

let world: Awaited<ReturnType<typeof build>>;

async function build() {
  const f = makeFactory();
  const p = await f.period(2026, 1);
  const { versionId } = await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }, { code: 'growth', indicators: [{ code: 'mk_growth' }] }], { effectiveFromPeriodId: p.id });
  const ids: Record<string, { id: number; code: string }> = {};
  let n = 0;
  for (const [key, [income, growth]] of Object.entries(VALUES)) {
    const s = await f.stakeholder('market', n++ % 2 ? f.w.townA.id : f.w.townB.id, `主体 ${key}`);
    ids[key] = { id: s.id, code: s.code };
    await f.evaluate(s.id, { mk_income: income, mk_growth: growth });
  }
  await f.publish(p.id);
  const program = await f.program({
    code: 'ROBUST-TEST',
    kind: 'subsidy',
    nameEn: 'Robustness test subsidy',
    nameZh: '稳健性测试补助',
    eligibleTypes: ['market'],
    rule: { op: 'all', rules: [{ op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } }, { op: 'clause', clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 35 } }] },
    benefit: { kind: 'fixed', amount: 1000, cap: null, lastAward: 'skip' },
    budget: 8000,
    allocation: 'rank',
    status: 'active',
  });
  const { runId } = await waitForJob(f.api, await f.api.eligibility.run({ programId: program.id, periodId: p.id }));
  // The run's automatic check first (default parameters), then one by hand with others.
  await settleJobs();
  const started = await f.api.robustness.start({ runId, draws: 400, spreadPercent: 25, seed: 20261 });
  const result = await waitForJob(f.api, started);
  return { ...f, periodId: p.id, versionId, ids, programId: program.id, runId, started, result };
}

beforeAll(async () => {
  world = await build();
}, 120_000);

describe('robustness check of a run', () => {
  it('stores one result per determination, the parameters and an audit entry, and lists the fragile ones least stable first', async () => {
    const { db, runId, result, api, ids } = world;
    expect(world.started.seed).toBe(20261);
    const check = db.select().from(robustnessChecks).where(eq(robustnessChecks.id, result.checkId)).get()!;
    expect(check).toMatchObject({ runId, draws: 400, scheme: 'uniform', spread: 0.25, seed: 20261 });
    const results = db.select().from(robustnessResults).where(eq(robustnessResults.checkId, check.id)).all();
    const runDeterminations = db.select().from(determinations).where(eq(determinations.runId, runId)).all();
    expect(results.map((r) => r.determinationId).sort()).toEqual(runDeterminations.map((d) => d.id).sort());
    expect(check.fragile).toBe(results.filter((r) => r.stability < FRAGILE_BELOW).length);
    expect(check.fragile).toBeGreaterThan(0);

    const byStakeholder = new Map(runDeterminations.map((d) => [d.stakeholderId, results.find((r) => r.determinationId === d.id)!]));
    expect(byStakeholder.get(ids.FAR!.id)).toMatchObject({ stability: 1, flip: null });
    expect(byStakeholder.get(ids.EDGE!.id)!.stability).toBeLessThan(FRAGILE_BELOW);
    expect(byStakeholder.get(ids.EDGE!.id)!.flip).toMatchObject({ kind: 'clause', path: [0] });

    const audit = db.select().from(auditLog).where(and(eq(auditLog.action, 'robustness.check'), eq(auditLog.entityId, String(check.id)))).get();
    expect(audit?.after).toMatchObject({ runId, draws: 400, seed: 20261, fragile: check.fragile });

    const page = await api.robustness.get({ runId, page: 1, pageSize: 2 });
    expect(page.check).toMatchObject({ id: check.id, fragile: check.fragile, draws: 400 });
    expect(page.fragile.total).toBe(check.fragile);
    const all = (await api.robustness.get({ runId, page: 1, pageSize: 100 })).fragile.items;
    expect(all.map((r) => r.stability)).toEqual([...all.map((r) => r.stability)].sort((a, b) => a - b));
    expect(all.every((r) => r.stability < FRAGILE_BELOW)).toBe(true);
    const edge = all.find((r) => r.code === ids.EDGE!.code)!;
    expect(edge.clause).toEqual({ kind: 'composite', cmp: 'gte', value: 60 });
    const detail = await api.robustness.determination({ determinationId: edge.determinationId });
    expect(detail).toMatchObject({ stability: edge.stability, fragile: true, draws: 400 });
  });

  it('carries each beneficiary’s stability in the export', () => {
    const { db, runId, ids } = world;
    const data = { ...beneficiaries(db, runId), stability: runStabilities(db, runId) };
    const csv = beneficiariesCsv(data, { t: (key) => key, typeLabel: (type) => type, stability: 'Stability', locale: 'en' });
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(header!.split(',').at(-1)).toBe('Stability');
    expect(lines.find((l) => l.startsWith(`${ids.FAR!.code},`))!.split(',').at(-1)).toBe('1');
    // The run's latest check is the one started by hand (after the automatic one).
    const edge = db.select({ stability: robustnessResults.stability }).from(robustnessResults).innerJoin(determinations, eq(determinations.id, robustnessResults.determinationId)).where(and(eq(robustnessResults.checkId, world.result.checkId), eq(determinations.stakeholderId, ids.EDGE!.id))).get()!;
    expect(lines.find((l) => l.startsWith(`${ids.EDGE!.code},`))!.split(',').at(-1)).toBe(String(Math.round(edge.stability * 1e4) / 1e4));
  });

  it('refuses bad parameters at their field and an unknown run', async () => {
    const { api, runId } = world;
    expect(await failure(api.robustness.start({ runId, draws: 0, spreadPercent: 20 }))).toMatchObject({ code: 'BAD_REQUEST', fields: { draws: [expect.stringContaining('validation.incentives.range')] } });
    expect(await failure(api.robustness.start({ runId, draws: 10, spreadPercent: 60 }))).toMatchObject({ code: 'BAD_REQUEST', fields: { spreadPercent: [expect.stringContaining('validation.incentives.range')] } });
    expect(await failure(api.robustness.start({ runId, draws: 10, spreadPercent: 0 }))).toMatchObject({ code: 'BAD_REQUEST', fields: { spreadPercent: [expect.stringContaining('validation.incentives.positive')] } });
    expect((await failure(api.robustness.start({ runId: 999_999, draws: 10 }))).code).toBe('NOT_FOUND');
  });

  it('lets only an administrator start and read checks; a stakeholder sees its own result on its scorecard', async () => {
    const { runId, ids } = world;
    const assessor = world.caller(world.user('assessor', { regionIds: [world.w.countyA.id] }));
    const firm = world.caller(world.user('stakeholder', { stakeholderId: ids.EDGE!.id }));
    for (const caller of [assessor, firm]) {
      expect((await failure(caller.robustness.start({ runId, draws: 10 }))).code).toBe('FORBIDDEN');
      expect((await failure(caller.robustness.get({ runId }))).code).toBe('FORBIDDEN');
    }
    const card = await firm.scorecards.get();
    const own = card.incentives!.determinations;
    expect(own).toHaveLength(1);
    const stored = world.db.select().from(robustnessResults).where(and(eq(robustnessResults.checkId, world.result.checkId), eq(robustnessResults.determinationId, own[0]!.determinationId))).get()!;
    expect(own[0]!.robustness).toEqual({ stability: stored.stability, draws: 400, fragile: true });
    const far = world.caller(world.user('stakeholder', { stakeholderId: ids.FAR!.id }));
    expect((await far.scorecards.get()).incentives!.determinations[0]!.robustness).toEqual({ stability: 1, draws: 400, fragile: false });
  });

  it('gives the same stabilities offline: npm run cli -- eligibility … --robustness N --seed S', async () => {
    const { db, api, periodId, versionId, programId } = world;
    const run = db.select().from(scoreRuns).where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.status, 'published'))).get()!;
    const countyCode = new Map(db.select().from(regions).where(eq(regions.level, 'county')).all().map((r) => [r.id, r.code]));
    const rows = db.select({ s: scores, code: stakeholders.code, path: regions.path }).from(scores).innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId)).innerJoin(regions, eq(regions.id, stakeholders.regionId)).where(eq(scores.runId, run.id)).all();
    const doc = {
      format: 'scores/v1',
      methodHash: 'sha256:x',
      redFlagLimits: {},
      results: rows.map((r) => ({
        stakeholder: r.code,
        county: countyCode.get(Number(r.path.split('/').filter(Boolean)[2])),
        composite: r.s.composite,
        grade: r.s.grade,
        percentile: r.s.percentile,
        countyPercentile: r.s.countyPercentile,
        objectives: r.s.objectives,
        indicators: r.s.indicators,
        coupling: r.s.couplingClass === null ? null : { class: r.s.couplingClass },
      })),
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-cli-'));
    const file = (name: string, content: unknown) => {
      fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
      return path.join(dir, name);
    };
    const args = ['--program', file('program.json', await api.incentives.file({ id: programId })), '--scores', file('scores.json', doc), '--kpi-set', file('kpi-set.json', loadKpiSetVersion(db, versionId).document)];
    let out = '';
    expect(await eligibilityCommand([...args, '--robustness', '400', '--seed', '20261', '--spread', '0.25'], { stdout: (t) => (out += t), stderr: () => {} })).toBe(0);
    const offline = (JSON.parse(out) as { robustness: { fragile: number; results: { stakeholder: string; stability: number; fragile: boolean }[] } }).robustness;
    const app = db
      .select({ code: stakeholders.code, stability: robustnessResults.stability })
      .from(robustnessResults)
      .innerJoin(determinations, eq(determinations.id, robustnessResults.determinationId))
      .innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId))
      .where(eq(robustnessResults.checkId, world.result.checkId))
      .all();
    const scored = new Set(offline.results.map((r) => r.stakeholder));
    expect(scored.size).toBe(Object.keys(VALUES).length);
    expect(Object.fromEntries(offline.results.map((r) => [r.stakeholder, r.stability]))).toEqual(Object.fromEntries(app.filter((r) => scored.has(r.code)).map((r) => [r.code, r.stability])));
    // The stakeholders listed without a score (the world's own, never evaluated) hold in every draw.
    expect(app.filter((r) => !scored.has(r.code)).map((r) => r.stability)).toEqual([1, 1]);
    expect(offline.fragile).toBe(world.result.fragile);
    // Another seed draws other weightings.
    out = '';
    await eligibilityCommand([...args, '--robustness', '400', '--seed', '7', '--spread', '0.25'], { stdout: (t) => (out += t), stderr: () => {} });
    expect((JSON.parse(out) as typeof offline & { robustness: typeof offline }).robustness.results.map((r) => r.stability)).not.toEqual(offline.results.map((r) => r.stability));
    fs.rmSync(dir, { recursive: true });
  });
});
