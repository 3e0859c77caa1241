// The scorecard's incentives looking forward: the place in a budget's rank order and the cut-off
// counted in SQL agree with the engine's allocation (ties by code included), a pro-rata share, the
// benefit at stake, the next period's condition named from the periods table, and "you" only on
// the stakeholder's own scorecard.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { determinations, stakeholders } from '@/db/schema';
import { allocateBudget, rankStanding, type ProgramInputRaw, type Rule } from '@/core/eligibility';
import { makeFactory } from './factory';
import { waitForJob } from './helpers';

type Card = Awaited<ReturnType<ReturnType<ReturnType<typeof makeFactory>['caller']>['scorecards']['get']>>;

const CLAUSE = { kind: 'composite', cmp: 'gte', value: 65 } as const;
const RULE: Rule = { op: 'clause', clause: CLAUSE };
const program = (code: string, allocation: 'rank' | 'pro_rata'): ProgramInputRaw => ({
  code,
  kind: 'subsidy',
  nameEn: code,
  nameZh: code,
  eligibleTypes: ['market'],
  rule: RULE,
  benefit: { kind: 'fixed', amount: 100, cap: null, lastAward: 'partial' },
  budget: 250,
  allocation,
  status: 'active',
});

// (income, growth): composites 90, 80, 80, 75, 72 and 60; two tie at 80, the last fails the rule.
const VALUES = [
  [90, 90],
  [80, 80],
  [70, 90],
  [75, 75],
  [72, 72],
  [60, 60],
] as const;

let f: ReturnType<typeof makeFactory>;
let ids: number[] = [];
const runIds: Record<string, number> = {};

beforeAll(async () => {
  f = makeFactory();
  const q2 = await f.period(2026, 2);
  await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }, { code: 'growth', indicators: [{ code: 'mk_growth' }] }], { effectiveFromPeriodId: q2.id });
  ids = [];
  for (const [income, growth] of VALUES) {
    const s = await f.stakeholder('market');
    ids.push(s.id);
    await f.evaluate(s.id, { mk_income: income, mk_growth: growth });
  }
  await f.publish(q2.id);
  await f.period(2026, 3);
  for (const code of ['RANKED', 'SHARED']) {
    const p = await f.program(program(code, code === 'RANKED' ? 'rank' : 'pro_rata'));
    runIds[code] = (await waitForJob(f.api, await f.api.eligibility.run({ programId: p.id, periodId: q2.id }))).runId;
  }
}, 60_000);

const cardOf = (id: number, own: boolean): Promise<Card> =>
  own ? f.caller(f.user('stakeholder', { stakeholderId: id })).scorecards.get() : f.api.scorecards.get({ stakeholderId: id });
const entry = (card: Card, code: string) => card.incentives!.determinations.find((d) => d.program.code === code)!;

describe('where a stakeholder stands in a ranked budget', () => {
  it('counts the same place and cut-off as the engine’s allocation of the stored demands', async () => {
    const stored = f.db
      .select({ code: stakeholders.code, composite: determinations.composite, demand: determinations.demand, amount: determinations.amount })
      .from(determinations)
      .innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId))
      .where(eq(determinations.runId, runIds.RANKED!))
      .all();
    const requests = stored.filter((r) => r.demand !== null).map((r) => ({ stakeholder: r.code, composite: r.composite, demand: r.demand! }));
    const allocation = allocateBudget(requests, 250, 'rank', 'partial');
    // The reconstruction is faithful: it pays what the run stored.
    for (const a of allocation) expect(a.allocated).toBe(stored.find((r) => r.code === a.stakeholder)!.amount);
    const composites = new Map(requests.map((r) => [r.stakeholder, r.composite]));
    for (const id of ids) {
      const card = await cardOf(id, false);
      const want = rankStanding(allocation, card.stakeholder.code);
      const standing = entry(card, 'RANKED').outlook!.standing;
      const lastCode = allocation[want.lastPaid! - 1]!.stakeholder;
      expect(standing, card.stakeholder.code).toEqual({ kind: 'rank', rank: want.rank, of: want.of, budget: 250, lastPaid: { rank: want.lastPaid, composite: composites.get(lastCode) } });
    }
  });

  it('the tie at 80 goes by code: the later code is third and paid in part, then the budget is gone', async () => {
    const [second, third] = [ids[1]!, ids[2]!];
    const b = entry(await cardOf(second, true), 'RANKED');
    const c = entry(await cardOf(third, true), 'RANKED');
    expect([b.outlook!.standing, c.outlook!.standing].map((s) => (s?.kind === 'rank' ? s.rank : null))).toEqual([2, 3]);
    expect([b.amount, c.amount]).toEqual([100, 50]);
    const fourth = entry(await cardOf(ids[3]!, true), 'RANKED');
    expect(fourth).toMatchObject({ eligible: false, reason: 'budget_exhausted' });
    // What it qualified for and did not get: the fixed 100.
    expect(fourth.outlook!.atStake).toMatchObject({ amount: 100, assumed: false });
    expect(fourth.outlook!.standing).toMatchObject({ rank: 4, of: 5, lastPaid: { rank: 3, composite: 80 } });
  });

  it('one who failed the rule has no place but sees the cut-off, what qualifying would bring and the next period’s condition', async () => {
    const card = await cardOf(ids[5]!, true);
    const d = entry(card, 'RANKED');
    expect(d.outlook!.standing).toMatchObject({ kind: 'rank', rank: null, of: 5, lastPaid: { rank: 3 } });
    expect(d.outlook!.atStake).toMatchObject({ amount: 100 });
    expect(card.incentives!.laterPeriods).toEqual(['2026Q3']);
    expect(d.outlook!.next).toEqual({ offset: 1, rule: { op: 'clause', clause: CLAUSE, offset: 1, now: 60 } });
  });
});

describe('a pro-rata budget and who is addressed', () => {
  it('reports the share every award was paid at', async () => {
    const d = entry(await cardOf(ids[0]!, false), 'SHARED');
    // Five ask 100 each from a budget of 250.
    expect(d.outlook!.standing).toEqual({ kind: 'pro_rata', budget: 250, demand: 500, share: 0.5 });
    expect(d.amount).toBe(50);
  });

  it('says "you" to the stakeholder on its own scorecard and "this stakeholder" to everyone else', async () => {
    expect((await cardOf(ids[0]!, true)).incentives!.person).toBe('you');
    expect((await cardOf(ids[0]!, false)).incentives!.person).toBe('they');
  });
});
