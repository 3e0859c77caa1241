// Which existing periods a new one would overlap. Two periods of the same kind may not share a
// day (a value would belong to two quarters); a year over quarters is allowed but worth a warning,
// since the same months are then evaluated twice. The server refuses with it and the form warns
// with it before anything is sent.
import type { PeriodKind } from './enums';

export type PeriodSpan = { code: string; kind: PeriodKind; startsOn: string; endsOn: string };

/** Code and dates of a period: `2026Q3` 2026-07-01…2026-09-30, or `2026` 2026-01-01…2026-12-31. */
export function periodSpan(input: { kind: PeriodKind; year: number; quarter?: number | null | undefined }): PeriodSpan {
  if (input.kind === 'year') return { code: String(input.year), kind: 'year', startsOn: `${input.year}-01-01`, endsOn: `${input.year}-12-31` };
  const q = input.quarter ?? 1;
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(input.year, endMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { code: `${input.year}Q${q}`, kind: 'quarter', startsOn: `${input.year}-${pad(startMonth)}-01`, endsOn: `${input.year}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** Whether two inclusive ISO-date ranges share at least one day. */
export function spansOverlap(a: Pick<PeriodSpan, 'startsOn' | 'endsOn'>, b: Pick<PeriodSpan, 'startsOn' | 'endsOn'>): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/**
 * The existing periods the new one overlaps: `sameKind` refuse it, `otherKind` only warn (a year
 * over its quarters, or a quarter inside a year). Each list is in start order.
 */
export function periodOverlaps<P extends PeriodSpan>(candidate: PeriodSpan, existing: readonly P[]): { sameKind: P[]; otherKind: P[] } {
  const hits = existing.filter((p) => spansOverlap(candidate, p)).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return { sameKind: hits.filter((p) => p.kind === candidate.kind), otherKind: hits.filter((p) => p.kind !== candidate.kind) };
}
