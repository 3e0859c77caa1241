// The import itself: checks the file again and writes only when there is no problem at all, in
// one transaction — all or nothing. New evaluations are created, drafts and returned ones updated
// (values only; notes and evidence links stay), as drafts or submitted. Each evaluation gets an
// audit row, the import one more.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { ValidationError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import { withWriteCache } from '@/server/queries/write-cache';
import type { IndicatorDef } from '@/core/domain/evaluation-values';
import type { ImportReport } from '@/core/domain/imports';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { planImport, type ImportInput, type PlannedRow } from './plan';

export async function runImport(
  db: Db,
  me: SessionUser,
  input: ImportInput,
  progress: ReportProgress = noProgress,
): Promise<{ imported: boolean; report: ImportReport; evaluationIds: number[] }> {
  progress(0.05, 'checking');
  const { report, planned, defs } = await planImport(db, me, input);
  if (!report.ok || !report.kpiSet || !report.period) return { imported: false, report, evaluationIds: [] };
  progress(0.5, 'saving');
  const target = { periodId: report.period.id, versionId: report.kpiSet.versionId, status: input.mode, actorId: me.id, now: Date.now() };
  const evaluationIds = withWriteCache(db, () => db.transaction(() => {
    const write = rowWriter(db, defs, target);
    const ids = planned.map(write);
    writeAudit(db, {
      actorId: me.id,
      action: 'import.run',
      entity: 'import',
      entityId: null,
      after: { kpiSet: report.kpiSet, period: report.period?.code, mode: input.mode, fileName: input.fileName ?? null, format: report.format, encoding: report.encoding, created: report.creates, updated: report.updates },
    });
    return ids;
  }));
  return { imported: true, report, evaluationIds };
}

type WriteTarget = { periodId: number; versionId: number; status: 'draft' | 'submitted'; actorId: string; now: number };

/**
 * Writes one planned row and returns its evaluation's id. Prepared statements on the transaction's
 * connection: this is the hot path of a 10,000-row import. A row changed or started by someone
 * since the check aborts the whole import (the transaction rolls back).
 */
function rowWriter(db: Db, defs: readonly IndicatorDef[], t: WriteTarget): (p: PlannedRow) => number {
  const client = db.$client;
  const insertEvaluation = client.prepare<unknown[], { id: number }>(
    `insert into evaluations (stakeholder_id, period_id, kpi_set_version_id, status, revision, created_by, submitted_by, submitted_at, created_at, updated_at)
     values (?, ?, ?, ?, 1, ?, ?, ?, ?, ?) returning id`,
  );
  const updateEvaluation = client.prepare(
    `update evaluations set status = ?, revision = revision + 1, submitted_by = ?, submitted_at = ?, return_reason = case when ? = 'submitted' then null else return_reason end, updated_at = ?
     where id = ? and revision = ? and status in ('draft', 'returned')`,
  );
  const upsertValue = client.prepare(
    `insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?)
     on conflict (evaluation_id, indicator_id) do update set value = excluded.value`,
  );
  // A new evaluation's values in one multi-row statement: one call instead of one per indicator.
  const insertValues = client.prepare(`insert into evaluation_values (evaluation_id, indicator_id, value) values ${defs.map(() => '(?, ?, ?)').join(', ')}`);
  const params: (number | null)[] = new Array<number | null>(defs.length * 3);
  const insertAudit = client.prepare(
    `insert into audit_log (at, actor_id, action, entity, entity_id, before, after, reason) values (?, ?, 'evaluation.import', 'evaluation', ?, ?, ?, null)`,
  );
  const submittedBy = t.status === 'submitted' ? t.actorId : null;
  const submittedAt = t.status === 'submitted' ? t.now : null;
  const stale = (p: PlannedRow, what: string) =>
    new ValidationError(`The evaluation of ${p.stakeholderCode} ${what} while importing; nothing was imported. Check the file again.`, {}, 'import_stale');

  return (p) => {
    const values: Record<string, number | null> = {};
    let id: number;
    if (p.existing) {
      const changed = updateEvaluation.run(t.status, submittedBy, submittedAt, t.status, t.now, p.existing.id, p.existing.revision).changes;
      if (changed !== 1) throw stale(p, 'changed');
      id = p.existing.id;
      defs.forEach((d, j) => {
        const v = p.values[j] ?? null;
        if (v === null) return; // an empty cell leaves a stored value alone
        upsertValue.run(id, d.id, v);
        values[d.code] = v;
      });
    } else {
      try {
        id = insertEvaluation.get(p.stakeholderId, t.periodId, t.versionId, t.status, t.actorId, submittedBy, submittedAt, t.now, t.now)!.id;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw stale(p, 'was started');
        throw error;
      }
      defs.forEach((d, j) => {
        const v = p.values[j] ?? null;
        params[3 * j] = id;
        params[3 * j + 1] = d.id;
        params[3 * j + 2] = v;
        values[d.code] = v;
      });
      insertValues.run(params);
    }
    const before = p.existing ? { status: p.existing.status, revision: p.existing.revision } : null;
    insertAudit.run(t.now, t.actorId, String(id), JSON.stringify(before), JSON.stringify({ status: t.status, row: p.row, values }));
    return id;
  };
}
