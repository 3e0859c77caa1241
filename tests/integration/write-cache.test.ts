// A long write may leave copying its pages from the WAL into the database file to the
// connection's next commit (an import's job then says "succeeded" before that copy, not after).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/db/client';
import { withCheckpointLater } from '@/server/queries/write-cache';

describe('withCheckpointLater', () => {
  let dir = '';
  let db: Db | null = null;
  afterEach(() => {
    db?.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits without a checkpoint, leaves it to the next commit and restores the setting, also after a failure', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-cache-'));
    const file = path.join(dir, 'test.db');
    db = openDb(file);
    const client = db.$client;
    // A checkpoint at every commit that leaves two pages or more in the WAL.
    client.pragma('wal_autocheckpoint = 2');
    client.exec('create table t (x text)');
    const insert = client.prepare('insert into t values (?)');
    const size = () => fs.statSync(file).size;
    const before = size();

    withCheckpointLater(db, () => client.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run('x'.repeat(2000));
    })());
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(2);
    expect(size()).toBe(before); // the 200 KB are in the WAL only

    insert.run('y');
    expect(size()).toBeGreaterThan(before + 200_000);

    expect(() => withCheckpointLater(db!, () => { throw new Error('refused'); })).toThrow('refused');
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(2);
  });
});
