// Scorecard exports built from what the router returns: CSV (BOM, both languages) and XLSX
// (sheets, numbers as numbers, weights in percent), with the run's method hash and publication,
// the path to the next band and the incentive decisions. The PDF and the route's access checks run
// in tests/e2e/scorecard.spec.ts and exports.spec.ts.
// The card is firm's 2026Q2 scorecard in factory.ts's scored world: income 60, growth 70 → 65.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTranslator } from 'next-intl';
import { and, eq } from 'drizzle-orm';
import { periods, scoreRuns, scores, stakeholders } from '@/db/schema';
import { scorecardCsv, scorecardXlsx, type ExportExtras, type ExportLabels } from '@/server/services/scorecards/export';
import { scorecardPublication } from '@/server/services/scorecards/publication';
import { beneficiaries } from '@/server/services/eligibility-runs';
import { beneficiariesCsv, beneficiariesXlsx, type BeneficiaryLabels } from '@/server/services/beneficiaries-export';
import { importTemplate } from '@/server/services/imports';
import { catalogs } from '@/i18n/messages';
import { indicatorsOf, PROGRAMS, publishedWorld } from './factory';
import { waitForJob } from './helpers';

let w: Awaited<ReturnType<typeof publishedWorld>>;
beforeAll(async () => {
  w = await publishedWorld();
}, 60_000);

function labelsFor(locale: 'en' | 'zh-CN', type: 'county_town' | 'rural' | 'market'): ExportLabels {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'scorecard' });
  const tx = createTranslator({ locale, messages: catalogs[locale], namespace: 'scorecardExports' });
  const ti = createTranslator({ locale, messages: catalogs[locale], namespace: 'incentives' });
  return {
    t: (key, values) => t(key as never, values as never),
    tx: (key, values) => tx(key as never, values as never),
    ti: (key, values) => ti(key as never, values as never),
    typeLabel: catalogs[locale].common.stakeholderTypes[type],
    locale,
  };
}

/** What the export route adds to the card: the run's publication and the path to the next band. */
async function firmExtras(): Promise<ExportExtras> {
  return {
    publication: scorecardPublication(w.db, w.users.firm, { stakeholderId: w.who.firm.id, period: '2026Q2' }),
    nextBand: await w.caller(w.users.firm).scorecards.nextBand({ period: '2026Q2' }),
  };
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

  it('writes an XLSX workbook with its sheets and numeric cells', async () => {
    const card = await firmCard();
    const buffer = await scorecardXlsx(card, labelsFor('en', card.stakeholder.type));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((ws) => ws.name).slice(0, 3)).toEqual(['Scorecard', 'Indicators', 'Trend']);
    const summary = book.getWorksheet('Scorecard')!;
    const compositeRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 'Composite score')!;
    expect(compositeRow.getCell(2).value).toBe(65);
    // A header row, then the two indicators and the three published periods.
    expect(book.getWorksheet('Indicators')!.rowCount).toBe(3);
    expect(book.getWorksheet('Trend')!.rowCount).toBe(4);
  });
});

