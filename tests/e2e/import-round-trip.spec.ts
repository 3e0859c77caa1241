// The spreadsheet round trip through the import page: the template downloaded from the page,
// filled by openpyxl (an indicator headed by its Chinese name, a note, the evidence links) and
// saved again by LibreOffice headless, checked and imported; only the row filled in counts.
// 金平's assessor (assessor3): no other spec imports there.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, signInAs, test } from './fixtures';
import { fillWithOpenpyxl, NO_OPENPYXL, PYTHON_WITH_OPENPYXL, saveWithLibreOffice, SOFFICE } from '../integration/office';

// A value within every demo market indicator's valid range, by code.
const VALUES: Record<string, number> = {
  mk_local_hires_monitored: 12,
  mk_coop_purchases_10k: 230,
  mk_value_added_10k: 900,
  mk_rd_investment_pct: 1.8,
  mk_env_violations: 0,
  mk_local_farmer_wages_10k: 120,
  mk_contract_farming_payments_10k: 300,
  mk_profit_shared_pct: 6,
};

test('the template, filled by openpyxl and saved by LibreOffice, checks clean and imports', async ({ page, context, baseURL }, info) => {
  test.skip(!PYTHON_WITH_OPENPYXL, NO_OPENPYXL);
  test.setTimeout(180_000);
  await signInAs(page, 'assessor3');
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
  await page.goto('/evaluations/import');
  await page.getByRole('combobox', { name: 'KPI set' }).selectOption('market');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download template (XLSX)' }).click();
  const template = new Uint8Array(fs.readFileSync(await (await downloading).path()));

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const [values, help] = book.worksheets;
  const header = (values!.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header.slice(0, 2)).toEqual(['stakeholder', 'name']);
  expect(String(values!.getRow(2).getCell(1).value)).toMatch(/^# /);
  // The last stakeholder that can still be edited; its Chinese indicator name from the help sheet.
  const code = String(values!.getColumn(1).values.at(-1));
  expect(code).toMatch(/^MK-/);
  let hiresZh = '';
  help!.eachRow((row) => {
    if (row.getCell(1).value === 'mk_local_hires_monitored') hiresZh = String(row.getCell(2).value);
  });
  expect(hiresZh).not.toBe('');
  const links = Object.fromEntries(header.filter((h) => h.endsWith(':evidence')).map((h) => [h, `https://evidence.example.cn/${code}/${h.split(':')[0]}.pdf`]));
  let filled = fillWithOpenpyxl(template, {
    rename: { mk_local_hires_monitored: hiresZh },
    rows: { [code]: { ...VALUES, ...links, 'mk_env_violations:note': '本期无违法记录' } },
  });
  if (SOFFICE) filled = saveWithLibreOffice(filled, 'xlsx');
  else info.annotations.push({ type: 'note', description: 'LibreOffice is not installed: the openpyxl-saved workbook is uploaded as it is' });

  const file = { name: 'market-filled.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(filled) };
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('No problems found')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('1 row read (XLSX');
  await page.getByRole('button', { name: 'Import 1 rows' }).click();
  await expect(page.getByTestId('import-done')).toHaveText('One evaluation was imported.');

  // Checked again, the same file now updates the evaluation it created (or updated).
  await page.reload();
  await page.getByRole('combobox', { name: 'KPI set' }).selectOption('market');
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('0 new evaluations, 1 updated');
});
