// The impact preview sends one page of its table, filtered and sorted on the server, read from the
// preview its job stored, until the data changes. Thirty market entities, approved in
// 2026Q1; a draft that moves weight from income to growth reorders them.
import { describe, expect, it } from 'vitest';
import { makeFactory } from './factory';
import { computedPreview, storedPreview } from './impact-preview-helpers';

async function world() {
  const f = makeFactory();
  const p1 = await f.period(2026, 1);
  const set = await f.kpiSet('market', [
    { code: 'income', indicators: [{ code: 'mk_a' }] },
    { code: 'growth', indicators: [{ code: 'mk_c' }] },
  ], { effectiveFromPeriodId: p1.id });
  for (let i = 0; i < 30; i++) {
    const sh = await f.stakeholder('market', f.w.townA.id, `主体 ${String(i).padStart(2, '0')}`);
    // Income rises with i, growth falls: moving the weight to growth turns the order round.
    await f.evaluate(sh.id, { mk_a: 10 + 2 * i, mk_c: 90 - 2 * i });
  }
  const draft = await f.api.kpiSets.createDraft({ kpiSetId: set.setId });
  return { ...f, p1: p1.id, draft };
}

describe('impact preview table', () => {
  it('pages, filters and sorts on the server, and recomputes only after a change', async () => {
    const w = await world();
    const first = await computedPreview(w.api, { versionId: w.draft.id, periodId: w.p1 });
    // The draft is the published version: nobody moves, one page of 25 of the 30.
    expect(first.summary.stakeholders).toBe(30);
    expect(first.rows).toHaveLength(25);
    expect(first.table).toMatchObject({ filter: 'all', page: 1, pages: 2, total: 30, pageSize: 25 });
    expect((await storedPreview(w.api, { versionId: w.draft.id, periodId: w.p1, filter: 'moved' })).table.total).toBe(0);

    const v = await w.api.kpiSets.version({ versionId: w.draft.id });
    const content = structuredClone(v.content);
    content.objectives[0]!.weight = 0.2;
    content.objectives[1]!.weight = 0.8;
    await w.api.kpiSets.saveDraft({ versionId: w.draft.id, content });
    // The draft changed: the stored preview is no longer the answer, until a job computes it again.
    expect(await w.api.tuning.preview({ versionId: w.draft.id, periodId: w.p1 })).toEqual({ ready: false });

    const moved = await computedPreview(w.api, { versionId: w.draft.id, periodId: w.p1, filter: 'moved' });
    expect(moved.table.total).toBeGreaterThan(25);
    expect(moved.rows).toHaveLength(25);
    // Largest moves first, and the second page holds the rest, none twice.
    const sizes = moved.rows.map((r) => Math.abs(r.rankChange!));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const second = await storedPreview(w.api, { versionId: w.draft.id, periodId: w.p1, filter: 'moved', page: 2 });
    expect(second.rows).toHaveLength(moved.table.total - 25);
    expect(new Set([...moved.rows, ...second.rows].map((r) => r.code)).size).toBe(moved.table.total);
    expect(Math.abs(second.rows[0]!.rankChange!)).toBeLessThanOrEqual(sizes.at(-1)!);
    // The rows the top movers name come with the page, wherever they are in the table.
    const named = new Set(moved.named.map((r) => r.code));
    for (const code of [...moved.summary.up, ...moved.summary.down]) expect(named.has(code)).toBe(true);
    // A page past the end is the last page.
    expect((await storedPreview(w.api, { versionId: w.draft.id, periodId: w.p1, page: 99 })).table.page).toBe(2);
  });
});
