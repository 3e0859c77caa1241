// Input schemas of the method area (periods, indicators, KPI-set drafts, tuning), shared by the
// forms (client) and the procedures (server). Pure: zod and the engine only, no database.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { optionalText, requiredText } from './text-fields';
import { reasonText } from './reason';
// The format module, not the engine's index: forms in the browser import this file.
import { KPI_SET_FORMAT, type KpiSetV1Input } from '@/core/scoring/format';
import { AGGREGATIONS, MISSING_POLICIES, type StakeholderType } from '@/core/domain/enums';

const optionalNumber = z
  .number({ error: vmsg('validation.method.number') })
  .finite(vmsg('validation.method.number'))
  .nullish()
  .transform((n) => (n === undefined ? null : n));

export const id = z.object({ id: z.number().int().positive() });

// ── Periods ──────────────────────────────────────────────────────────────────────────────────
// In its own module so the periods page does not bring the KPI-set schemas to the browser.
export { periodCreateSchema, type PeriodCreateInput } from './period-create';

export const periodPublishSchema = z.object({
  id: z.number().int().positive(),
  /** Unapproved evaluations to leave out of the published scores, with the reason recorded on each. */
  exclude: z
    .object({
      evaluationIds: z.array(z.number().int().positive()).min(1),
      reason: reasonText,
    })
    .nullish(),
});

export const reasonSchema = z.object({ id: z.number().int().positive(), reason: reasonText });

// ── Indicators ───────────────────────────────────────────────────────────────────────────────
export const INDICATOR_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const indicatorInputSchema = z
  .object({
    code: requiredText(64).refine((c) => INDICATOR_CODE_PATTERN.test(c), vmsg('validation.method.code')),
    nameZh: requiredText(120),
    nameEn: requiredText(120),
    descriptionZh: optionalText(1000),
    descriptionEn: optionalText(1000),
    // A code of the units catalogue ('' for none); the service also takes the old English spellings.
    unit: z.string().trim().max(30, vmsg('validation.tooLong', { max: 30 })),
    direction: z.enum(['higher', 'lower'], { error: vmsg('validation.required') }),
    valueType: z.enum(['number', 'integer', 'percent'], { error: vmsg('validation.required') }),
    minValue: optionalNumber,
    maxValue: optionalNumber,
    evidenceRequired: z.boolean().default(false),
    redFlagAbove: optionalNumber,
  })
  .superRefine((i, ctx) => {
    if (i.minValue !== null && i.maxValue !== null && !(i.minValue < i.maxValue))
      ctx.addIssue({ code: 'custom', path: ['maxValue'], message: vmsg('validation.method.range') });
  });
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

export const UNIT_CODE_PATTERN = /^[a-z][a-z0-9_]{0,29}$/;

