// The walking skeleton as a person uses it: each role signs in and sees its home with real data,
// wrong passwords are explained, the language switch works, an assessor registers a stakeholder.
import { expect, test } from './fixtures';

test.describe('sign-in and homes', () => {
  test('an admin sees the overview with demo counts, in both languages', async ({ page, signInAs, shot }) => {
    await signInAs(page, 'admin');
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluation office overview' })).toBeVisible();
    await expect(page.getByRole('term').filter({ hasText: 'Active stakeholders' })).toBeVisible();
    // The open period, chosen for the completeness per county.
    await expect(page.getByRole('link', { name: '2026Q3', exact: true })).toHaveAttribute('aria-current', 'page');
    await shot(page, 'admin-home-en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '评估办公室总览' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await shot(page, 'admin-home-zh');
    // The choice sticks: it is stored in the cookie and the profile.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '评估办公室总览' })).toBeVisible();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluation office overview' })).toBeVisible();
  });

  test('a language change that does not reach the server leaves the page and the select in its language, and says so', async ({ page, signInAs }) => {
    await signInAs(page, 'admin');
    await page.route('**/api/session/locale', (route) => route.abort('internetdisconnected'));
    const select = page.getByRole('combobox', { name: 'Language' });
    await select.selectOption('zh-CN');
    await expect(page.getByRole('alert').filter({ hasText: 'The language could not be changed; try again.' })).toBeVisible();
    await expect(select).toHaveValue('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // Once the link is back, the same choice works.
    await page.unroute('**/api/session/locale');
    await select.selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '评估办公室总览' })).toBeVisible();
    // Back to English: the choice is saved in the admin's profile, which other tests sign in to.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluation office overview' })).toBeVisible();
  });

  test('an admin manages users', async ({ page, signInAs, shot }) => {
    await signInAs(page, 'admin');
    await page.getByRole('link', { name: 'Users' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'assessor1', exact: true })).toBeVisible();
    await shot(page, 'admin-users-en');
  });

  test('an admin creates a stakeholder user, who then signs in; disabling locks them out', async ({ page, signInAs, shot, browser }) => {
    const username = `e2e${Date.now().toString(36)}`;
    await signInAs(page, 'admin');
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const panel = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save' }) });
    await panel.getByLabel('Username').fill(username);
    await panel.getByLabel('Display name').fill('E2E 合作社联系人');
    await panel.getByLabel('Role').selectOption('stakeholder');
    await panel.getByLabel('Find a stakeholder').fill('RU-0002');
    const picker = panel.getByLabel(/^Stakeholder/);
    await expect(picker.locator('option')).toHaveCount(2);
    await picker.selectOption({ index: 1 });
    await panel.getByLabel('Initial password').fill('short');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByText('At least 10 characters.', { exact: true })).toBeVisible();
    await panel.getByLabel('Initial password').fill('e2e-password');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(`${username} was created.`)).toBeVisible();
    await shot(page, 'admin-user-created-en');

    const other = await browser.newContext({ baseURL: page.url().replace(/\/admin.*$/, '') });
    const theirPage = await other.newPage();
    await signInAs(theirPage, username, 'e2e-password');
    // The administrator chose this password: the user picks their own first (password-change.spec.ts).
    await expect(theirPage).toHaveURL(/\/change-password$/);
    await other.close();

    await page.getByRole('searchbox', { name: 'Search by username or name' }).fill(username);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `Disable ${username}` }).click();
    await expect(page.getByText(`${username} is disabled and signed out.`)).toBeVisible();
    const again = await browser.newContext({ baseURL: page.url().replace(/\/admin.*$/, '') });
    const lockedPage = await again.newPage();
    await lockedPage.goto('/sign-in');
    await lockedPage.getByLabel('Username').fill(username);
    await lockedPage.getByLabel('Password').fill('e2e-password');
    await lockedPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(lockedPage.getByRole('alert').filter({ hasText: 'This account is disabled' })).toBeVisible();
    await again.close();
  });

  test('an assessor sees the stakeholders of their county, searchable and filterable', async ({ page, signInAs, shot }) => {
    await signInAs(page, 'assessor1');
    await expect(page).toHaveURL(/\/assessor$/);
    await expect(page.getByRole('heading', { level: 1, name: 'My stakeholders' })).toBeVisible();
    const count = page.getByText(/^\d+ stakeholders$/);
    await expect(count).toBeVisible();
    const before = Number((await count.innerText()).split(' ')[0]);
    expect(before).toBeGreaterThan(20);
    await page.getByRole('combobox', { name: 'Type' }).selectOption('market');
    await expect(page.getByText(/^\d+ stakeholders?$/)).not.toHaveText(`${before} stakeholders`);
    const rows = page.locator('tbody tr');
    await expect(rows.first()).toContainText('Market entity');
    await page.getByRole('searchbox', { name: 'Search' }).fill('zzzz-no-such-name');
    await expect(page.getByText('No stakeholders match these filters')).toBeVisible();
    await shot(page, 'assessor-home-empty-filter-en');
  });

  test('a stakeholder user sees its own profile', async ({ page, signInAs, shot }) => {
    await signInAs(page, 'coop1');
    await expect(page).toHaveURL(/\/me$/);
    await page.goto('/me/profile');
    await expect(page.getByRole('heading', { level: 2, name: 'Profile' })).toBeVisible();
    await expect(page.getByText('Rural entity')).toBeVisible();
    await shot(page, 'stakeholder-home-en');
  });

  test('a wrong password shows a clear message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('assessor2');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong username or password' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel('Username')).toHaveValue('assessor2');
  });

  test('pages need a session', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers/);
  });
});

