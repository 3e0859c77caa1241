// Online backup and checked restore (scripts/lib/backup.mjs, the code behind `npm run db:backup`
// and `npm run db:restore`): a backup taken while another process keeps writing is one consistent
// moment of the database; a restore checks the backup, refuses while a server holds the database
// and keeps the file it replaces.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb } from '@/db/client';
import { backupDatabase, backupFilesFolder, describeBackup, evidenceFolder, holderFile, knownMigrations, pruneBackups, restoreDatabase, scheduledBackupName } from '../../scripts/lib/backup.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A migrated app database with a probe table: every write adds a row and bumps a counter in one transaction. */
function liveDatabase(name: string): string {
  const file = path.join(dir, name);
  const db = openDb(file);
  migrateDb(db);
  db.$client.exec(`
    CREATE TABLE probe (n INTEGER PRIMARY KEY, pad BLOB NOT NULL);
    CREATE TABLE probe_total (total INTEGER NOT NULL);
    INSERT INTO probe_total VALUES (0);`);
  // Some bulk, so the copy takes long enough for the writer to act during it.
  const pad = db.$client.prepare('INSERT INTO probe (pad) VALUES (randomblob(4096))');
  db.$client.transaction(() => {
    for (let i = 0; i < 8_000; i++) pad.run();
    db.$client.prepare('UPDATE probe_total SET total = 8000').run();
  })();
  db.$client.close();
  return file;
}