/** A new entry of the units catalogue, named in both languages. */
export const unitInputSchema = z.object({
  code: requiredText(30).refine((c) => UNIT_CODE_PATTERN.test(c), vmsg('validation.method.unitCode')),
  nameZh: requiredText(20),
  nameEn: requiredText(30),
  attached: z.boolean().default(false),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export const indicatorListSchema = z
  .object({ search: z.string().trim().max(100).optional(), includeRetired: z.boolean().default(false) })
  .default({ includeRetired: false });

// ── KPI-set drafts ───────────────────────────────────────────────────────────────────────────
// The editable content of a version, by ids; the server turns it into a kpi-set/v1 document with
// the library's names and checks it with validateKpiSet, so the form and the file obey one rule set.
const normalizationInput = z.record(z.string(), z.unknown());

export const draftContentSchema = z.object({
  scale: z.number(),
  aggregation: z.object({ indicators: z.enum(AGGREGATIONS), objectives: z.enum(AGGREGATIONS) }),
  missing: z.object({ policy: z.enum(MISSING_POLICIES), minCompleteness: z.number() }),
  grades: z.array(z.object({ code: z.string(), min: z.number(), label: z.object({ en: z.string(), 'zh-CN': z.string() }) })).max(20),
  objectives: z
    .array(
      z.object({
        objectiveId: z.number().int().positive(),
        weight: z.number(),
        indicators: z
          .array(z.object({ indicatorId: z.number().int().positive(), weight: z.number(), normalization: normalizationInput }))
          .max(60),
      }),
    )
    .max(15),
});
export type DraftContent = z.infer<typeof draftContentSchema>;

export const saveDraftSchema = z.object({ versionId: z.number().int().positive(), content: draftContentSchema });

export const publishVersionSchema = z.object({
  versionId: z.number().int().positive(),
  effectiveFromPeriodId: z.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required')),
  changeNote: requiredText(2000),
});

export const importVersionSchema = z.object({
  kpiSetId: z.number().int().positive(),
  /** The file's text, parsed on the server so a syntax error can be reported like any other. */
  text: z.string().min(1, vmsg('validation.required')).max(2_000_000),
});

/** What a draft's ids stand for: names and directions from the library. */
export type DraftCatalog = {
  kpiSet: { code: string; nameEn: string; nameZh: string; stakeholderType: StakeholderType };
  objectives: Map<number, { code: string; nameEn: string; nameZh: string }>;
  indicators: Map<number, { code: string; nameEn: string; nameZh: string; unit: string; direction: 'higher' | 'lower' }>;
};

type KpiObjectiveInput = KpiSetV1Input['objectives'][number];
type KpiIndicatorInput = KpiObjectiveInput['indicators'][number];

/** A kpi-set/v1 document as a draft makes it: its normalizations are the form's, still unchecked. */
type DraftDocument = Omit<KpiSetV1Input, 'objectives'> & {
  objectives: (Omit<KpiObjectiveInput, 'indicators'> & {
    indicators: (Omit<KpiIndicatorInput, 'normalization'> & { normalization: Record<string, unknown> })[];
  })[];
};

/** The kpi-set/v1 document a draft describes (not yet validated: validateKpiSet decides). */
export function draftToDocument(content: DraftContent, catalog: DraftCatalog): DraftDocument {
  return {
    format: KPI_SET_FORMAT,
    code: catalog.kpiSet.code,
    name: { en: catalog.kpiSet.nameEn, 'zh-CN': catalog.kpiSet.nameZh },
    stakeholderType: catalog.kpiSet.stakeholderType,
    scale: content.scale,
    aggregation: content.aggregation,
    missing: content.missing,
    grades: content.grades,
    objectives: content.objectives.map((o) => {
      const objective = catalog.objectives.get(o.objectiveId);
      return {
        code: objective?.code ?? `objective-${o.objectiveId}`,
        name: { en: objective?.nameEn ?? '', 'zh-CN': objective?.nameZh ?? '' },
        weight: o.weight,
        indicators: o.indicators.map((i) => {
          const indicator = catalog.indicators.get(i.indicatorId);
          return {
            code: indicator?.code ?? `indicator-${i.indicatorId}`,
            name: { en: indicator?.nameEn ?? '', 'zh-CN': indicator?.nameZh ?? '' },
            unit: indicator?.unit ?? '',
            direction: indicator?.direction ?? 'higher',
            weight: i.weight,
            normalization: i.normalization,
          };
        }),
      };
    }),
  };
}

/**
 * A validateKpiSet path (`objectives[0].indicators[2].normalization.max`) as the dotted key the
 * forms use for their fields (`objectives.0.indicators.2.normalization.max`).
 */
export function fieldKeyOfPath(path: string): string {
  return path
    .replace(/\[("?)([^\]"]*)\1\]/g, '.$2')
    .replace(/^\./, '');
}

// ── Tuning ───────────────────────────────────────────────────────────────────────────────────
/** Which weights a tuning act is about: the objectives, or the indicators of one objective. */
export const weightTargetSchema = z.union([
  z.object({ level: z.literal('objectives') }),
  z.object({ level: z.literal('indicators'), objectiveId: z.number().int().positive() }),
]);
export type WeightTarget = z.infer<typeof weightTargetSchema>;

export const applyWeightsSchema = z.object({
  versionId: z.number().int().positive(),
  target: weightTargetSchema,
  /** One positive weight per item, in the draft's order. */
  weights: z.array(z.number().positive(vmsg('validation.method.positive')).finite()).min(1).max(60),
  method: z.enum(['manual', 'equal', 'ahp', 'entropy', 'critic', 'combination']),
  /** What produced the weights (AHP matrix and CR, α …), kept in the audit record. */
  detail: z.record(z.string(), z.unknown()).default({}),
  /** Why AHP judgements with CR above the limit are applied anyway; required then, and kept in the change note. */
  inconsistencyReason: z.nullish(reasonText),
});

export const dataWeightsSchema = z.object({
  versionId: z.number().int().positive(),
  periodId: z.number().int().positive(),
  target: weightTargetSchema,
  method: z.enum(['entropy', 'critic']),
});

/** Which rows of the impact preview's table: all, those who gain or lose a composite, change grade, or move. */
export const PREVIEW_FILTERS = ['all', 'unscored', 'grade', 'moved'] as const;
export type PreviewFilter = (typeof PREVIEW_FILTERS)[number];

export const previewSchema = z.object({
  versionId: z.number().int().positive(),
  periodId: z.number().int().positive(),
  filter: z.enum(PREVIEW_FILTERS).optional(),
  page: z.number().int().positive().max(100_000).optional(),
});
