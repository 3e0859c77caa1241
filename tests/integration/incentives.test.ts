// Incentive programs and eligibility runs through the routers, on factory.ts's scored world: in
// 2026Q2 the market scores are firm 65 (income 60), firm2 85 (income 80) and firmB 50 (income 10).
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { auditLog, determinations, incentivePrograms } from '@/db/schema';
import type { ProgramInputRaw } from '@/core/eligibility';
import { indicatorsOf, publishedWorld, type SessionUser } from './factory';
import { waitForJob } from './helpers';

let w: Awaited<ReturnType<typeof publishedWorld>>;
let admin: SessionUser;
let assessor: SessionUser;
const periodId = (code: keyof typeof w.periodIds) => w.periodIds[code];

beforeAll(async () => {
  w = await publishedWorld();
  admin = w.user('admin');
  assessor = w.user('assessor');
}, 60_000);

const taxBreak = (code: string): ProgramInputRaw => ({
  code,
  kind: 'tax_break',
  nameEn: 'Farmer-income tax break',
  nameZh: '联农带农税收减免',
  eligibleTypes: ['market'],
  rule: {
    op: 'all',
    rules: [
      { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } },
      { op: 'clause', clause: { kind: 'noRedFlag' } },
    ],
  },
  benefit: { kind: 'rate', rate: 2, base: { indicator: indicatorsOf('market').income, scale: 10000 } },
  budget: 500000,
  allocation: 'rank',
  status: 'active',
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe('programs', () => {
  it('admin creates and updates a program; each change is audited', async () => {
    const api = w.caller(admin);
    const created = await api.incentives.create(taxBreak('TB-A'));
    expect(created).toMatchObject({ code: 'TB-A', kind: 'tax_break', budget: 500000 });
    const updated = await api.incentives.update({ id: created.id, data: { ...taxBreak('TB-A'), budget: 400000 } });
    expect(updated.budget).toBe(400000);
    const audits = w.db.select().from(auditLog).where(eq(auditLog.entityId, String(created.id))).all();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['program.create', 'program.update']));
    const file = await api.incentives.file({ id: created.id });
    expect(file).toMatchObject({ format: 'program/v1', code: 'TB-A' });
  });

  it('refuses invalid programs with errors at the field', async () => {
    const api = w.caller(admin);
    const bad = { ...taxBreak('TB-bad'), nameEn: '', benefit: { kind: 'fixed', amount: 10 }, allocation: null } as ProgramInputRaw;
    const err = await api.incentives.create(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    const cause = (err as TRPCError).cause as { issues?: { path: PropertyKey[]; message: string }[] };
    const paths = cause.issues!.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['nameEn', 'benefit.kind', 'allocation']));
    // A duplicate code is refused at the code field.
    await api.incentives.create(taxBreak('TB-dup'));
    const dup = await api.incentives.create(taxBreak('TB-dup')).catch((e: unknown) => e as TRPCError);
    expect((dup as TRPCError).code).toBe('BAD_REQUEST');
    expect(((dup as TRPCError).cause as unknown as { fields: Record<string, string[]> }).fields.code).toEqual(['validation.incentives.program.codeTaken']);
  });

  it('refuses the absurd values of the trust report, each at its field, and will not run a stored one', async () => {
    const api = w.caller(admin);
    const absurd = {
      ...taxBreak('TB-absurd'),
      kind: 'subsidy',
      rule: {
        op: 'all',
        rules: [
          { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: -10 } },
          { op: 'clause', clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 1_000_000_000 } },
        ],
      },
      benefit: { kind: 'tiered', tiers: [{ minComposite: 150, value: 1e20 }] },
      budget: 0,
    } as ProgramInputRaw;
    const err = (await api.incentives.create(absurd).catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe('BAD_REQUEST');
    const cause = err.cause as { issues?: { path: PropertyKey[] }[] };
    expect(cause.issues!.map((i) => i.path.join('.')).sort()).toEqual(['benefit.tiers.0.value', 'budget', 'rule.rules.0.clause.value']);
    // Beyond the KPI sets' 100-point scale: refused by the server at the field, in any status.
    const offScale = { ...taxBreak('TB-offscale'), status: 'draft', rule: { op: 'clause', clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 1_000_000_000 } } } as ProgramInputRaw;
    const off = (await api.incentives.create(offScale).catch((e: unknown) => e)) as TRPCError;
    expect(off.code).toBe('BAD_REQUEST');
    expect((off.cause as unknown as { fields: Record<string, string[]> }).fields).toEqual({ 'rule.clause.value': ['validation.incentives.range::{"min":0,"max":100}'] });
    // A program stored before these bounds is refused a run until it is fixed.
    const stored = await api.incentives.create(taxBreak('TB-stored'));
    w.db.update(incentivePrograms).set({ budget: 0 }).where(eq(incentivePrograms.id, stored.id)).run();
    const run = (await api.eligibility.run({ programId: stored.id, periodId: periodId('2026Q2') }).catch((e: unknown) => e)) as TRPCError;
    expect(run.code).toBe('PRECONDITION_FAILED');
    expect(run.message).toContain('outside its bounds');
  });

  it('only admins manage programs and runs', async () => {
    const api = w.caller(assessor);
    expect(await code(api.incentives.list())).toBe('FORBIDDEN');
    expect(await code(api.incentives.create(taxBreak('TB-x')))).toBe('FORBIDDEN');
    expect(await code(api.eligibility.run({ programId: 1, periodId: 1 }))).toBe('FORBIDDEN');
    expect(await code(w.caller(null).incentives.list())).toBe('UNAUTHORIZED');
  });
});

