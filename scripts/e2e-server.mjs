#!/usr/bin/env node
// The server the browser tests run against (Playwright's webServer): a fresh database at
// data/e2e.db with the demo data, the production build (rebuilt only when stale), on port 3100.
// A dedicated database keeps test runs from touching the one `npm start` serves.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIfStale } from './lib/build.mjs';
import { CommandError, ROOT, bin, exitStatus, forwardSignals, runOrFail } from './lib/process.mjs';
import { serverEnv, serverNodeArgs } from './lib/server-process.mjs';

// E2E_PORT (default 3100, as in playwright.config.ts) lets several people run the browser tests
// side by side, each with its own database; NEXT_DIST_DIR gives each its own build folder.
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const DATABASE_PATH = path.join(ROOT, 'data', E2E_PORT === 3100 ? 'e2e.db' : `e2e-${E2E_PORT}.db`);

process.chdir(ROOT);
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(E2E_PORT),
  DATABASE_PATH,
  // The browser talks to 127.0.0.1, so that is the app's own origin (auth and CSRF checks).
  APP_URL: `http://127.0.0.1:${E2E_PORT}`,
  NEXT_TELEMETRY_DISABLED: '1',
};

try {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${DATABASE_PATH}${suffix}`, { force: true });
  console.log(`Fresh test database at ${path.relative(ROOT, DATABASE_PATH)}…`);
  await runOrFail('Preparing the test database', bin('tsx'), ['--conditions=react-server', 'scripts/db.ts', 'setup'], { env });
  await buildIfStale({ env });
} catch (error) {
  if (!(error instanceof CommandError)) throw error;
  console.error(error.message);
  process.exit(error.exitCode || 1);
}

const server = spawn(process.execPath, [...serverNodeArgs(), 'scripts/next-server.mjs', '--port', String(E2E_PORT), '--hostname', '127.0.0.1'], { cwd: ROOT, env: serverEnv(env), stdio: 'inherit' });
forwardSignals(server);
server.on('error', (error) => {
  console.error(`Could not start the test server: ${error.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => process.exit(exitStatus({ code, signal })));
