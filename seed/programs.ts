// Demo incentive programs, one of each kind, as the mechanism describes them: a tax break for
// market entities that help prevent poverty and raise farmers' income, a subsidy for rural
// entities that have scored well for two periods running, and a commendation for county/town
// entities. Validated with the same schema as an admin's input; like the rest of the demo they are
// covered by the one `demo.seed` audit row rather than one row each. Each is then run once on the
// latest published period (as an admin would), so stakeholders' scorecards show determinations;
// those runs are audited like any run (`eligibility.run`) and checked for robustness as the server would.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { incentivePrograms, periods, user } from '@/db/schema';
import { programInputSchema, type ProgramInput, type ProgramInputRaw } from '@/core/eligibility';
import { runProgram } from '@/server/services/eligibility-runs';
import { runRobustnessCheck } from '@/server/services/robustness';
import { DEFAULT_ROBUSTNESS_DRAWS, DEFAULT_ROBUSTNESS_SPREAD } from '@/core/domain/robustness';

const DEMO_ROBUSTNESS_SEED = 2026;

const DEMO_PROGRAMS: ProgramInputRaw[] = [
  {
    code: 'TAX-FARMER-INCOME',
    kind: 'tax_break',
    nameEn: 'Tax break for enterprises that raise farmers’ income',
    nameZh: '联农带农企业税收减免',
    descriptionEn:
      'Market entities with a good composite score, a solid farmer-income score and no environmental red flag get a reduction of their enterprise income tax rate; the tax forgone is estimated from value added.',
    descriptionZh: '综合得分良好、农民增收得分扎实且无环境红色预警的市场主体，可享受企业所得税税率减免；减免税额按增加值估算。',
    eligibleTypes: ['market'],
    rule: {
      op: 'all',
      rules: [
        { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 70 } },
        { op: 'clause', clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 65 } },
        { op: 'clause', clause: { kind: 'noRedFlag' } },
      ],
    },
    benefit: {
      kind: 'tiered_rate',
      tiers: [
        { minComposite: 70, value: 2 },
        { minComposite: 85, value: 5 },
      ],
      base: { indicator: 'mk_value_added_10k', scale: 10000 },
      cap: 300000,
      lastAward: 'partial',
    },
    budget: 5000000,
    allocation: 'rank',
    status: 'active',
  },
  {
    code: 'SUBSIDY-RURAL-STEADY',
    kind: 'subsidy',
    nameEn: 'Subsidy for steadily performing rural entities',
    nameZh: '乡村主体稳定发展补助',
    descriptionEn: 'Rural entities scoring at least 60 this period and at least 55 in each of the last two published periods; the amount grows with the score.',
    descriptionZh: '本期综合得分不低于 60、且最近连续两个已发布期均不低于 55 的乡村主体；补助金额随得分增加。',
    eligibleTypes: ['rural'],
    rule: {
      op: 'all',
      rules: [
        { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } },
        { op: 'clause', clause: { kind: 'consecutive', periods: 2, clause: { kind: 'composite', cmp: 'gte', value: 55 } } },
      ],
    },
    benefit: { kind: 'linear', minScore: 60, maxScore: 100, minAmount: 20000, maxAmount: 100000, cap: 80000, lastAward: 'partial' },
    budget: 1500000,
    allocation: 'pro_rata',
    status: 'active',
  },
  {
    code: 'COMMEND-COUNTY-TOWN',
    kind: 'commendation',
    nameEn: 'Commendation for model county/town entities',
    nameZh: '城乡融合示范县镇主体表彰',
    descriptionEn: 'County/town entities graded B or better with at least basic coordination between the three objectives; one per county.',
    descriptionZh: '等级为 B 或更高、三大目标至少勉强协调的县/镇主体；每县一名。',
    eligibleTypes: ['county_town'],
    rule: {
      op: 'all',
      rules: [
        { op: 'clause', clause: { kind: 'grade', atLeast: 'B' } },
        { op: 'clause', clause: { kind: 'coupling', cmp: 'gte', value: 6 } },
      ],
    },
    benefit: { kind: 'title', title: { en: 'Model of urban–rural integration', 'zh-CN': '城乡融合发展示范单位' }, maxPerCounty: 1 },
    budget: null,
    allocation: null,
    status: 'active',
  },
];

/** The demo programs, checked by the same schema as an admin's input. */
export function demoProgramInputs(): ProgramInput[] {
  return DEMO_PROGRAMS.map((p) => programInputSchema.parse(p));
}

/**
 * Adds the demo programs and runs each one on the latest published period (call once, on a fresh
 * seed, after the periods are scored). Returns the number of programs.
 */
export function seedDemoPrograms(db: Db): number {
  const rows = demoProgramInputs();
  const programs = db.insert(incentivePrograms).values(rows).returning({ id: incentivePrograms.id }).all();
  const latest = db.select({ id: periods.id }).from(periods).where(eq(periods.status, 'published')).orderBy(desc(periods.startsOn)).get();
  const admin = db.select({ id: user.id }).from(user).where(and(eq(user.role, 'admin'), eq(user.username, 'admin'))).get();
  if (latest && admin) {
    for (const p of programs) {
      const run = runProgram(db, admin, { programId: p.id, periodId: latest.id });
      // Each run's automatic robustness check, as the server would queue it, with a fixed seed so
      // every fresh demo shows the same fragile decisions.
      runRobustnessCheck(db, admin, { runId: run.runId, draws: DEFAULT_ROBUSTNESS_DRAWS, spread: DEFAULT_ROBUSTNESS_SPREAD, seed: DEMO_ROBUSTNESS_SEED, automatic: true });
    }
  }
  return rows.length;
}
