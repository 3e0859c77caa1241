// The file each file-check thread loads, as worker-entry.mjs does for jobs: tsx's loader with the
// project's tsconfig, then the TypeScript worker.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname });
const worker = await import('./check-worker.ts');

export default worker.default;
