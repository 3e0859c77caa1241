// A worker's connection copies the WAL into the database file only when no other job is waiting:
// a burst of jobs (three imports at once) runs back to back, and its last job checkpoints for all.
import { MessageChannel } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '@/db/client';
import runJobInWorker from '@/server/jobs/worker';
import { newLaneState } from '@/server/jobs/lane-state';
import { getJobRow, insertJob } from '@/server/queries/jobs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-checkpoint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('checkpoints of the job workers', () => {
  it('leaves the WAL while other jobs are pending and checkpoints after the last one', async () => {
    const file = path.join(dir, 'jobs.db');
    const db = openDb(file);
    migrateDb(db);
    const client = db.$client;
    client.pragma('wal_checkpoint(TRUNCATE)');
    // 400 KB in the WAL only, as a job's write leaves it.
    client.pragma('wal_autocheckpoint = 0');
    client.exec('create table filler (x text)');
    const insert = client.prepare('insert into filler values (?)');
    client.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run('x'.repeat(2000));
    })();
    const size = () => fs.statSync(file).size;
    const before = size();

    // A job with no starter ends failed at once: a short job whose outcome is committed.
    const run = async (pending: number) => {
      const job = insertJob(db, { kind: 'period.publish', input: { id: 1 }, startedBy: null });
      const { port2 } = new MessageChannel();
      await runJobInWorker({ jobId: job.id, dbFile: file, port: port2, attachment: null, pendingJobs: new Int32Array([pending]), laneState: newLaneState() });
      return getJobRow(db, job.id).status;
    };

    expect(await run(3)).toBe('failed');
    expect(size()).toBe(before);
    expect(await run(1)).toBe('failed');
    expect(size()).toBeGreaterThan(before + 400_000);
    client.close();
  });
});
