// How demo values are made: each stakeholder has a latent capacity, a trend, strengths and
// weaknesses per objective and per indicator. A period's "quality" on an objective is
//   q = capacity + objectiveOffset + trend·t + periodShock (+ at-risk penalties)
// and an indicator's quality adds its own offset and noise. Quality 0 maps to the indicator's
// "poor" goalpost and 1 to its "excellent" one (on the ln scale where the normalization uses
// it), so values across indicators and periods are correlated the way real scorecards are.
import type { IndicatorSeed, ObjectiveCode } from './catalogue';
import type { Rng } from './prng';

export type TrendKind = 'improving' | 'stable' | 'declining';

export interface StakeholderProfile {
  capacity: number;
  trendKind: TrendKind;
  /** Change of quality per quarter. */
  trendPerPeriod: number;
  objectiveOffset: Record<ObjectiveCode, number>;
  indicatorOffset: Map<string, number>;
  /** Weak on poverty prevention throughout and falling sharply in the latest periods. */
  atRisk: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function makeProfile(
  rng: Rng,
  indicators: readonly IndicatorSeed[],
  options: { atRisk: boolean; trendKind?: TrendKind; capacity?: number },
): StakeholderProfile {
  const trendKind: TrendKind =
    options.trendKind ??
    (options.atRisk
      ? 'declining'
      : rng.weighted([
          ['improving', 35],
          ['stable', 45],
          ['declining', 20],
        ] as const));
  const trendPerPeriod =
    trendKind === 'improving'
      ? rng.uniform(0.025, 0.05)
      : trendKind === 'declining'
        ? -rng.uniform(0.02, 0.045)
        : rng.uniform(-0.01, 0.01);
  const indicatorOffset = new Map<string, number>();
  for (const ind of indicators) indicatorOffset.set(ind.code, rng.normal(0, 0.08));
  return {
    capacity: options.capacity ?? clamp(rng.normal(options.atRisk ? 0.62 : 0.72, options.atRisk ? 0.07 : 0.12), 0.3, 0.95),
    trendKind,
    trendPerPeriod,
    objectiveOffset: {
      poverty: rng.normal(0, 0.08) - (options.atRisk ? 0.3 : 0),
      industry: rng.normal(0, 0.08),
      income: rng.normal(0, 0.08),
    },
    indicatorOffset,
    atRisk: options.atRisk,
  };
}

/**
 * Quality on one objective in period `t` (0 = first demo period). At-risk entities lose 0.13
 * in the second-to-last period and 0.25 in the last one on top of their declining trend: more
 * than 10 points of composite score between consecutive quarters.
 */
export function objectiveQuality(
  profile: StakeholderProfile,
  objective: ObjectiveCode,
  t: number,
  periodShock: number,
  periodCount: number,
): number {
  let q = profile.capacity + profile.objectiveOffset[objective] + profile.trendPerPeriod * t + periodShock;
  if (profile.atRisk && t === periodCount - 2) q -= 0.13;
  if (profile.atRisk && t === periodCount - 1) q -= 0.25;
  return q;
}

/** Rounds to `decimals` places without binary noise like 12.300000000000001. */
function round(x: number, decimals: number): number {
  return Number(x.toFixed(decimals));
}

/**
 * The raw value whose goalpost normalization is (about) `quality`·100, kept inside the
 * indicator's valid range. Quality may stray a little outside 0–1: real values do overshoot
 * the goalposts, and the engine clamps.
 */
function valueForQuality(indicator: IndicatorSeed, quality: number): number {
  const { min: lo, max: hi, transform } = indicator.normalization;
  const position = indicator.direction === 'higher' ? quality : 1 - quality;
  const raw =
    transform === 'ln'
      ? Math.exp(Math.log(lo) + position * (Math.log(hi) - Math.log(lo)))
      : lo + position * (hi - lo);
  return round(clamp(raw, indicator.minValue, indicator.maxValue), indicator.decimals);
}

/** One indicator's value for a stakeholder in a period. */
export function indicatorValue(
  rng: Rng,
  profile: StakeholderProfile,
  indicator: IndicatorSeed,
  objectiveQualityValue: number,
): number {
  const offset = profile.indicatorOffset.get(indicator.code) ?? 0;
  const quality = clamp(objectiveQualityValue + offset + rng.normal(0, 0.07), -0.1, 1.12);
  return valueForQuality(indicator, quality);
}
