// The dry runs of the file imports, named by the import they check. Apart from the job handlers
// so the file-check thread loads only what checking needs (no publish, no PDF printing).
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { checkImport, type ImportInput } from '@/server/services/imports';
import { checkRegistryImport, type RegistryFileInput } from '@/server/services/stakeholder-registry';

/** They only read, so they run in their own small pool (file-checks.ts) and answer the request, not a jobs row. */
export const FILE_CHECKS = {
  'evaluations.import': (db: Db, me: SessionUser, input: ImportInput) => checkImport(db, me, input),
  'stakeholders.import': (db: Db, me: SessionUser, input: RegistryFileInput) => checkRegistryImport(db, me, input),
} as const;

export type FileCheckKind = keyof typeof FILE_CHECKS;
export type FileCheckInputOf<K extends FileCheckKind> = Parameters<(typeof FILE_CHECKS)[K]>[2];
export type FileCheckReportOf<K extends FileCheckKind> = Awaited<ReturnType<(typeof FILE_CHECKS)[K]>>;