/** Another process writing to `file` in small transactions until killed; resolves once it has written. */
function startWriter(file: string): Promise<{ stop: () => Promise<number> }> {
  const code = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
    const add = db.prepare('INSERT INTO probe (pad) VALUES (randomblob(512))');
    const bump = db.prepare('UPDATE probe_total SET total = total + 1');
    const write = db.transaction(() => { add.run(); bump.run(); });
    let written = 0;
    process.on('SIGTERM', () => { process.stdout.write('done ' + written + '\\n'); process.exit(0); });
    (function loop() { write(); written++; if (written === 50) process.stdout.write('started\\n'); setImmediate(loop); })();`;
  const child = spawn(process.execPath, ['-e', code, file], { cwd: path.resolve('.'), stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('started')) {
        resolve({
          stop: () =>
            new Promise((done) => {
              child.stdout.on('data', () => undefined);
              child.on('exit', () => done(Number(/done (\d+)/.exec(out)?.[1] ?? -1)));
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

function counts(file: string): { rows: number; total: number; integrity: string } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      rows: (db.prepare('SELECT count(*) AS c FROM probe').get() as { c: number }).c,
      total: (db.prepare('SELECT total FROM probe_total').get() as { total: number }).total,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('backup while another process writes', () => {
  it('copies one consistent moment, passes integrity_check and leaves no side files', async () => {
    const live = liveDatabase('live.db');
    const writer = await startWriter(live);
    const before = counts(live).rows;
    const result = await backupDatabase(live, path.join(dir, 'copy.db'));
    const written = await writer.stop();

    const copy = counts(result.file);
    expect(copy.integrity).toBe('ok');
    // Every write pairs a row with a counter bump: a torn copy would break the equality.
    expect(copy.rows).toBe(copy.total);
    expect(copy.rows).toBeGreaterThanOrEqual(before);
    // The writer went on after the copy's moment, and none of its writes was lost to the backup.
    expect(counts(live).rows).toBe(8000 + written);
    expect(copy.rows).toBeLessThan(8000 + written);
    expect(result.version).toEqual({ tag: knownMigrations().at(-1)!.tag, applied: knownMigrations().length });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('copy.db'))).toEqual(['copy.db']);
  });

  it('refuses to write over the database itself or into a missing folder', async () => {
    const live = liveDatabase('self.db');
    await expect(backupDatabase(live, live)).rejects.toThrow('must not be the database itself');
    await expect(backupDatabase(live, path.join(dir, 'no-such-folder', 'x.db'))).rejects.toThrow('does not exist');
    await expect(backupDatabase(path.join(dir, 'missing.db'), path.join(dir, 'x.db'))).rejects.toThrow('no database');
  });
});

describe('restore', () => {
  it('replaces the database, keeps the replaced file, and the restored copy migrates and opens', async () => {
    const live = liveDatabase('target.db');
    const backup = (await backupDatabase(live, path.join(dir, 'target-backup.db'))).file;
    // A change after the backup, which the restore must undo (and the kept file must hold).
    const db = new Database(live);
    db.prepare('UPDATE probe_total SET total = -1').run();
    db.close();

    const result = restoreDatabase(backup, live);
    expect(counts(live).total).toBe(8000);
    expect(result.kept).not.toBeNull();
    expect(counts(result.kept!).total).toBe(-1);
    const reopened = openDb(live);
    migrateDb(reopened);
    expect(reopened.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.$client.close();
  });

  it("carries the appeals' evidence files beside the backup and puts them back; a restore without them is refused", async () => {
    // Its own folder: evidence files live beside the database.
    const home = fs.mkdtempSync(path.join(dir, 'evidence-'));
    const live = path.join(home, 'live.db');
    const db = openDb(live);
    migrateDb(db);
    // Rows as a filing writes them (foreign keys aside: only the names matter to a backup).
    const names = ['a'.repeat(64), 'b'.repeat(64)];
    db.$client.pragma('foreign_keys = OFF');
    names.forEach((sha, i) =>
      db.$client.prepare("INSERT INTO appeal_files (appeal_item_id, file_name, content_type, size, sha256, uploaded_by) VALUES (?, ?, 'application/pdf', 5, ?, 'u')").run(i + 1, `e${i}.pdf`, sha),
    );
    db.$client.close();
    fs.mkdirSync(evidenceFolder(live));
    for (const sha of names) fs.writeFileSync(path.join(evidenceFolder(live), sha), `%PDF-${sha[0]}`);
    // A file no row names (an upload never filed) stays out of the backup.
    fs.writeFileSync(path.join(evidenceFolder(live), 'c'.repeat(64)), '%PDF-c');

    const result = await backupDatabase(live, path.join(home, 'backup.db'));
    expect(result).toMatchObject({ evidence: 2, missing: [] });
    expect(fs.readdirSync(backupFilesFolder(result.file)).sort()).toEqual(names);
    expect(describeBackup(result)).toContain('2 evidence file(s)');

    // The data folder lost its evidence: the restore brings it back with the database.
    fs.rmSync(evidenceFolder(live), { recursive: true });
    const restored = restoreDatabase(result.file, live);
    expect(restored.evidence).toBe(2);
    expect(fs.readFileSync(path.join(evidenceFolder(live), names[1]!), 'utf8')).toBe('%PDF-b');

    // A backup moved without its folder, onto a machine without the files: refused, nothing replaced.
    const bare = path.join(home, 'bare.db');
    fs.copyFileSync(result.file, bare);
    fs.rmSync(evidenceFolder(live), { recursive: true });
    const before = fs.statSync(live).mtimeMs;
    expect(() => restoreDatabase(bare, live)).toThrow(/2 evidence file\(s\) of appeals .* Copy the backup's \.files folder beside it/);
    expect(fs.statSync(live).mtimeMs).toBe(before);
    expect(fs.existsSync(evidenceFolder(live))).toBe(false);
  });

  it('refuses while a live server holds the database, and ignores a stale holder file', async () => {
    const live = liveDatabase('held.db');
    const backup = (await backupDatabase(live, path.join(dir, 'held-backup.db'))).file;
    fs.writeFileSync(holderFile(live), JSON.stringify({ pid: process.pid }));
    expect(() => restoreDatabase(backup, live)).toThrow(`A server (process ${process.pid}) is using`);
    // A holder whose process is gone (a server killed with -9) does not block.
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    fs.writeFileSync(holderFile(live), JSON.stringify({ pid: gone.pid }));
    expect(restoreDatabase(backup, live).file).toBe(live);
  });

  it('refuses a damaged file, a foreign database and one from a newer version', () => {
    const target = liveDatabase('guarded.db');
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'not a database at all'.repeat(100));
    expect(() => restoreDatabase(junk, target)).toThrow('not a readable SQLite database');

    const foreign = path.join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE t (x)').close();
    expect(() => restoreDatabase(foreign, target)).toThrow('not a County Scorecard database');

    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(target, newer);
    new Database(newer).prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 ** 12);
    expect(() => restoreDatabase(newer, target)).toThrow('made by a newer version of the app');

    // Nothing was touched by the refusals.
    expect(counts(target).total).toBe(8000);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('guarded.db.replaced-'))).toBe(false);
  });
});

describe('scheduled backups', () => {
  it('keeps the newest BACKUP_KEEP files and nothing else is removed', () => {
    const folder = fs.mkdtempSync(path.join(dir, 'scheduled-'));
    const names = [0, 1, 2, 3, 4].map((d) => scheduledBackupName(new Date(Date.UTC(2026, 0, 1 + d, 3))));
    for (const name of [...names, 'notes.txt']) fs.writeFileSync(path.join(folder, name), '');
    // Each backup's evidence folder goes with it.
    for (const name of names) fs.mkdirSync(backupFilesFolder(path.join(folder, name)));
    expect(pruneBackups(folder, 2).sort()).toEqual(names.slice(0, 3).sort());
    expect(fs.readdirSync(folder).sort()).toEqual([...names.slice(3), ...names.slice(3).map((n) => `${n}.files`), 'notes.txt'].sort());
  });
});
