// The county scorecard's XLSX: streamed, with the county's figures, the runs that published them,
// the township ranking and every scored stakeholder of the county (read a slice at a time: with
// slices of one row none is lost or repeated), in the caller's scope only, text that a spreadsheet
// would read as a formula neutralised.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTranslator } from 'next-intl';
import { eq } from 'drizzle-orm';
import { stakeholders } from '@/db/schema';
import { countyExport } from '@/server/services/scorecards/county';
import { countyXlsx, type CountyExportLabels } from '@/server/services/scorecards/export';
import { catalogs } from '@/i18n/messages';
import { publishedWorld } from './factory';

let w: Awaited<ReturnType<typeof publishedWorld>>;
beforeAll(async () => {
  w = await publishedWorld();
}, 60_000);

function labelsFor(locale: 'en' | 'zh-CN'): CountyExportLabels {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'scorecard' });
  const tx = createTranslator({ locale, messages: catalogs[locale], namespace: 'scorecardExports' });
  return {
    t: (key, values) => t(key as never, values as never),
    tx: (key, values) => tx(key as never, values as never),
    typeLabel: (type) => catalogs[locale].common.stakeholderTypes[type as 'market'],
    locale,
  };
}

async function workbookOf(stream: ReadableStream<Uint8Array>) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await new Response(stream).arrayBuffer()) as ArrayBuffer);
  return book;
}
const rowsOf = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));

describe('county scorecard XLSX', () => {
  it('lists every scored stakeholder of the county, read a slice at a time, with the figures and methods', async () => {
    const countyId = w.w.countyA.id;
    const whole = countyExport(w.db, w.users.assessorA, { countyId, period: '2026Q2' });
    const bySlicesOfOne = countyExport(w.db, w.users.assessorA, { countyId, period: '2026Q2' }, 1);
    expect([...bySlicesOfOne.rows()].length).toBe(4);
    const book = await workbookOf(countyXlsx(bySlicesOfOne, labelsFor('en')));
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['County', 'Townships', 'Stakeholders']);
    const list = rowsOf(book.getWorksheet('Stakeholders')!);
    expect(list[0]).toEqual(['Code', 'Name', 'Type', 'Township', 'Composite', 'Grade', 'Rank among its type', 'Percentile among its type in the county']);
    const codes = list.slice(1).map((r) => r[0]);
    const expected = [w.who.firm, w.who.firm2, w.who.coop, w.who.town].map((s) => w.db.select({ code: stakeholders.code }).from(stakeholders).where(eq(stakeholders.id, s.id)).get()!.code).sort();
    expect(codes).toEqual(expected);
    const firm = list.find((r) => r[1] === w.who.firm.name)!;
    expect(firm[4]).toBe(65);
    // Not the other county's.
    expect(list.some((r) => r[1] === w.who.firmB.name)).toBe(false);
    expect(whole.data.summary.count).toBe(4);

    const figures = rowsOf(book.getWorksheet('County')!);
    expect(figures).toContainEqual(['Period', '2026Q2']);
    const hashes = figures.flat().filter((c): c is string => typeof c === 'string' && c.startsWith('sha256:'));
    // One method hash and one input hash per KPI set of the period (three stakeholder types).
    expect(hashes.length).toBe(6);
    expect(hashes).toContain(whole.publication.find((r) => r.type === 'market')!.methodHash);
  });

  it('reads in the reader’s language', async () => {
    const exp = countyExport(w.db, w.users.assessorA, { countyId: w.w.countyA.id, period: '2026Q2' });
    const book = await workbookOf(countyXlsx(exp, labelsFor('zh-CN')));
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['县级', '乡镇', '主体']);
    expect(rowsOf(book.getWorksheet('主体')!).some((r) => r[2] === '市场主体')).toBe(true);
  });

  it('refuses a county outside the assessor’s regions, and a stakeholder user', () => {
    expect(() => countyExport(w.db, w.users.assessorB, { countyId: w.w.countyA.id, period: '2026Q2' })).toThrow(/outside your assigned regions/);
    expect(() => countyExport(w.db, w.users.firm, { countyId: w.w.countyA.id })).toThrow(/assessors and administrators/);
    expect(() => countyExport(w.db, w.users.assessorA, { countyId: w.w.countyA.id, period: '2026Q3' })).toThrow(/Published period/);
  });

  it('neutralises a stakeholder named as a formula', async () => {
    const evil = await publishedWorld();
    const EVIL = '=HYPERLINK("http://x","y")';
    evil.db.update(stakeholders).set({ name: EVIL }).where(eq(stakeholders.id, evil.who.firm.id)).run();
    const book = await workbookOf(countyXlsx(countyExport(evil.db, evil.users.assessorA, { countyId: evil.w.countyA.id, period: '2026Q2' }), labelsFor('en')));
    const names = rowsOf(book.getWorksheet('Stakeholders')!).map((r) => r[1]);
    expect(names).toContain(`'${EVIL}`);
    expect(names).not.toContain(EVIL);
  }, 60_000);
});
