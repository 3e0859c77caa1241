// How launchers start the server process (scripts/lib/server-process.mjs): what the started
// process really gets, read back from inside it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { env } from '@/server/env';
import { serverEnv, serverNodeArgs } from '../../../scripts/lib/server-process.mjs';

/** Runs `code` in a node process started as the launchers start the server; its stdout. */
function inServerProcess(vars: NodeJS.ProcessEnv, code: string): string {
  const child = spawnSync(process.execPath, [...serverNodeArgs(vars), '-e', code], { env: serverEnv(vars), encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return child.stdout.trim();
}

const heapLimitMb = "console.log(Math.round(require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20))";
const { MALLOC_ARENA_MAX: _arenas, JOB_WORKER_HEAP_MB: _heap, ...plain } = process.env;

describe('server process', () => {
  it('limits glibc to two malloc arenas unless the operator chose a number', () => {
    expect(inServerProcess(plain, 'console.log(process.env.MALLOC_ARENA_MAX)')).toBe('2');
    expect(inServerProcess({ ...plain, MALLOC_ARENA_MAX: '4' }, 'console.log(process.env.MALLOC_ARENA_MAX)')).toBe('4');
  });

  it("caps the request thread's heap at the job workers' ceiling", () => {
    // The old generation's ceiling plus the young generation's few MB.
    const limit = Number(inServerProcess({ ...plain, JOB_WORKER_HEAP_MB: '300' }, heapLimitMb));
    expect(limit).toBeGreaterThanOrEqual(300);
    expect(limit).toBeLessThan(400);
  });

  it('uses the same default as the app when JOB_WORKER_HEAP_MB is not set', () => {
    if (process.env.JOB_WORKER_HEAP_MB === undefined) expect(serverNodeArgs(plain)).toEqual([`--max-old-space-size=${env.JOB_WORKER_HEAP_MB}`]);
    expect(serverNodeArgs({ ...plain, JOB_WORKER_HEAP_MB: 'lots' })).toEqual(serverNodeArgs(plain));
  });
});
