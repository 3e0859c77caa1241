// Builds the context of procedures and route handlers from request headers: the database and
// the signed-in user (if any) and the reader's language, plus the response headers when there is
// an HTTP response.
import 'server-only';
import { getDb } from '@/server/db';
import { getAuth } from '@/server/auth/auth';
import { loadSessionUser } from '@/server/auth/session';
import { requestLocale } from '@/server/auth/locale';
import type { Context } from './init';

export async function contextFromHeaders(headers: Headers, resHeaders?: Headers): Promise<Context> {
  const db = getDb();
  const s = await getAuth().api.getSession({ headers });
  return { db, user: s ? loadSessionUser(db, s.user.id, s.session.id) : null, resHeaders, locale: requestLocale(headers) };
}
