// A program as a `program/v1` JSON file, for `npm run cli -- eligibility --program FILE`.
import { TRPCError } from '@trpc/server';
import { contextFromHeaders } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

const STATUS: Partial<Record<TRPCError['code'], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = createCaller(await contextFromHeaders(req.headers));
  try {
    const file = await caller.incentives.file({ id: Number(id) });
    return new Response(JSON.stringify(file, null, 2) + '\n', {
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="program-${file.code}.json"` },
    });
  } catch (e) {
    if (e instanceof TRPCError) return new Response(e.message, { status: STATUS[e.code] ?? 500 });
    throw e;
  }
}
