// Project code compiled once into plain JavaScript, so what starts often starts fast: the CLI
// (dist/cli/main.mjs, at every `npm run cli`) and the worker threads of jobs and file checks
// (dist/jobs/*.mjs; tsx compiling their TypeScript took about a second a thread). Rebuilt by esbuild
// (installed with tsx) only when one of the files a bundle was built from changed: the build
// records each input's size and modification time, and checking them is a few stat calls.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './process.mjs';

/** What every bundle was built with, beside its sources: a change here rebuilds too. */
const BUILD_FILES = ['scripts/lib/bundle.mjs', 'tsconfig.json', 'package-lock.json'];

/**
 * The bundles. npm packages stay external (node loads them from node_modules), so a bundle holds
 * only the project's own code; the worker is built for the `react-server` condition its thread
 * runs under (server-only code).
 */
export const BUNDLES = {
  cli: { entry: 'cli/main.ts', file: path.join(ROOT, 'dist', 'cli', 'main.mjs'), conditions: [] },
  worker: { entry: 'server/jobs/worker.ts', file: path.join(ROOT, 'dist', 'jobs', 'worker.mjs'), conditions: ['react-server'] },
  checkWorker: { entry: 'server/jobs/check-worker.ts', file: path.join(ROOT, 'dist', 'jobs', 'check-worker.mjs'), conditions: ['react-server'] },
};

const inputsFileOf = (bundle) => bundle.file.replace(/\.mjs$/, '.inputs.json');

function fingerprint(rel) {
  try {
    const stat = fs.statSync(path.join(ROOT, rel));
    return `${stat.size}:${Math.trunc(stat.mtimeMs)}`;
  } catch {
    return 'missing';
  }
}

/** Why a bundle must be (re)built, or null when it is current. */
export function bundleStaleReason(bundle) {
  if (!fs.existsSync(bundle.file)) return 'it is not compiled yet';
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(inputsFileOf(bundle), 'utf8'));
  } catch {
    return 'the compiled file has no record of its sources';
  }
  for (const [rel, print] of Object.entries(recorded)) {
    if (fingerprint(rel) !== print) return `${rel} changed`;
  }
  return null;
}

function loadEsbuild() {
  try {
    return createRequire(path.join(ROOT, 'package.json'))('esbuild');
  } catch {
    return null;
  }
}

/**
 * Builds a bundle when stale; returns true when it built. Without esbuild it keeps the bundle it
 * has, else throws unless `required` is false. The new bundle is written beside the old one and
 * renamed over it, so a concurrent start never reads half a file.
 */
export function compileIfStale(bundle, { quiet = false, required = true } = {}) {
  const reason = bundleStaleReason(bundle);
  if (reason === null) return false;
  const esbuild = loadEsbuild();
  if (!esbuild) {
    if (fs.existsSync(bundle.file) || !required) return false; // dev tools left out: use the bundle we have
    throw new Error(`${bundle.entry} is not compiled and esbuild (installed with the dev dependencies) is missing: run \`npm install --include=dev\`.`);
  }
  if (!quiet) process.stderr.write(`Compiling ${bundle.entry} (${reason})…\n`);
  fs.mkdirSync(path.dirname(bundle.file), { recursive: true });
  const temporary = `${bundle.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: [bundle.entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    conditions: bundle.conditions,
    outfile: temporary,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = {};
  for (const rel of [...Object.keys(result.metafile.inputs), ...BUILD_FILES].sort()) inputs[rel] = fingerprint(rel);
  fs.renameSync(temporary, bundle.file);
  fs.writeFileSync(inputsFileOf(bundle), `${JSON.stringify(inputs, null, 1)}\n`);
  return true;
}
