// Scorecard benchmark: what one page view costs on the server (scorecard + path to the next band
// for the demo's stakeholder users), and the path to the next band in its worst case — a KPI set
// whose indicators are all peer-relative, so every probe re-scores the whole peer matrix.
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { openDb, migrateDb } from '@/db/client';
import { seedIfEmpty } from '@/seed';
import { user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { validateKpiSet, type ValuesRow } from '@/core/scoring';
import { pathToNextBand } from '@/core/scoring/next-band';
import { getCountyScorecard } from '@/server/services/scorecards/county';
import { getNextBand, getScorecard } from '@/server/services/scorecards/stakeholder';
import { mulberry32 } from '@/core/scoring/sensitivity';

function best(fn: () => unknown, repeat = 5): number {
  let ms = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

export async function runScorecardBench(): Promise<void> {
  const db = openDb(':memory:');
  migrateDb(db);
  await seedIfEmpty(db, { passwordHash: 'x' });
  for (const username of ['firm1', 'coop1', 'town1']) {
    const u = loadSessionUser(db, db.select({ id: user.id }).from(user).where(eq(user.username, username)).get()!.id)!;
    const card = best(() => getScorecard(db, u, {}));
    const path = best(() => getNextBand(db, u, {}));
    console.log(`scorecard ${username}: scorecard ${card.toFixed(1)} ms, path to the next band ${path.toFixed(1)} ms`);
  }
  const assessor = loadSessionUser(db, db.select({ id: user.id }).from(user).where(eq(user.username, 'assessor1')).get()!.id)!;
  console.log(`scorecard county (assessor1): ${best(() => getCountyScorecard(db, assessor, {})).toFixed(1)} ms`);

  // Worst case: 2,000 peers, 9 peer-relative indicators (min–max, z-score, percentile).
  const methods = [{ method: 'minmax' }, { method: 'zscore' }, { method: 'percentile' }] as const;
  const checked = validateKpiSet({
    format: 'kpi-set/v1',
    code: 'bench',
    name: { en: 'Bench', 'zh-CN': '基准' },
    stakeholderType: 'rural',
    grades: [
      { code: 'A', min: 85, label: { en: 'A', 'zh-CN': 'A' } },
      { code: 'B', min: 70, label: { en: 'B', 'zh-CN': 'B' } },
      { code: 'C', min: 0, label: { en: 'C', 'zh-CN': 'C' } },
    ],
    objectives: ['p', 'i', 'f'].map((o) => ({
      code: o,
      name: { en: o, 'zh-CN': o },
      weight: 1,
      indicators: methods.map((m, j) => ({ code: `${o}${j}`, name: { en: `${o}${j}`, 'zh-CN': `${o}${j}` }, unit: '', direction: 'higher', weight: 1, normalization: m })),
    })),
  });
  if (!checked.ok) throw new Error('bench KPI set invalid');
  const random = mulberry32(7);
  const codes = checked.value.objectives.flatMap((o) => o.indicators.map((i) => i.code));
  const rows: ValuesRow[] = Array.from({ length: 2000 }, (_, r) => ({ stakeholder: `S${r}`, values: Object.fromEntries(codes.map((c) => [c, Math.round(random() * 1000) / 10])) }));
  const ms = best(() => pathToNextBand(checked.value, rows, 'S0'), 3);
  console.log(`scorecard next band, 2,000 peers × 9 peer-relative indicators: ${ms.toFixed(0)} ms`);
}
