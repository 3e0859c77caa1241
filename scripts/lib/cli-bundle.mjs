// The CLI as one compiled JavaScript file (dist/cli/main.mjs), so `npm run cli` starts node on
// plain JavaScript instead of compiling TypeScript at every call. Rebuilt by esbuild (installed
// with tsx) only when one of the files it was built from changed: the build records each input's
// size and modification time, and checking them is a few stat calls.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './process.mjs';

export const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli', 'main.mjs');
const INPUTS_FILE = path.join(ROOT, 'dist', 'cli', 'inputs.json');
const ENTRY = 'cli/main.ts';
/** What the bundle was built with, beside its sources: a change here rebuilds too. */
const BUILD_FILES = ['scripts/lib/cli-bundle.mjs', 'tsconfig.json', 'package-lock.json'];

function fingerprint(rel) {
  try {
    const stat = fs.statSync(path.join(ROOT, rel));
    return `${stat.size}:${Math.trunc(stat.mtimeMs)}`;
  } catch {
    return 'missing';
  }
}

/** Why the bundle must be (re)built, or null when it is current. */
export function cliBundleStaleReason() {
  if (!fs.existsSync(CLI_BUNDLE)) return 'there is no compiled CLI yet';
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(INPUTS_FILE, 'utf8'));
  } catch {
    return 'the compiled CLI has no record of its sources';
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
 * Builds dist/cli/main.mjs when stale; returns true when it built. Without esbuild it keeps the
 * bundle it has, else throws unless `required` is false. npm packages stay external
 * (node loads them from node_modules), so the bundle holds only the project's own code. The new
 * bundle is written beside the old one and renamed over it, so a concurrent run never reads half
 * a file.
 */
export function buildCliIfStale({ quiet = false, required = true } = {}) {
  const reason = cliBundleStaleReason();
  if (reason === null) return false;
  const esbuild = loadEsbuild();
  if (!esbuild) {
    if (fs.existsSync(CLI_BUNDLE) || !required) return false; // dev tools left out: use the bundle we have
    throw new Error('The CLI is not compiled and esbuild (installed with the dev dependencies) is missing: run `npm install --include=dev`.');
  }
  if (!quiet) process.stderr.write(`Compiling the CLI (${reason})…\n`);
  const temporary = `${CLI_BUNDLE}.${process.pid}.tmp`;
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: temporary,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = {};
  for (const rel of [...Object.keys(result.metafile.inputs), ...BUILD_FILES].sort()) inputs[rel] = fingerprint(rel);
  fs.renameSync(temporary, CLI_BUNDLE);
  fs.writeFileSync(INPUTS_FILE, `${JSON.stringify(inputs, null, 1)}\n`);
  return true;
}
