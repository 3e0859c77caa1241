// The indicator library: create, edit, retire. Once an indicator is part of a published KPI-set
// version, the fields that version's kpi-set/v1 document carries (code, names, unit, direction)
// are locked: changing them would change the published method and its hash after the fact.
import 'server-only';
import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { indicators, units } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { vmsg } from '@/core/domain/messages';
import { NotFoundError, StateError, ValidationError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import type { IndicatorInput, UnitInput } from '@/core/schemas/method';
import { legacyUnitCode } from '@/core/i18n/units';
import { listUnits } from '@/server/queries/units';
import { containsText } from '@/server/queries/search';

/** Fields that are part of a published version's document. */
export const LOCKED_WHEN_PUBLISHED = ['code', 'nameZh', 'nameEn', 'unitCode', 'direction'] as const;

// Written out in full: inside a correlated subquery drizzle would leave the columns unqualified.
const usage = {
  versions: sql<number>`(select count(*) from kpi_set_indicators ki where ki.indicator_id = "indicators"."id")`,
  publishedVersions: sql<number>`(select count(*) from kpi_set_indicators ki inner join kpi_set_versions kv on kv.id = ki.version_id where ki.indicator_id = "indicators"."id" and kv.status = 'published')`,
};

export function listIndicators(db: Db, input: { search?: string | undefined; includeRetired?: boolean | undefined } = {}) {
  const conds: (SQL | undefined)[] = [];
  if (!input.includeRetired) conds.push(eq(indicators.retired, false));
  if (input.search) {
    conds.push(or(containsText(indicators.code, input.search), containsText(indicators.nameEn, input.search), containsText(indicators.nameZh, input.search)));
  }
  return db
    .select({ indicator: indicators, ...usage })
    .from(indicators)
    .where(and(...conds))
    .orderBy(asc(indicators.code))
    .all()
    .map((r) => ({ ...r.indicator, versions: Number(r.versions), publishedVersions: Number(r.publishedVersions) }));
}

export function getIndicator(db: Db, indicatorId: number) {
  const r = db.select({ indicator: indicators, ...usage }).from(indicators).where(eq(indicators.id, indicatorId)).get();
  if (!r) throw new NotFoundError('Indicator', indicatorId);
  return { ...r.indicator, versions: Number(r.versions), publishedVersions: Number(r.publishedVersions) };
}

function assertCodeFree(db: Db, code: string, exceptId?: number) {
  const other = db.select({ id: indicators.id }).from(indicators).where(sql`lower(${indicators.code}) = lower(${code})`).get();
  if (other && other.id !== exceptId)
    throw new ValidationError(`Another indicator already has the code "${code}".`, { code: [vmsg('validation.method.codeTaken')] }, 'indicator_code_taken');
}

/** The row to store: the unit as a catalogue code (old spellings such as "persons" accepted). */
function indicatorRow(db: Db, input: IndicatorInput) {
  const { unit, ...rest } = input;
  const unitCode = legacyUnitCode(unit);
  if (unitCode !== null && !db.select({ code: units.code }).from(units).where(eq(units.code, unitCode)).get())
    throw new ValidationError(`The unit "${unit}" is not in the units catalogue.`, { unit: [vmsg('validation.method.unitUnknown')] }, 'validation');
  return { ...rest, unitCode };
}

export { listUnits };

/** A new catalogue entry; the editor then picks it like any other unit. */
export function createUnit(db: Db, actor: SessionUser, input: UnitInput) {
  if (db.select({ code: units.code }).from(units).where(eq(units.code, input.code)).get())
    throw new ValidationError(`The unit code "${input.code}" is taken.`, { code: [vmsg('validation.method.unitCodeTaken')] }, 'validation');
  return db.transaction((tx) => {
    const row = tx.insert(units).values(input).returning().get();
    writeAudit(tx, { actorId: actor.id, action: 'unit.create', entity: 'unit', entityId: row.code, after: row });
    return row;
  });
}

function conflictFields(e: unknown): never {
  // The unique index is the last word when two admins race for one code.
  if (e instanceof Error && /UNIQUE constraint failed: indicators.code/.test(e.message))
    throw new ValidationError('This code is taken.', { code: [vmsg('validation.method.codeTaken')] }, 'indicator_code_taken');
  throw e;
}

export function createIndicator(db: Db, actor: SessionUser, input: IndicatorInput) {
  assertCodeFree(db, input.code);
  const values = indicatorRow(db, input);
  try {
    return db.transaction((tx) => {
      const row = tx.insert(indicators).values(values).returning().get();
      writeAudit(tx, { actorId: actor.id, action: 'indicator.create', entity: 'indicator', entityId: row.id, after: row });
      return row;
    });
  } catch (e) {
    conflictFields(e);
  }
}

export function updateIndicator(db: Db, actor: SessionUser, indicatorId: number, input: IndicatorInput) {
  const before = getIndicator(db, indicatorId);
  const values = indicatorRow(db, input);
  if (before.publishedVersions > 0) {
    const fields: Record<string, string[]> = {};
    for (const f of LOCKED_WHEN_PUBLISHED) if (before[f] !== values[f]) fields[f === 'unitCode' ? 'unit' : f] = [vmsg('validation.method.lockedByPublished')];
    if (Object.keys(fields).length > 0)
      throw new ValidationError(
        `Indicator ${before.code} is part of a published KPI-set version: its ${Object.keys(fields).join(', ')} cannot change. Create a new indicator instead.`,
        fields,
        'indicator_locked',
      );
  }
  if (input.code.toLowerCase() !== before.code.toLowerCase()) {
    assertCodeFree(db, input.code, indicatorId);
  }
  try {
    return db.transaction((tx) => {
      const after = tx.update(indicators).set({ ...values, updatedAt: new Date() }).where(eq(indicators.id, indicatorId)).returning().get();
      const { versions: _v, publishedVersions: _p, ...beforeRow } = before;
      writeAudit(tx, { actorId: actor.id, action: 'indicator.update', entity: 'indicator', entityId: indicatorId, before: beforeRow, after });
      return after;
    });
  } catch (e) {
    conflictFields(e);
  }
}

/** Retired indicators stay in the versions that have them but cannot be added to new drafts. */
export function setIndicatorRetired(db: Db, actor: SessionUser, indicatorId: number, retired: boolean) {
  const before = getIndicator(db, indicatorId);
  if (before.retired === retired) throw new StateError(retired ? `Indicator ${before.code} is already retired.` : `Indicator ${before.code} is not retired.`, 'no_change');
  return db.transaction((tx) => {
    const after = tx.update(indicators).set({ retired, updatedAt: new Date() }).where(eq(indicators.id, indicatorId)).returning().get();
    writeAudit(tx, { actorId: actor.id, action: retired ? 'indicator.retire' : 'indicator.restore', entity: 'indicator', entityId: indicatorId, before: { retired: before.retired }, after: { retired } });
    return after;
  });
}
