// A new period: a quarter or a year. Apart from method.ts (which re-exports it) so that the
// periods page's form checks it in the browser without the KPI-set schemas.
// zod/mini keeps the full schema library out of that page (same issues and messages as zod's).
import * as z from 'zod/mini';
import { vmsg } from '@/core/domain/messages';

export const periodCreateSchema = z
  .object({
    kind: z.enum(['quarter', 'year'], { error: vmsg('validation.required') }),
    year: z
      .number({ error: vmsg('validation.method.year') })
      .check(z.int(vmsg('validation.method.year')), z.minimum(2000, vmsg('validation.method.year')), z.maximum(2100, vmsg('validation.method.year'))),
    quarter: z.nullish(z.number().check(z.int(), z.minimum(1), z.maximum(4))),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.kind === 'quarter' && !p.quarter) ctx.addIssue({ code: 'custom', path: ['quarter'], message: vmsg('validation.required') });
    }),
  );
export type PeriodCreateInput = z.infer<typeof periodCreateSchema>;
