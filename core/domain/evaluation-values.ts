// The rules for an evaluation's values, built from the indicator definitions of its KPI-set
// version. The same schema runs in the form (client) and in the save/submit services (server).
// Messages are catalog keys of the "evaluations" namespace (see components/evaluations/messages.ts).
import * as z from 'zod';
import { vmsg } from './messages';
import { isEvidenceUrl } from './evidence-url';
import { parseValueText, valueProblem, type IndicatorDef } from './value-checks';

// The per-value rules live in value-checks.ts (no zod, for the browser); the schema below uses them.
export { parseValueText, valueProblem, type IndicatorDef } from './value-checks';

/** `draft`: values must be valid where given. `submit`: also evidence where required and a note for a missing value. */
export type ValuesMode = 'draft' | 'submit';

export const NOTE_MAX = 500;
export const URL_MAX = 500;
/** An evidence link: http or https only (the form and the import share the rule). */
export { EVIDENCE_URL } from './evidence-url';

export type ValueEntry = { value: number | null; note: string | null; evidenceUrl: string | null };

const entrySchema = z.object({
  value: z
    .union([z.number(), z.string(), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === null ? null : typeof v === 'number' ? v : parseValueText(v))),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX, vmsg('evaluations.validation.noteTooLong', { max: NOTE_MAX }))
    .nullish()
    .transform((s) => (s ? s : null)),
  evidenceUrl: z
    .string()
    .trim()
    .max(URL_MAX, vmsg('evaluations.validation.urlTooLong', { max: URL_MAX }))
    .nullish()
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || isEvidenceUrl(s), vmsg('evaluations.validation.url')),
});

/**
 * `{ [indicatorCode]: {value, note, evidenceUrl} }` checked against the definitions: issues land
 * at `<code>.value`, `<code>.note` or `<code>.evidenceUrl` so forms show them at the field.
 */
export function evaluationValuesSchema(defs: readonly IndicatorDef[], mode: ValuesMode) {
  const byCode = new Map(defs.map((d) => [d.code, d]));
  return z.record(z.string(), entrySchema).superRefine((values, ctx) => {
    for (const [code, entry] of Object.entries(values)) {
      const def = byCode.get(code);
      if (!def) {
        ctx.addIssue({ code: 'custom', path: [code], message: vmsg('evaluations.validation.unknownIndicator', { code }) });
        continue;
      }
      if (entry.value !== null) {
        const problem = valueProblem(def, entry.value);
        if (problem) ctx.addIssue({ code: 'custom', path: [code, 'value'], message: problem });
      }
    }
    if (mode !== 'submit') return;
    for (const def of defs) {
      const entry = values[def.code];
      const value = entry?.value ?? null;
      if (value === null) {
        // A missing value is allowed (the KPI set's missing-data policy decides), but not silently.
        if (!entry?.note) ctx.addIssue({ code: 'custom', path: [def.code, 'note'], message: vmsg('evaluations.validation.missingNeedsNote') });
      } else if (def.evidenceRequired && !entry?.evidenceUrl) {
        ctx.addIssue({ code: 'custom', path: [def.code, 'evidenceUrl'], message: vmsg('evaluations.validation.evidenceRequired') });
      }
    }
  });
}

export type EvaluationValuesInput = z.input<ReturnType<typeof evaluationValuesSchema>>;
export type EvaluationValues = Record<string, ValueEntry>;

/** Shape-only schema for procedure inputs; the definitions-aware check runs in the service. */
export const evaluationValuesInputSchema = z.record(
  z.string().max(64),
  z.object({
    value: z.union([z.number(), z.string().max(64), z.null()]).optional(),
    note: z.string().max(NOTE_MAX * 2).nullish(),
    evidenceUrl: z.string().max(URL_MAX * 2).nullish(),
  }),
);
