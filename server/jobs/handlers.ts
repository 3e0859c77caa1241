// What each kind of job does: its input schema and the use case it runs. The handler is called
// in a worker thread with that worker's own connection; the use case writes in one transaction.
// Results are stored as JSON (dates read back as ISO strings), so they keep to plain data. An
// `after` step runs once the job is marked succeeded (work no reader has to wait for).
import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import type { JobKind } from '@/core/domain/enums';
import type { ReportProgress } from '@/core/domain/jobs';
import { periodPublishSchema } from '@/core/schemas/method';
import { IMPORT_MODES } from '@/core/domain/imports';
import { publishPeriod } from '@/server/services/periods';
import { storeDashboardFigures } from '@/server/services/county-dashboard';
import { runProgram } from '@/server/services/eligibility-runs';
import { runImport } from '@/server/services/imports';
import { runRegistryImport } from '@/server/services/stakeholder-registry';
import { recomputeProvisional } from '@/server/services/evaluations/provisional';
import { getScorecard } from '@/server/services/scorecards/stakeholder';
import { getCountyScorecard } from '@/server/services/scorecards/county';
import { renderScorecardPdf, type PdfCookie } from '@/server/services/scorecards/pdf';
import { runImpactPreview } from '@/server/services/impact-preview';
import { runRobustnessCheck } from '@/server/services/robustness';
import { robustnessJobSchema } from '@/core/schemas/robustness';
import { previewRevision, publishRevision } from '@/server/services/revisions';
import { revisionPeriodSchema, revisionPublishSchema } from '@/core/schemas/revisions';
import { NotFoundError } from '@/server/errors';
import type { WriteAlone } from './lane-state';
import { periodCodeSchema } from '@/core/schemas/period-code';
import { COUNTY_STAKEHOLDER_SORTS } from '@/core/schemas/county-scorecard';

export type JobContext = {
  actor: SessionUser;
  /** Bytes handed over with the job (an uploaded file); never stored in the jobs row. */
  attachment: Uint8Array | null;
  progress: ReportProgress;
  /** Runs a write of a background job when it cannot fail a main-lane job's transaction (lane-state.ts); elsewhere at once. */
  writeAlone: WriteAlone;
};

const eligibilityRunInput = z.object({ programId: z.number().int().positive(), periodId: z.number().int().positive() });
const importInput = z.object({ kpiSetCode: z.string().min(1), mode: z.enum(IMPORT_MODES), fileName: z.string().optional() });
const registryImportInput = z.object({ fileName: z.string().optional() });
// A stakeholder's scorecard, or a county's (summary and the first page of its list).
const pdfInput = z.union([
  z.object({ stakeholderId: z.number().int().positive(), period: periodCodeSchema, fileName: z.string().min(1) }),
  z.object({ countyId: z.number().int().positive(), period: periodCodeSchema, fileName: z.string().min(1), sort: z.enum(COUNTY_STAKEHOLDER_SORTS).optional(), dir: z.enum(['asc', 'desc']).optional() }),
]);
const provisionalInput = z.object({ periodId: z.number().int().positive(), versionId: z.number().int().positive() });
// The data mark joins requests with the same inputs; the job reads the mark again when it starts.
const impactPreviewInput = z.object({ versionId: z.number().int().positive(), periodId: z.number().int().positive(), dataMark: z.number().int().nonnegative() });

export class MissingAttachmentError extends Error {}

