// The import itself: checks the file again and writes only when there is no problem at all, in
// one transaction — all or nothing. New evaluations are created, drafts and returned ones updated
// (values, and the notes and evidence links the file gives; empty cells leave what is stored), as
// drafts or submitted. Each evaluation gets an audit row, the import one more.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { ValidationError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import { withCheckpointLater, withWriteCache } from '@/server/queries/write-cache';
import type { IndicatorDef } from '@/core/domain/evaluation-values';
import type { ImportReport } from '@/core/domain/imports';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { planImport, type ImportInput, type PlannedRow } from './plan';
import { writeImportTexts } from './write-texts';

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
  const evaluationIds = withCheckpointLater(db, () => withWriteCache(db, () => db.transaction(() => {
    const ids = writeRows(db, defs, target, planned);
    writeImportTexts(db, defs, planned, ids);
    writeAudit(db, {
      actorId: me.id,
      action: 'import.run',
      entity: 'import',
      entityId: null,
      after: { kpiSet: report.kpiSet, period: report.period?.code, mode: input.mode, fileName: input.fileName ?? null, format: report.format, encoding: report.encoding, created: report.creates, updated: report.updates },
    });
    return ids;
  })));
  return { imported: true, report, evaluationIds };
}

type WriteTarget = { periodId: number; versionId: number; status: 'draft' | 'submitted'; actorId: string; now: number };

/** Rows per statement for new evaluations, their values and audit rows: one call for many rows. */
const ROWS_PER_STATEMENT = 256;

/**
 * Writes the planned rows and returns their evaluations' ids, in the rows' order. Prepared
 * statements on the transaction's connection, many rows per statement: this is the hot path of a
 * 100,000-row import. A row changed or started by someone since the check aborts the whole import
 * (the transaction rolls back).
 */
