// A readable difference between two kpi-set/v1 documents: settings, objectives, indicators and
// grade bands added, removed or changed. Pure (no database), so the browser can use it too.
// Shares are the normalized weights (weight / sum of weights at that level), which is what the
// engine uses; a raw weight may change without the share changing, and the other way round.
import { canonicalJson, type KpiSetV1 } from '@/core/scoring';

export type Change = 'added' | 'removed' | 'changed';

export interface SettingChange {
  field: 'scale' | 'aggregation.indicators' | 'aggregation.objectives' | 'missing.policy' | 'missing.minCompleteness';
  before: string | number;
  after: string | number;
}

export interface WeightedChange {
  code: string;
  name: { en: string; 'zh-CN': string };
  change: Change;
  weightBefore: number | null;
  weightAfter: number | null;
  shareBefore: number | null;
  shareAfter: number | null;
}

export interface IndicatorChange extends WeightedChange {
  objectiveBefore: string | null;
  objectiveAfter: string | null;
  normalizationBefore: KpiSetV1['objectives'][number]['indicators'][number]['normalization'] | null;
  normalizationAfter: KpiSetV1['objectives'][number]['indicators'][number]['normalization'] | null;
}

export interface GradeChange {
  code: string;
  change: Change;
  minBefore: number | null;
  minAfter: number | null;
  labelBefore: { en: string; 'zh-CN': string } | null;
  labelAfter: { en: string; 'zh-CN': string } | null;
}

export interface KpiSetDiff {
  settings: SettingChange[];
  objectives: WeightedChange[];
  indicators: IndicatorChange[];
  grades: GradeChange[];
  identical: boolean;
}

const SHARE_TOLERANCE = 1e-12;

export function diffKpiSets(before: KpiSetV1, after: KpiSetV1): KpiSetDiff {
  const settings: SettingChange[] = [];
  const setting = (field: SettingChange['field'], a: string | number, b: string | number) => {
    if (a !== b) settings.push({ field, before: a, after: b });
  };
  setting('scale', before.scale, after.scale);
  setting('aggregation.indicators', before.aggregation.indicators, after.aggregation.indicators);
  setting('aggregation.objectives', before.aggregation.objectives, after.aggregation.objectives);
  setting('missing.policy', before.missing.policy, after.missing.policy);
  setting('missing.minCompleteness', before.missing.minCompleteness, after.missing.minCompleteness);

  const objectiveShares = (doc: KpiSetV1) => {
    const total = doc.objectives.reduce((s, o) => s + o.weight, 0);
    return new Map(doc.objectives.map((o) => [o.code, { o, share: o.weight / total }]));
  };
  const oa = objectiveShares(before);
  const ob = objectiveShares(after);
  const objectives: WeightedChange[] = [];
  for (const code of union(oa.keys(), ob.keys())) {
    const a = oa.get(code);
    const b = ob.get(code);
    const change: Change | null = !a ? 'added' : !b ? 'removed' : a.o.weight !== b.o.weight || Math.abs(a.share - b.share) > SHARE_TOLERANCE ? 'changed' : null;
    if (change) objectives.push({ code, name: (b ?? a)!.o.name, change, weightBefore: a?.o.weight ?? null, weightAfter: b?.o.weight ?? null, shareBefore: a?.share ?? null, shareAfter: b?.share ?? null });
  }

  const indicatorShares = (doc: KpiSetV1) => {
    const out = new Map<string, { i: KpiSetV1['objectives'][number]['indicators'][number]; objective: string; share: number }>();
    for (const o of doc.objectives) {
      const total = o.indicators.reduce((s, i) => s + i.weight, 0);
      for (const i of o.indicators) out.set(i.code, { i, objective: o.code, share: i.weight / total });
    }
    return out;
  };
  const ia = indicatorShares(before);
  const ib = indicatorShares(after);
  const indicators: IndicatorChange[] = [];
  for (const code of union(ia.keys(), ib.keys())) {
    const a = ia.get(code);
    const b = ib.get(code);
    const normalizationChanged = a && b && canonicalJson(a.i.normalization) !== canonicalJson(b.i.normalization);
    const changed =
      a && b && (a.i.weight !== b.i.weight || Math.abs(a.share - b.share) > SHARE_TOLERANCE || a.objective !== b.objective || normalizationChanged || a.i.direction !== b.i.direction || a.i.unit !== b.i.unit);
    const change: Change | null = !a ? 'added' : !b ? 'removed' : changed ? 'changed' : null;
    if (change)
      indicators.push({
        code,
        name: (b ?? a)!.i.name,
        change,
        weightBefore: a?.i.weight ?? null,
        weightAfter: b?.i.weight ?? null,
        shareBefore: a?.share ?? null,
        shareAfter: b?.share ?? null,
        objectiveBefore: a?.objective ?? null,
        objectiveAfter: b?.objective ?? null,
        normalizationBefore: a?.i.normalization ?? null,
        normalizationAfter: b?.i.normalization ?? null,
      });
  }

  const ga = new Map(before.grades.map((g) => [g.code, g]));
  const gb = new Map(after.grades.map((g) => [g.code, g]));
  const grades: GradeChange[] = [];
  for (const code of union(ga.keys(), gb.keys())) {
    const a = ga.get(code);
    const b = gb.get(code);
    const change: Change | null = !a ? 'added' : !b ? 'removed' : a.min !== b.min || canonicalJson(a.label) !== canonicalJson(b.label) ? 'changed' : null;
    if (change) grades.push({ code, change, minBefore: a?.min ?? null, minAfter: b?.min ?? null, labelBefore: a?.label ?? null, labelAfter: b?.label ?? null });
  }
  return {
    settings,
    objectives,
    indicators,
    grades,
    identical: settings.length + objectives.length + indicators.length + grades.length === 0,
  };
}

function union<T>(a: Iterable<T>, b: Iterable<T>): T[] {
  return [...new Set([...a, ...b])];
}
