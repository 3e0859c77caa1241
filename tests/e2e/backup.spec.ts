// Backup and restore as an operator does it: `npm run db:backup` while the test server serves and
// users keep signing in (each sign-in writes a session and an audit row), `npm run db:restore`
// refused while that server holds its database, then a restore into a fresh file, a second server
// started on the restored copy, and a sign-in there through the browser.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, expect, signInAs, test } from './fixtures';

const ROOT = path.resolve('.');
const LIVE_DB = path.join(ROOT, 'data', 'e2e.db');
const WORK = path.join(ROOT, 'test-results', 'backup');
const RESTORED_DB = path.join(WORK, 'restored.db');
const PORT = 3197;

function npmRun(script: string, file: string, databasePath: string): { status: number | null; out: string } {
  const result = spawnSync('npm', ['run', '-s', script, '--', file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: databasePath } });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

let second: ChildProcess | undefined;
test.afterAll(() => {
  second?.kill('SIGTERM');
});

test('a backup taken while the app serves restores into a copy the app runs on', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  test.skip(!fs.existsSync(LIVE_DB), 'needs the test server started by scripts/e2e-server.mjs (data/e2e.db)');
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });

  // Writers: sign-ins in a loop in another browser context, for as long as the backup runs.
  const context = await browser.newContext({ baseURL });
  let writing = true;
  let signIns = 0;
  const writer = (async () => {
    const other = await context.newPage();
    while (writing) {
      await signInAs(other, 'assessor1');
      signIns++;
      await other.context().clearCookies();
    }
  })();
  await expect.poll(() => signIns, { timeout: 60_000 }).toBeGreaterThan(0);

  const backupFile = path.join(WORK, 'scorecard-backup.db');
  const backup = npmRun('db:backup', backupFile, LIVE_DB);
  writing = false;
  await writer;
  await context.close();
  expect(backup.status, backup.out).toBe(0);
  expect(backup.out).toMatch(/^Backed up to .*scorecard-backup\.db \([\d.]+ MB, schema \d{4}_\w+\)/);

  // The test server holds data/e2e.db: restoring over it must be refused and change nothing.
  const before = fs.statSync(LIVE_DB).mtimeMs;
  const refused = npmRun('db:restore', backupFile, LIVE_DB);
  expect(refused.status).toBe(1);
  expect(refused.out).toContain('is using');
  expect(fs.statSync(LIVE_DB).mtimeMs).toBe(before);

  const restored = npmRun('db:restore', backupFile, RESTORED_DB);
  expect(restored.status, restored.out).toBe(0);
  expect(restored.out).toContain(`Restored ${RESTORED_DB}`);

  // A second production server (same build) on the restored copy.
  second = spawn(process.execPath, [path.join(ROOT, 'scripts', 'next-server.mjs'), '--port', String(PORT), '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT), DATABASE_PATH: RESTORED_DB, APP_URL: `http://127.0.0.1:${PORT}` },
    stdio: 'ignore',
  });
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${PORT}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000, intervals: [500] })
    .toBe(200);

  await page.goto(`http://127.0.0.1:${PORT}/sign-in`);
  await page.getByLabel(/username|用户名/i).and(page.locator('input')).fill('admin');
  await page.getByLabel(/password|密码/i).and(page.locator('input')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
  await page.waitForURL((url) => url.port === String(PORT) && !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
  await expect(page.getByRole('navigation').first()).toBeVisible();
  // The restored server holds its own copy now.
  expect(fs.existsSync(`${RESTORED_DB}.server`)).toBe(true);
});

