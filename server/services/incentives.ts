// Incentive programs: list, read, create, update (admin), the portable `program/v1` file, and the
// vocabulary the rule editor offers (objectives, indicators, grades, red-flag indicators).
import 'server-only';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { eligibilityRuns, incentivePrograms, indicators, kpiSetIndicators, kpiSets, kpiSetVersions, periods, units } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError, ValidationError } from '@/server/errors';
import { vmsg } from '@/core/domain/messages';
import { labelOf } from '@/core/i18n/label';
import type { StakeholderType } from '@/core/domain/enums';
import { sortGradesDescending } from '@/core/scoring';
import { PROGRAM_FORMAT, programFileSchema, type ProgramFile, type ProgramInput } from '@/core/eligibility';
import { writeAudit } from '@/server/queries/audit';
import { listObjectives } from '@/server/queries/library';
import { getProgram, programOf, programProblems } from '@/server/queries/programs';

export { getProgram };

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

function assertCodeFree(db: DbOrTx, code: string, exceptId?: number) {
  const other = db.select({ id: incentivePrograms.id }).from(incentivePrograms).where(eq(incentivePrograms.code, code)).get();
  if (other && other.id !== exceptId) {
    throw new ValidationError(`A program with code "${code}" already exists.`, { code: [vmsg('validation.incentives.program.codeTaken')] }, 'program_code_taken');
  }
}

/** Thresholds and bands must lie on the scale of the KPI sets the program reads. */
function assertOnScale(db: DbOrTx, input: ProgramInput) {
  const problems = programProblems(db, input);
  if (Object.keys(problems).length > 0) throw new ValidationError('The program has values outside the scale of its KPI sets.', problems, 'program_off_scale');
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
    assertOnScale(tx, input);
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
    assertOnScale(tx, input);
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
  const objectiveRows = listObjectives(db).map((o) => ({ code: o.code, name: labelOf(o) }));
  const published = db
    .select({ versionId: kpiSetVersions.id, type: kpiSets.stakeholderType, grades: kpiSetVersions.grades, scale: kpiSetVersions.scale })
    .from(kpiSetVersions)
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(eq(kpiSetVersions.status, 'published'))
    .all();
  const indicatorRows = published.length
    ? db
        .selectDistinct({ code: indicators.code, name: { en: indicators.nameEn, 'zh-CN': indicators.nameZh }, unit: { code: units.code, nameEn: units.nameEn, nameZh: units.nameZh, attached: units.attached }, redFlagAbove: indicators.redFlagAbove, type: kpiSets.stakeholderType })
        .from(kpiSetIndicators)
        .innerJoin(indicators, eq(indicators.id, kpiSetIndicators.indicatorId))
        .leftJoin(units, eq(units.code, indicators.unitCode))
        .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, kpiSetIndicators.versionId))
        .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
        .where(inArray(kpiSetVersions.id, published.map((p) => p.versionId)))
        .orderBy(asc(indicators.code))
        .all()
    : [];
  const grades: string[] = [];
  for (const p of published) {
    for (const g of sortGradesDescending(p.grades)) if (!grades.includes(g.code)) grades.push(g.code);
  }
  // The form checks thresholds on the largest scale of the chosen types, as the server does.
  const scales: Partial<Record<StakeholderType, number>> = {};
  for (const p of published) scales[p.type] = Math.max(scales[p.type] ?? 0, p.scale);
  return { objectives: objectiveRows, indicators: indicatorRows, grades, scales };
}
