// The region tree's administration in the browser: an admin walks down from the province with the
// breadcrumb, renames a township in both languages, retires and reinstates it, and finds delete
// offered only where a unit holds no stakeholders.
import { expect, test } from './fixtures';

test('admin browses the region tree, renames, retires and reinstates a township', async ({ page, signInAs, shot, baseURL }) => {
  test.setTimeout(120_000);
  await signInAs(page, 'admin');
  // Another test may have left the admin's profile in Chinese; this one reads the English page.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL ?? 'http://127.0.0.1' }]);
  await page.goto('/admin/regions');
  await expect(page.getByRole('heading', { name: 'Top of the tree' })).toBeVisible();
  await page.getByRole('link', { name: 'Open Yunnan Province' }).click();
  await page.getByRole('link', { name: 'Open Honghe Hani and Yi Autonomous Prefecture' }).click();
  await page.getByRole('link', { name: 'Open Pingbian Miao Autonomous County' }).click();
  const crumbs = page.getByRole('navigation', { name: 'Where you are' });
  await expect(crumbs.getByRole('link', { name: 'Yunnan Province' })).toBeVisible();
  await expect(crumbs.getByText('Pingbian Miao Autonomous County')).toHaveAttribute('aria-current', 'page');
  const row = page.getByRole('row').filter({ hasText: '532523205' });
  await expect(row.getByText('新华乡')).toBeVisible();
  // Every demo township holds stakeholders: none offers delete.
  await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await shot(page, 'regions-county-desktop-en');

  // Rename: an empty name is refused at the field, then both names are saved.
  await row.getByRole('button', { name: 'Rename Xinhua Township' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Chinese name').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Chinese name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Chinese name')).toBeFocused();
  await dialog.getByLabel('Chinese name').fill('新华镇');
  await dialog.getByLabel('English name').fill('Xinhua Town');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('532523205 renamed.')).toBeVisible();
  const renamed = page.getByRole('row').filter({ hasText: '532523205' });
  await expect(renamed.getByText('Xinhua Town')).toBeVisible();

  // Retire, then reinstate.
  await renamed.getByRole('button', { name: 'Retire Xinhua Town' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Retire' }).click();
  await expect(renamed.getByText('Retired', { exact: true })).toBeVisible();
  await renamed.getByRole('button', { name: 'Reinstate Xinhua Town' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reinstate' }).click();
  await expect(renamed.getByText('In use', { exact: true })).toBeVisible();

  // Put the name back so other tests see the demo as seeded.
  await renamed.getByRole('button', { name: 'Rename Xinhua Town' }).click();
  await page.getByRole('dialog').getByLabel('Chinese name').fill('新华乡');
  await page.getByRole('dialog').getByLabel('English name').fill('Xinhua Township');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row').filter({ hasText: '532523205' }).getByText('Xinhua Township')).toBeVisible();
});
