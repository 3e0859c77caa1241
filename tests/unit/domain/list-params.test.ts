// The URL form of a list's parameters: a link reproduces the view, a bad value falls back to its
// default instead of breaking the page, and defaults stay out of links.
import { describe, expect, it } from 'vitest';
import { listParamsFromUrl, listParamsToQuery, PAGE_SIZE_MAX } from '@/core/schemas/list-params';
import { determinationListSchema, workListSchema, stakeholderListSchema } from '@/core/schemas/lists';

describe('list parameters in the URL', () => {
  it('reads filters, sort and page from a link and writes the same link back', () => {
    const params = listParamsFromUrl(workListSchema, { page: '3', sort: 'status', dir: 'desc', status: 'submitted', regionId: '12', search: '  茶 ' });
    expect(params).toMatchObject({ page: 3, pageSize: 50, sort: 'status', dir: 'desc', status: 'submitted', regionId: 12, search: '茶' });
    const query = listParamsToQuery(workListSchema, params);
    expect(listParamsFromUrl(workListSchema, Object.fromEntries(new URLSearchParams(query)))).toEqual(params);
  });

  it('drops values that do not parse, keeping the others', () => {
    const params = listParamsFromUrl(stakeholderListSchema, { page: '-1', pageSize: String(PAGE_SIZE_MAX + 1), type: 'nonsense', sort: 'name', includeInactive: '1' });
    expect(params).toMatchObject({ page: 1, pageSize: 50, sort: 'name', includeInactive: true });
    expect(params.type).toBeUndefined();
  });

  it('leaves defaults out of links, and a changed filter goes back to page 1', () => {
    const params = listParamsFromUrl(workListSchema, { page: '4', type: 'rural' });
    expect(listParamsToQuery(workListSchema, params, { page: 5 })).toBe('?page=5&type=rural');
    expect(listParamsToQuery(workListSchema, params, { status: 'draft' })).toBe('?status=draft&type=rural');
    expect(listParamsToQuery(workListSchema, listParamsFromUrl(workListSchema, {}))).toBe('');
  });
});

describe('a list with a required parameter', () => {
  it('keeps it in links, with the others', () => {
    const params = listParamsFromUrl(determinationListSchema, { runId: '7', outcome: 'awarded' });
    expect(listParamsToQuery(determinationListSchema, params, { sort: 'composite', dir: 'desc' })).toBe('?sort=composite&dir=desc&runId=7&outcome=awarded');
  });
});
