#!/usr/bin/env node
// `npm run cli -- …`: compiles the CLI when its sources changed since the last build (see
// lib/bundle.mjs), then runs the compiled JavaScript in this same process. package.json starts
// node with a 1 MB young generation: the CLI's short-lived garbage is small, and the default
// (16 MB semi-spaces) only adds resident memory — about 25 MB on a 100,000-row file.
import { pathToFileURL } from 'node:url';
import { BUNDLES, compileIfStale } from './lib/bundle.mjs';

try {
  compileIfStale(BUNDLES.cli);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
}
await import(pathToFileURL(BUNDLES.cli.file).href);
