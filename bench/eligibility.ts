// Eligibility benchmark: the engine alone on 10,000 generated stakeholders (a five-clause rule
// with an `any`, a consecutive clause and red flags, tiered rates, a budget by rank), and a stored
// run of the demo's tax break for 2026Q2 (inputs from the database, determinations written).
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { openDb, migrateDb } from '@/db/client';
import { seedIfEmpty } from '@/seed';
import { incentivePrograms, periods, user } from '@/db/schema';
import { runEligibility, type EligibilityInput, type ProgramCore } from '@/core/eligibility';
import { mulberry32 } from '@/core/scoring/sensitivity';
import { runProgram } from '@/server/services/eligibility-runs';

const COUNT = 10_000;

function generated(count: number): EligibilityInput[] {
  const r = mulberry32(7);
  const score = () => Math.round(r() * 10000) / 100;
  const period = () => ({
    composite: score(),
    grade: 'C',
    objectives: { poverty: score(), industry: score(), income: score() },
    indicators: { va: { raw: r() * 2000, normalized: score() }, env: { raw: r() < 0.05 ? 1 : 0, normalized: 100 } },
    percentile: score(),
    countyPercentile: score(),
    couplingClass: 1 + Math.floor(r() * 10),
  });
  return Array.from({ length: count }, (_, i) => ({
    stakeholder: `S${String(i).padStart(6, '0')}`,
    type: 'market' as const,
    county: `C${i % 12}`,
    grades: ['A', 'B', 'C', 'D'],
    redFlagLimits: { env: 0 },
    history: [
      { period: 'P2', score: period() },
      { period: 'P1', score: period() },
    ],
    ...period(),
  }));
}

const program: ProgramCore = {
  kind: 'tax_break',
  eligibleTypes: ['market'],
  rule: {
    op: 'all',
    rules: [
      { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 55 } },
      { op: 'any', rules: [{ op: 'clause', clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 60 } }, { op: 'clause', clause: { kind: 'percentile', scope: 'county', cmp: 'gte', value: 70 } }] },
      { op: 'clause', clause: { kind: 'consecutive', periods: 3, clause: { kind: 'composite', cmp: 'gte', value: 40 } } },
      { op: 'clause', clause: { kind: 'noRedFlag' } },
    ],
  },
  benefit: { kind: 'tiered_rate', tiers: [{ minComposite: 55, value: 2 }, { minComposite: 80, value: 5 }], base: { indicator: 'va', scale: 10000 }, cap: 500000, lastAward: 'partial' },
  budget: 50_000_000,
  allocation: 'rank',
};

export async function runEligibilityBench(): Promise<void> {
  const inputs = generated(COUNT);
  let best = Infinity;
  let result = runEligibility(program, inputs);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    result = runEligibility(program, inputs);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`eligibility engine: ${COUNT} stakeholders, ${result.totals.passed} pass, ${result.totals.awarded} awarded — ${best.toFixed(0)} ms (best of 3)`);

  const db = openDb(':memory:');
  migrateDb(db);
  await seedIfEmpty(db, { passwordHash: 'x' });
  const admin = db.select().from(user).where(eq(user.role, 'admin')).get()!;
  const period = db.select().from(periods).where(eq(periods.code, '2026Q2')).get()!;
  const tax = db.select().from(incentivePrograms).where(eq(incentivePrograms.code, 'TAX-FARMER-INCOME')).get()!;
  const t0 = performance.now();
  const run = runProgram(db, admin, { programId: tax.id, periodId: period.id });
  console.log(`eligibility run (demo tax break, 2026Q2, stored): ${run.totals.candidates} determinations — ${(performance.now() - t0).toFixed(0)} ms`);
}
