// The rule vocabulary (objectives, indicators, grades the rules may name) and the names a rule's
// sentence and explanation use in the reader's language; for client and server components alike.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import type { RuleLabels } from '@/core/eligibility';
import { pickName, type Label } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';
import type { Unit } from '@/core/i18n/units';

export type Vocabulary = inferRouterOutputs<AppRouter>['incentives']['vocabulary'];

/** Names by code of the objectives and indicators a rule may refer to, and the indicators' units. */
export type RuleNames = { objectives: Record<string, Label>; indicators: Record<string, Label>; units?: Record<string, Unit | null> };

/** The rule's names and each indicator's unit (for raw thresholds and the explanation's values). */
export type ExplanationLabels = RuleLabels;

export function ruleNamesOf(vocabulary: Vocabulary): RuleNames {
  return {
    objectives: Object.fromEntries(vocabulary.objectives.map((o) => [o.code, o.name])),
    indicators: Object.fromEntries(vocabulary.indicators.map((i) => [i.code, i.name])),
    units: Object.fromEntries(vocabulary.indicators.map((i) => [i.code, i.unit])),
  };
}

export function ruleLabels(names: RuleNames, locale: Locale): ExplanationLabels {
  const pick = (label: Label | undefined) => (label ? pickName(label, locale) : undefined);
  return { objective: (code) => pick(names.objectives[code]), indicator: (code) => pick(names.indicators[code]), unit: (code) => names.units?.[code] };
}
