// How the server process is started, the same for `npm start`, the browser tests and the
// benchmark: settings read once when the process starts (by glibc and V8), so they can only be
// given by whoever spawns it. See docs/scale.md (Memory).

/** JOB_WORKER_HEAP_MB's default, as in server/env.ts (a test keeps the two equal). */
const DEFAULT_HEAP_MB = 512;

/**
 * Node flags of the server process: V8's --max-old-space-size caps every isolate in the process,
 * and overrides a job worker's own ceiling, so it is given JOB_WORKER_HEAP_MB's value: the request
 * thread gets the same ceiling as each worker. Without it V8 sizes the request thread's heap from
 * the machine's memory and lets it grow under load to far more than the requests keep alive.
 */
export function serverNodeArgs(env = process.env) {
  const mb = Number(env.JOB_WORKER_HEAP_MB);
  return [`--max-old-space-size=${Number.isInteger(mb) && mb > 0 ? mb : DEFAULT_HEAP_MB}`];
}

/**
 * The server's environment. glibc gives each thread that allocates at once an arena of its own
 * (up to 8 per core) and keeps what is freed there: with the request thread, libuv's pool and the
 * job workers that alone held hundreds of MB. Two arenas cost no measurable speed. A value already
 * set (an operator's choice) is kept.
 */
export function serverEnv(env) {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
