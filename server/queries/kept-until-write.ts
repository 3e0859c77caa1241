// Answers that add up a province's stored rows (counts per region, run figures, warnings) are asked
// again and again with nothing written in between: each is kept per connection until the next
// write. The write version is SQLite's own: `PRAGMA data_version` changes when another connection
// (a job worker, another process) commits, `total_changes()` when this connection writes (rows
// written by triggers included), so a kept answer is never older than the database. Inside a
// transaction nothing is kept or reused: it may roll back.
import 'server-only';
import type { Db, DbOrTx } from '@/db';

/** Answers kept per connection (the least recently used go first). */
export const KEPT_ANSWERS = 64;

type Client = Db['$client'];
type Kept = { version: string; answers: Map<string, unknown>; totalChanges: { get(): unknown } };

const byClient = new WeakMap<Client, Kept>();

function clientOf(db: DbOrTx): Client | null {
  // A transaction handle has no client of its own: its reads are never kept.
  const client = (db as Partial<Db>).$client;
  return client && !client.inTransaction ? client : null;
}

/** The connection's write version: [commits by other connections, rows this one has written]. */
function writeVersion(client: Client, kept: Kept): [number, number] {
  return [client.pragma('data_version', { simple: true }) as number, kept.totalChanges.get() as number];
}

/**
 * `read()`'s answer for `key`, reused until the database is written to. The answer is shared by
 * every caller with the same key: callers must not change it.
 */
export function keptUntilWrite<T>(db: DbOrTx, key: string, read: () => T): T {
  const client = clientOf(db);
  if (!client) return read();
  let kept = byClient.get(client);
  if (!kept) byClient.set(client, (kept = { version: '', answers: new Map(), totalChanges: client.prepare('select total_changes()').pluck() }));
  const [commits, changes] = writeVersion(client, kept);
  if (`${commits}:${changes}` !== kept.version) {
    kept.version = `${commits}:${changes}`;
    kept.answers.clear();
  }
  if (kept.answers.has(key)) {
    const answer = kept.answers.get(key) as T;
    kept.answers.delete(key);
    kept.answers.set(key, answer);
    return answer;
  }
  const answer = read();
  const [commitsAfter, changesAfter] = writeVersion(client, kept);
  // Another connection committed meanwhile: this answer may mix before and after, keep nothing.
  if (commitsAfter !== commits) {
    kept.answers.clear();
    return answer;
  }
  // Rows this read wrote itself (figures stored on first read, equal to working them out again)
  // change no answer: all are kept under the version that follows.
  kept.version = `${commitsAfter}:${changesAfter}`;
  kept.answers.set(key, answer);
  if (kept.answers.size > KEPT_ANSWERS) kept.answers.delete(kept.answers.keys().next().value!);
  return answer;
}

/** The part of a key that names what the caller may see (the same scope reads the same rows). */
export function scopeKey(me: { role: string; regionPaths: readonly string[]; stakeholderId: number | null }): string {
  if (me.role === 'admin') return 'all';
  if (me.role === 'stakeholder') return `stakeholder:${me.stakeholderId}`;
  return `${me.role}:${[...me.regionPaths].sort().join(',')}`;
}