export const JOB_HANDLERS = {
  'period.publish': {
    input: periodPublishSchema,
    run: (db: Db, input: z.output<typeof periodPublishSchema>, ctx: JobContext) => {
      const r = publishPeriod(db, ctx.actor, input, ctx.progress);
      return { period: { id: r.period.id, code: r.period.code, status: r.period.status }, runs: r.runs, excluded: r.excluded };
    },
    // Once the publish has reported success: the dashboard works these out on a first read that
    // finds them missing, so the publisher need not wait for them (about a second in a province).
    after: (db: Db, result: { period: { id: number } }) => storeDashboardFigures(db, result.period.id),
  },
  'eligibility.run': {
    input: eligibilityRunInput,
    run: (db: Db, input: z.output<typeof eligibilityRunInput>, ctx: JobContext) => {
      const r = runProgram(db, ctx.actor, input, ctx.progress);
      return { runId: r.runId, inputHash: r.inputHash, totals: r.totals };
    },
  },
  'scores.provisional': {
    input: provisionalInput,
    run: (db: Db, input: z.output<typeof provisionalInput>, ctx: JobContext) => {
      const r = recomputeProvisional(db, ctx.actor, input, ctx.progress);
      storeDashboardFigures(db, input.periodId);
      return r;
    },
  },
  'scorecard.pdf': {
    input: pdfInput,
    // The attachment holds the starter's cookies (the print page is opened as them); never stored.
    run: async (db: Db, input: z.output<typeof pdfInput>, ctx: JobContext) => {
      if (!ctx.attachment) throw new MissingAttachmentError();
      // Read as the starter again: access is checked when the page is rendered, not only when asked.
      if ('countyId' in input) {
        if (!getCountyScorecard(db, ctx.actor, { countyId: input.countyId, period: input.period }).summary) throw new NotFoundError('A published county scorecard of county', input.countyId);
      } else {
        const data = getScorecard(db, ctx.actor, { stakeholderId: input.stakeholderId, period: input.period });
        if (!data.card) throw new NotFoundError('A published scorecard of stakeholder', input.stakeholderId);
      }
      const cookies = JSON.parse(new TextDecoder().decode(ctx.attachment)) as PdfCookie[];
      return renderScorecardPdf(input, cookies, ctx.progress);
    },
  },
  'evaluations.import': {
    input: importInput,
    run: async (db: Db, input: z.output<typeof importInput>, ctx: JobContext) => {
      if (!ctx.attachment) throw new MissingAttachmentError();
      const r = await runImport(db, ctx.actor, { ...input, bytes: ctx.attachment }, ctx.progress);
      // The ids stay out of the result: a province's import would make every poll heavy.
      return { imported: r.imported, count: r.evaluationIds.length, report: r.report };
    },
  },
  'stakeholders.import': {
    input: registryImportInput,
    run: async (db: Db, input: z.output<typeof registryImportInput>, ctx: JobContext) => {
      if (!ctx.attachment) throw new MissingAttachmentError();
      return runRegistryImport(db, ctx.actor, { ...input, bytes: ctx.attachment }, ctx.progress);
    },
  },
  'eligibility.robustness': {
    input: robustnessJobSchema,
    run: (db: Db, input: z.output<typeof robustnessJobSchema>, ctx: JobContext) => runRobustnessCheck(db, ctx.actor, input, ctx.progress, ctx.writeAlone),
  },
  'tuning.preview': {
    input: impactPreviewInput,
    // Stores the preview (its rows too) and answers where; pages are read from the store.
    run: (db: Db, input: z.output<typeof impactPreviewInput>, ctx: JobContext) => runImpactPreview(db, { versionId: input.versionId, periodId: input.periodId }, ctx.progress),
  },
  'revision.preview': {
    input: revisionPeriodSchema,
    // The revision applied in a transaction rolled back: its impact, and the mark the publish checks.
    run: (db: Db, input: z.output<typeof revisionPeriodSchema>, ctx: JobContext) => previewRevision(db, ctx.actor, input, ctx.progress),
  },
  'revision.publish': {
    input: revisionPublishSchema,
    run: (db: Db, input: z.output<typeof revisionPublishSchema>, ctx: JobContext) => publishRevision(db, ctx.actor, input, ctx.progress),
    after: (db: Db, result: { periodId: number }) => storeDashboardFigures(db, result.periodId),
  },
} as const;

export type HandledKind = keyof typeof JOB_HANDLERS & JobKind;
export type JobInputOf<K extends HandledKind> = z.input<(typeof JOB_HANDLERS)[K]['input']>;
export type JobResultOf<K extends HandledKind> = Awaited<ReturnType<(typeof JOB_HANDLERS)[K]['run']>>;

export function isHandledKind(kind: string): kind is HandledKind {
  return kind in JOB_HANDLERS;
}
