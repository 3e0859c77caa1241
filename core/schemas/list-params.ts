// One shape for every paged list: page, pageSize (at most 100), sort and direction, and the list's
// own filters. The same schema validates a procedure's input and reads the page's URL, so a link
// reproduces the view. Values come as strings from the URL and as numbers from tRPC: coerce.
import * as z from 'zod';

export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 50;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A positive id filter (a region, a period…). */
export const idFilter = z.coerce.number().int().positive().optional();
/** Free text, trimmed; empty means no filter. */
export const textFilter = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((s) => (s ? s : undefined));
/** A yes/no filter: `true`/`false` from tRPC, `1`/`0`/`true`/`false` from the URL. */
export const flagFilter = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false']).transform((s) => s === '1' || s === 'true')])
  .optional();

/**
 * The parameters of one list: its sort keys (the first is the default unless `defaultSort` says
 * otherwise) and its filters.
 */
export function listParamsSchema<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sorts: S,
  filters: F,
  defaults: { sort?: S[number]; dir?: SortDirection; pageSize?: number } = {},
) {
  return z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(defaults.pageSize ?? PAGE_SIZE_DEFAULT),
    sort: z.enum(sorts as unknown as [S[number], ...S[number][]]).default((defaults.sort ?? sorts[0]) as S[number]),
    dir: z.enum(SORT_DIRECTIONS).default(defaults.dir ?? 'asc'),
    ...filters,
  });
}

/** Any list's parameter schema. */
export type ListSchema = ReturnType<typeof listParamsSchema>;

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

/** The rows to skip for a page. */
export const pageOffset = (p: { page: number; pageSize: number }) => (p.page - 1) * p.pageSize;

/** A page of results with its total (counted in SQL with the same filters). */
export function pagedResult<T>(items: T[], total: number, p: { page: number; pageSize: number }): Paged<T> {
  return { items, total, page: p.page, pageSize: p.pageSize, pageCount: Math.max(1, Math.ceil(total / p.pageSize)) };
}

/** A page's `searchParams`, as Next.js hands them over. */
export type UrlSearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads a list's parameters from a page's URL. Unknown keys are ignored and a value that does not
 * parse falls back to its default, so a stale or hand-edited link still opens the list.
 */
export function listParamsFromUrl<T extends z.ZodObject>(schema: T, searchParams: UrlSearchParams): z.output<T> {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = searchParams[key];
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s !== '') raw[key] = s;
  }
  for (;;) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    const before = Object.keys(raw).length;
    for (const key of bad) delete raw[key];
    if (Object.keys(raw).length === before) return schema.parse({});
  }
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
export function listParamsToQuery<T extends z.ZodObject>(
  schema: T,
  params: z.output<T>,
  patch: Partial<z.output<T>> = {},
): string {
  const next: Record<string, unknown> = withListPatch(params as { page: number }, patch as Partial<{ page: number }>);
  const query = new URLSearchParams();
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const v = next[key];
    // A field's default is what it parses an absent value to (required fields have none).
    const fallback = field.safeParse(undefined);
    if (v === undefined || v === null || v === '' || (fallback.success && v === fallback.data)) continue;
    query.set(key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = query.toString();
  return s ? `?${s}` : '';
}
