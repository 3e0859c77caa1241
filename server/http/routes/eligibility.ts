// Downloads of incentive programs and eligibility runs.
import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { beneficiaries } from '@/server/services/eligibility-runs';
import { beneficiariesCsv, beneficiariesFileName, beneficiariesXlsx, type BeneficiaryLabels } from '@/server/services/beneficiaries-export';
import { programFile } from '@/server/services/incentives';
import { runStabilities } from '@/server/services/robustness';
import { defineRoute } from '../define-route';

const positiveId = z.coerce.number().int().positive();

/** A program as a `program/v1` JSON file, for `npm run cli -- eligibility --program FILE`. */
export const programFileRoute = defineRoute({
  method: 'GET',
  path: '/api/eligibility/programs/[id]',
  action: 'programs.read',
  input: z.object({ id: positiveId }),
  handler: ({ db, input }) => {
    const file = programFile(db, input.id);
    return new Response(JSON.stringify(file, null, 2) + '\n', {
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="program-${file.code}.json"` },
    });
  },
});

export const beneficiariesRoute = defineRoute({
  method: 'GET',
  path: '/api/eligibility/runs/[runId]/beneficiaries',
  action: 'eligibility.export',
  input: z.object({ runId: positiveId, format: z.enum(['csv', 'xlsx']).catch('csv') }),
  handler: async ({ db, input }) => {
    const data = { ...beneficiaries(db, input.runId), stability: runStabilities(db, input.runId) };
    const [t, tc, tr, locale] = await Promise.all([getTranslations('incentives.export'), getTranslations('common'), getTranslations('robustness.export'), getLocale()]);
    const labels: BeneficiaryLabels = {
      t: (key) => t(key as never),
      typeLabel: (type) => tc(`stakeholderTypes.${type}`),
      stability: tr('stability'),
      locale: locale === 'en' ? 'en' : 'zh-CN',
    };
    const attachment = (type: string, ext: 'csv' | 'xlsx') => ({
      'content-type': type,
      'content-disposition': `attachment; filename="${beneficiariesFileName(data, ext)}"`,
    });
    if (input.format === 'csv') return new Response(beneficiariesCsv(data, labels), { headers: attachment('text/csv; charset=utf-8', 'csv') });
    const xlsx = await beneficiariesXlsx(data, labels);
    return new Response(xlsx, { headers: attachment('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx') });
  },
});
