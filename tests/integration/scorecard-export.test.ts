// Scorecard exports built from what the router returns: CSV (BOM, both languages) and XLSX
// (sheets, numbers as numbers). The PDF and the route's access checks run in tests/e2e/scorecard.spec.ts.
// The card is firm's 2026Q2 scorecard in factory.ts's scored world: income 60, growth 70 → 65.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTranslator } from 'next-intl';
import { scorecardCsv, scorecardXlsx, type ExportLabels } from '@/server/services/scorecards/export';
import { catalogs } from '@/i18n/messages';
import { indicatorsOf, publishedWorld } from './factory';

let w: Awaited<ReturnType<typeof publishedWorld>>;
beforeAll(async () => {
  w = await publishedWorld();
}, 60_000);

function labelsFor(locale: 'en' | 'zh-CN', type: 'county_town' | 'rural' | 'market'): ExportLabels {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'scorecard' });
  return { t: (key, values) => t(key as never, values as never), typeLabel: catalogs[locale].common.stakeholderTypes[type], locale };
}

async function firmCard() {
  const data = await w.caller(w.users.firm).scorecards.get();
  if (!data.card) throw new Error('firm has no published scorecard');
  return { ...data, card: data.card };
}

describe('scorecard exports', () => {
  it('writes a CSV with the name, composite, every indicator and the trend, in both languages', async () => {
    const card = await firmCard();
    const en = scorecardCsv(card, labelsFor('en', card.stakeholder.type));
    expect(en.startsWith('\uFEFF')).toBe(true);
    expect(en).toContain('Stakeholder,屏边茶业有限公司');
    expect(en).toContain('Composite score,65');
    for (const code of Object.values(indicatorsOf('market'))) expect(en).toContain(code);
    for (const period of ['2025Q4', '2026Q1', '2026Q2']) expect(en).toContain(`\r\n${period},`);
    const zh = scorecardCsv(card, labelsFor('zh-CN', card.stakeholder.type));
    expect(zh).toContain('主体,屏边茶业有限公司');
    expect(zh).toContain('综合得分,65');
    expect(zh).toContain('市场主体');
  });

  it('writes an XLSX workbook with three sheets and numeric cells', async () => {
    const card = await firmCard();
    const buffer = await scorecardXlsx(card, labelsFor('en', card.stakeholder.type));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['Scorecard', 'Indicators', 'Trend']);
    const summary = book.getWorksheet('Scorecard')!;
    const compositeRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 'Composite score')!;
    expect(compositeRow.getCell(2).value).toBe(65);
    // A header row, then the two indicators and the three published periods.
    expect(book.getWorksheet('Indicators')!.rowCount).toBe(3);
    expect(book.getWorksheet('Trend')!.rowCount).toBe(4);
  });
});
