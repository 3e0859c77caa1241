// Imports over tRPC take the file as base64 (scripts, tests); the browser uploads through
// app/api/imports (multipart, with upload progress) into the same services.
import 'server-only';
import { z } from 'zod';
import * as svc from '@/server/services/evaluation-import';
import { procedureFor, router } from '../init';

const fileInput = z.object({
  kpiSetCode: z.string().trim().min(1).max(64),
  mode: z.enum(svc.IMPORT_MODES).default('draft'),
  fileName: z.string().max(255).optional(),
  contentBase64: z.string().min(1).max(Math.ceil((svc.MAX_IMPORT_BYTES * 4) / 3) + 4),
});

const toInput = (i: z.infer<typeof fileInput>): svc.ImportInput => ({
  kpiSetCode: i.kpiSetCode,
  mode: i.mode,
  bytes: Buffer.from(i.contentBase64, 'base64'),
  ...(i.fileName ? { fileName: i.fileName } : {}),
});

export const importsRouter = router({
  options: procedureFor('imports.options')
    .input(z.object({}).optional())
    .query(({ ctx }) => svc.importOptions(ctx.db)),
  check: procedureFor('imports.check')
    .input(fileInput)
    .mutation(({ ctx, input }) => svc.checkImport(ctx.db, ctx.user, toInput(input))),
  run: procedureFor('imports.run')
    .input(fileInput)
    .mutation(({ ctx, input }) => svc.runImport(ctx.db, ctx.user, toInput(input))),
});
