// Scoring a period's rows outside the stored-run path: what a stored run and a tuning preview
// share (restricting rows to a document, ranks within a group such as a county) and the fast
// matrix-only pass a preview uses.
import { compileKpiSet } from './compile';
import { scoreMatrix } from './engine';
import { methodHash } from './method-hash';
import { rankAndPercentile, type RankAndPercentile } from './rank';
import { rowsToMatrix, type ValuesRow } from './score';
import type { KpiSetV1 } from './format';

/** Keeps only the indicators of the document (a values row may carry retired indicators). */
export function restrictToDocument(doc: KpiSetV1, rows: readonly ValuesRow[]): ValuesRow[] {
  const codes = doc.objectives.flatMap((o) => o.indicators.map((i) => i.code));
  return rows.map((r) => ({ stakeholder: r.stakeholder, values: Object.fromEntries(codes.map((c) => [c, r.values[c] ?? null])) }));
}

/** Rank and percentile of each composite among those sharing its group key (e.g. its county). */
export function rankWithinGroups(composites: readonly (number | null)[], keys: readonly string[]): RankAndPercentile[] {
  const byGroup = new Map<string, number[]>();
  keys.forEach((key, i) => (byGroup.get(key) ?? byGroup.set(key, []).get(key)!).push(i));
  const out: RankAndPercentile[] = composites.map(() => ({ rank: null, percentile: null }));
  for (const idx of byGroup.values()) {
    const ranked = rankAndPercentile(idx.map((i) => composites[i]!));
    idx.forEach((i, k) => (out[i] = ranked[k]!));
  }
  return out;
}

const nullable = (x: number) => (x === x ? x : null);

/**
 * Composite, grade, rank and objective scores of every row under a document: the engine's matrix
 * pass only. A preview needs neither the per-indicator explanations nor the input hash a stored
 * run keeps, and skipping them makes a 10,000-row preview several times faster. Throws the
 * engine's ScoringInputError for rows it cannot score.
 */
export function scoreLight(doc: KpiSetV1, input: { rows: readonly ValuesRow[] }) {
  const compiled = compileKpiSet(doc);
  const matrix = rowsToMatrix(compiled, restrictToDocument(doc, input.rows));
  const scores = scoreMatrix(compiled, matrix);
  const objectiveCount = compiled.objectiveCodes.length;
  const rows = matrix.stakeholders.map((code, r) => {
    const objectives: Record<string, number | null> = {};
    compiled.objectiveCodes.forEach((o, k) => (objectives[o] = nullable(scores.objectiveScores[r * objectiveCount + k]!)));
    const g = scores.gradeIndex[r]!;
    return { code, composite: nullable(scores.composite[r]!), grade: g >= 0 ? compiled.gradesDescending[g]!.code : null, rank: nullable(scores.rank[r]!), objectives };
  });
  return { compiled, matrix, scores, rows, methodHash: methodHash(doc) };
}

export type LightScores = ReturnType<typeof scoreLight>;

/** Minimum, quartiles (linear interpolation, type 7) and maximum, for box plots. */
export function fiveNumbers(values: readonly number[]): [number, number, number, number, number] | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
  };
  return [s[0]!, q(0.25), q(0.5), q(0.75), s[s.length - 1]!];
}

export function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, c) => a + c, 0) / xs.length : null;
}
