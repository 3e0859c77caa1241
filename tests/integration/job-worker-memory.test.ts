// A job worker that reaches its heap ceiling (JOB_WORKER_HEAP_MB) dies; the job must then say so,
// with the ceiling, rather than a bare engine message the reader cannot act on, and what it was
// writing must be gone with it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Piscina } from 'piscina';
import { env } from '@/server/env';
import { taskGate, workerErrorOf } from '@/server/jobs/runner';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-heap-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a job worker out of heap', () => {
  it('fails the job as outOfMemory with the ceiling to raise', async () => {
    const file = path.join(dir, 'hungry.mjs');
    fs.writeFileSync(file, 'export default () => { const kept = []; for (;;) kept.push(new Array(100_000).fill(1)); };\n');
    const pool = new Piscina({ filename: file, maxThreads: 1, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const error = await pool.run(null).then(
      () => null,
      (e: unknown) => e,
    );
    await pool.destroy();
    expect(workerErrorOf(error)).toEqual({ code: 'outOfMemory', params: { limitMb: env.JOB_WORKER_HEAP_MB } });
  });

  it('lets the jobs queued behind it run (the pool starts a new worker for them)', async () => {
    const hungry = path.join(dir, 'hungry-next.mjs');
    fs.writeFileSync(hungry, 'export default (n) => { if (n === 0) { const kept = []; for (;;) kept.push(new Array(100_000).fill(1)); } return n * 2; };\n');
    // As the job pool is configured: no thread kept when idle, one at a time.
    const pool = new Piscina({ filename: hungry, minThreads: 0, maxThreads: 1, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const gated = taskGate(1);
    const outcomes = await Promise.allSettled([0, 1, 2].map((n) => gated(() => pool.run(n) as Promise<number>)));
    await pool.destroy();
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : workerErrorOf(o.reason).code))).toEqual(['outOfMemory', 2, 4]);
  });

  it('leaves nothing of its write transaction, and the database writable', async () => {
    const file = path.join(dir, 'writes.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 2000');
    db.exec('create table t (x integer)');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(
      `const Database = require(${JSON.stringify(driver)});
       const db = new Database(${JSON.stringify(file)});
       db.exec('begin immediate');
       db.prepare('insert into t values (1)').run();
       const kept = [];
       for (;;) kept.push(new Array(100000).fill(1));`,
      { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32 } },
    );
    const error = await new Promise((resolve) => worker.on('error', resolve));
    expect(workerErrorOf(error).code).toBe('outOfMemory');
    db.prepare('insert into t values (2)').run(); // the worker's lock went with it
    expect(db.prepare('select x from t').all()).toEqual([{ x: 2 }]);
    db.close();
  });

  it('keeps any other failure as thrown', () => {
    expect(workerErrorOf(new Error('disk full'))).toEqual({ code: 'failed', params: { message: 'disk full' } });
  });
});
