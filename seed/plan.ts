// The demo data as plain objects, computed without the database: stakeholders, their profiles,
// periods and every evaluation with its values. Deterministic: each part draws from its own
// labelled random stream.
import { planEvaluations, type PlannedEvaluation } from './plan-evaluations';
import { PERIOD_SEEDS, type PlannedPeriod } from './plan-periods';
import { planProfiles, type PlannedProfiles } from './plan-profiles';
import { planStakeholders, type PlannedStakeholder } from './plan-stakeholders';

export interface DemoPlan {
  stakeholders: PlannedStakeholder[];
  profiles: PlannedProfiles;
  periods: readonly PlannedPeriod[];
  evaluations: PlannedEvaluation[];
}

export function planDemo(): DemoPlan {
  const stakeholders = planStakeholders();
  const profiles = planProfiles(stakeholders, PERIOD_SEEDS.length);
  for (const s of stakeholders) if (profiles.inactive.has(s.code)) s.active = false;
  return { stakeholders, profiles, periods: PERIOD_SEEDS, evaluations: planEvaluations(stakeholders, profiles) };
}
