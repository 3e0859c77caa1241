// `npm run cli -- eligibility --program FILE --scores FILE`: a program (program/v1, as the admin UI
// downloads it) run against a scores/v1 file with the same engine as the app; prints the
// eligibility/v1 result (the same shape `runEligibility` returns in the app).
//
// A scores/v1 file has no stakeholder type, county, county percentile, earlier periods, grade
// order or red-flag limits. The type comes from --type (default: the program's only eligible
// type); the grade order from --kpi-set (a kpi-set/v1 file) when given. Anything else may be added
// to the file as optional fields (documented in docs/incentives.md):
//   top level:   "redFlagLimits": {indicator: limit}, "grades": ["A","B",…] (best first)
//   per result:  "type", "name", "county", "countyPercentile", "history": [{period, score}]
// Clauses needing data that is still missing are reported as "not available" (undecided), so
// nobody qualifies on a condition that could not be checked.
import fs from 'node:fs';
import { z } from 'zod';
import { historyFieldsNeeded, programFileSchema, projectHistoryScore, runEligibility, type EligibilityInput, type HistoryEntry, type HistoryField, type PeriodScore } from '@/core/eligibility';
import { SCORES_FORMAT, validateKpiSet } from '@/core/scoring';
import { parseVmsg } from '@/core/domain/messages';
import { parseOptions } from './args';
import { CliInputError, readJsonFile } from './io';
import { english } from './english';
import { EXIT_OK, exitCodeOf, type CliIo } from './outcome';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';

export const ELIGIBILITY_USAGE = `  eligibility --program FILE --scores FILE [--type TYPE] [--kpi-set FILE] [--out FILE]
      Run an incentive program (program/v1 JSON) against a scores/v1 file; prints eligibility/v1 JSON.
`;

const num = z.number().finite().nullable();
const periodScoreSchema = z.object({
  composite: num.default(null),
  grade: z.string().nullable().default(null),
  percentile: num.default(null),
  countyPercentile: num.optional(),
  objectives: z.record(z.string(), num).default({}),
  indicators: z.record(z.string(), z.object({ raw: num.default(null), normalized: num.default(null) }).loose()).default({}),
  coupling: z.object({ class: z.number().int().min(1).max(10) }).loose().nullable().default(null),
});
const resultSchema = periodScoreSchema.extend({
  stakeholder: z.string().min(1),
  type: z.enum(STAKEHOLDER_TYPES).optional(),
  name: z.string().optional(),
  county: z.string().optional(),
  history: z.array(z.object({ period: z.string(), score: periodScoreSchema.nullable() })).optional(),
});
const scoresFileSchema = z.object({
  format: z.literal(SCORES_FORMAT),
  results: z.array(resultSchema.loose()),
  grades: z.array(z.string()).optional(),
  redFlagLimits: z.record(z.string(), z.number().finite()).optional(),
}).loose();

/** A validation message key (shared with the forms) in plain English, for the terminal. */
function inEnglish(message: string): string {
  const parsed = parseVmsg(message);
  return (parsed && english(parsed.key, parsed.params)) ?? message;
}

function issuesText(file: string, error: z.ZodError): string {
  return error.issues.map((i) => `${file}: ${i.path.length ? i.path.join('.') : '(document)'}: ${inEnglish(i.message)}`).join('\n');
}

function toPeriodScore(s: z.output<typeof periodScoreSchema>): PeriodScore {
  const score: PeriodScore = {
    composite: s.composite,
    grade: s.grade,
    objectives: s.objectives,
    indicators: Object.fromEntries(Object.entries(s.indicators).map(([k, v]) => [k, { raw: v.raw, normalized: v.normalized }])),
    percentile: s.percentile,
    couplingClass: s.coupling?.class ?? null,
  };
  if (s.countyPercentile !== undefined) score.countyPercentile = s.countyPercentile;
  return score;
}

/**
 * The engine's inputs from a scores/v1 document (plus the optional fields above). Earlier periods'
 * scores keep only `historyFields`, as the app's inputs do (historyFieldsNeeded), so both hash alike.
 */
