// File upload for evaluation imports (multipart, so the browser can show upload progress for
// large files): `dryRun=1` checks only, otherwise imports all or nothing. Same permission matrix
// and services as the tRPC procedures.
import { can } from '@/server/auth/permissions';
import { contextFromHeaders } from '@/server/trpc/context';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { IMPORT_MODES, MAX_IMPORT_BYTES, checkImport, runImport, type ImportMode } from '@/server/services/evaluation-import';

export const dynamic = 'force-dynamic';

function error(status: number, message: string, reason: string) {
  return Response.json({ error: { message, reason } }, { status });
}

export async function POST(req: Request) {
  // Cookies are SameSite; this refuses a cross-site form post outright as well.
  const origin = req.headers.get('origin');
  if (origin && new URL(origin).host !== req.headers.get('host')) return error(403, 'Cross-site upload refused.', 'forbidden');
  const ctx = await contextFromHeaders(req.headers);
  if (!ctx.user) return error(401, 'Please sign in.', 'unauthorized');
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return error(400, 'Send the file as multipart/form-data.', 'bad_request');
  }
  const dryRun = form.get('dryRun') === '1';
  if (!can(ctx.user.role, dryRun ? 'imports.check' : 'imports.run')) return error(403, `Your role (${ctx.user.role}) may not import.`, 'forbidden');
  const file = form.get('file');
  const kpiSetCode = String(form.get('kpiSet') ?? '').trim();
  const mode = String(form.get('mode') ?? 'draft') as ImportMode;
  if (!(file instanceof File)) return error(400, 'Choose a file to import.', 'no_file');
  if (!kpiSetCode) return error(400, 'Choose the KPI set of the file.', 'no_kpi_set');
  if (!IMPORT_MODES.includes(mode)) return error(400, 'Import as draft or submitted.', 'bad_mode');
  if (file.size > MAX_IMPORT_BYTES) return error(413, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it.`, 'too_large');
  const input = { kpiSetCode, mode, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  try {
    if (dryRun) return Response.json({ report: await checkImport(ctx.db, ctx.user, input) });
    const result = await runImport(ctx.db, ctx.user, input);
    return Response.json({ imported: result.imported, count: result.evaluationIds.length, report: result.report });
  } catch (e) {
    if (e instanceof NotFoundError) return error(404, e.message, e.reason);
    if (e instanceof ForbiddenError) return error(403, e.message, e.reason);
    if (e instanceof ValidationError) return error(400, e.message, e.reason);
    if (e instanceof DomainError) return error(409, e.message, e.reason);
    console.error('import failed:', e);
    return error(500, 'The import failed unexpectedly; nothing was imported.', 'internal');
  }
}