function writeRows(db: Db, defs: readonly IndicatorDef[], t: WriteTarget, planned: readonly PlannedRow[]): number[] {
  const client = db.$client;
  const rowsOf = (n: number, row: string) => new Array<string>(n).fill(row).join(', ');
  const insertEvaluations = (n: number) =>
    client.prepare(
      `insert into evaluations (stakeholder_id, period_id, kpi_set_version_id, status, revision, created_by, submitted_by, submitted_at, created_at, updated_at)
       values ${rowsOf(n, '(?, ?, ?, ?, 1, ?, ?, ?, ?, ?)')}`,
    );
  const updateEvaluation = client.prepare(
    `update evaluations set status = ?, revision = revision + 1, submitted_by = ?, submitted_at = ?, return_reason = case when ? = 'submitted' then null else return_reason end, updated_at = ?
     where id = ? and revision = ? and status in ('draft', 'returned')`,
  );
  const upsertValue = client.prepare(
    `insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?)
     on conflict (evaluation_id, indicator_id) do update set value = excluded.value`,
  );
  const insertValues = (n: number) => client.prepare(`insert into evaluation_values (evaluation_id, indicator_id, value) values ${rowsOf(n, '(?, ?, ?)')}`);
  const insertAudit = (n: number) =>
    client.prepare(
      `insert into audit_log (at, actor_id, action, entity, entity_id, before, after, reason) values ${rowsOf(n, "(?, ?, 'evaluation.import', 'evaluation', ?, ?, ?, null)")}`,
    );
  const submittedBy = t.status === 'submitted' ? t.actorId : null;
  const submittedAt = t.status === 'submitted' ? t.now : null;
  const stale = (p: PlannedRow, what: string) =>
    new ValidationError(`The evaluation of ${p.stakeholderCode} ${what} while importing; nothing was imported. Check the file again.`, {}, 'import_stale');

  /** Calls `write` with ROWS_PER_STATEMENT items at a time (from `items[from]`) and the statement for that many rows. */
  function inChunks<T, S>(items: readonly T[], statement: (n: number) => S, write: (s: S, chunk: readonly T[], from: number) => void): void {
    const many = statement(ROWS_PER_STATEMENT);
    for (let k = 0; k < items.length; k += ROWS_PER_STATEMENT) {
      const chunk = items.slice(k, k + ROWS_PER_STATEMENT);
      write(chunk.length === ROWS_PER_STATEMENT ? many : statement(chunk.length), chunk, k);
    }
  }

  // Updated evaluations: values only where the file has one (an empty cell leaves a stored value alone).
  for (const p of planned) {
    if (!p.existing) continue;
    if (updateEvaluation.run(t.status, submittedBy, submittedAt, t.status, t.now, p.existing.id, p.existing.revision).changes !== 1) throw stale(p, 'changed');
    defs.forEach((d, j) => {
      const v = p.values[j] ?? null;
      if (v !== null) upsertValue.run(p.existing!.id, d.id, v);
    });
  }

  // New evaluations. A statement's rows get consecutive ids in the order of its VALUES (ids only
  // grow, and this transaction is the only writer), the last one its lastInsertRowid: no RETURNING
  // rows to read back and map.
  const created = planned.filter((p) => !p.existing);
  const createdIds = new Array<number>(created.length);
  const evaluationRow = new Array<number | string | null>(ROWS_PER_STATEMENT * 9);
  try {
    inChunks(created, insertEvaluations, (s, chunk, from) => {
      const params = chunk.length === ROWS_PER_STATEMENT ? evaluationRow : new Array<number | string | null>(chunk.length * 9);
      let i = 0;
      for (const p of chunk) {
        params[i++] = p.stakeholderId;
        params[i++] = t.periodId;
        params[i++] = t.versionId;
        params[i++] = t.status;
        params[i++] = t.actorId;
        params[i++] = submittedBy;
        params[i++] = submittedAt;
        params[i++] = t.now;
        params[i++] = t.now;
      }
      const last = Number(s.run(params).lastInsertRowid);
      for (let k = 0; k < chunk.length; k++) createdIds[from + k] = last - chunk.length + 1 + k;
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    // The failed statement wrote nothing: the rows with an evaluation now are the ones started since the check.
    const startedSince = client.prepare<unknown[], { n: number }>('select count(*) as n from evaluations where stakeholder_id = ? and period_id = ?');
    throw stale(created.find((p) => startedSince.get(p.stakeholderId, t.periodId)!.n > 0) ?? created[0]!, 'was started');
  }

  // Values in (evaluation, indicator) order: new evaluations have the highest ids, so every row
  // lands at the end of the primary key's index instead of anywhere in it (measured: half the time).
  if (defs.length > 0) {
    const perStatement = Math.max(1, Math.floor(ROWS_PER_STATEMENT / defs.length));
    // One flat parameter array per statement, filled in place: building it from small arrays
    // made garbage collection a sixth of the import.
    const params = (chunk: readonly PlannedRow[], from: number) => {
      const out = new Array<number | null>(chunk.length * defs.length * 3);
      let i = 0;
      for (let c = 0; c < chunk.length; c++) {
        const p = chunk[c]!;
        const id = createdIds[from + c]!;
        for (let j = 0; j < defs.length; j++) {
          out[i++] = id;
          out[i++] = defs[j]!.id;
          out[i++] = p.values[j] ?? null;
        }
      }
      return out;
    };
    const many = insertValues(perStatement * defs.length);
    for (let k = 0; k < created.length; k += perStatement) {
      const chunk = created.slice(k, k + perStatement);
      (chunk.length === perStatement ? many : insertValues(chunk.length * defs.length)).run(params(chunk, k));
    }
  }

  // An audit row per evaluation, in the file's order: what it was before and the values written.
  let next = 0;
  const written = planned.map((p) => ({ p, id: p.existing ? p.existing.id : createdIds[next++]! }));
  // The JSON is assembled from pre-quoted keys: a hundred thousand objects and stringify calls
  // were a fifth of the import's time. Same document as JSON.stringify({ status, row, values }).
  const keys = defs.map((d) => `${JSON.stringify(d.code)}:`);
  const afterHead = `{"status":${JSON.stringify(t.status)},"row":`;
  const auditParams = ({ p, id }: (typeof written)[number], out: unknown[], at: number) => {
    let after = `${afterHead}${p.row},"values":{`;
    let first = true;
    for (let j = 0; j < defs.length; j++) {
      const v = p.values[j] ?? null;
      if (v === null && p.existing) continue;
      after += `${first ? '' : ','}${keys[j]}${v === null ? 'null' : JSON.stringify(v)}`;
      first = false;
    }
    after += '}}';
    const before = p.existing ? JSON.stringify({ status: p.existing.status, revision: p.existing.revision }) : 'null';
    out[at] = t.now;
    out[at + 1] = t.actorId;
    out[at + 2] = String(id);
    out[at + 3] = before;
    out[at + 4] = after;
  };
  const auditRow = new Array<unknown>(ROWS_PER_STATEMENT * 5);
  inChunks(written, insertAudit, (s, chunk) => {
    const params = chunk.length === ROWS_PER_STATEMENT ? auditRow : new Array<unknown>(chunk.length * 5);
    chunk.forEach((w, c) => auditParams(w, params, c * 5));
    s.run(params);
  });
  return written.map((w) => w.id);
}
