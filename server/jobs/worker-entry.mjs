// The file each job thread loads: the compiled worker (dist/jobs/worker.mjs), built first when a
// source changed (scripts/lib/bundle.mjs), so a thread starts on plain JavaScript in about a tenth
// of the second tsx took to compile the TypeScript. The same file serves `next start`, `next dev`,
// vitest and the tsx scripts: the server's bundle never holds the worker, so nothing depends on how
// Next compiles the app.
import { pathToFileURL } from 'node:url';
import { BUNDLES, compileIfStale } from '../../scripts/lib/bundle.mjs';

compileIfStale(BUNDLES.worker, { quiet: true });
const worker = await import(pathToFileURL(BUNDLES.worker.file).href);

export default worker.default;
