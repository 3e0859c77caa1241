// Helpers for writing the demo's rows: inserts in chunks, and id lookups that fail loudly.

/** Rows per INSERT: stays well below SQLite's limit of 32,766 bound parameters. */
const CHUNK = 500;

export function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** The id a code was inserted under; a code the demo never inserted is a bug in the demo. */
export function idLookup<K, V>(ids: ReadonlyMap<K, V>, what: string): (key: K) => V {
  return (key) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`demo: unknown ${what} ${String(key)}`);
    return id;
  };
}
