// A bounded map for answers computed from what never changes once written (a published run's
// stored figures): the least recently used entry leaves first. Kept per connection (ids are only
// unique within one database file), so tests' in-memory databases never share answers.
import 'server-only';

export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** The answer for `key`, computing and keeping it on a miss. */
  get(key: string, compute: () => V): V {
    if (this.entries.has(key)) {
      const value = this.entries.get(key)!;
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One bounded memo per database connection. */
export function memoPerConnection<V>(capacity: number): (db: { $client: object }) => BoundedMemo<V> {
  const memos = new WeakMap<object, BoundedMemo<V>>();
  return (db) => {
    let memo = memos.get(db.$client);
    if (!memo) memos.set(db.$client, (memo = new BoundedMemo<V>(capacity)));
    return memo;
  };
}
