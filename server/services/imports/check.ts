// The dry run of a bulk import: reads and checks everything, writes nothing.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { importableKpiSets } from '@/server/queries/imports';
import type { ImportReport } from '@/core/domain/imports';
import { labelOf } from '@/core/i18n/label';
import { planImport, type ImportInput } from './plan';

export async function checkImport(db: Db, me: SessionUser, input: ImportInput): Promise<ImportReport> {
  return (await planImport(db, me, input)).report;
}

/** KPI sets a file can be imported for, with the open period and the version in effect. */
export function importOptions(db: Db) {
  const { period, kpiSets } = importableKpiSets(db);
  return {
    period,
    kpiSets: kpiSets.map(({ set, versionId }) => ({ code: set.code, name: labelOf(set), stakeholderType: set.stakeholderType, versionId })),
  };
}