export function inputsFromScores(
  doc: unknown,
  file: string,
  defaultType: StakeholderType | null,
  gradesFromKpiSet: string[] | null,
  historyFields: readonly HistoryField[] | null = null,
): EligibilityInput[] {
  const parsed = scoresFileSchema.safeParse(doc);
  if (!parsed.success) throw new CliInputError(issuesText(file, parsed.error));
  const grades = gradesFromKpiSet ?? parsed.data.grades ?? [];
  return parsed.data.results.map((r, i) => {
    const type = r.type ?? defaultType;
    if (!type) throw new CliInputError(`${file}: results[${i}] (${r.stakeholder}) has no "type"; pass --type ${STAKEHOLDER_TYPES.join('|')}`);
    const input: EligibilityInput = { ...toPeriodScore(r), stakeholder: r.stakeholder, type, grades };
    if (r.name !== undefined) input.name = r.name;
    if (r.county !== undefined) input.county = r.county;
    if (parsed.data.redFlagLimits !== undefined) input.redFlagLimits = parsed.data.redFlagLimits;
    if (r.history !== undefined) input.history = r.history.map((h): HistoryEntry => ({ period: h.period, score: h.score ? projectHistoryScore(toPeriodScore(h.score), historyFields) : null }));
    return input;
  });
}

export async function eligibilityCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, { required: ['program', 'scores'], optional: ['type', 'kpi-set', 'out'], choices: { type: STAKEHOLDER_TYPES } }, 'eligibility');
  const programPath = options.get('program')!;
  const parsedProgram = programFileSchema.safeParse(readJsonFile(programPath));
  if (!parsedProgram.success) throw new CliInputError(issuesText(programPath, parsedProgram.error));
  const program = parsedProgram.data;
  const typeOption = options.get('type') as StakeholderType | undefined;
  const defaultType = typeOption ?? (program.eligibleTypes.length === 1 ? program.eligibleTypes[0]! : null);
  let grades: string[] | null = null;
  const kpiSetPath = options.get('kpi-set');
  if (kpiSetPath) {
    const checked = validateKpiSet(readJsonFile(kpiSetPath));
    if (!checked.ok) throw new CliInputError(checked.errors.map((e) => `${kpiSetPath}: ${e.path || '(document)'}: ${e.message}`).join('\n'));
    grades = [...checked.value.grades].sort((a, b) => b.min - a.min).map((g) => g.code);
  }
  const scoresPath = options.get('scores')!;
  const inputs = inputsFromScores(readJsonFile(scoresPath), scoresPath, defaultType, grades, historyFieldsNeeded(program.rule));
  let result;
  try {
    result = runEligibility(program, inputs);
  } catch (error) {
    throw new CliInputError(`${scoresPath}: ${(error as Error).message}`);
  }
  const text = `${JSON.stringify({ program: program.code, ...result }, null, 2)}\n`;
  const out = options.get('out');
  if (out) {
    try {
      fs.writeFileSync(out, text);
    } catch (error) {
      throw new CliInputError(`cannot write ${out}: ${(error as Error).message}`);
    }
  } else io.stdout(text);
  const t = result.totals;
  const undecided = result.determinations.filter((d) => d.reason === 'not_available').length;
  io.stderr(
    `${program.code}: ${t.candidates} candidates, ${t.passed} pass the rule, ${t.awarded} awarded; allocated ${t.allocated}${t.budget !== null ? ` of ${t.budget}` : ''}; inputs ${result.inputHash}\n` +
      (undecided ? `${undecided} undecided: the rule needs data the scores file does not have (see "note": "not_available")\n` : ''),
  );
  return EXIT_OK;
}

/** Entry for main.ts: same exit codes and messages as the other commands (see outcome.ts). */
export function runEligibilityCli(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`Usage: npm run cli -- eligibility [options]\n\n${ELIGIBILITY_USAGE}`);
    return Promise.resolve(EXIT_OK);
  }
  return exitCodeOf(io, `Usage:\n${ELIGIBILITY_USAGE}`, () => eligibilityCommand(args, io));
}
