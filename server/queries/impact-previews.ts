// The impact preview's stored results (db/schema/impact-previews.ts): written once by the job that
// computes a preview, read a page at a time by every request after it. A preview is keyed by the
// draft, the period and the data mark, the newest audit id of a change to data: every change is
// audited, so an unchanged mark means unchanged inputs. Sign-ins, sign-outs and account changes
// are audited too but feed no preview, so they leave the mark alone.
import 'server-only';
import { and, asc, desc, eq, gte, lt, notInArray, notLike } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { auditLog, impactPreviewRows, impactPreviews } from '@/db/schema';
import type { JsonValue } from '@/core/schemas/json';
import type { PreviewFilter } from '@/core/schemas/method';
import type { ReportProgress } from '@/core/domain/jobs';

/** Previews kept at once (each holds a row per stakeholder of its period); the oldest go first. */
export const PREVIEWS_KEPT = 6;
/** Rows written per statement, and per progress report. */
const BATCH = 2_000;

export function dataMark(db: DbOrTx): number {
  return (
    db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(notLike(auditLog.action, 'session.%'), notLike(auditLog.action, 'user.%')))
      .orderBy(desc(auditLog.id))
      .limit(1)
      .get()?.id ?? 0
  );
}

export type PreviewKey = { versionId: number; periodId: number; dataMark: number };

export function findStoredPreview(db: DbOrTx, key: PreviewKey): { id: number; header: JsonValue } | null {
  return (
    db
      .select({ id: impactPreviews.id, header: impactPreviews.header })
      .from(impactPreviews)
      .where(and(eq(impactPreviews.versionId, key.versionId), eq(impactPreviews.periodId, key.periodId), eq(impactPreviews.dataMark, key.dataMark)))
      .get() ?? null
  );
}

/** A table row with its place overall and within each filter it passes (null elsewhere). */
export type StoredRow = { position: number; at: Record<Exclude<PreviewFilter, 'all'>, number | null>; row: JsonValue };

/**
 * Stores a computed preview in one transaction, replacing the draft's older ones for the period
 * and dropping the oldest beyond PREVIEWS_KEPT. Progress runs from `from` to 1 per batch of rows.
 */
export function storePreview(db: DbOrTx, key: PreviewKey, header: JsonValue, rows: readonly StoredRow[], progress: ReportProgress, from: number): number {
  return db.transaction((tx) => {
    tx.delete(impactPreviews).where(and(eq(impactPreviews.versionId, key.versionId), eq(impactPreviews.periodId, key.periodId))).run();
    const id = tx.insert(impactPreviews).values({ ...key, header }).returning({ id: impactPreviews.id }).get().id;
    for (let start = 0; start < rows.length; start += BATCH) {
      progress(from + ((1 - from) * start) / rows.length, 'saving');
      const batch = rows.slice(start, start + BATCH);
      tx.insert(impactPreviewRows)
        .values(batch.map((r) => ({ previewId: id, position: r.position, unscoredAt: r.at.unscored, gradeAt: r.at.grade, movedAt: r.at.moved, row: r.row })))
        .run();
    }
    const kept = tx.select({ id: impactPreviews.id }).from(impactPreviews).orderBy(desc(impactPreviews.id)).limit(PREVIEWS_KEPT).all().map((p) => p.id);
    tx.delete(impactPreviews).where(notInArray(impactPreviews.id, kept)).run();
    return id;
  }, { behavior: 'immediate' });
}

const PLACE = {
  all: impactPreviewRows.position,
  unscored: impactPreviewRows.unscoredAt,
  grade: impactPreviewRows.gradeAt,
  moved: impactPreviewRows.movedAt,
} as const;

/** Rows `offset` … `offset + limit - 1` of the filtered table, in its order: one index range. */
export function storedRows(db: DbOrTx, previewId: number, filter: PreviewFilter, offset: number, limit: number): JsonValue[] {
  const place = PLACE[filter];
  return db
    .select({ row: impactPreviewRows.row })
    .from(impactPreviewRows)
    .where(and(eq(impactPreviewRows.previewId, previewId), gte(place, offset), lt(place, offset + limit)))
    .orderBy(asc(place))
    .all()
    .map((r) => r.row);
}
