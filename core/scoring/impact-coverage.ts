// Coverage in the impact preview: who keeps a composite under the draft and who does not, which
// indicators have no or few values in the period, and ranks among the stakeholders scored both
// ways. Ranks taken from each run on its own make everyone below a stakeholder who lost its
// composite look as if they rose, and ρ over "everyone" silently drops those who lost theirs; so
// movers and ρ are computed on the shared set only, and the preview says so.
import { rankAndPercentile } from './rank';
import { spearman } from './sensitivity';
import type { KpiSetV1 } from './format';
import type { ValuesRow } from './score';

/** Below this share of the period's stakeholders with a value, an indicator has "few" values. */
export const FEW_VALUES_SHARE = 0.5;

export type CoverageLevel = 'none' | 'few' | 'enough';

export function coverageLevel(values: number, rows: number): CoverageLevel {
  if (values === 0) return 'none';
  return values < rows * FEW_VALUES_SHARE ? 'few' : 'enough';
}

export interface ScoredBothWays {
  /** Rows with a composite before and none under the draft, in row order. */
  lost: number[];
  /** Rows without a composite before and with one under the draft, in row order. */
  gained: number[];
  /** How many rows have a composite in both runs. */
  both: number;
  /** Rank of each row among the rows scored both ways (null for the others), before and after. */
  sharedRankBefore: (number | null)[];
  sharedRankAfter: (number | null)[];
  /** Spearman's ρ over the rows scored both ways; null below 2 of them or for a constant side. */
  spearman: number | null;
}

/** Compares two runs' composites of the same rows in the same order. */
export function scoredBothWays(before: readonly (number | null)[], after: readonly (number | null)[]): ScoredBothWays {
  if (before.length !== after.length) throw new RangeError('both runs must score the same rows');
  const lost: number[] = [];
  const gained: number[] = [];
  const sharedBefore: (number | null)[] = [];
  const sharedAfter: (number | null)[] = [];
  let both = 0;
  for (let r = 0; r < before.length; r++) {
    const x = before[r] ?? null;
    const y = after[r] ?? null;
    if (x !== null && y === null) lost.push(r);
    else if (x === null && y !== null) gained.push(r);
    const shared = x !== null && y !== null;
    if (shared) both++;
    sharedBefore.push(shared ? x : null);
    sharedAfter.push(shared ? y : null);
  }
  return {
    lost,
    gained,
    both,
    sharedRankBefore: rankAndPercentile(sharedBefore).map((p) => p.rank),
    sharedRankAfter: rankAndPercentile(sharedAfter).map((p) => p.rank),
    spearman: spearman(sharedBefore, sharedAfter),
  };
}

export interface IndicatorCoverage {
  code: string;
  objective: string;
  name: KpiSetV1['objectives'][number]['indicators'][number]['name'];
  /** Stakeholders of the period with a value for it. */
  values: number;
  rows: number;
  level: CoverageLevel;
  /** Not in the published version the period was entered against. */
  added: boolean;
}

/** Per indicator of the draft: how many of the period's rows carry a value for it. */
export function indicatorCoverage(draft: KpiSetV1, baseline: KpiSetV1, rows: readonly ValuesRow[]): IndicatorCoverage[] {
  const published = new Set(baseline.objectives.flatMap((o) => o.indicators.map((i) => i.code)));
  return draft.objectives.flatMap((o) =>
    o.indicators.map((i) => {
      let values = 0;
      for (const row of rows) {
        const v = row.values[i.code];
        if (typeof v === 'number' && Number.isFinite(v)) values++;
      }
      return { code: i.code, objective: o.code, name: i.name, values, rows: rows.length, level: coverageLevel(values, rows.length), added: !published.has(i.code) };
    }),
  );
}