describe('eligibility runs', () => {
  it('refuses a period that is not published, with a clear message', async () => {
    const api = w.caller(admin);
    const p = await api.incentives.create(taxBreak('TB-open'));
    const err = (await api.eligibility.run({ programId: p.id, periodId: periodId('2026Q3') }).catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe('PRECONDITION_FAILED');
    expect(err.message).toBe('Eligibility can only be run on a published period: 2026Q3 is open. Publish its scores first, then run the program.');
  });

  it('refuses an archived program and a missing period', async () => {
    const api = w.caller(admin);
    const p = await api.incentives.create({ ...taxBreak('TB-archived'), status: 'archived' });
    const err = (await api.eligibility.run({ programId: p.id, periodId: periodId('2026Q2') }).catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe('PRECONDITION_FAILED');
    expect(err.message).toContain('archived');
    const active = await api.incentives.create(taxBreak('TB-noperiod'));
    expect(await code(api.eligibility.run({ programId: active.id, periodId: 99999 }))).toBe('NOT_FOUND');
  });

  it('runs on 2026Q2: determinations with explanations, budget kept, immutable, reproducible', async () => {
    const api = w.caller(admin);
    const p = await api.incentives.create(taxBreak('TB-run'));
    const { runId, totals } = await waitForJob(api, await api.eligibility.run({ programId: p.id, periodId: periodId('2026Q2') }));
    // Every market stakeholder with a published 2026Q2 score is a candidate; firm and firm2 pass
    // (composite ≥ 60) and get 2 % of income × 10,000: 12,000 and 16,000.
    expect(totals).toMatchObject({ candidates: 3, passed: 2, allocated: 28000 });
    const run = await api.eligibility.get({ runId });
    const listed = (await api.eligibility.determinations({ runId })).items;
    expect(listed.map((d) => [d.stakeholder, d.eligible, d.amount]).sort()).toEqual([
      ['MK-0001', true, 12000],
      ['MK-0002', false, null],
      ['MK-0003', true, 16000],
    ]);
    const failed = listed.find((d) => d.truth === 'fail')!;
    expect(failed.explanation.op).toBe('all');
    expect(failed.gap).not.toBeNull();
    // 屏边 has firm and firm2, 金平 firmB.
    expect(run.totals.byCounty.map((c) => c.candidates).sort()).toEqual([1, 2]);

    // Recompute and compare: the same hash and the same determinations.
    const again = await api.eligibility.recompute({ runId });
    expect(again).toMatchObject({ sameHash: true, differenceCount: 0, compared: 3 });
    // The facts written beside each explanation are the explanation's.
    const facts = "county, type, truth, reason, composite, demand";
    const fromJson = "json_extract(explanation, '$.county'), json_extract(explanation, '$.type'), json_extract(explanation, '$.truth'), json_extract(explanation, '$.reason'), json_extract(explanation, '$.composite'), json_extract(explanation, '$.demand')";
    expect(w.db.$client.prepare(`select ${facts} from determinations where run_id = ? order by id`).raw().all(runId)).toEqual(
      w.db.$client.prepare(`select ${fromJson} from determinations where run_id = ? order by id`).raw().all(runId),
    );

    // Determinations cannot be changed in place …
    expect(() => w.db.update(determinations).set({ eligible: true }).where(eq(determinations.id, failed.id)).run()).toThrow(/immutable/);
    // … an override is recorded beside them, with a reason, audited and shown.
    expect(await code(api.eligibility.override({ determinationId: failed.id, eligible: true, amount: 1000, reason: 'no' }))).toBe('BAD_REQUEST');
    const proposed = await api.eligibility.override({ determinationId: failed.id, eligible: true, amount: 1000, reason: 'Verified on site: the sanction was annulled on appeal.' });
    // In effect once a second administrator approves it (tests/integration/overrides.test.ts has the rest).
    expect((await api.eligibility.determinations({ runId, outcome: 'overridden' })).items).toEqual([]);
    await w.caller(w.user('admin')).eligibility.approveOverride({ overrideId: proposed.id });
    const overridden = (await api.eligibility.determinations({ runId, outcome: 'overridden' })).items[0]!;
    expect(overridden).toMatchObject({ eligible: true, amount: 1000, computed: { eligible: false }, override: { reason: 'Verified on site: the sanction was annulled on appeal.' } });
    expect(w.db.select().from(auditLog).where(eq(auditLog.action, 'determination.override.propose')).all()).toHaveLength(1);
    expect(w.db.select().from(auditLog).where(eq(auditLog.action, 'determination.override.approve')).all()).toHaveLength(1);
    const list = await api.eligibility.beneficiaries({ runId });
    expect(list.items.map((r) => r.id)).toContain(failed.id);
    expect((await api.eligibility.get({ runId })).totals).toMatchObject({ awarded: 3, overridden: 1, allocated: 29000 });
    // Assessors cannot read, override or export runs.
    const other = w.caller(assessor);
    expect(await code(other.eligibility.get({ runId }))).toBe('FORBIDDEN');
    expect(await code(other.eligibility.override({ determinationId: failed.id, eligible: false, amount: null, reason: 'not allowed here' }))).toBe('FORBIDDEN');
    expect(await code(other.eligibility.beneficiaries({ runId }))).toBe('FORBIDDEN');
    // Overrides do not change what was computed: recompute still matches.
    expect((await api.eligibility.recompute({ runId })).sameHash).toBe(true);
  });
});
