#!/usr/bin/env node
// `npm test`: typecheck, lint, unit, integration and browser tests, each timed; every step runs
// even after a failure, and the run fails if any step failed. Ends with one line
// "N passed, M failed[, K skipped]" summing the tests of all suites.
//
//   npm test                                   everything
//   npm test -- --only unit,integration        some steps (typecheck, lint, unit, integration, e2e)
//   npm test -- --only e2e -- --grep sign-in   arguments after a second `--` go to playwright
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureChromium } from './lib/chromium.mjs';
import { ensureOfficeTools } from './lib/office.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { CommandError, ROOT, bin, formatDuration, run } from './lib/process.mjs';

const STEPS = ['typecheck', 'lint', 'unit', 'integration', 'e2e'];
const RESULTS_DIR = path.join(ROOT, 'test-results');
const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');
const PLAYWRIGHT_JSON = path.join(RESULTS_DIR, 'playwright.json');
const E2E_DIR = path.join(ROOT, 'tests', 'e2e');
const ESLINT_CACHE = path.join(ROOT, 'node_modules', '.cache', 'eslint') + path.sep;
const BUILD_LOG = path.join(RESULTS_DIR, 'next-build.log');
const ESLINT_CONFIGS = ['eslint.config.mjs', 'eslint.config.js', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts'];

const USAGE = `Usage: node scripts/test.mjs [--only ${STEPS.join('|')}[,…]] [-- playwright arguments]`;

function parseArgs(argv) {
  let only = null;
  let playwrightArgs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      playwrightArgs = argv.slice(i + 1);
      break;
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      const names = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const wrong = names.filter((n) => !STEPS.includes(n));
      if (names.length === 0 || wrong.length > 0) usageError(`--only takes ${STEPS.join(', ')}; got "${value ?? ''}"`);
      only = new Set([...(only ?? []), ...names]);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      usageError(`Unknown argument "${arg}"`);
    }
  }
  return { steps: STEPS.filter((s) => !only || only.has(s)), playwrightArgs };
}

function usageError(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function banner(title) {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(4, 72 - title.length))}`);
}

/**
 * A step's outcome. A failure without a failing test (type errors, lint errors, a crash) counts as
 * one failure, so the final line never says "0 failed" for a failed run.
 */
function outcome(exit, counts, note) {
  const ok = exit.code === 0;
  if (!ok && (counts?.failed ?? 0) === 0) {
    const why = exit.signal ? `stopped by ${exit.signal}` : `exit status ${exit.code}`;
    return { status: 'failed', tests: counts, failedWithoutTests: true, note: note ?? `${why}; counted as 1 failure` };
  }
  return { status: ok ? 'passed' : 'failed', tests: counts, note };
}

async function typecheck() {
  return outcome(await run(bin('tsc'), ['--noEmit', '-p', '.']));
}

async function lint() {
  if (!ESLINT_CONFIGS.some((f) => fs.existsSync(path.join(ROOT, f)))) {
    console.log('No eslint.config.mjs yet: skipping lint.');
    return { status: 'skipped', note: 'no eslint.config.mjs' };
  }
  // The cache helps repeated local runs (CI's `npm ci` starts without node_modules/.cache); by
  // content, so a branch switch back to the same files still hits. Every rule now looks at one
  // file only, so a cached result cannot go stale.
  return outcome(await run(bin('eslint'), ['.', '--cache', '--cache-strategy', 'content', '--cache-location', ESLINT_CACHE]));
}

/**
 * The production build the browser tests need, started in the background (its output goes to
 * test-results/next-build.log): lint runs on one core, so most of the build happens alongside it
 * instead of at the start of the e2e step. Started after the typecheck, which reads .next/types.
 * The e2e server finds the build current and starts at once.
 */
function startBuild() {
  const fd = fs.openSync(BUILD_LOG, 'w');
  const script = `const { buildIfStale } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts', 'lib', 'build.mjs')).href)}); await buildIfStale();`;
  const started = Date.now();
  const exit = run(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  }).finally(() => fs.closeSync(fd));
  return { exit, started };
}

/** Waits for the background build; a failed build fails the e2e step with the end of its log. */
async function awaitBuild(build) {
  const exit = await build.exit;
  const log = fs.readFileSync(BUILD_LOG, 'utf8');
  if (exit.code !== 0) {
    console.error(log.split('\n').slice(-40).join('\n'));
    throw new CommandError(`The production build failed (log: ${path.relative(ROOT, BUILD_LOG)})`);
  }
  const built = /Built in /.test(log);
  console.log(built ? `Built for production in the background (${formatDuration(Date.now() - build.started)} since it started).` : 'Production build is up to date.');
}

