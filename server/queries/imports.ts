// What a bulk import reads before it writes: the KPI set and the period it targets, every
// stakeholder by code, credit code and name, the caller's scope, the period's evaluations and the
// evidence links they already hold. One query per concept, whatever the size of the file.
import 'server-only';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluations, evaluationValues, kpiSets, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError } from '@/server/errors';
import { headerKey } from '@/core/decode';
import type { EvaluationStatus, StakeholderType } from '@/core/domain/enums';
import { versionInEffect } from './kpi-versions';
import { openPeriod } from './periods';
import { stakeholderInScope } from './scope';

/** The KPI set by code (NOT_FOUND if none), the open period and the version in effect for it. */
export function importTarget(db: DbOrTx, kpiSetCode: string) {
  const set = db.select().from(kpiSets).where(eq(kpiSets.code, kpiSetCode)).get();
  if (!set) throw new NotFoundError('KPI set', kpiSetCode);
  const period = openPeriod(db);
  const version = period ? versionInEffect(db, set.stakeholderType, period) : null;
  return { set, period, version };
}

/** Every KPI set with the version in effect for the open period (null without one). */
export function importableKpiSets(db: DbOrTx) {
  const period = openPeriod(db);
  const sets = db.select().from(kpiSets).orderBy(kpiSets.code).all();
  return {
    period: period ? { id: period.id, code: period.code } : null,
    kpiSets: sets.map((s) => ({ set: s, versionId: period ? (versionInEffect(db, s.stakeholderType, period)?.id ?? null) : null })),
  };
}

export type ImportStakeholder = { id: number; code: string; type: StakeholderType; active: boolean };

/** A name as a file may spell it: without spaces, case or full-width forms (as headers compare). */
export const nameKey = headerKey;

type DirectoryIndex = { byCode: Map<string, ImportStakeholder>; byCreditCode: Map<string, ImportStakeholder>; named: (name: string) => ImportStakeholder[] };

/** The stakeholders in the caller's scope (of one type, or all), indexed by code and credit code. */
function loadDirectory(db: DbOrTx, me: SessionUser, type: StakeholderType | null): DirectoryIndex {
  const byCode = new Map<string, ImportStakeholder>();
  const byCreditCode = new Map<string, ImportStakeholder>();
  const names: string[] = [];
  const rows = db
    .select({ id: stakeholders.id, code: stakeholders.code, creditCode: stakeholders.creditCode, name: stakeholders.name, type: stakeholders.type, active: stakeholders.active })
    .from(stakeholders)
    .where(type ? and(stakeholderInScope(me), eq(stakeholders.type, type)) : stakeholderInScope(me))
    .all();
  const list: ImportStakeholder[] = [];
  for (const { name, creditCode, ...s } of rows) {
    byCode.set(s.code, s);
    if (creditCode) byCreditCode.set(creditCode.toUpperCase(), s);
    names.push(name);
    list.push(s);
  }
  let byName: Map<string, ImportStakeholder[]> | null = null;
  /** Every stakeholder whose name is `name` as nameKey compares. */
  const named = (name: string): ImportStakeholder[] => {
    if (!byName) {
      byName = new Map();
      list.forEach((s, i) => {
        const key = nameKey(names[i]!);
        const same = byName!.get(key);
        if (same) same.push(s);
        else byName!.set(key, [s]);
      });
    }
    return byName.get(nameKey(name)) ?? [];
  };
  return { byCode, byCreditCode, named };
}

/**
 * The stakeholders of one type in the caller's scope, by code: only the columns a row's check
 * needs, read as plain rows (`values`). A province's file names 50,000 of them, and mapping each
 * row to an object with every column was most of an import's check.
 */
function codesOfType(db: DbOrTx, me: SessionUser, type: StakeholderType): Map<string, ImportStakeholder> {
  const rows = db
    .select({ id: stakeholders.id, code: stakeholders.code, active: stakeholders.active })
    .from(stakeholders)
    .where(and(stakeholderInScope(me), eq(stakeholders.type, type)))
    .values() as [id: number, code: string, active: number][];
  const byCode = new Map<string, ImportStakeholder>();
  for (const [id, code, active] of rows) byCode.set(code, { id, code, type, active: Number(active) === 1 });
  return byCode;
}

