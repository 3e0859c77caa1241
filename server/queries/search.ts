// Free-text search in list queries: the user's text is matched literally (% and _ are not wildcards).
import 'server-only';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** `column LIKE '%text%'`, with LIKE's wildcards in `text` escaped. */
export function containsText(column: SQLWrapper, text: string): SQL {
  const pattern = `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  return sql`${column} like ${pattern} escape '\\'`;
}
