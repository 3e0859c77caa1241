// Types for the TypeScript callers of backup.mjs (tests).
export declare class BackupError extends Error {}
export type SchemaVersion = null | { unknown: number } | { tag: string; applied: number };
export declare function holderFile(databasePath: string): string;
export declare function liveHolder(databasePath: string): number | null;
export declare function knownMigrations(): { tag: string; when: number }[];
export type BackupResult = { file: string; bytes: number; ms: number; version: SchemaVersion; evidence: number; missing: string[] };
export declare function evidenceFolder(databasePath: string): string;
export declare function backupFilesFolder(backupFile: string): string;
export declare function backupDatabase(source: string, destination: string): Promise<BackupResult>;
export declare function restoreDatabase(backup: string, target: string): { file: string; kept: string | null; version: SchemaVersion; evidence: number };
export declare function pruneBackups(dir: string, keep: number): string[];
export declare function scheduledBackupName(date?: Date): string;
export declare function describeBackup(result: BackupResult): string;
