// Imports over tRPC take the file as base64 (scripts, tests); the browser uploads through
// app/api/imports (multipart, with upload progress) into the same services.
import 'server-only';
import { z } from 'zod';
import { importOptions, type ImportInput } from '@/server/services/imports';
import { startImportJob } from '@/server/jobs/runner';
import { checkFile } from '@/server/jobs/file-checks';
import { importFileInputSchema, type ImportFileInput } from '@/core/schemas/imports';
import { procedureFor, router } from '../init';

const toInput = (i: ImportFileInput): ImportInput => ({
  kpiSetCode: i.kpiSetCode,
  mode: i.mode,
  bytes: Buffer.from(i.contentBase64, 'base64'),
  ...(i.fileName ? { fileName: i.fileName } : {}),
});

export const importsRouter = router({
  options: procedureFor('imports.options')
    .input(z.object({}).optional())
    .query(({ ctx }) => importOptions(ctx.db)),
  check: procedureFor('imports.check')
    .input(importFileInputSchema)
    // In the file-check thread, as the upload's dry run (file-checks.ts).
    .mutation(async ({ ctx, input }) => (await checkFile(ctx.db, ctx.user, 'evaluations.import', toInput(input))).report),
  // The import checks the file again and writes all or nothing, in a job.
  run: procedureFor('imports.run')
    .input(importFileInputSchema)
    .mutation(({ ctx, input }) => startImportJob(ctx.db, ctx.user.id, toInput(input))),
});
