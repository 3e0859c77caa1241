// The XLSX template of a KPI set, pre-filled with the caller's stakeholders of its type.
import { can } from '@/server/auth/permissions';
import { contextFromHeaders } from '@/server/trpc/context';
import { DomainError, NotFoundError } from '@/server/errors';
import { importTemplate } from '@/server/services/evaluation-import';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const ctx = await contextFromHeaders(req.headers);
  if (!ctx.user) return Response.json({ error: { message: 'Please sign in.' } }, { status: 401 });
  if (!can(ctx.user.role, 'imports.options')) return Response.json({ error: { message: 'Not allowed.' } }, { status: 403 });
  const url = new URL(req.url);
  const kpiSet = url.searchParams.get('kpiSet') ?? '';
  const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  try {
    const { fileName, bytes } = await importTemplate(ctx.db, ctx.user, kpiSet, locale);
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    if (e instanceof NotFoundError) return Response.json({ error: { message: e.message } }, { status: 404 });
    if (e instanceof DomainError) return Response.json({ error: { message: e.message } }, { status: 400 });
    throw e;
  }
}
