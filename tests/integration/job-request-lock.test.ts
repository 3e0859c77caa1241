// Queuing a job reads (is one queued already?) and then inserts. On a database file another
// connection, such as a worker finishing its write, may commit in between: a deferred transaction
// then fails at once (SQLite's busy timeout does not apply to a stale read snapshot), which broke
// approvals while a provisional recompute ran. The request takes the write lock first instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { migrateDb, openDb } from '@/db/client';
import { requestProvisionalScores } from '@/server/jobs/provisional';
import { closeJobPool, settleJobs } from '@/server/jobs/runner';
import { makeUser } from './helpers';

// Runs the test's hook between the request's read and its insert.
const hook = vi.hoisted(() => ({ between: null as null | (() => void) }));
vi.mock('@/server/queries/jobs', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/server/queries/jobs')>();
  return {
    ...real,
    unfinishedJobsMatching: (...args: Parameters<typeof real.unfinishedJobsMatching>) => {
      const out = real.unfinishedJobsMatching(...args);
      const h = hook.between;
      hook.between = null;
      h?.();
      return out;
    },
  };
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-job-lock-'));
afterAll(async () => {
  await closeJobPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('queuing a job beside another connection', () => {
  it('holds the write lock from its read to its insert', async () => {
    const file = path.join(dir, 'lock.db');
    const db = openDb(file);
    migrateDb(db);
    const admin = makeUser(db, 'admin');
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    let otherWrite = 'not tried';
    hook.between = () => {
      try {
        other.prepare("insert into audit_log (at, actor_id, action, entity, entity_id, before, after, reason) values (0, null, 'test.write', 'test', null, null, null, null)").run();
        otherWrite = 'committed';
      } catch (error) {
        otherWrite = (error as { code?: string }).code ?? String(error);
      }
    };
    // No such period: the job itself will fail; what is under test is queuing it.
    expect(() => requestProvisionalScores(db, [{ periodId: 999, versionId: 999 }], admin.id)).not.toThrow();
    expect(otherWrite).toBe('SQLITE_BUSY');
    await settleJobs();
    other.close();
    db.$client.close();
  });
});
