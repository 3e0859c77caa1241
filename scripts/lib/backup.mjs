// Online backup and checked restore of the SQLite database. Plain Node with better-sqlite3 only, so
// the same code serves `npm run db:backup` / `npm run db:restore` and the server's scheduled backups
// (run as a child process, so a large copy never holds up requests).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from './process.mjs';

const JOURNAL = path.join(ROOT, 'db', 'migrations', 'meta', '_journal.json');
const SIDE_FILES = ['-wal', '-shm', '-journal'];

// Evidence files of appeals live beside the database, named by the sha256 of their bytes and never
// changed (server/services/appeals.ts). A backup carries the ones its database names in a folder
// beside it, `<backup>.files`; a restore puts them back before the database.
const EVIDENCE_FOLDER = 'appeal-files';

/** Where the app keeps the evidence files of the database at `databasePath`. */
export function evidenceFolder(databasePath) {
  return path.join(path.dirname(path.resolve(databasePath)), EVIDENCE_FOLDER);
}

/** The folder beside a backup file holding its evidence files. */
export function backupFilesFolder(backupFile) {
  return `${path.resolve(backupFile)}.files`;
}

/** The evidence files a database names (none in a database from before appeals). */
function evidenceNamed(db) {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'appeal_files'").get();
  return has ? db.prepare('SELECT DISTINCT sha256 FROM appeal_files ORDER BY sha256').pluck().all() : [];
}

/** A refusal with a message for the person at the terminal. */
export class BackupError extends Error {
  name = 'BackupError';
}

/** The file a running server keeps beside its database while it holds it (see server/maintenance.ts). */
export function holderFile(databasePath) {
  return `${databasePath}.server`;
}

/** The pid of a live server holding `databasePath`, or null (no holder file, or its process is gone). */
export function liveHolder(databasePath) {
  let pid;
  try {
    pid = Number(JSON.parse(fs.readFileSync(holderFile(databasePath), 'utf8')).pid);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still a holder.
    return error.code === 'EPERM' ? pid : null;
  }
}

/** The migrations this code knows, oldest first: `{ tag, when }`. */
export function knownMigrations() {
  return JSON.parse(fs.readFileSync(JOURNAL, 'utf8')).entries.map((e) => ({ tag: e.tag, when: e.when }));
}

/**
 * The schema version of an open database: the last applied migration's tag, `null` for a database
 * with no migrations table, or `{ unknown }` when it holds a migration this code doesn't know
 * (made by a newer version of the app).
 */
export function schemaVersion(db) {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return null;
  const applied = db.prepare('SELECT created_at AS whenApplied FROM __drizzle_migrations ORDER BY created_at').all();
  const known = new Map(knownMigrations().map((m) => [m.when, m.tag]));
  const unknown = applied.find((a) => !known.has(Number(a.whenApplied)));
  if (unknown) return { unknown: Number(unknown.whenApplied) };
  const last = applied.at(-1);
  return { tag: last ? known.get(Number(last.whenApplied)) : '(none)', applied: applied.length };
}

