// The audit log as administrators read it: a page at a time by key, newest first, filtered by entity,
// action and actor, with the values the filters offer.
import 'server-only';
import type { Db } from '@/db';
import type { AuditListParams } from '@/core/schemas/lists';
import { auditPage, auditVocabulary } from '@/server/queries/audit';

/** One page by key: its rows, the cursors either side, the total and where the page starts. */
export function listAudit(db: Db, params: AuditListParams) {
  return { ...auditPage(db, params), pageSize: params.pageSize, ...auditVocabulary(db) };
}
