// Column pieces shared by every area of the schema.
import { sql } from 'drizzle-orm';

/** Default for timestamp columns: now, in milliseconds (drizzle's `timestamp_ms` mode). */
export const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;