test.describe('stakeholder registration', () => {
  test('an assessor creates a stakeholder; an invalid credit code is refused with the reason', async ({ page, signInAs, shot }) => {
    await signInAs(page, 'assessor1');
    await page.getByRole('link', { name: 'New stakeholder' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'New stakeholder' })).toBeVisible();
    const name = `屏边测试合作社 ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Type').selectOption('rural');
    const region = page.getByLabel('Region');
    await expect(region.locator('option')).not.toHaveCount(1);
    await region.selectOption({ index: 2 });
    // A typo in the check character (the 18th).
    await page.getByLabel('Unified social credit code').fill('91532523MA6K000010');
    await page.getByRole('button', { name: 'Create stakeholder' }).click();
    const field = page.getByLabel('Unified social credit code');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/The check character \(the 18th\) should be/)).toBeVisible();
    await shot(page, 'stakeholder-create-invalid-credit-code-en');
    await field.fill('91532523MA6K0000');
    await page.getByRole('button', { name: 'Create stakeholder' }).click();
    await expect(page.getByText('A unified social credit code has 18 characters; this one has 16.')).toBeVisible();
    await field.fill('');
    await page.getByLabel('Contact phone').fill('13912345678');
    await page.getByRole('button', { name: 'Create stakeholder' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('Saved.')).toBeVisible();
    await shot(page, 'stakeholder-created-en');
  });

  test('the same refusal reads in Chinese', async ({ page, signInAs, context, baseURL }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: baseURL! }]);
    await signInAs(page, 'assessor2');
    await page.goto('/stakeholders/new');
    await page.getByLabel('名称').fill('测试公司');
    await page.getByLabel('统一社会信用代码').fill('91532523MA6K00001I');
    await page.getByRole('button', { name: '创建主体' }).click();
    await expect(page.getByText('第 18 位（“I”）不合法')).toBeVisible();
  });
});

test.describe('security baseline', () => {
  test('pages carry a CSP that forbids framing, and nosniff', async ({ request }) => {
    const res = await request.get('/sign-in');
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  test('a state-changing request from another origin is refused', async ({ request }) => {
    const res = await request.post('/api/trpc/stakeholders.create', {
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      data: { json: { name: 'x' } },
    });
    expect(res.status()).toBe(403);
    const same = await request.post('/api/trpc/stakeholders.create', { data: { json: { name: 'x' } } });
    expect(same.status()).toBe(401);
  });
});
