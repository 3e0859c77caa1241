// The stakeholder registry import over HTTP: the upload (multipart, so the browser can show
// progress on large files; `dryRun=1` checks only, otherwise starts the all-or-nothing import as
// a job and answers its id) and the CSV template. The check runs in its own thread (file-checks.ts).
import 'server-only';
import { registryTemplate } from '@/server/services/stakeholder-registry';
import { startJob } from '@/server/jobs/runner';
import { checkFile } from '@/server/jobs/file-checks';
import { defineRoute } from '../define-route';
import { readUpload } from '../upload';

export const registryUploadRoute = defineRoute({
  method: 'POST',
  path: '/api/stakeholders/import',
  action: 'stakeholders.import',
  handler: async ({ db, user, request }) => {
    const { form, file } = await readUpload(request);
    const input = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    if (form.get('dryRun') === '1') return Response.json({ report: (await checkFile(db, user, 'stakeholders.import', input)).report });
    return Response.json(startJob(db, { kind: 'stakeholders.import', input: { fileName: file.name }, startedBy: user.id, attachment: input.bytes }));
  },
});

export const registryTemplateRoute = defineRoute({
  method: 'GET',
  path: '/api/stakeholders/import/template',
  action: 'stakeholders.import',
  handler: () => {
    const { fileName, bytes } = registryTemplate();
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  },
});
