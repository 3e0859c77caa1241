// The file each file-check thread loads, as worker-entry.mjs does for jobs: the compiled checker.
import { pathToFileURL } from 'node:url';
import { BUNDLES, compileIfStale } from '../../scripts/lib/bundle.mjs';

compileIfStale(BUNDLES.checkWorker, { quiet: true });
const worker = await import(pathToFileURL(BUNDLES.checkWorker.file).href);

export default worker.default;
