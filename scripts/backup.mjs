#!/usr/bin/env node
// `npm run db:backup -- <file>` and `npm run db:restore -- <file>` on DATABASE_PATH (default
// data/scorecard.db, as the app). `scheduled` is what the server runs every BACKUP_INTERVAL_HOURS
// when BACKUP_DIR is set: a backup into BACKUP_DIR, keeping the newest BACKUP_KEEP.
import fs from 'node:fs';
import path from 'node:path';
import { BackupError, backupDatabase, describeBackup, pruneBackups, restoreDatabase, scheduledBackupName } from './lib/backup.mjs';

const USAGE = `Usage:
  npm run db:backup -- <file>     copy the database, even while the app serves it
  npm run db:restore -- <file>    replace the database with a backup (the app must be stopped;
                                  the replaced file is kept beside it as <name>.replaced-<time>)
Database: DATABASE_PATH (now ${databasePath()}).`;

function databasePath() {
  return path.resolve(process.env.DATABASE_PATH || 'data/scorecard.db');
}

async function main([command, file, ...rest]) {
  if (command === 'scheduled') return scheduled();
  if (!['backup', 'restore'].includes(command ?? '') || !file || rest.length > 0) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const database = databasePath();
  if (command === 'backup') {
    console.log(describeBackup(await backupDatabase(database, file)));
    return;
  }
  const result = restoreDatabase(path.resolve(file), database);
  const version = result.version && 'tag' in result.version ? ` (schema ${result.version.tag}; the app applies newer migrations when it starts)` : '';
  const evidence = result.evidence > 0 ? ` and ${result.evidence} evidence file(s) of appeals` : '';
  console.log(`Restored ${result.file}${evidence} from ${path.resolve(file)}${version}.`);
  if (result.kept) console.log(`The database it replaced is kept as ${result.kept}.`);
}

async function scheduled() {
  const dir = process.env.BACKUP_DIR;
  const keep = Number(process.env.BACKUP_KEEP || 7);
  if (!dir) throw new BackupError('BACKUP_DIR is not set.');
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError(`BACKUP_KEEP must be a whole number of at least 1, not "${process.env.BACKUP_KEEP}".`);
  fs.mkdirSync(dir, { recursive: true });
  console.log(describeBackup(await backupDatabase(databasePath(), path.join(dir, scheduledBackupName()))));
  const removed = pruneBackups(dir, keep);
  if (removed.length > 0) console.log(`Removed older backups: ${removed.join(', ')}.`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof BackupError ? error.message : `Backup failed: ${error?.stack ?? error}`);
  process.exit(1);
});