/** `PRAGMA integrity_check` on an open database: [] when it is sound, else the first problems. */
export function integrityProblems(db) {
  const rows = db.pragma('integrity_check(20)', { simple: false });
  const messages = rows.map((r) => String(Object.values(r)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Copies the live database at `source` to `destination` with SQLite's online backup API. The copy
 * is taken in one step, i.e. inside one read transaction: under WAL that never blocks the server's
 * writers, and the copy is the database as of one moment, never a mix. It is written to a
 * `.partial` file, checked, then renamed, so a cut-off backup never looks complete.
 */
export async function backupDatabase(source, destination) {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source} to back up.`);
  const target = path.resolve(destination);
  if (target === path.resolve(source)) throw new BackupError('The backup file must not be the database itself.');
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`The folder ${path.dirname(target)} does not exist.`);
  const partial = `${target}.partial`;
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(`${partial}${suffix}`, { force: true });
  const started = Date.now();
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  } finally {
    db.close();
  }
  // A self-contained file: no write-ahead log beside it to lose when it is moved or copied.
  const copy = new Database(partial);
  let version;
  let named;
  try {
    copy.pragma('journal_mode = DELETE');
    const problems = integrityProblems(copy);
    if (problems.length > 0) throw new BackupError(`The copy failed its integrity check: ${problems.join('; ')}`);
    version = schemaVersion(copy);
    named = evidenceNamed(copy);
  } catch (error) {
    copy.close();
    for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(`${partial}${suffix}`, { force: true });
    throw error;
  }
  copy.close();
  // The evidence files first, into a folder renamed whole, then the database: a backup cut off on
  // the way leaves no database file without its evidence beside it.
  const files = backupFilesFolder(target);
  const filesPartial = `${files}.partial`;
  fs.rmSync(filesPartial, { recursive: true, force: true });
  const missing = [];
  if (named.length > 0) {
    fs.mkdirSync(filesPartial);
    for (const name of named) {
      const from = path.join(evidenceFolder(source), name);
      if (fs.existsSync(from)) fs.copyFileSync(from, path.join(filesPartial, name), fs.constants.COPYFILE_FICLONE);
      else missing.push(name);
    }
  }
  fs.rmSync(files, { recursive: true, force: true });
  if (named.length > 0) fs.renameSync(filesPartial, files);
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size, ms: Date.now() - started, version, evidence: named.length - missing.length, missing };
}

/**
 * Replaces the database at `target` with the backup at `backup`, after checking the backup
 * (integrity, a County Scorecard schema this code knows) and that no server holds `target`. The
 * replaced database is kept beside it as `<name>.replaced-<time>`.
 */
export function restoreDatabase(backup, target) {
  if (!fs.existsSync(backup)) throw new BackupError(`There is no backup file at ${backup}.`);
  const pid = liveHolder(target);
  if (pid !== null) throw new BackupError(`A server (process ${pid}) is using ${target}. Stop it first, then restore.`);

  let db;
  try {
    db = new Database(backup, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db?.close();
    throw new BackupError(`${backup} is not a readable SQLite database (${error.message}).`);
  }
  let version;
  let named;
  try {
    const problems = integrityProblems(db);
    if (problems.length > 0) throw new BackupError(`${backup} failed its integrity check: ${problems.join('; ')}`);
    version = schemaVersion(db);
    if (version === null) throw new BackupError(`${backup} is not a County Scorecard database (it has no migrations table).`);
    if ('unknown' in version) throw new BackupError(`${backup} was made by a newer version of the app (it has a migration from ${new Date(version.unknown).toISOString()} this version doesn't know). Update the app, then restore.`);
    named = evidenceNamed(db);
  } finally {
    db.close();
  }

  // Every evidence file the backup names must come back with it: from the folder beside the
  // backup, or already in place (files are named by their content, so one there is the same file).
  const files = backupFilesFolder(backup);
  const evidence = evidenceFolder(target);
  const toCopy = named.filter((name) => !fs.existsSync(path.join(evidence, name)));
  const lost = toCopy.filter((name) => !fs.existsSync(path.join(files, name)));
  if (lost.length > 0) {
    throw new BackupError(
      `${lost.length} evidence file(s) of appeals that ${backup} names are neither in ${files} nor in ${evidence} (e.g. ${lost[0]}). Copy the backup's .files folder beside it, then restore.`,
    );
  }
  if (toCopy.length > 0) fs.mkdirSync(evidence, { recursive: true });
  for (const name of toCopy) {
    const restoring = path.join(evidence, `${name}.restoring`);
    fs.copyFileSync(path.join(files, name), restoring);
    fs.renameSync(restoring, path.join(evidence, name));
  }

  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  let kept = null;
  if (fs.existsSync(target)) {
    // Fold any write-ahead log into the file first, so the kept copy is whole on its own.
    const old = new Database(target);
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    kept = `${target}.replaced-${stamp}`;
    fs.renameSync(target, kept);
  }
  for (const suffix of SIDE_FILES) fs.rmSync(`${target}${suffix}`, { force: true });
  const restoring = `${target}.restoring`;
  fs.copyFileSync(backup, restoring);
  fs.renameSync(restoring, target);
  return { file: target, kept, version, evidence: toCopy.length };
}

/** Keeps the newest `keep` backups named `scorecard-*.db` in `dir`; returns the deleted names. */
export function pruneBackups(dir, keep) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^scorecard-\d{8}T\d{6}Z\.db$/.test(f))
    .sort()
    .reverse();
  const removed = files.slice(keep);
  for (const f of removed) {
    fs.rmSync(path.join(dir, f), { force: true });
    fs.rmSync(backupFilesFolder(path.join(dir, f)), { recursive: true, force: true });
  }
  return removed;
}

/** The name a scheduled backup taken at `date` gets. */
export function scheduledBackupName(date = new Date()) {
  return `scorecard-${date.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}Z.db`;
}

export function describeBackup(result) {
  const version = result.version && 'tag' in result.version ? `, schema ${result.version.tag}` : '';
  const evidence = result.evidence > 0 ? `, with ${result.evidence} evidence file(s) in ${backupFilesFolder(result.file)}` : '';
  const missing = result.missing?.length > 0 ? ` Warning: ${result.missing.length} evidence file(s) the database names were missing from the data folder's ${EVIDENCE_FOLDER} (e.g. ${result.missing[0]}), so the backup does not hold them.` : '';
  return `Backed up to ${result.file} (${mb(result.bytes)}${version}${evidence}) in ${(result.ms / 1000).toFixed(1)} s.${missing}`;
}
