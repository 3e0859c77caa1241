// The demo's profiles: who improves, who declines, who is at risk, who stopped operating and
// which firms have environmental violations. Deterministic (its own random streams).
import type { StakeholderType } from '@/core/domain/enums';
import { INDICATOR_SEEDS, type IndicatorSeed } from './catalogue';
import { DEMO_STAKEHOLDER_NAMES } from './demo-users';
import type { PlannedStakeholder } from './plan-stakeholders';
import { rngFor } from './prng';
import { makeProfile, type StakeholderProfile, type TrendKind } from './values';

export interface PlannedProfiles {
  profiles: Map<string, StakeholderProfile>;
  atRisk: Set<string>;
  inactive: Set<string>;
  /** stakeholder code → period index → violations in that period. */
  envViolations: Map<string, Map<number, number>>;
}

const AT_RISK_PER_TYPE: Record<StakeholderType, number> = { county_town: 3, rural: 8, market: 4 };

/** How many entities of each type are at risk and how many firms have violations (a province scales them). */
export interface ProfileShares {
  atRiskPerType: Record<StakeholderType, number>;
  polluters: number;
}

export function planProfiles(
  stakeholders: readonly PlannedStakeholder[],
  periodCount: number,
  shares: ProfileShares = { atRiskPerType: AT_RISK_PER_TYPE, polluters: 2 },
): PlannedProfiles {
  const rng = rngFor('profiles');
  const demoNames = new Set<string>(Object.values(DEMO_STAKEHOLDER_NAMES));
  // The demo logins' entities stay active and clean, with a story worth showing.
  // coop1 climbs from grade C towards B, a "gap to the next band" worth explaining.
  const fixedStory = new Map<string, { trendKind: TrendKind; capacity: number }>([
    [DEMO_STAKEHOLDER_NAMES.town1, { trendKind: 'stable', capacity: 0.8 }],
    [DEMO_STAKEHOLDER_NAMES.coop1, { trendKind: 'improving', capacity: 0.62 }],
    [DEMO_STAKEHOLDER_NAMES.firm1, { trendKind: 'improving', capacity: 0.7 }],
  ]);
  const atRisk = new Set<string>();
  const inactive = new Set<string>();
  const envViolations = new Map<string, Map<number, number>>();
  for (const type of ['county_town', 'rural', 'market'] as const) {
    const candidates = rng.shuffle(stakeholders.filter((s) => s.type === type && !demoNames.has(s.name)));
    for (const s of candidates.slice(0, shares.atRiskPerType[type])) atRisk.add(s.code);
    const rest = candidates.slice(shares.atRiskPerType[type]);
    // A few entities stopped operating after the first period (a dissolved cooperative, a farm
    // taken over, a firm that moved away): deactivated, with history kept.
    if (type === 'rural') {
      const coop = rest.find((s) => s.kind === 'cooperative');
      const farm = rest.find((s) => s.kind === 'family_farm');
      if (coop) inactive.add(coop.code);
      if (farm) inactive.add(farm.code);
    }
    if (type === 'market') {
      const [movedAway, ...polluters] = rest;
      if (movedAway) inactive.add(movedAway.code);
      // A few firms with environmental violations in some periods (a red flag).
      for (const firm of polluters.slice(0, shares.polluters)) {
        const periods = new Map<number, number>();
        periods.set(rng.int(0, periodCount - 1), rng.int(1, 2));
        if (rng.chance(0.5)) periods.set(rng.int(0, periodCount - 1), 1);
        envViolations.set(firm.code, periods);
      }
    }
  }
  const profiles = new Map<string, StakeholderProfile>();
  const indicatorsByType = groupIndicators();
  for (const s of stakeholders) {
    profiles.set(
      s.code,
      makeProfile(rngFor(`profile:${s.code}`), indicatorsByType[s.type], {
        atRisk: atRisk.has(s.code),
        ...fixedStory.get(s.name),
      }),
    );
  }
  return { profiles, atRisk, inactive, envViolations };
}

export function groupIndicators(): Record<StakeholderType, IndicatorSeed[]> {
  const out: Record<StakeholderType, IndicatorSeed[]> = { county_town: [], rural: [], market: [] };
  for (const ind of INDICATOR_SEEDS) out[ind.type].push(ind);
  return out;
}
