// The production build: rebuilt only when its source inputs changed since the last build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { precompressStatic } from './compression.mjs';
import { ROOT, bin, formatDuration, runOrFail } from './process.mjs';

// Next's distDir (next.config.mjs reads the same variable).
const DIST_DIR = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next');
const BUILD_ID_FILE = path.join(DIST_DIR, 'BUILD_ID');
// Removed before building and written after success, so a failed or interrupted build never
// leaves a hash that claims it is current.
const SOURCE_HASH_FILE = path.join(DIST_DIR, '.source-hash');
// Our own scratch space (git-ignored with node_modules, survives `next build`).
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'county-scorecard');
const BUILD_LOCK_FILE = path.join(CACHE_DIR, `build${process.env.NEXT_DIST_DIR ? '-' + path.basename(process.env.NEXT_DIST_DIR) : ''}.lock`);
const BUILD_TIME_FILE = path.join(CACHE_DIR, 'last-build-seconds');

/** Folders whose files go into the bundle (whichever exist). */
export const SOURCE_DIRS = ['app', 'components', 'core', 'server', 'db', 'lib', 'messages', 'i18n', 'public', 'hooks', 'styles', 'types'];
/** Single files that shape the build: configs, the lockfiles (dependency versions), env files Next reads. */
const SOURCE_FILES = [
  'proxy.ts', 'middleware.ts', 'instrumentation.ts', 'global.d.ts',
  'next.config.mjs', 'next.config.ts', 'next.config.js',
  'tsconfig.json', 'postcss.config.mjs', 'package.json', 'package-lock.json',
  '.env', '.env.production', '.env.local', '.env.production.local',
];
const SKIPPED_DIRS = new Set(['node_modules', '.next', 'data', '.git', 'test-results']);

function listFiles(dir, relative, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) listFiles(path.join(dir, entry.name), rel, out);
    } else if (entry.isFile()) {
      out.push(rel);
    }
  }
}

/**
 * sha256 over the relative path and contents of every source input, in a fixed order. Contents
 * rather than mtimes, so a fresh clone or a branch switch that restores the same files does not
 * rebuild, and any real edit does.
 */
export function computeSourceHash() {
  const files = [];
  for (const dir of SOURCE_DIRS) listFiles(path.join(ROOT, dir), dir, files);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(ROOT, file))) files.push(file);
  const hash = crypto.createHash('sha256');
  for (const rel of files) {
    let content;
    try {
      content = fs.readFileSync(path.join(ROOT, rel));
    } catch {
      continue; // deleted while we were walking: it is not an input any more
    }
    hash.update(`${rel}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** `{ stale, reason, hash }`: whether .next must be rebuilt for the current sources. */
export function buildStatus() {
  const hash = computeSourceHash();
  if (!fs.existsSync(BUILD_ID_FILE)) return { stale: true, reason: 'there is no production build yet', hash };
  let built = '';
  try {
    built = fs.readFileSync(SOURCE_HASH_FILE, 'utf8').trim();
  } catch {
    return { stale: true, reason: 'the existing build has no record of its sources', hash };
  }
  if (built !== hash) return { stale: true, reason: 'sources changed since the last build', hash };
  return { stale: false, reason: 'the build is up to date', hash };
}

function processIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One build at a time per checkout (e.g. `npm start` and the e2e server starting together):
 * an exclusive lock file holding the builder's pid; a lock whose process is gone is taken over.
 */
async function withBuildLock(task) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(BUILD_LOCK_FILE, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(BUILD_LOCK_FILE, 'utf8'), 10);
      if (!Number.isInteger(holder) || !processIsAlive(holder)) {
        fs.rmSync(BUILD_LOCK_FILE, { force: true });
        continue;
      }
      if (!announced) console.log(`Waiting for another build (process ${holder}) to finish…`);
      announced = true;
      await sleep(2000);
    }
  }
  const release = () => fs.rmSync(BUILD_LOCK_FILE, { force: true });
  process.once('exit', release);
  try {
    return await task();
  } finally {
    process.off('exit', release);
    release();
  }
}

/** "about N minutes on C cores", from the last build on this machine when we have one. */
function buildEstimate() {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  let seconds = 180; // a first build of this app on 2 cores
  try {
    const measured = Number.parseFloat(fs.readFileSync(BUILD_TIME_FILE, 'utf8'));
    if (Number.isFinite(measured) && measured > 0) seconds = measured;
  } catch {
    // no measurement yet
  }
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `about ${minutes} minute${minutes === 1 ? '' : 's'} on ${cores} core${cores === 1 ? '' : 's'}`;
}

/**
 * Runs `next build` when the build is missing or stale, then records the source hash.
 * Returns true when it built. Throws CommandError when the build fails.
 */
export async function buildIfStale({ env = process.env } = {}) {
  const first = buildStatus();
  if (!first.stale) {
    console.log('Production build is up to date.');
    return false;
  }
  return withBuildLock(async () => {
    // Another process may have finished the same build while we waited for the lock.
    const status = buildStatus();
    if (!status.stale) {
      console.log('Production build is up to date.');
      return false;
    }
    console.log(`Building for production (${buildEstimate()}) because ${status.reason}…`);
    fs.rmSync(SOURCE_HASH_FILE, { force: true });
    const started = Date.now();
    await runOrFail('The production build', bin('next'), ['build'], { env: { ...env, NODE_ENV: 'production' } });
    // Brotli copies of the static assets, which scripts/next-server.mjs serves to clients that
    // accept br; part of the build, so the source hash below also vouches for them.
    const brotli = await precompressStatic(DIST_DIR);
    console.log(`Brotli copies of ${brotli.written} of ${brotli.files} static assets: ${Math.round(brotli.before / 1024)} KB → ${Math.round(brotli.after / 1024)} KB.`);
    const elapsed = Date.now() - started;
    // The hash of the sources as they were when the build started: an edit during the build
    // leaves a mismatch, so the next start rebuilds.
    fs.writeFileSync(SOURCE_HASH_FILE, `${status.hash}\n`);
    fs.writeFileSync(BUILD_TIME_FILE, String(Math.round(elapsed / 1000)));
    console.log(`Built in ${formatDuration(elapsed)}.`);
    return true;
  });
}