/**
 * The stakeholders in the caller's scope, by code, by credit code (upper case) and by name (every
 * stakeholder of that name: a name is only a match when it is unique). Only those: a stakeholder
 * outside the scope is as unknown to an import as one that doesn't exist. A file names the
 * stakeholders of its KPI set's type, mostly by code, so those are loaded first; the whole scope
 * (every type, for a wrong-type row, a credit code or a name) only on the first look-up they miss.
 * Codes are unique, so a code found among the type is the one the whole scope would find.
 */
export function stakeholderDirectory(db: DbOrTx, me: SessionUser, type: StakeholderType) {
  const ofType = codesOfType(db, me, type);
  let all: DirectoryIndex | null = null;
  const everyType = () => (all ??= loadDirectory(db, me, null));
  return {
    /** By code, then by credit code: the same answer as one look-up over the whole scope. */
    byCodeOrCreditCode(raw: string): ImportStakeholder | undefined {
      const s = ofType.get(raw);
      if (s) return s;
      const scope = everyType();
      return scope.byCode.get(raw) ?? scope.byCreditCode.get(raw.toUpperCase());
    },
    named: (name: string) => everyType().named(name),
  };
}

export type PeriodEvaluation = { id: number; stakeholderId: number; status: EvaluationStatus; revision: number; versionId: number };

/** The period's evaluations by stakeholder (read as plain rows: a province's period holds 100,000). */
export function evaluationsByStakeholder(db: DbOrTx, periodId: number): Map<number, PeriodEvaluation> {
  const rows = db
    .select({ id: evaluations.id, stakeholderId: evaluations.stakeholderId, status: evaluations.status, revision: evaluations.revision, versionId: evaluations.kpiSetVersionId })
    .from(evaluations)
    .where(eq(evaluations.periodId, periodId))
    .values() as [id: number, stakeholderId: number, status: EvaluationStatus, revision: number, versionId: number][];
  const byStakeholder = new Map<number, PeriodEvaluation>();
  for (const [id, stakeholderId, status, revision, versionId] of rows) byStakeholder.set(stakeholderId, { id, stakeholderId, status, revision, versionId });
  return byStakeholder;
}

/** `${evaluationId}:${indicatorId}` of every stored value with an evidence link. */
export function valuesWithEvidence(db: DbOrTx, evaluationIds: readonly number[]): Set<string> {
  const kept = new Set<string>();
  // In chunks: SQLite limits the number of bound parameters.
  for (let i = 0; i < evaluationIds.length; i += 500) {
    const rows = db
      .select({ e: evaluationValues.evaluationId, i: evaluationValues.indicatorId })
      .from(evaluationValues)
      .where(and(inArray(evaluationValues.evaluationId, evaluationIds.slice(i, i + 500)), isNotNull(evaluationValues.evidenceUrl)))
      .all();
    for (const v of rows) kept.add(`${v.e}:${v.i}`);
  }
  return kept;
}

/**
 * Active stakeholders of a type in the caller's scope, by code, with their evaluation in the period
 * (status and version; null when not started): the rows of a template.
 */
export function templateStakeholders(db: DbOrTx, me: SessionUser, type: StakeholderType, periodId: number) {
  return db
    .select({ code: stakeholders.code, name: stakeholders.name, status: evaluations.status, versionId: evaluations.kpiSetVersionId })
    .from(stakeholders)
    .leftJoin(evaluations, and(eq(evaluations.stakeholderId, stakeholders.id), eq(evaluations.periodId, sql`${periodId}`)))
    .where(and(stakeholderInScope(me), eq(stakeholders.type, type), eq(stakeholders.active, true)))
    .orderBy(stakeholders.code)
    .all();
}
