// JSON Schema (draft 2020-12) of `kpi-set/v1`, generated from the zod schema so the two cannot
// drift apart. It covers the structure; the cross-field rules (unique codes, min < max, grade
// coverage …) are only checked by validateKpiSet and are listed in the schema's description.
import * as z from 'zod';
import { kpiSetV1Schema } from './format';

export function kpiSetV1JsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(kpiSetV1Schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'kpi-set/v1',
    description:
      'A County Scorecard KPI set: objectives with weights, indicators with weights and normalization, ' +
      'aggregation, missing-data policy and grade bands. Beyond this schema, a valid set has unique objective ' +
      'codes, indicator codes unique across the set (and not "stakeholder" or "name"), unique grade codes and ' +
      'minimums, a grade band starting at 0 and none above the scale, goalposts with min < max (and min > 0 ' +
      'with transform ln), targets on the better side of the baseline (above it for direction higher, below ' +
      'for lower), and a z-score center within 0…scale. See README.md (section "Scoring").',
    ...rest,
  };
}
