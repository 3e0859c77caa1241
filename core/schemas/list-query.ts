// A paged list's parameters as the browser needs them: which keys a link carries and their
// defaults (left out of links). No schema library here: the list components link and move
// between views without parsing anything (the server parses the URL, list-params.ts), so
// their pages don't download zod. lists.ts builds each list's schema from its shape here
// (list-shapes.ts), and a unit test checks that the two agree.

export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 50;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The parameters every paged list has, before its own filters. */
export const LIST_BASE_KEYS = ['page', 'pageSize', 'sort', 'dir'] as const;

/**
 * A list's keys in link order and the value each takes when absent (a key without a default is
 * absent from `defaults`). `sorts` and `filters` are what its schema is built from.
 */
export type ListShape<K extends string = string> = {
  readonly keys: readonly K[];
  readonly defaults: Readonly<Record<string, unknown>>;
};

export type ListOptions<S extends string> = { sort?: S; dir?: SortDirection; pageSize?: number };

/** The shape of a list with these sort keys (the first is the default unless `options.sort` says otherwise) and filters. */
export function listShape<const S extends readonly [string, ...string[]], const F extends readonly string[]>(
  sorts: S,
  filters: F,
  options: ListOptions<S[number]> = {},
): ListShape<(typeof LIST_BASE_KEYS)[number] | F[number]> & { sorts: S; filters: F; options: ListOptions<S[number]> } {
  const defaults = { page: 1, pageSize: options.pageSize ?? PAGE_SIZE_DEFAULT, sort: options.sort ?? sorts[0], dir: options.dir ?? 'asc' };
  return { sorts, filters, options, keys: [...LIST_BASE_KEYS, ...filters], defaults };
}

/** The same shape without some keys (parameters the page's path carries, or a list that pages by key). */
export function omitKeys<K extends string, const O extends K>(shape: ListShape<K>, omit: readonly O[]): ListShape<Exclude<K, O>> {
  const keep = (k: string): k is Exclude<K, O> => !(omit as readonly string[]).includes(k);
  return {
    keys: shape.keys.filter(keep),
    defaults: Object.fromEntries(Object.entries(shape.defaults).filter(([k]) => keep(k))),
  };
}

/** The parameters with some changed; changing anything but the page goes back to page 1. */
export function withListPatch<P extends { page: number }>(params: P, patch: Partial<P>): P {
  const next = { ...params, ...patch };
  if (!('page' in patch) && Object.keys(patch).length > 0) next.page = 1;
  return next;
}

/**
 * The URL query of a list's parameters, leaving out values equal to the defaults so links stay
 * short. `patch` changes some of them; changing anything but the page goes back to page 1.
 */
export function listQuery<P extends object>(shape: ListShape, params: P, patch: Partial<P> = {}): string {
  const next: Record<string, unknown> = withListPatch(params as unknown as { page: number }, patch as Partial<{ page: number }>);
  const defaults: Record<string, unknown> = shape.defaults;
  const query = new URLSearchParams();
  for (const key of shape.keys) {
    const v = next[key];
    if (v === undefined || v === null || v === '' || (key in defaults && v === defaults[key])) continue;
    query.set(key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = query.toString();
  return s ? `?${s}` : '';
}
