// Scorecard exports: CSV (UTF-8 with BOM so Excel opens Chinese text correctly), XLSX (three
// sheets, numbers as numbers) and PDF (the print page rendered by Chromium with the caller's
// session, so the PDF shows exactly what that caller may see). Labels come from the catalogs.
import 'server-only';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { csvText } from '@/core/scoring';
import { env } from '@/server/env';
import type { Scorecard } from './stakeholder';
import { pickName } from '@/core/i18n/label';

type Card = NonNullable<Scorecard['card']>;
type Lang = 'en' | 'zh-CN';
/** A translator for the `scorecard` namespace plus stakeholder type labels. */
export type ExportLabels = {
  t: (key: string, values?: Record<string, string | number>) => string;
  typeLabel: string;
  locale: Lang;
};

type Row = (string | number | null)[];

function reference(i: Card['indicators'][number], t: ExportLabels['t']): string {
  const n = i.normalization;
  if (n.method === 'goalposts') return t(n.ln ? 'indicators.goalpostsLn' : 'indicators.goalposts', { min: n.min!, max: n.max! });
  if (n.method === 'target') return t('indicators.target', { target: n.target!, baseline: n.baseline! });
  return t('indicators.peerRelative', { method: t(`indicators.methods.${n.method}`) });
}

const round = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** The scorecard as blocks of rows: summary, goals, indicators, trend. */
export function scorecardTables(data: Scorecard & { card: Card }, labels: ExportLabels) {
  const { t, locale } = labels;
  const card = data.card;
  const s = data.stakeholder;
  const summary: Row[] = [
    [t('export.field'), t('export.value')],
    [t('export.stakeholder'), s.name],
    [t('export.code'), s.code],
    [t('export.type'), labels.typeLabel],
    [t('export.region'), pickName(s.regionName, locale)],
    [t('period'), data.period],
    [t('summary.composite'), round(card.composite, 2)],
    [t('summary.grade'), card.grade ? `${card.grade.code} ${card.grade.label[locale]}` : null],
    [t('summary.countyPercentile'), round(card.peers.county.percentile, 1)],
    [t('summary.provincePercentile'), round(card.peers.province.percentile, 1)],
    [t('summary.coordination'), card.coupling ? card.coupling.label[locale] : null],
    ['D', round(card.coupling?.D, 4)],
  ];
  const goals: Row[] = [
    [t('objectives.objective'), t('objectives.score'), t('objectives.weight')],
    ...card.objectives.map((o) => [o.name[locale], round(o.score, 2), round(o.weight, 4)]),
  ];
  const indicators: Row[] = [
    [
      t('export.objective'),
      t('indicators.indicator'),
      t('indicators.raw'),
      t('export.unit'),
      t('indicators.normalized'),
      t('indicators.weight'),
      t('indicators.contribution'),
      t('indicators.reference'),
    ],
    ...card.indicators.map((i) => [
      card.objectives.find((o) => o.code === i.objective)!.name[locale],
      i.name[locale],
      i.raw,
      i.unit,
      round(i.normalized, 2),
      round(i.effectiveWeight, 4),
      round(i.contribution, 2),
      reference(i, t),
    ]),
  ];
  const trend: Row[] = [
    [t('trend.period'), t('trend.composite'), t('trend.grade'), ...card.objectives.map((o) => o.name[locale])],
    ...data.trend.map((p) => [p.period, round(p.composite, 2), p.grade, ...card.objectives.map((o) => round(p.objectives[o.code], 2))]),
  ];
  return { summary, goals, indicators, trend };
}

export function scorecardCsv(data: Scorecard & { card: Card }, labels: ExportLabels): string {
  const tables = scorecardTables(data, labels);
  const line = (row: Row) => row.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : csvText(c))).join(',');
  const blocks = [tables.summary, tables.goals, tables.indicators, tables.trend].map((rows) => rows.map(line).join('\r\n'));
  return '\uFEFF' + blocks.join('\r\n\r\n') + '\r\n';
}

export async function scorecardXlsx(data: Scorecard & { card: Card }, labels: ExportLabels): Promise<Buffer> {
  const tables = scorecardTables(data, labels);
  const { t } = labels;
  const book = new ExcelJS.Workbook();
  book.creator = 'County Scorecard';
  const sheet = (name: string, blocks: Row[][]) => {
    const ws = book.addWorksheet(name);
    for (const [b, rows] of blocks.entries()) {
      if (b > 0) ws.addRow([]);
      rows.forEach((row, i) => {
        const added = ws.addRow(row);
        if (i === 0) added.font = { bold: true };
      });
    }
    ws.columns.forEach((col) => {
      col.width = 18;
    });
    ws.getColumn(1).width = 28;
    ws.getColumn(2).width = 34;
    return ws;
  };
  sheet(t('export.sheet'), [tables.summary, tables.goals]);
  sheet(t('export.indicatorsSheet'), [tables.indicators]);
  sheet(t('export.trendSheet'), [tables.trend]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Renders a page of this app to an A4 PDF in headless Chromium, signed in with the caller's own
 * cookies (so the PDF can show nothing the caller could not open). Waits for the charts to draw.
 */
export async function renderPdf(pathAndQuery: string, cookies: { name: string; value: string }[]): Promise<Buffer> {
  const origin = new URL(env.APP_URL);
  const browser = await chromium.launch({
    executablePath: env.CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
  try {
    // The A4 content width (210 mm − 2 × 14 mm margins ≈ 688 CSS px): charts lay out at the width
    // they are printed at instead of being drawn for a desktop window and clipped.
    const context = await browser.newContext({ viewport: { width: 688, height: 1000 } });
    await context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, domain: origin.hostname, path: '/', httpOnly: true, sameSite: 'Lax' as const })));
    const page = await context.newPage();
    const response = await page.goto(new URL(pathAndQuery, origin).toString(), { waitUntil: 'networkidle', timeout: 30_000 });
    if (!response || !response.ok()) throw new Error(`the print page answered ${response?.status() ?? 'nothing'}`);
    await page.waitForSelector('[data-scorecard]', { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll('figure[data-echart][aria-busy="true"]').length === 0, undefined, { timeout: 15_000 });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
