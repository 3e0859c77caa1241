// The portable KPI-set format `kpi-set/v1`: a zod schema (structure) plus the rules that span
// fields (unique codes, goalposts order, grade coverage …), and a validator that names the JSON
// path and the reason of every error. docs/kpi-set-v1.schema.json is generated from this schema
// (`npm run cli -- schema`); the cross-field rules are listed in README.md (section "Scoring").
import * as z from 'zod';
import { AGGREGATIONS, DIRECTIONS, MISSING_POLICIES, STAKEHOLDER_TYPES } from '@/core/domain/enums';
import { vmsg } from '@/core/domain/messages';
import { zodIssueMessage } from '@/core/domain/zod-messages';

export const KPI_SET_FORMAT = 'kpi-set/v1';

export const NORMALIZATION_METHOD_CODES = ['goalposts', 'minmax', 'zscore', 'target', 'percentile'] as const;

/** Column names of a values file that cannot be indicator codes. */
export const RESERVED_COLUMN_NAMES = ['stakeholder', 'name'] as const;

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const codeSchema = z
  .string()
  .regex(CODE_PATTERN, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a valid code: use 1–64 letters, digits, "_" or "-", starting with a letter or digit`,
  });

const labelSchema = z.strictObject({
  en: z.string().trim().min(1, 'must not be empty'),
  'zh-CN': z.string().trim().min(1, 'must not be empty'),
});

const descriptionSchema = z.strictObject({
  en: z.string().optional(),
  'zh-CN': z.string().optional(),
});

const positiveWeight = z.number().positive('must be greater than 0');

const goalpostsSchema = z.strictObject({
  method: z.literal('goalposts'),
  min: z.number(),
  max: z.number(),
  transform: z.enum(['none', 'ln']).default('none'),
});

const minmaxSchema = z.strictObject({ method: z.literal('minmax') });

const zscoreSchema = z.strictObject({
  method: z.literal('zscore'),
  /** Score given to the peers' mean; default half the scale. */
  center: z.number().optional(),
  /** Score points per standard deviation; default a tenth of the scale. */
  spread: z.number().positive('must be greater than 0').optional(),
});

const targetSchema = z.strictObject({
  method: z.literal('target'),
  target: z.number(),
  baseline: z.number().default(0),
});

const percentileSchema = z.strictObject({ method: z.literal('percentile') });

const normalizationSchema = z.discriminatedUnion(
  'method',
  [goalpostsSchema, minmaxSchema, zscoreSchema, targetSchema, percentileSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `unknown normalization method; use one of ${NORMALIZATION_METHOD_CODES.join(', ')}`
        : undefined,
  },
);

const indicatorSchema = z.strictObject({
  code: codeSchema,
  name: labelSchema,
  description: descriptionSchema.optional(),
  unit: z.string(),
  direction: z.enum(DIRECTIONS),
  weight: positiveWeight,
  normalization: normalizationSchema,
});

const objectiveSchema = z.strictObject({
  code: codeSchema,
  name: labelSchema,
  description: descriptionSchema.optional(),
  weight: positiveWeight,
  indicators: z.array(indicatorSchema).min(1, 'an objective needs at least one indicator'),
});

const gradeSchema = z.strictObject({
  code: z.string().trim().min(1, 'must not be empty').max(32, 'at most 32 characters'),
  min: z.number().min(0, 'must be 0 or more'),
  label: labelSchema,
});

const kpiSetObjectSchema = z.strictObject({
  format: z.literal(KPI_SET_FORMAT),
  code: codeSchema,
  name: labelSchema,
  description: descriptionSchema.optional(),
  stakeholderType: z.enum(STAKEHOLDER_TYPES),
  scale: z.number().positive('must be greater than 0').default(100),
  aggregation: z
    .strictObject({
      indicators: z.enum(AGGREGATIONS),
      objectives: z.enum(AGGREGATIONS),
    })
    .default({ indicators: 'arithmetic', objectives: 'arithmetic' }),
  missing: z
    .strictObject({
      policy: z.enum(MISSING_POLICIES),
      minCompleteness: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.8),
    })
    .default({ policy: 'reweight', minCompleteness: 0.8 }),
  grades: z.array(gradeSchema).min(1, 'at least one grade band is needed, starting at 0'),
  objectives: z.array(objectiveSchema).min(1, 'at least one objective is needed'),
});

type KpiSetShape = z.output<typeof kpiSetObjectSchema>;

/** The rules that span several fields; each names the path of the field to fix. */
function checkCrossFieldRules(set: KpiSetShape, ctx: z.RefinementCtx): void {
  // `key`: the same rule as a catalog message (vmsg), for the app's forms; the message is the CLI's.
  const add = (path: (string | number)[], message: string, key: string) => ctx.addIssue({ code: 'custom', path, message, params: { key } });

  const objectiveAt = new Map<string, number>();
  set.objectives.forEach((objective, o) => {
    const first = objectiveAt.get(objective.code);
    if (first !== undefined) add(['objectives', o, 'code'], `duplicate objective code "${objective.code}" (also objectives[${first}])`, vmsg('validation.kpiSet.duplicateObjective', { code: objective.code }));
    else objectiveAt.set(objective.code, o);
  });

  const indicatorAt = new Map<string, string>();
  set.objectives.forEach((objective, o) => {
    objective.indicators.forEach((indicator, i) => {
      const base = ['objectives', o, 'indicators', i];
      const here = `objectives[${o}].indicators[${i}]`;
      const first = indicatorAt.get(indicator.code);
      if (first !== undefined) add([...base, 'code'], `duplicate indicator code "${indicator.code}" (also ${first}); indicator codes are unique across the whole set`, vmsg('validation.kpiSet.duplicateIndicator', { code: indicator.code }));
      else indicatorAt.set(indicator.code, here);
      if ((RESERVED_COLUMN_NAMES as readonly string[]).includes(indicator.code)) {
        add([...base, 'code'], `"${indicator.code}" is reserved for a column of the values file; choose another code`, vmsg('validation.kpiSet.reservedCode', { code: indicator.code }));
      }
      const n = indicator.normalization;
      const at = [...base, 'normalization'];
      if (n.method === 'goalposts') {
        if (!(n.min < n.max)) add([...at, 'max'], `goalposts need min < max (min ${n.min}, max ${n.max})`, vmsg('validation.kpiSet.goalpostsOrder', { min: n.min, max: n.max }));
        if (n.transform === 'ln' && !(n.min > 0)) add([...at, 'min'], `the ln transform needs positive goalposts (min ${n.min} ≤ 0)`, vmsg('validation.kpiSet.lnPositive', { min: n.min }));
      } else if (n.method === 'target') {
        if (indicator.direction === 'higher' && !(n.target > n.baseline)) {
          add([...at, 'target'], `for a higher-is-better indicator the target must be above the baseline (target ${n.target}, baseline ${n.baseline})`, vmsg('validation.kpiSet.targetAbove', { target: n.target, baseline: n.baseline }));
        }
        if (indicator.direction === 'lower' && !(n.target < n.baseline)) {
          add([...at, 'target'], `for a lower-is-better indicator the target must be below the baseline (target ${n.target}, baseline ${n.baseline})`, vmsg('validation.kpiSet.targetBelow', { target: n.target, baseline: n.baseline }));
        }
      } else if (n.method === 'zscore' && n.center !== undefined && !(n.center >= 0 && n.center <= set.scale)) {
        add([...at, 'center'], `center must lie within 0…scale (0…${set.scale}), got ${n.center}`, vmsg('validation.kpiSet.centerRange', { scale: set.scale, center: n.center }));
      }
    });
  });

  const gradeCodeAt = new Map<string, number>();
  const gradeMinAt = new Map<number, number>();
  set.grades.forEach((grade, g) => {
    const firstCode = gradeCodeAt.get(grade.code);
    if (firstCode !== undefined) add(['grades', g, 'code'], `duplicate grade code "${grade.code}" (also grades[${firstCode}])`, vmsg('validation.kpiSet.duplicateGrade', { code: grade.code }));
    else gradeCodeAt.set(grade.code, g);
    const firstMin = gradeMinAt.get(grade.min);
    if (firstMin !== undefined) add(['grades', g, 'min'], `bands overlap: grades[${firstMin}] also starts at ${grade.min}`, vmsg('validation.kpiSet.gradeOverlap', { min: grade.min }));
    else gradeMinAt.set(grade.min, g);
    if (grade.min > set.scale) add(['grades', g, 'min'], `a band cannot start above the scale (${grade.min} > ${set.scale})`, vmsg('validation.kpiSet.gradeAboveScale', { min: grade.min, scale: set.scale }));
  });
  if (set.grades.length > 0 && !gradeMinAt.has(0)) {
    const lowest = Math.min(...set.grades.map((grade) => grade.min));
    add(['grades'], `the bands must cover 0…${set.scale}: the lowest starts at ${lowest}, leaving 0…${lowest} without a grade; add a band with min 0`, vmsg('validation.kpiSet.gradesFromZero', { scale: set.scale, lowest }));
  }
}

export const kpiSetV1Schema = kpiSetObjectSchema.superRefine(checkCrossFieldRules);

/** A validated KPI set, defaults filled in. */
export type KpiSetV1 = z.output<typeof kpiSetV1Schema>;
/** A KPI set as written in a file (defaults may be left out). */
export type KpiSetV1Input = z.input<typeof kpiSetV1Schema>;
export type KpiObjective = KpiSetV1['objectives'][number];
export type KpiIndicator = KpiObjective['indicators'][number];
export type Normalization = KpiIndicator['normalization'];
export type GradeBand = KpiSetV1['grades'][number];
export type BilingualLabel = z.output<typeof labelSchema>;

export interface KpiSetProblem {
  /** JSON path of the field, e.g. `objectives[0].indicators[2].normalization.max`; '' for the document. */
  path: string;
  /** In English, for the CLI and the logs. */
  message: string;
  /** The same problem as a catalog message (vmsg), for the app. */
  key: string;
}

const ARRAY_NEEDS: Record<string, string> = {
  indicators: 'validation.kpiSet.noIndicators',
  grades: 'validation.kpiSet.noGrades',
  objectives: 'validation.kpiSet.noObjectives',
};

/** The catalog message of one of the validator's issues. */
function problemKey(issue: z.core.$ZodIssue): string {
  const last = String(issue.path.at(-1) ?? '');
  if (issue.code === 'custom' && typeof issue.params?.key === 'string') return issue.params.key;
  if (issue.code === 'invalid_format' && last === 'code') return vmsg('validation.method.code');
  if (issue.code === 'invalid_union' && last === 'normalization') return vmsg('validation.kpiSet.unknownMethod');
  if (issue.code === 'too_small' && issue.origin === 'array' && ARRAY_NEEDS[last]) return vmsg(ARRAY_NEEDS[last]);
  return zodIssueMessage(issue as z.core.$ZodRawIssue);
}

export type KpiSetValidation = { ok: true; value: KpiSetV1 } | { ok: false; errors: KpiSetProblem[] };

/** `['objectives', 0, 'name', 'zh-CN']` → `objectives[0].name["zh-CN"]`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

// Messages a person can act on, for the structural issues zod reports in its own words.
const errorMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `required field is missing (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
    if (issue.input === undefined) {
      return `required field is missing (${issue.values.length === 1 ? options : `one of ${options}`})`;
    }
    return issue.values.length === 1
      ? `must be ${options}, got ${describeValue(issue.input)}`
      : `must be one of ${options}, got ${describeValue(issue.input)}`;
  }
  return undefined;
};

/** Validates a parsed JSON document as `kpi-set/v1`; every error carries its JSON path. */
export function validateKpiSet(json: unknown): KpiSetValidation {
  const parsed = kpiSetV1Schema.safeParse(json, { error: errorMessages });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: KpiSetProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One error per unknown key, pointing at the key itself.
      for (const key of issue.keys) {
        errors.push({ path: formatJsonPath([...issue.path, key]), message: `unknown field "${key}"; remove it or check its spelling`, key: vmsg('validation.kpiSet.unknownField', { key }) });
      }
    } else {
      errors.push({ path: formatJsonPath(issue.path), message: issue.message, key: problemKey(issue) });
    }
  }
  return { ok: false, errors };
}

/** Whether the indicator's normalized value depends on the other stakeholders scored with it. */
export function isPeerDependent(normalization: Normalization): boolean {
  return normalization.method === 'minmax' || normalization.method === 'zscore' || normalization.method === 'percentile';
}
