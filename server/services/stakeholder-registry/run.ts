// Registering stakeholders in bulk: the dry run of a file, its import, and `registerStakeholders`
// for callers that already hold the rows (the province generator). The rows are checked and
// written inside one immediate transaction — nobody can register the same credit code between
// the check and the write — and only when no row has a problem: all or nothing. Every
// stakeholder gets an audit row, the import one more.
import 'server-only';
import type { Db, DbOrTx } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { ValidationError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import type { RegistryColumn, RegistryReport, RegistryRowInput } from '@/core/schemas/stakeholder-registry';
import { readRegistryFile } from './file';
import { emptyReport, problemAdder, RegistryChecker, type CodedStakeholder, type PlannedStakeholder } from './plan';

export type RegistryFileInput = { bytes: Uint8Array; fileName?: string | undefined };
export type Registered = { id: number; code: string; row: number };

/** Rows between two progress reports. */
const PROGRESS_EVERY = 2000;

/** Checks every row; the planned stakeholders (codes assigned) when none has a problem. */
function plan(db: DbOrTx, me: SessionUser, rows: readonly RegistryRowInput[], report: RegistryReport, columnOf: (c: RegistryColumn) => string | undefined, progress: ReportProgress) {
  const add = problemAdder(report);
  const checker = new RegistryChecker(db, me, add, columnOf);
  const planned: PlannedStakeholder[] = [];
  rows.forEach((input, i) => {
    const p = checker.check(input);
    if (p) planned.push(p);
    if (i % PROGRESS_EVERY === 0) progress(0.1 + (0.4 * i) / rows.length, 'checking');
  });
  report.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  report.rows = rows.length;
  report.creates = planned.length;
  report.ok = report.problems.length === 0 && report.moreProblems === 0 && planned.length > 0;
  return report.ok ? checker.assignCodes(planned) : null;
}

/** Writes the planned stakeholders with prepared statements on the transaction's connection. */
/** Rows per insert statement: one call per batch instead of one per row (SQLite allows 32,766 parameters). */
const BATCH = 200;

/**
 * Writes the planned stakeholders and their audit rows with prepared multi-row statements on the
 * transaction's connection; ids come back with their codes, so no order is assumed.
 */
function write(db: Db, me: SessionUser, planned: CodedStakeholder[], progress: ReportProgress): Registered[] {
  const client = db.$client;
  const insertSql = (n: number) =>
    `insert into stakeholders (code, name, name_en, type, region_id, credit_code, contact_name, contact_phone, active, created_at, updated_at)
     values ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)').join(', ')} returning id, code`;
  const auditSql = (n: number) =>
    `insert into audit_log (at, actor_id, action, entity, entity_id, before, after, reason)
     values ${Array.from({ length: n }, () => "(?, ?, 'stakeholder.create', 'stakeholder', ?, null, ?, 'import')").join(', ')}`;
  const full = { insert: client.prepare<unknown[], { id: number; code: string }>(insertSql(BATCH)), audit: client.prepare(auditSql(BATCH)) };
  const now = Date.now();
  const registered: Registered[] = [];
  for (let from = 0; from < planned.length; from += BATCH) {
    progress(0.5 + (0.5 * from) / planned.length, 'saving');
    const batch = planned.slice(from, from + BATCH);
    const statements = batch.length === BATCH ? full : { insert: client.prepare<unknown[], { id: number; code: string }>(insertSql(batch.length)), audit: client.prepare(auditSql(batch.length)) };
    const ids = new Map(
      statements.insert.all(batch.flatMap((p) => [p.code, p.name, p.nameEn, p.type, p.regionId, p.creditCode, p.contactName, p.contactPhone, now, now])).map((r) => [r.code, r.id]),
    );
    statements.audit.run(
      batch.flatMap((p) => {
        const id = ids.get(p.code)!;
        registered.push({ id, code: p.code, row: p.row });
        const after = { id, code: p.code, name: p.name, nameEn: p.nameEn, type: p.type, regionId: p.regionId, creditCode: p.creditCode, contactName: p.contactName, contactPhone: p.contactPhone, active: true };
        return [now, me.id, String(id), JSON.stringify(after)];
      }),
    );
  }
  return registered;
}

/** Checks and writes in one transaction; nothing is written when any row has a problem. */
function checkAndWrite(
  db: Db,
  me: SessionUser,
  rows: readonly RegistryRowInput[],
  report: RegistryReport,
  columnOf: (c: RegistryColumn) => string | undefined,
  source: Record<string, unknown>,
  progress: ReportProgress,
): Registered[] | null {
  return db.transaction(
    (tx) => {
      const planned = plan(tx, me, rows, report, columnOf, progress);
      if (!planned) return null;
      // The statements run on the one connection, inside this transaction.
      const registered = write(db, me, planned, progress);
      writeAudit(tx, { actorId: me.id, action: 'stakeholder.import', entity: 'stakeholder', entityId: null, after: { ...source, created: registered.length } });
      return registered;
    },
    { behavior: 'immediate' },
  );
}

/** The dry run of a file: every problem by row and column; nothing is written. */
export async function checkRegistryImport(db: Db, me: SessionUser, input: RegistryFileInput): Promise<RegistryReport> {
  const report = emptyReport();
  const file = await readRegistryFile(input.bytes, report, problemAdder(report));
  if (file) plan(db, me, file.rows, report, file.columnOf, noProgress);
  return report;
}

/** Imports a file all or nothing: registered only when the check finds no problem at all. */
export async function runRegistryImport(
  db: Db,
  me: SessionUser,
  input: RegistryFileInput,
  progress: ReportProgress = noProgress,
): Promise<{ imported: boolean; count: number; report: RegistryReport }> {
  progress(0.02, 'checking');
  const report = emptyReport();
  const file = await readRegistryFile(input.bytes, report, problemAdder(report));
  if (!file) return { imported: false, count: 0, report };
  const source = { fileName: input.fileName ?? null, format: report.format, encoding: report.encoding };
  const registered = checkAndWrite(db, me, file.rows, report, file.columnOf, source, progress);
  progress(1, 'done');
  return { imported: registered !== null, count: registered?.length ?? 0, report };
}

/**
 * Registers rows already in hand (row numbers as given), all or nothing, under the same checks as
 * a file; a refusal lists the first problems. The province generator calls this with 100,000 rows.
 */
export function registerStakeholders(db: Db, actor: SessionUser, rows: readonly RegistryRowInput[], progress: ReportProgress = noProgress): Registered[] {
  const report = emptyReport();
  const registered = checkAndWrite(db, actor, rows, report, (c) => c, { rows: rows.length }, progress);
  if (registered) return registered;
  const first = report.problems
    .slice(0, 5)
    .map((p) => `row ${p.row ?? '—'} ${p.column ?? ''}: ${p.code}${p.params ? ` ${JSON.stringify(p.params)}` : ''}`)
    .join('; ');
  throw new ValidationError(`No stakeholder was registered: ${report.problems.length + report.moreProblems} problem(s), e.g. ${first || 'no rows'}.`, {}, 'registry_invalid');
}
