// The figures a score run keeps beside its scores, so that dashboards, county scorecards and the
// path to the next band cost what they show instead of what the province holds: per region
// (the township a stakeholder sat in) counts, sums, a ten-band histogram and grade counts, which
// add up to any county, scope or the whole run; and per peer-relative indicator the ascending
// present values the next-band search needs of the peers.
import { isPeerDependent, type KpiSetV1 } from './format';
import { ascendingPresent } from './peer-values';

export const FIGURE_BANDS = 10;

export interface RegionFigures {
  regionId: number;
  n: number;
  compositeN: number;
  compositeSum: number;
  bins: number[];
  grades: Record<string, number>;
  objectives: Record<string, { sum: number; n: number }>;
  couplingN: number;
  couplingSum: number;
}

export interface FigureSource {
  regionId: number;
  composite: number | null;
  grade: string | null;
  couplingD: number | null;
  objectives: Record<string, number | null>;
}

/** The band (0…9) of a composite on a scale: a tenth of the scale each, the scale itself in the top band. */
export function bandOf(composite: number, scale: number): number {
  return Math.min(FIGURE_BANDS - 1, Math.max(0, Math.floor((composite * FIGURE_BANDS) / scale)));
}

/** Figures of a run's scores per region, regions ascending. */
export function regionFigures(rows: readonly FigureSource[], scale: number): RegionFigures[] {
  const byRegion = new Map<number, RegionFigures>();
  for (const r of rows) {
    let f = byRegion.get(r.regionId);
    if (!f) {
      f = { regionId: r.regionId, n: 0, compositeN: 0, compositeSum: 0, bins: new Array<number>(FIGURE_BANDS).fill(0), grades: {}, objectives: {}, couplingN: 0, couplingSum: 0 };
      byRegion.set(r.regionId, f);
    }
    f.n++;
    if (r.composite !== null) {
      f.compositeN++;
      f.compositeSum += r.composite;
      const band = bandOf(r.composite, scale);
      f.bins[band] = f.bins[band]! + 1;
    }
    if (r.grade !== null) f.grades[r.grade] = (f.grades[r.grade] ?? 0) + 1;
    if (r.couplingD !== null) {
      f.couplingN++;
      f.couplingSum += r.couplingD;
    }
    for (const [code, v] of Object.entries(r.objectives)) {
      if (v === null) continue;
      const o = (f.objectives[code] ??= { sum: 0, n: 0 });
      o.sum += v;
      o.n++;
    }
  }
  return [...byRegion.values()].sort((a, b) => a.regionId - b.regionId);
}

/** Region figures added together (a county, a scope, the run). */
export function sumFigures(parts: readonly Omit<RegionFigures, 'regionId'>[]) {
  const total = { n: 0, compositeN: 0, compositeSum: 0, bins: new Array<number>(FIGURE_BANDS).fill(0), grades: {} as Record<string, number>, objectives: {} as Record<string, { sum: number; n: number }>, couplingN: 0, couplingSum: 0 };
  for (const f of parts) {
    total.n += f.n;
    total.compositeN += f.compositeN;
    total.compositeSum += f.compositeSum;
    f.bins.forEach((c, i) => (total.bins[i] = total.bins[i]! + c));
    for (const [g, c] of Object.entries(f.grades)) total.grades[g] = (total.grades[g] ?? 0) + c;
    for (const [code, o] of Object.entries(f.objectives)) {
      const t = (total.objectives[code] ??= { sum: 0, n: 0 });
      t.sum += o.sum;
      t.n += o.n;
    }
    total.couplingN += f.couplingN;
    total.couplingSum += f.couplingSum;
  }
  return total;
}

/** Mean of a sum over n, null for none. */
export const meanOf = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);

/** Per peer-relative indicator of the document, the run's present raw values, ascending. */
export function peerColumns(doc: KpiSetV1, rows: readonly { indicators: Record<string, { raw: number | null } | undefined> }[]): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const o of doc.objectives) {
    for (const i of o.indicators) {
      if (isPeerDependent(i.normalization)) out.set(i.code, ascendingPresent(rows.map((r) => r.indicators[i.code]?.raw)));
    }
  }
  return out;
}

/** A float64 column as stored bytes (little-endian) and back. */
export function columnToBytes(column: Float64Array): Uint8Array {
  const bytes = new Uint8Array(column.length * 8);
  const view = new DataView(bytes.buffer);
  column.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return bytes;
}

export function bytesToColumn(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const column = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < column.length; i++) column[i] = view.getFloat64(i * 8, true);
  return column;
}
