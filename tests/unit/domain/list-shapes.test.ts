// The list components link with the schema-free shapes (list-shapes.ts) while the server parses
// with the schemas (lists.ts): the two must carry the same keys in the same order, with the same
// defaults, or a link would drop a filter or spell out a default.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { listSchemaOf, shapeOf } from '@/core/schemas/list-params';
import { listQuery } from '@/core/schemas/list-query';
import { auditListShape, determinationListShape, runPageListShape, stakeholderListShape, userListShape, workListShape } from '@/core/schemas/list-shapes';
import { auditListSchema, determinationListSchema, stakeholderListSchema, userListSchema, workListSchema } from '@/core/schemas/lists';

const pairs = [
  ['stakeholders', stakeholderListShape, stakeholderListSchema],
  ['users', userListShape, userListSchema],
  ['work list', workListShape, workListSchema],
  ['determinations', determinationListShape, determinationListSchema],
  ['determinations of a run', runPageListShape, determinationListSchema.omit({ runId: true })],
  ['audit log', auditListShape, auditListSchema],
] as const;

describe('list shapes and schemas', () => {
  it.each(pairs)('%s: the same keys and defaults', (_, shape, schema) => {
    const fromSchema = shapeOf(schema);
    expect([...shape.keys]).toEqual(fromSchema.keys);
    expect(shape.defaults).toEqual(fromSchema.defaults);
  });

  it('writes the links the schema reads back', () => {
    const params = workListSchema.parse({ page: 3, sort: 'status', dir: 'desc', status: 'submitted', regionId: 12, search: '茶' });
    const query = listQuery(workListShape, params, { page: 4 });
    expect(query).toBe('?page=4&sort=status&dir=desc&search=%E8%8C%B6&status=submitted&regionId=12');
    expect(workListSchema.parse(Object.fromEntries(new URLSearchParams(query)))).toEqual({ ...params, page: 4 });
  });

  it('a run page leaves the run, which its path carries, out of its links', () => {
    const params = determinationListSchema.parse({ runId: 7, outcome: 'awarded' });
    expect(listQuery(runPageListShape, params, { sort: 'composite' })).toBe('?sort=composite&outcome=awarded');
  });

  it('builds a schema only with exactly the filters of its shape', () => {
    const shape = { sorts: ['a'] as const, filters: ['x'] as const, options: {} };
    expect(Object.keys(listSchemaOf(shape, { x: z.string().optional() }).shape)).toEqual(['page', 'pageSize', 'sort', 'dir', 'x']);
    // @ts-expect-error a filter the shape does not name
    listSchemaOf(shape, { x: z.string().optional(), y: z.string().optional() });
    // @ts-expect-error a filter of the shape left out
    listSchemaOf(shape, {});
  });
});
