// Each paged list's sort keys and filter keys, without their schemas (lists.ts builds those from
// these): what the list components need to link to a view, so their pages don't download zod.
import { listShape, omitKeys } from './list-query';

export const stakeholderListShape = listShape(['code', 'name', 'updatedAt'], ['search', 'type', 'regionId', 'includeInactive']);

export const userListShape = listShape(['role', 'username', 'name', 'createdAt'], ['search', 'role']);

export const workListShape = listShape(['code', 'name', 'status', 'updatedAt'], ['periodId', 'search', 'status', 'type', 'regionId', 'view']);

export const DETERMINATION_OUTCOMES = ['awarded', 'notAwarded', 'ruleFailed', 'notScored', 'overridden'] as const;
export const determinationListShape = listShape(['code', 'name', 'composite', 'amount'], ['runId', 'search', 'outcome', 'countyCode']);
/** A run's page has the run in its path: its links carry only the list's own parameters. */
export const runPageListShape = omitKeys(determinationListShape, ['runId']);

// The audit log pages by key, newest first (`before`/`after` instead of a page number; lists.ts):
// its schema is built from the first shape, then drops the page and the sort.
export const auditListBaseShape = listShape(['at'], ['entity', 'action', 'actor', 'entityId', 'from', 'to', 'before', 'after'], { dir: 'desc' });
export const auditListShape = omitKeys(auditListBaseShape, ['page', 'sort', 'dir']);
