// Incentive programs: list, read, create, update (admin), the portable `program/v1` file, and the
// vocabulary the rule editor offers (objectives, indicators, grades, red-flag indicators).
import 'server-only';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { eligibilityRuns, incentivePrograms, indicators, kpiSetIndicators, kpiSets, kpiSetVersions, objectives, periods } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError, ValidationError } from '@/server/errors';
import { vmsg } from '@/core/domain/messages';
import { PROGRAM_FORMAT, programFileSchema, type Benefit, type ProgramCore, type ProgramFile, type ProgramInput, type Rule } from '@/core/eligibility';
import { writeAudit } from './audit';
import { type StakeholderType } from '@/core/domain/enums';

type ProgramRow = typeof incentivePrograms.$inferSelect;

/** A stored program in the engine's terms (JSON columns typed). */
export function programOf(row: ProgramRow): ProgramInput & { id: number; updatedAt: Date; createdAt: Date } {
  const benefit = row.benefit as Benefit;
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    nameEn: row.nameEn,
    nameZh: row.nameZh,
    descriptionEn: row.descriptionEn,
    descriptionZh: row.descriptionZh,
    eligibleTypes: row.eligibleTypes as StakeholderType[],
    rule: row.rule as Rule,
    benefit,
    budget: row.budget,
    allocation: row.allocation,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function coreOf(p: ProgramInput): ProgramCore {
  return { kind: p.kind, eligibleTypes: p.eligibleTypes, rule: p.rule, benefit: p.benefit, budget: p.budget, allocation: p.allocation };
}

export function listPrograms(db: DbOrTx) {
  const rows = db.select().from(incentivePrograms).orderBy(asc(incentivePrograms.status), asc(incentivePrograms.code)).all();
  const runs = rows.length
    ? db
        .select({ id: eligibilityRuns.id, programId: eligibilityRuns.programId, createdAt: eligibilityRuns.createdAt, periodCode: periods.code })
        .from(eligibilityRuns)
        .innerJoin(periods, eq(periods.id, eligibilityRuns.periodId))
        .where(inArray(eligibilityRuns.programId, rows.map((r) => r.id)))
        .orderBy(desc(eligibilityRuns.id))
        .all()
    : [];
  return rows.map((r) => {
    const mine = runs.filter((x) => x.programId === r.id);
    return { ...programOf(r), runCount: mine.length, lastRun: mine[0] ?? null };
  });
}

export function getProgram(db: DbOrTx, id: number) {
  const row = db.select().from(incentivePrograms).where(eq(incentivePrograms.id, id)).get();
  if (!row) throw new NotFoundError('Program', id);
  return programOf(row);
}

function assertCodeFree(db: DbOrTx, code: string, exceptId?: number) {
  const other = db.select({ id: incentivePrograms.id }).from(incentivePrograms).where(eq(incentivePrograms.code, code)).get();
  if (other && other.id !== exceptId) {
    throw new ValidationError(`A program with code "${code}" already exists.`, { code: [vmsg('validation.incentives.program.codeTaken')] }, 'program_code_taken');
  }
}

function rowValues(input: ProgramInput) {
  return {
    code: input.code,
    kind: input.kind,
    nameEn: input.nameEn,
    nameZh: input.nameZh,
    descriptionEn: input.descriptionEn,
    descriptionZh: input.descriptionZh,
    eligibleTypes: input.eligibleTypes,
    rule: input.rule,
    benefit: input.benefit,
    budget: input.budget,
    allocation: input.allocation,
    status: input.status,
  };
}

export function createProgram(db: Db, actor: Pick<SessionUser, 'id'> | null, input: ProgramInput) {
  return db.transaction((tx) => {
    assertCodeFree(tx, input.code);
    const row = tx.insert(incentivePrograms).values(rowValues(input)).returning().get();
    writeAudit(tx, { actorId: actor?.id ?? null, action: 'program.create', entity: 'incentive_program', entityId: row.id, after: rowValues(input) });
    return programOf(row);
  });
}

export function updateProgram(db: Db, actor: Pick<SessionUser, 'id'>, id: number, input: ProgramInput) {
  return db.transaction((tx) => {
    const before = tx.select().from(incentivePrograms).where(eq(incentivePrograms.id, id)).get();
    if (!before) throw new NotFoundError('Program', id);
    assertCodeFree(tx, input.code, id);
    const row = tx
      .update(incentivePrograms)
      .set({ ...rowValues(input), updatedAt: new Date() })
      .where(eq(incentivePrograms.id, id))
      .returning()
      .get();
    const { id: _id, createdAt: _c, updatedAt: _u, ...beforeValues } = programOf(before);
    writeAudit(tx, { actorId: actor.id, action: 'program.update', entity: 'incentive_program', entityId: id, before: beforeValues, after: rowValues(input) });
    return programOf(row);
  });
}

/** The program as a `program/v1` file, for the CLI. */
export function programFile(db: DbOrTx, id: number): ProgramFile {
  const { id: _id, createdAt: _c, updatedAt: _u, ...p } = getProgram(db, id);
  return programFileSchema.parse({ format: PROGRAM_FORMAT, ...p });
}

/** What the rule editor can refer to: objectives, indicators (with type and red-flag limit), grades. */
export function ruleVocabulary(db: DbOrTx) {
  const objectiveRows = db.select({ code: objectives.code, nameEn: objectives.nameEn, nameZh: objectives.nameZh }).from(objectives).orderBy(asc(objectives.position)).all();
  const published = db
    .select({ versionId: kpiSetVersions.id, type: kpiSets.stakeholderType, grades: kpiSetVersions.grades })
    .from(kpiSetVersions)
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(eq(kpiSetVersions.status, 'published'))
    .all();
  const indicatorRows = published.length
    ? db
        .selectDistinct({ code: indicators.code, nameEn: indicators.nameEn, nameZh: indicators.nameZh, unit: indicators.unit, redFlagAbove: indicators.redFlagAbove, type: kpiSets.stakeholderType })
        .from(kpiSetIndicators)
        .innerJoin(indicators, eq(indicators.id, kpiSetIndicators.indicatorId))
        .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, kpiSetIndicators.versionId))
        .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
        .where(inArray(kpiSetVersions.id, published.map((p) => p.versionId)))
        .orderBy(asc(indicators.code))
        .all()
    : [];
  const grades: string[] = [];
  for (const p of published) {
    for (const g of [...(p.grades as { code: string; min: number }[])].sort((a, b) => b.min - a.min)) if (!grades.includes(g.code)) grades.push(g.code);
  }
  return { objectives: objectiveRows, indicators: indicatorRows, grades };
}
