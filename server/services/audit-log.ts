// The audit log as administrators read it: a page at a time, newest first, filtered by entity,
// action and actor, with the values the filters offer.
import 'server-only';
import type { Db } from '@/db';
import { pagedResult } from '@/core/schemas/list-params';
import type { AuditListParams } from '@/core/schemas/lists';
import { auditPage, auditVocabulary } from '@/server/queries/audit';

export function listAudit(db: Db, params: AuditListParams) {
  const { items, total } = auditPage(db, params);
  return { ...pagedResult(items, total, params), ...auditVocabulary(db) };
}
