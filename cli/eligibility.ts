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
// With --robustness N (and --kpi-set for the weights) the output also carries a robustness check:
// N seeded alternative weightings (±--spread, default 0.2; --seed, default a random one, printed),
// the same engine and draws as the app's check (core/eligibility/robustness.ts).
import fs from 'node:fs';
import { z } from 'zod';
import { historyFieldsNeeded, programFileSchema, projectHistoryScore, runEligibility, type EligibilityInput, type HistoryEntry, type HistoryField, type PeriodScore } from '@/core/eligibility';
import { compileKpiSet, SCORES_FORMAT, validateKpiSet, type KpiSetV1 } from '@/core/scoring';
import { checkRobustness, robustnessGroupOf } from '@/core/eligibility/robustness';
import { DEFAULT_ROBUSTNESS_SPREAD, FRAGILE_BELOW, MAX_ROBUSTNESS_DRAWS } from '@/core/domain/robustness';
import { MAX_ROBUSTNESS_SEED, MAX_ROBUSTNESS_SPREAD_PERCENT } from '@/core/schemas/robustness';
import { UsageError } from './args';
import { parseVmsg } from '@/core/domain/messages';
import { parseOptions } from './args';
import { CliInputError, readJsonFile } from './io';
import { english } from './english';
import { EXIT_OK, exitCodeOf, type CliIo } from './outcome';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';

export const ELIGIBILITY_USAGE = `  eligibility --program FILE --scores FILE [--type TYPE] [--kpi-set FILE] [--out FILE]
              [--robustness N --kpi-set FILE [--seed S] [--spread X]]
      Run an incentive program (program/v1 JSON) against a scores/v1 file; prints eligibility/v1 JSON.
      --robustness N adds each decision's stability under N seeded weightings (±X, default 0.2) of
      the kpi-set/v1 file's weights; under 0.9 it is fragile.
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
  const options = parseOptions(args, { required: ['program', 'scores'], optional: ['type', 'kpi-set', 'out', 'robustness', 'seed', 'spread'], choices: { type: STAKEHOLDER_TYPES } }, 'eligibility');
  const robustness = robustnessOptions(options);
  const programPath = options.get('program')!;
  const parsedProgram = programFileSchema.safeParse(readJsonFile(programPath));
  if (!parsedProgram.success) throw new CliInputError(issuesText(programPath, parsedProgram.error));
  const program = parsedProgram.data;
  const typeOption = options.get('type') as StakeholderType | undefined;
  const defaultType = typeOption ?? (program.eligibleTypes.length === 1 ? program.eligibleTypes[0]! : null);
  let grades: string[] | null = null;
  let kpiSet: KpiSetV1 | null = null;
  const kpiSetPath = options.get('kpi-set');
  if (kpiSetPath) {
    const checked = validateKpiSet(readJsonFile(kpiSetPath));
    if (!checked.ok) throw new CliInputError(checked.errors.map((e) => `${kpiSetPath}: ${e.path || '(document)'}: ${e.message}`).join('\n'));
    kpiSet = checked.value;
    grades = [...checked.value.grades].sort((a, b) => b.min - a.min).map((g) => g.code);
  }
  if (robustness && !kpiSet) throw new UsageError('--robustness needs --kpi-set FILE: the weights it perturbs');
  const scoresPath = options.get('scores')!;
  const inputs = inputsFromScores(readJsonFile(scoresPath), scoresPath, defaultType, grades, historyFieldsNeeded(program.rule));
  let result;
  try {
    result = runEligibility(program, inputs);
  } catch (error) {
    throw new CliInputError(`${scoresPath}: ${(error as Error).message}`);
  }
  let check: ReturnType<typeof robustnessOf> | undefined;
  if (robustness && kpiSet) check = robustnessOf(program, inputs, kpiSet, robustness);
  const text = `${JSON.stringify({ program: program.code, ...result, ...(check ? { robustness: check } : {}) }, null, 2)}\n`;
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
      (undecided ? `${undecided} undecided: the rule needs data the scores file does not have (see "note": "not_available")\n` : '') +
      (check ? `robustness: ${check.draws} draws, ±${check.spread}, seed ${check.seed}: ${check.fragile} of ${check.results.length} decisions fragile (stability under ${FRAGILE_BELOW})\n` : ''),
  );
  return EXIT_OK;
}

type RobustnessArgs = { draws: number; spread: number; seed: number };

/** --robustness N [--seed S] [--spread X], checked as the app's form checks them; null without --robustness. */
function robustnessOptions(options: Map<string, string>): RobustnessArgs | null {
  const draws = options.get('robustness');
  if (draws === undefined) {
    if (options.has('seed') || options.has('spread')) throw new UsageError('--seed and --spread go with --robustness N');
    return null;
  }
  const integer = (text: string, name: string, max: number, min: number) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    return n;
  };
  const spreadText = options.get('spread');
  const spread = spreadText === undefined ? DEFAULT_ROBUSTNESS_SPREAD : Number(spreadText);
  const maxSpread = MAX_ROBUSTNESS_SPREAD_PERCENT / 100;
  if (!(spread > 0 && spread <= maxSpread)) throw new UsageError(`--spread must be a fraction above 0 and at most ${maxSpread} (0.2 = ±20 %), got "${spreadText}"`);
  const seedText = options.get('seed');
  return {
    draws: integer(draws, 'robustness', MAX_ROBUSTNESS_DRAWS, 1),
    spread,
    seed: seedText === undefined ? Math.floor(Math.random() * (MAX_ROBUSTNESS_SEED + 1)) : integer(seedText, 'seed', MAX_ROBUSTNESS_SEED, 0),
  };
}

/** The check over the scores file's stakeholders, one KPI set: per candidate its stability, fragile flag and what flips it. */
function robustnessOf(program: Parameters<typeof runEligibility>[0], inputs: EligibilityInput[], kpiSet: KpiSetV1, args: RobustnessArgs) {
  const results = checkRobustness(program, inputs, [robustnessGroupOf(compileKpiSet(kpiSet), inputs)], args);
  return {
    draws: args.draws,
    scheme: 'uniform' as const,
    spread: args.spread,
    seed: args.seed,
    fragileBelow: FRAGILE_BELOW,
    fragile: results.filter((r) => r.fragile).length,
    results: results.map((r) => ({ stakeholder: r.stakeholder, stability: r.stability, fragile: r.fragile, flip: r.flip })),
  };
}

/** Entry for main.ts: same exit codes and messages as the other commands (see outcome.ts). */
export function runEligibilityCli(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`Usage: npm run cli -- eligibility [options]\n\n${ELIGIBILITY_USAGE}`);
    return Promise.resolve(EXIT_OK);
  }
  return exitCodeOf(io, `Usage:\n${ELIGIBILITY_USAGE}`, () => eligibilityCommand(args, io));
}
