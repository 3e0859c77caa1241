// One shape for every paged list: page, pageSize (at most 100), sort and direction, and the list's
// own filters. The same schema validates a procedure's input and reads the page's URL, so a link
// reproduces the view. Values come as strings from the URL and as numbers from tRPC: coerce.
// The browser links with the schema-free half, list-query.ts.
import * as z from 'zod';
import { listQuery, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, SORT_DIRECTIONS, type ListOptions, type ListShape, type SortDirection } from './list-query';

export { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, SORT_DIRECTIONS, withListPatch, type SortDirection } from './list-query';

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

/**
 * The schema of a list whose shape the browser links with (list-shapes.ts): the filters must be
 * exactly the shape's.
 */
export function listSchemaOf<const S extends readonly [string, ...string[]], const F extends readonly string[], T extends { [K in F[number]]: z.ZodType }>(
  shape: { sorts: S; filters: F; options: ListOptions<S[number]> },
  filters: T & Record<Exclude<keyof T, F[number]>, never>,
) {
  return listParamsSchema(shape.sorts, filters as T, shape.options);
}

/** What a schema's links carry: its keys, and what each parses an absent value to (required keys have none). */
export function shapeOf(schema: z.ZodObject): ListShape {
  const defaults: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const fallback = field.safeParse(undefined);
    if (fallback.success && fallback.data !== undefined) defaults[key] = fallback.data;
  }
  return { keys: Object.keys(schema.shape), defaults };
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

/**
 * The URL query of a list's parameters, leaving out values equal to the defaults so links stay
 * short. `patch` changes some of them; changing anything but the page goes back to page 1.
 */
export function listParamsToQuery<T extends z.ZodObject>(
  schema: T,
  params: z.output<T>,
  patch: Partial<z.output<T>> = {},
): string {
  return listQuery(shapeOf(schema), params as object, patch as object);
}
