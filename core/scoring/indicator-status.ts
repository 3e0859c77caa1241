// How an indicator stands, in one word a reader can act on: green, amber or red, read from its
// normalized score against its own absolute reference (goalposts or target). Defined once here;
// the scorecard shows it with an icon and a word as well as the colour.
//
//   s = normalized / scale ∈ [0, 1]: the share of the way from the value that scores 0 (the worse
//       goalpost, or the baseline) to the value that scores full marks (the better goalpost, or
//       the target). The normalizer has already applied the direction ("lower is better").
//   target:    green when the target is reached (s = 1); amber from halfway (s ≥ 0.5); red below.
//   goalposts: green from 80 % of the way to the better goalpost (s ≥ 0.8); amber from halfway
//              (s ≥ 0.5); red below halfway.
//   A raised red flag (a value above the indicator's red-flag limit) is red whatever s is.
//   Peer-relative methods (min–max, z-score, percentile) have no absolute reference: a position
//   among peers says nothing about reaching a goal, so they are "unrated". No value: "missing".
// Thresholds compare with the engine tolerance, so a score meant to sit on one lands on its side.
import { atLeast, nearlyEqual } from './tolerance';

export type IndicatorStatus = 'green' | 'amber' | 'red' | 'unrated' | 'missing';

/** The shares of the way at which an absolute reference turns green and amber. */
export const STATUS_THRESHOLDS = {
  goalposts: { green: 0.8, amber: 0.5 },
  target: { green: 1, amber: 0.5 },
} as const;

export interface IndicatorStatusInput {
  /** The normalization method of the indicator in its KPI-set version. */
  method: string;
  /** Normalized score on 0…scale; null when the value is missing. */
  normalized: number | null;
  scale: number;
  redFlag?: boolean;
}

export function indicatorStatus({ method, normalized, scale, redFlag = false }: IndicatorStatusInput): IndicatorStatus {
  if (normalized === null || !Number.isFinite(normalized)) return 'missing';
  if (redFlag) return 'red';
  if (method !== 'goalposts' && method !== 'target') return 'unrated';
  if (!(scale > 0)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const share = normalized / scale;
  const limits = STATUS_THRESHOLDS[method];
  if (atLeast(share, limits.green)) return 'green';
  if (atLeast(share, limits.amber)) return 'amber';
  return 'red';
}

export type Trend = 'better' | 'worse' | 'same';

export interface IndicatorChange {
  /** Current raw value minus the previous one, in the indicator's unit. */
  delta: number;
  /** Whether the move is good news, given the indicator's direction. */
  trend: Trend;
}

/**
 * The change of a raw value since the previous period; null when either value is missing (a
 * change from or to "not reported" is no number).
 */
export function indicatorChange(
  raw: number | null,
  previousRaw: number | null,
  direction: 'higher' | 'lower',
): IndicatorChange | null {
  if (raw === null || previousRaw === null || !Number.isFinite(raw) || !Number.isFinite(previousRaw)) return null;
  const delta = raw - previousRaw;
  if (nearlyEqual(raw, previousRaw)) return { delta: 0, trend: 'same' };
  const up = delta > 0;
  return { delta, trend: up === (direction === 'higher') ? 'better' : 'worse' };
}
