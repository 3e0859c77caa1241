// The stakeholder registry import over tRPC takes the file as base64 (scripts, tests); the
// browser uploads through app/api/stakeholders/import (multipart, with upload progress) into the
// same services.
import 'server-only';
import type { RegistryFileInput } from '@/server/services/stakeholder-registry';
import { startJob } from '@/server/jobs/runner';
import { checkFile } from '@/server/jobs/file-checks';
import { registryFileInputSchema, type RegistryFileInput as RegistryFileInputWire } from '@/core/schemas/stakeholder-registry';
import { procedureFor, router } from '../init';

const toInput = (i: RegistryFileInputWire): RegistryFileInput => ({ bytes: Buffer.from(i.contentBase64, 'base64'), fileName: i.fileName });

export const stakeholderRegistryRouter = router({
  check: procedureFor('stakeholders.import')
    .input(registryFileInputSchema)
    // In the file-check thread, as the upload's dry run (file-checks.ts).
    .mutation(async ({ ctx, input }) => (await checkFile(ctx.db, ctx.user, 'stakeholders.import', toInput(input))).report),
  run: procedureFor('stakeholders.import')
    .input(registryFileInputSchema)
    // A job: a province's file takes seconds, which must not hold the thread serving everybody.
    .mutation(({ ctx, input }) => {
      const { bytes, fileName } = toInput(input);
      return startJob(ctx.db, { kind: 'stakeholders.import', input: fileName ? { fileName } : {}, startedBy: ctx.user.id, attachment: bytes });
    }),
});
