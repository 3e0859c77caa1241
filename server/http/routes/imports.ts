// Evaluation imports over HTTP: the upload (multipart, so the browser can show progress on large
// files; `dryRun=1` checks only, otherwise starts the all-or-nothing import as a job and answers
// its id) and the XLSX template. The check runs in its own thread (file-checks.ts).
import 'server-only';
import { z } from 'zod';
import { importTemplate } from '@/server/services/imports';
import { startImportJob } from '@/server/jobs/runner';
import { checkFile } from '@/server/jobs/file-checks';
import { IMPORT_MODES } from '@/core/domain/imports';
import { ValidationError } from '@/server/errors';
import { defineRoute } from '../define-route';
import { readUpload } from '../upload';

export const importUploadRoute = defineRoute({
  method: 'POST',
  path: '/api/imports',
  // Checking is the least an upload does; importing needs `imports.run` as well (below).
  action: 'imports.check',
  handler: async ({ db, user, request, authorize }) => {
    const { form, file } = await readUpload(request);
    const dryRun = form.get('dryRun') === '1';
    if (!dryRun) authorize('imports.run');
    const kpiSetCode = String(form.get('kpiSet') ?? '').trim();
    const mode = IMPORT_MODES.find((m) => m === String(form.get('mode') ?? 'draft'));
    if (!kpiSetCode) throw new ValidationError('Choose the KPI set of the file.', {}, 'no_kpi_set');
    if (!mode) throw new ValidationError('Import as draft or submitted.', {}, 'bad_mode');
    const input = { kpiSetCode, mode, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    if (dryRun) return Response.json({ report: (await checkFile(db, user, 'evaluations.import', input)).report });
    return Response.json(startImportJob(db, user.id, input));
  },
});

export const importTemplateRoute = defineRoute({
  method: 'GET',
  path: '/api/imports/template',
  action: 'imports.options',
  input: z.object({ kpiSet: z.string().trim().min(1), lang: z.enum(['en', 'zh-CN']).catch('zh-CN') }),
  handler: async ({ db, user, input }) => {
    const { fileName, bytes } = await importTemplate(db, user, input.kpiSet, input.lang);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  },
});