/** vitest's JSON report: numPassedTests, numFailedTests, numPendingTests, numTodoTests. */
async function vitest(project) {
  const report = path.join(RESULTS_DIR, `vitest-${project}.json`);
  fs.rmSync(report, { force: true });
  const exit = await run(
    bin('vitest'),
    ['run', '--project', project, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { env: { ...process.env, NODE_ENV: 'test' } },
  );
  const json = readJson(report);
  // A test file that fails to load has no test results of its own: count it as one failure.
  const brokenFiles = (json?.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  const counts = json && {
    passed: json.numPassedTests ?? 0,
    failed: (json.numFailedTests ?? 0) + brokenFiles,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
  const note = counts && counts.passed + counts.failed + counts.skipped === 0 && exit.code === 0 ? 'no tests yet' : undefined;
  return outcome(exit, counts, note);
}

function countSpecs(dir) {
  if (!fs.existsSync(dir)) return 0;
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.spec.ts')) count++;
  }
  return count;
}

/** playwright's JSON report: stats.expected (passed), unexpected (failed), flaky (passed on retry), skipped. */
async function e2e(playwrightArgs) {
  // Playwright starts (and builds) the web server even when there is nothing to run.
  if (playwrightArgs.length === 0 && countSpecs(E2E_DIR) === 0) {
    console.log('No browser specs (tests/e2e/**/*.spec.ts) yet: skipping.');
    return { status: 'skipped', note: 'no specs yet' };
  }
  fs.rmSync(PLAYWRIGHT_JSON, { force: true });
  // Screenshots are for people to look at: a full run replaces them so none are stale.
  if (playwrightArgs.length === 0) fs.rmSync(SCREENSHOTS_DIR, { recursive: true, force: true });
  const exit = await run(bin('playwright'), ['test', '--reporter=list,json', '--pass-with-no-tests', ...playwrightArgs], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON },
  });
  const stats = readJson(PLAYWRIGHT_JSON)?.stats;
  const counts = stats && {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
  let note;
  if (stats?.flaky) note = `${stats.flaky} flaky (passed on retry)`;
  else if (counts && counts.passed + counts.failed + counts.skipped === 0 && exit.code === 0) note = 'no tests yet';
  return outcome(exit, counts, note);
}

const STEP_TITLES = {
  typecheck: 'Typecheck (tsc --noEmit)',
  lint: 'Lint (eslint .)',
  unit: 'Unit tests (vitest --project unit)',
  integration: 'Integration tests (vitest --project integration)',
  e2e: 'Browser tests (playwright, Debian Chromium)',
};

function printSummary(results) {
  const rows = results.map((r) => [
    r.name,
    r.status,
    r.tests ? `${r.tests.passed} / ${r.tests.failed} / ${r.tests.skipped}` : '—',
    formatDuration(r.ms),
    r.note ?? '',
  ]);
  const header = ['Step', 'Result', 'Tests passed / failed / skipped', 'Time', 'Note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  banner('Summary');
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const { steps, playwrightArgs } = parseArgs(process.argv.slice(2));
if (playwrightArgs.length > 0 && !steps.includes('e2e')) console.warn('Arguments after `--` go to playwright, which is not part of this run.');
process.chdir(ROOT);
fs.mkdirSync(RESULTS_DIR, { recursive: true });

const results = [];
const started = Date.now();
// Ctrl+C reaches the running step (which stops); then skip the remaining steps too.
let interruptedBy = null;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (interruptedBy ??= signal));

/** Runs one timed step; a CommandError from preparation becomes that step's failure. */
async function timed(name, title, body) {
  banner(title);
  const t0 = Date.now();
  let result;
  try {
    result = await body();
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    console.error(error.message);
    result = { status: 'failed', failedWithoutTests: true, note: error.message.split('\n')[0].slice(0, 80) };
  }
  results.push({ name, ms: Date.now() - t0, ...result });
  return result;
}

const setup = await timed('install', 'Dependencies', async () => {
  const installed = await ensureDependencies();
  if (!installed) console.log('node_modules is up to date.');
  return { status: 'passed', note: installed ? 'installed' : 'up to date' };
});

let build = null;
if (setup.status === 'passed') {
  for (const name of steps) {
    if (interruptedBy) break;
    // After the typecheck (or first, without one): see startBuild.
    if (!build && steps.includes('e2e') && name !== 'typecheck') build = startBuild();
    await timed(name, STEP_TITLES[name], async () => {
      switch (name) {
        case 'typecheck':
          return typecheck();
        case 'lint':
          return lint();
        case 'unit':
          return vitest(name);
        case 'integration':
          if (await ensureOfficeTools()) console.log('LibreOffice and openpyxl are installed.');
          return vitest(name);
        case 'e2e':
          await awaitBuild(build);
          if (await ensureChromium()) console.log('Chromium is installed.');
          if (await ensureOfficeTools()) console.log('LibreOffice and openpyxl are installed.');
          return e2e(playwrightArgs);
        default:
          throw new Error(`unknown step ${name}`);
      }
    });
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  total.passed += r.tests?.passed ?? 0;
  total.failed += (r.tests?.failed ?? 0) + (r.failedWithoutTests ? 1 : 0);
  total.skipped += r.tests?.skipped ?? 0;
}
results.push({ name: 'total', status: total.failed > 0 ? 'failed' : 'passed', ms: Date.now() - started, tests: total });
printSummary(results);
if (interruptedBy) console.log(`Interrupted by ${interruptedBy}: later steps were not run.`);
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`);
process.exit(interruptedBy ? 130 : total.failed > 0 ? 1 : 0);
