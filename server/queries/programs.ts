// Incentive programs as the services read them: a stored row in the engine's terms.
import 'server-only';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { incentivePrograms, kpiSets, kpiSetVersions } from '@/db/schema';
import { NotFoundError } from '@/server/errors';
import { programSchemaFor, type ProgramInput, type ProgramInputRaw } from '@/core/eligibility';
import type { StakeholderType } from '@/core/domain/enums';
import { fieldErrorsOf, type FieldErrors } from '@/core/schemas/field-errors';

type ProgramRow = typeof incentivePrograms.$inferSelect;

export type Program = ProgramInput & { id: number; updatedAt: Date; createdAt: Date };

/** A stored program in the engine's terms. */
export function programOf(row: ProgramRow): Program {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    nameEn: row.nameEn,
    nameZh: row.nameZh,
    descriptionEn: row.descriptionEn,
    descriptionZh: row.descriptionZh,
    eligibleTypes: row.eligibleTypes,
    rule: row.rule,
    benefit: row.benefit,
    budget: row.budget,
    allocation: row.allocation,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function getProgram(db: DbOrTx, id: number): Program {
  const row = db.select().from(incentivePrograms).where(eq(incentivePrograms.id, id)).get();
  if (!row) throw new NotFoundError('Program', id);
  return programOf(row);
}

/** Active programs, by code. */
export function activePrograms(db: DbOrTx): Program[] {
  return db.select().from(incentivePrograms).where(eq(incentivePrograms.status, 'active')).orderBy(asc(incentivePrograms.code)).all().map(programOf);
}

/**
 * The scale a program's thresholds are on: the largest of the published KPI-set versions of its
 * eligible types (null while none is published).
 */
export function programScale(db: DbOrTx, types: readonly StakeholderType[]): number | null {
  if (types.length === 0) return null;
  const row = db
    .select({ scale: max(kpiSetVersions.scale) })
    .from(kpiSetVersions)
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(eq(kpiSetVersions.status, 'published'), inArray(kpiSets.stakeholderType, [...types])))
    .get();
  return row?.scale ?? null;
}

/** The program's problems on its KPI sets' scale, at their fields (none: an empty object). */
export function programProblems(db: DbOrTx, program: ProgramInputRaw): FieldErrors {
  const parsed = programSchemaFor(programScale(db, program.eligibleTypes ?? [])).safeParse(program);
  return parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
}
