// Scorecard exports built from what the router returns: CSV (BOM, both languages) and XLSX
// (sheets, numbers as numbers). The PDF and the route's access checks run in tests/e2e/scorecard.spec.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTranslator } from 'next-intl';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { seedIfEmpty } from '@/seed';
import { user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { scorecardCsv, scorecardXlsx, type ExportLabels } from '@/server/services/scorecard-export';
import { catalogs } from '@/i18n/messages';
import { callerFor, freshDb } from './helpers';

let db: Db;
beforeAll(async () => {
  db = freshDb();
  await seedIfEmpty(db, { passwordHash: 'x' });
}, 60_000);

function labelsFor(locale: 'en' | 'zh-CN', type: 'county_town' | 'rural' | 'market'): ExportLabels {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'scorecard' });
  return { t: (key, values) => t(key as never, values as never), typeLabel: catalogs[locale].common.stakeholderTypes[type], locale };
}

async function firmCard() {
  const id = db.select({ id: user.id }).from(user).where(eq(user.username, 'firm1')).get()!.id;
  const data = await callerFor(db, loadSessionUser(db, id)).scorecards.get();
  if (!data.card) throw new Error('firm1 has no published scorecard');
  return { ...data, card: data.card };
}

describe('scorecard exports', () => {
  it('writes a CSV with the name, composite, every indicator and the trend, in both languages', async () => {
    const card = await firmCard();
    const en = scorecardCsv(card, labelsFor('en', card.stakeholder.type));
    expect(en.startsWith('\uFEFF')).toBe(true);
    expect(en).toContain(`Stakeholder,${card.stakeholder.name}`);
    expect(en).toContain(`Composite score,${Number(card.card.composite!.toFixed(2))}`);
    for (const i of card.card.indicators) expect(en).toContain(i.name.en.includes(',') ? `"${i.name.en}"` : i.name.en);
    for (const p of card.trend) expect(en).toContain(`\r\n${p.period},`);
    const zh = scorecardCsv(card, labelsFor('zh-CN', card.stakeholder.type));
    expect(zh).toContain(`主体,${card.stakeholder.name}`);
    expect(zh).toContain('综合得分');
    expect(zh).toContain('市场主体');
  });

  it('writes an XLSX workbook with three sheets and numeric cells', async () => {
    const card = await firmCard();
    const buffer = await scorecardXlsx(card, labelsFor('en', card.stakeholder.type));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Scorecard', 'Indicators', 'Trend']);
    const summary = book.getWorksheet('Scorecard')!;
    const compositeRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 'Composite score')!;
    expect(typeof compositeRow.getCell(2).value).toBe('number');
    expect(compositeRow.getCell(2).value).toBeCloseTo(card.card.composite!, 2);
    expect(book.getWorksheet('Indicators')!.rowCount).toBe(card.card.indicators.length + 1);
    expect(book.getWorksheet('Trend')!.rowCount).toBe(card.trend.length + 1);
  });
});