describe('what the exports carry besides the card', () => {
  it('cites the run that published the scores: its method hash, input hash and date', async () => {
    const run = w.db
      .select({ methodHash: scoreRuns.methodHash, inputHash: scoreRuns.inputHash, publishedAt: scoreRuns.publishedAt })
      .from(scores)
      .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
      .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
      .where(and(eq(scores.stakeholderId, w.who.firm.id), eq(periods.code, '2026Q2'), eq(scoreRuns.status, 'published')))
      .get()!;
    expect(run.methodHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const csv = scorecardCsv(await firmCard(), labelsFor('en', 'market'), await firmExtras());
    expect(csv).toContain(`\r\nMethod hash,${run.methodHash}\r\n`);
    expect(csv).toContain(`\r\nInput hash,${run.inputHash}\r\n`);
    expect(csv).toContain(`\r\nPublished,${run.publishedAt!.toISOString().slice(0, 10)}\r\n`);
    expect(csv).toMatch(/\r\n"Method \(KPI set, version\)","[^"]+, version 1"\r\n/);
  });

  it('gives weights as percentages, in the goals and the indicators', async () => {
    const card = await firmCard();
    const csv = scorecardCsv(card, labelsFor('en', 'market'));
    // Two goals of equal weight, one indicator each: 50 % apiece, in the composite too.
    expect(csv).toContain('Goal,Score,Weight in the composite (%)');
    for (const o of card.card.objectives) expect(csv).toContain(`\r\n${o.name.en},${o.score},50\r\n`);
    expect(csv).toMatch(/,Weight \(%\),/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await scorecardXlsx(card, labelsFor('en', 'market'))) as unknown as ArrayBuffer);
    const weights = book.getWorksheet('Indicators')!.getColumn(6).values.slice(2);
    expect(weights).toEqual([50, 50]);
  });

  it('carries the path to the next band as the page tells it, cheapest route first', async () => {
    const extras = await firmExtras();
    const path = extras.nextBand!;
    expect(path.status).toBe('ok');
    const csv = scorecardCsv(await firmCard(), labelsFor('en', 'market'), extras);
    const en = createTranslator({ locale: 'en', messages: catalogs.en, namespace: 'scorecard.nextBand' });
    expect(csv).toContain(en('description', { current: '65.0', grade: path.grade!, next: `${path.nextGrade!.code} · ${path.nextGrade!.label.en}`, min: String(path.nextGrade!.min) }));
    const cheapest = path.routes.find((r) => r.indicator === path.cheapest[0])!;
    expect(csv).toContain(`\r\n${cheapest.name.en},${cheapest.current},,${cheapest.required},`);
    expect(csv).toMatch(new RegExp(`\\r\\n${cheapest.name.en},[^\\r]*,1\\r\\n`));
    const zh = scorecardCsv(await firmCard(), labelsFor('zh-CN', 'market'), extras);
    expect(zh).toContain('晋级路径');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await scorecardXlsx(await firmCard(), labelsFor('en', 'market'), extras)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['Scorecard', 'Indicators', 'Trend', 'Path to the next band', 'Incentives']);
  });

  it('carries each incentive decision with its reason and every condition, in the page’s sentences', async () => {
    const program = await w.api.incentives.create(PROGRAMS[0]!);
    await waitForJob(w.api, await w.api.eligibility.run({ programId: program.id, periodId: w.periodIds['2026Q2'] }));
    const card = await firmCard();
    const en = scorecardCsv(card, labelsFor('en', 'market'), await firmExtras());
    // firm's composite 65 misses the tax break's 70.
    expect(en).toContain('Tax break for enterprises that raise farmers’ income,Tax break,Not eligible,,At least one condition is not met; see why below.');
    expect(en).toContain('composite score at least 70,not met,Actual 65 · threshold 70');
    expect(en).toContain('no red flag,met,No red flag');
    const zh = scorecardCsv(card, labelsFor('zh-CN', 'market'), await firmExtras());
    expect(zh).toContain('联农带农企业税收减免');
    expect(zh).toContain('综合得分不低于 70');
  });
});

describe('formula injection', () => {
  const EVIL = '=HYPERLINK("http://x","y")';
  const NEUTRAL = `'${EVIL}`;
  let evil: Awaited<ReturnType<typeof publishedWorld>>;
  beforeAll(async () => {
    evil = await publishedWorld();
    // firm's scorecard and firm2's place among the beneficiaries (composite 85 in 2026Q2).
    for (const id of [evil.who.firm.id, evil.who.firm2.id]) evil.db.update(stakeholders).set({ name: EVIL }).where(eq(stakeholders.id, id)).run();
  }, 60_000);

  async function cellsOf(bytes: Uint8Array): Promise<unknown[]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const values: unknown[] = [];
    for (const ws of book.worksheets) ws.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    return values;
  }
  const csvQuoted = `"${NEUTRAL.replaceAll('"', '""')}"`;

  it('neutralises a stakeholder named as a formula in the scorecard CSV and XLSX', async () => {
    const data = await evil.caller(evil.users.firm).scorecards.get();
    if (!data.card) throw new Error('firm has no published scorecard');
    const card = { ...data, card: data.card };
    const labels = labelsFor('en', card.stakeholder.type);
    const csv = scorecardCsv(card, labels);
    expect(csv).toContain(`Stakeholder,${csvQuoted}`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const cells = await cellsOf(await scorecardXlsx(card, labels));
    expect(cells).toContain(NEUTRAL);
    expect(cells).not.toContain(EVIL);
    expect(cells).toContain(65);
  });

  it('neutralises it in the beneficiaries CSV and XLSX, amounts staying numbers', async () => {
    const api = evil.api;
    const program = await api.incentives.create(PROGRAMS[0]!);
    const { runId } = await waitForJob(api, await api.eligibility.run({ programId: program.id, periodId: evil.periodIds['2026Q2'] }));
    const data = { ...beneficiaries(evil.db, runId), stability: new Map<number, number>() };
    expect(data.rows.some((r) => r.name === EVIL)).toBe(true);
    const t = createTranslator({ locale: 'en', messages: catalogs.en, namespace: 'incentives.export' });
    const labels: BeneficiaryLabels = { t: (key) => t(key as never), typeLabel: (type) => catalogs.en.common.stakeholderTypes[type], stability: catalogs.en.robustness.export.stability, locale: 'en' };
    const csv = beneficiariesCsv(data, labels);
    expect(csv).toContain(`,${csvQuoted},`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const cells = await cellsOf(await beneficiariesXlsx(data, labels));
    expect(cells).toContain(NEUTRAL);
    expect(cells).not.toContain(EVIL);
    expect(cells.some((c) => typeof c === 'number' && c > 1000)).toBe(true);
  });

  it('neutralises it in the import template', async () => {
    const template = await importTemplate(evil.db, evil.admin, 'market', 'en');
    const cells = await cellsOf(template.bytes);
    expect(cells).toContain(NEUTRAL);
    expect(cells).not.toContain(EVIL);
  });
});
