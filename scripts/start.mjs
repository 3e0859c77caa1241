#!/usr/bin/env node
// `npm start`: install dependencies if needed, migrate the database (demo data on first run),
// build for production if the build is missing or stale, serve, and print the URL and demo logins.
// `npm run dev` (--dev): the same preparation, then `next dev` instead of build + start.
// Plain Node with node: builtins only, because node_modules may not exist yet.
import { spawn } from 'node:child_process';
import { buildIfStale } from './lib/build.mjs';
import { BUNDLES, compileIfStale } from './lib/bundle.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { CommandError, ROOT, bin, exitStatus, forwardSignals, runOrFail } from './lib/process.mjs';
import { loadDemoUsers, waitUntilServing, welcomeBox } from './lib/serve.mjs';
import { serverEnv, serverNodeArgs } from './lib/server-process.mjs';

const USAGE = `Usage: node scripts/start.mjs [--dev]
  (no flag)  production: build when stale, then serve (scripts/next-server.mjs)
  --dev      development: next dev with hot reload
Environment: PORT (default 3000), DATABASE_PATH (default data/scorecard.db), APP_URL.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--dev');
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}
const dev = args.includes('--dev');

const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number (1–65535), got "${process.env.PORT}".`);
  process.exit(2);
}

process.chdir(ROOT); // relative paths such as DATABASE_PATH mean the same for every child
const childEnv = {
  ...process.env,
  NODE_ENV: dev ? 'development' : 'production',
  PORT: String(port),
  // No usage reporting from a newcomer's first run unless they opted in explicitly.
  NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1',
};

try {
  await ensureDependencies();
  console.log('Preparing the database (migrations; demo data on first run)…');
  await runOrFail('Preparing the database', bin('tsx'), ['--conditions=react-server', 'scripts/db.ts', 'setup'], { env: childEnv });
  if (!dev) await buildIfStale({ env: childEnv });
  // `npm run cli` and the job workers then start on compiled JavaScript.
  for (const bundle of Object.values(BUNDLES)) compileIfStale(bundle, { required: false });
} catch (error) {
  if (!(error instanceof CommandError)) throw error;
  console.error(`\n${error.message}\nFix the problem above and run the command again.`);
  process.exit(error.exitCode || 1);
}

const demoUsers = loadDemoUsers(); // read while the server boots
// Our own server around Next's handler: it tells the app each client's address (sign-in throttling).
const serverArgs = ['scripts/next-server.mjs', ...(dev ? ['--dev'] : []), '--port', String(port)];
const server = spawn(process.execPath, [...serverNodeArgs(), ...serverArgs], { cwd: ROOT, env: serverEnv(childEnv), stdio: 'inherit' });
forwardSignals(server);
server.on('error', (error) => {
  console.error(`Could not start the server: ${error.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => process.exit(exitStatus({ code, signal })));

if (await waitUntilServing(port, server)) {
  const url = process.env.APP_URL ?? `http://localhost:${port}`;
  console.log(`\n${welcomeBox({ url, mode: dev ? 'dev' : 'production', demo: await demoUsers })}\n`);
}
