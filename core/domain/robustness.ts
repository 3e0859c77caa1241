// Robustness of awards: how often an eligibility decision survives other, equally defensible
// weightings. The engine is core/eligibility/robustness.ts; these are the shared codes and bounds.

/** uniform: wᵢ' = wᵢ·(1 + uᵢ), uᵢ ~ U(−x, x), renormalized by the aggregation. */
export const ROBUSTNESS_SCHEMES = ['uniform'] as const;
export type RobustnessScheme = (typeof ROBUSTNESS_SCHEMES)[number];
export const DEFAULT_ROBUSTNESS_DRAWS = 1000;
export const MAX_ROBUSTNESS_DRAWS = 10000;
/** Default half-width x of the perturbation, as a fraction (0.2 = ±20 %). */
export const DEFAULT_ROBUSTNESS_SPREAD = 0.2;
/** A decision that holds in fewer than this share of the draws is fragile: a person reviews it. */
export const FRAGILE_BELOW = 0.9;
/** What most often flips a fragile decision. */
export const FLIP_KINDS = ['clause', 'budget', 'county_limit', 'tier', 'benefit'] as const;
export type FlipKind = (typeof FLIP_KINDS)[number];

/** What most often flipped a decision, and in what share of the draws; `path` locates a clause in the rule tree. */
export interface FlipCause {
  kind: FlipKind;
  share: number;
  path?: number[];
}
