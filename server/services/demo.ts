// Whether this database holds the demo, and then its (published, demo-only) logins.
import 'server-only';
import type { Db } from '@/db';
import { DEMO_PASSWORD, DEMO_USERS } from '@/core/domain/demo-users';
import { isSeeded } from '@/server/queries/demo';

/** The demo logins when the demo data is loaded; null in a real deployment. */
export function demoLogins(db: Db) {
  if (!isSeeded(db)) return null;
  return { password: DEMO_PASSWORD, users: DEMO_USERS.map(({ username, role, description }) => ({ username, role, description })) };
}
