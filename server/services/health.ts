// Liveness for load balancers and the start script: can the database answer?
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';

/** null when the database answers, else why not. */
export function databaseProblem(db: Db): string | null {
  try {
    db.run(sql`select 1`);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
