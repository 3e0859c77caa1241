// Registering stakeholders from a file, as an assessor of 屏边 would: from the stakeholder list to
// the import page, a file whose second row names a township of 金平 (outside the scope) is refused
// with its row and column; the fixed file is checked clean and registered, the job's progress
// followed to the end; the new stakeholders are in the list.
import { test, expect } from './fixtures';
import { creditCodeCheckChar } from '../../core/domain/credit-code';

/** A valid credit code of 屏边 with a serial unlikely to be registered already. */
function creditCode(n: number): string {
  const first17 = `91532523MA${String((Date.now() % 1e6) * 10 + n).padStart(7, '0').slice(-7)}`;
  return first17 + creditCodeCheckChar(first17);
}

test('an assessor registers stakeholders from a CSV: the report, then the import with its progress', async ({ page, signInAs, shot }) => {
  await signInAs(page, 'assessor1');
  await page.goto('/assessor');
  await page.getByRole('link', { name: 'Import from file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Register stakeholders from a file' })).toBeVisible();

  const header = '统一社会信用代码,名称,英文名称,类型,乡镇代码,联系人,联系电话';
  const a = creditCode(1);
  const b = creditCode(2);
  const name = `E2E 登记合作社 ${Date.now() % 100000}`;
  const broken = [header, `${a},${name},,rural,532523101,张三,13800000001`, `${b},${name} 二,,market,532530101,,`].join('\n');
  await page.getByLabel('File').setInputFiles({ name: 'registry.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  const problems = page.getByTestId('registry-problems');
  await expect(problems).toContainText('the township 532530101 is outside your assigned regions');
  await expect(problems.getByRole('row').nth(1)).toContainText('3');
  await shot(page, 'registry-import-problems-en');

  const fixed = [header, `${a},${name},,rural,532523101,张三,13800000001`, `${b},${name} 二,,market,532523102,,`].join('\n');
  await page.getByLabel('File').setInputFiles({ name: 'registry-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('registry-summary')).toContainText('2 stakeholders ready to register');
  await page.getByRole('button', { name: 'Register 2 stakeholders' }).click();
  await expect(page.getByTestId('registry-done')).toHaveText('2 stakeholders were registered.');
  await shot(page, 'registry-import-done-en');

  await page.getByRole('link', { name: 'Go to the stakeholder list' }).click();
  await page.getByRole('searchbox').or(page.getByLabel('Search')).first().fill(name);
  await page.keyboard.press('Enter');
  await expect(page.getByText(name, { exact: true })).toBeVisible();
});
