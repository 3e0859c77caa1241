import { sql } from 'drizzle-orm';
import { getDb } from '@/server/db';

export const dynamic = 'force-dynamic';

export function GET() {
  try {
    getDb().run(sql`select 1`);
    return Response.json({ ok: true });
  } catch (e) {
    return Response.json({ ok: false, error: e instanceof Error ? e.message : String(e) }, { status: 503 });
  }
}
