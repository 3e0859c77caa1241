// Input schemas of appeals: filing one (items with a claimed value, a reason and evidence), the
// assessors' steps (propose, send back, confirm), withdrawing, the lists, and a period's appeal
// days. Values are checked against their indicators by the service, which knows them.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { isEvidenceUrl } from '@/core/domain/evidence-url';
import { MIN_REJECT_REASON, SHA256_HEX } from '@/core/domain/appeals';
import { URL_MAX } from '@/core/domain/evaluation-values';
import { reasonText } from './reason';
import { listParamsSchema, idFilter } from './list-params';

const id = z.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required'));

/** A contested item's reason: said in a few words at least, at most a paragraph or two. */
export const APPEAL_REASON_MAX = 2000;
/** Files per contested value, and the longest file name kept. */
export const APPEAL_FILES_PER_ITEM = 5;
export const APPEAL_FILE_NAME_MAX = 200;
/** Values contested in one appeal: at most every indicator of a KPI set. */
export const APPEAL_ITEMS_MAX = 100;

const value = z.number({ error: vmsg('validation.appeal.number') }).finite(vmsg('validation.appeal.number'));

const evidenceUrl = z
  .string()
  .trim()
  .max(URL_MAX, vmsg('validation.tooLong', { max: URL_MAX }))
  .nullish()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || isEvidenceUrl(s), vmsg('validation.appeal.url'));

/** An uploaded file, named by the hash and the receipt the upload answered. */
const storedFile = z.object({
  sha256: z.string().regex(SHA256_HEX, vmsg('validation.appeal.fileMissing')),
  receipt: z.string().regex(SHA256_HEX, vmsg('validation.appeal.fileMissing')),
  fileName: z.string().trim().min(1, vmsg('validation.required')).max(APPEAL_FILE_NAME_MAX, vmsg('validation.tooLong', { max: APPEAL_FILE_NAME_MAX })),
});

export const appealItemInputSchema = z
  .object({
    indicatorId: id,
    claimedValue: value,
    reason: z
      .string({ error: vmsg('validation.required') })
      .trim()
      .min(1, vmsg('validation.required'))
      .max(APPEAL_REASON_MAX, vmsg('validation.tooLong', { max: APPEAL_REASON_MAX })),
    evidenceUrl,
    files: z.array(storedFile).max(APPEAL_FILES_PER_ITEM, vmsg('validation.appeal.tooManyFiles', { max: APPEAL_FILES_PER_ITEM })).default([]),
  })
  .superRefine((item, ctx) => {
    if (item.evidenceUrl === null && item.files.length === 0) ctx.addIssue({ code: 'custom', path: ['evidenceUrl'], message: vmsg('validation.appeal.evidence') });
  });

export const fileAppealSchema = z.object({
  stakeholderId: id,
  periodId: id,
  items: z
    .array(appealItemInputSchema)
    .min(1, vmsg('validation.appeal.noItems'))
    .max(APPEAL_ITEMS_MAX)
    .superRefine((items, ctx) => {
      const seen = new Set<number>();
      items.forEach((item, i) => {
        if (seen.has(item.indicatorId)) ctx.addIssue({ code: 'custom', path: [i, 'indicatorId'], message: vmsg('validation.appeal.duplicate') });
        seen.add(item.indicatorId);
      });
    }),
});
export type FileAppealInput = z.output<typeof fileAppealSchema>;

const rejectReason = z
  .string({ error: vmsg('validation.reason', { min: MIN_REJECT_REASON }) })
  .trim()
  .min(MIN_REJECT_REASON, vmsg('validation.reason', { min: MIN_REJECT_REASON }))
  .max(APPEAL_REASON_MAX, vmsg('validation.tooLong', { max: APPEAL_REASON_MAX }));

/** Accept with a corrected value for some items (null: this value stands), or reject with a reason. */
export const proposeAppealSchema = z.discriminatedUnion('decision', [
  z.object({
    appealId: id,
    decision: z.literal('accept'),
    corrections: z.array(z.object({ itemId: id, correctedValue: value.nullable() })).max(APPEAL_ITEMS_MAX),
    reason: z
      .string()
      .trim()
      .max(APPEAL_REASON_MAX, vmsg('validation.tooLong', { max: APPEAL_REASON_MAX }))
      .nullish()
      .transform((s) => (s ? s : null)),
  }),
  z.object({ appealId: id, decision: z.literal('reject'), reason: rejectReason }),
]);
export type ProposeAppealInput = z.output<typeof proposeAppealSchema>;

export const sendBackAppealSchema = z.object({ appealId: id, reason: reasonText });
export type SendBackAppealInput = z.output<typeof sendBackAppealSchema>;

export const appealIdSchema = z.object({ appealId: id });

export const APPEAL_LIST_SORTS = ['dueOn', 'createdAt'] as const;
export const APPEAL_FILTERS = ['open', 'decided', 'all'] as const;
export const appealListSchema = listParamsSchema(APPEAL_LIST_SORTS, {
  state: z.enum(APPEAL_FILTERS).catch('open').default('open'),
  periodId: idFilter,
});
export type AppealListInput = z.output<typeof appealListSchema>;

export const appealOverviewSchema = z.object({ periodId: idFilter });

/** A period's appeal window and decision days (bounds here: the column has none). */
export const APPEAL_WINDOW_MAX = 365;
export const periodAppealDaysSchema = z.object({
  id,
  appealWindowDays: z
    .number({ error: vmsg('validation.appeal.windowDays', { max: APPEAL_WINDOW_MAX }) })
    .int(vmsg('validation.appeal.windowDays', { max: APPEAL_WINDOW_MAX }))
    .min(0, vmsg('validation.appeal.windowDays', { max: APPEAL_WINDOW_MAX }))
    .max(APPEAL_WINDOW_MAX, vmsg('validation.appeal.windowDays', { max: APPEAL_WINDOW_MAX })),
  appealDecisionDays: z
    .number({ error: vmsg('validation.appeal.decisionDays', { max: APPEAL_WINDOW_MAX }) })
    .int(vmsg('validation.appeal.decisionDays', { max: APPEAL_WINDOW_MAX }))
    .min(1, vmsg('validation.appeal.decisionDays', { max: APPEAL_WINDOW_MAX }))
    .max(APPEAL_WINDOW_MAX, vmsg('validation.appeal.decisionDays', { max: APPEAL_WINDOW_MAX })),
});
export type PeriodAppealDaysInput = z.output<typeof periodAppealDaysSchema>;
