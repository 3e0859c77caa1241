// The file each worker thread loads: plain JavaScript that registers tsx's loader (with the
// project's tsconfig, for the `@/` paths) and then loads the TypeScript worker. The same file
// serves `next dev`, `next start`, vitest and the tsx scripts: the server's bundle never holds
// the worker, so nothing depends on how Next compiles the app.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname });
const worker = await import('./worker.ts');

export default worker.default;
