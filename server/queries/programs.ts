// Incentive programs as the services read them: a stored row in the engine's terms.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { incentivePrograms } from '@/db/schema';
import { NotFoundError } from '@/server/errors';
import type { ProgramInput } from '@/core/eligibility';

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
