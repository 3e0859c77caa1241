// The scorecard command line: score, weights, validate, schema. No database, no web build.
// `runCli` returns the exit code (see outcome.ts).
import { z } from 'zod';
import { ahpWeights, compileKpiSet, criticWeights, entropyWeights, kpiSetV1JsonSchema, methodHash, scoreMatrix, ScoringInputError, stakeholderScoreAt, validateKpiSet, WeightsInputError, writeMatrixScoresCsv, SCORES_FORMAT } from '@/core/scoring';
import type { KpiSetV1 } from '@/core/scoring';
import { parseOptions, UsageError } from './args';
import { ENCODING_CHOICES, readValuesFile, type EncodingChoice } from '@/core/decode';
import { CliInputError, OutputSink, readBytes, readJsonFile } from './io';
import { formatProblem, problemText } from './english';
import { ELIGIBILITY_USAGE } from './eligibility';
import { EXIT_OK, exitCodeOf, type CliIo } from './outcome';
import { type Direction } from '@/core/domain/enums';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  score --kpi-set FILE --values FILE [--format json|csv] [--out FILE] [--encoding auto|utf8|gb18030]
      Score every stakeholder of a values file (CSV or XLSX) under a kpi-set/v1 file.
      JSON (scores/v1) by default, CSV when --format csv or --out ends in .csv.
  weights ahp --matrix FILE
      AHP weights, λmax, CI, CR from {"criteria":[…],"matrix":[[…]]}.
  weights entropy|critic --kpi-set FILE --values FILE [--objective CODE] [--encoding …]
      Weights from the data for the indicators of the set (or of one objective).
  validate --kpi-set FILE
      Check a kpi-set/v1 file; every error is printed with its JSON path.
  schema
      Print the JSON Schema of kpi-set/v1.
${ELIGIBILITY_USAGE}
Exit codes: 0 success, 1 usage error, 2 invalid input.
`;

function loadKpiSet(file: string): KpiSetV1 {
  const json = readJsonFile(file);
  const validation = validateKpiSet(json);
  if (!validation.ok) {
    const lines = validation.errors.map((error) => `${file}: ${error.path || '(top level)'}: ${error.message}`);
    throw new CliInputError(`${lines.join('\n')}\n${file}: ${validation.errors.length} error${validation.errors.length > 1 ? 's' : ''}; the file is not a valid kpi-set/v1`);
  }
  return validation.value;
}

async function loadValues(file: string, indicatorCodes: readonly string[], kpiSetCode: string, encoding: EncodingChoice, io: CliIo) {
  const read = await readValuesFile(readBytes(file), indicatorCodes, { kpiSetCode, encoding });
  if (!read.ok) throw new CliInputError(read.errors.map((error) => formatProblem(file, error)).join('\n'));
  for (const warning of read.warnings) io.stderr(`${file}: note: ${problemText(warning)}\n`);
  return read;
}

async function scoreCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, {
    required: ['kpi-set', 'values'],
    optional: ['format', 'out', 'encoding'],
    choices: { format: ['json', 'csv'], encoding: ENCODING_CHOICES },
  }, 'score');
  const out = options.get('out');
  const format = options.get('format') ?? (out?.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  const kpiSetFile = options.get('kpi-set')!;
  const valuesFile = options.get('values')!;
  const kpiSet = loadKpiSet(kpiSetFile);
  const compiled = compileKpiSet(kpiSet);
  const { matrix } = await loadValues(valuesFile, compiled.indicatorCodes, kpiSet.code, (options.get('encoding') ?? 'auto') as EncodingChoice, io);
  let scores;
  try {
    scores = scoreMatrix(compiled, matrix);
  } catch (error) {
    if (error instanceof ScoringInputError) throw new CliInputError(`${valuesFile}: ${error.message}`);
    throw error;
  }
  const sink = new OutputSink(io.stdout, out);
  try {
    if (format === 'csv') {
      writeMatrixScoresCsv(compiled, matrix, scores, (chunk) => sink.write(chunk));
    } else {
      // One result per line: valid JSON that stays readable and is written as it is produced.
      let chunk = `{"format":${JSON.stringify(SCORES_FORMAT)},"methodHash":${JSON.stringify(methodHash(kpiSet))},"results":[\n`;
      for (let r = 0; r < scores.rowCount; r++) {
        chunk += JSON.stringify(stakeholderScoreAt(compiled, matrix, scores, r)) + (r + 1 < scores.rowCount ? ',\n' : '\n');
        if (chunk.length >= 1 << 16) {
          sink.write(chunk);
          chunk = '';
        }
      }
      sink.write(`${chunk}]}\n`);
    }
    sink.close();
  } catch (error) {
    sink.abandon();
    throw error;
  }
  if (out) io.stderr(`scored ${scores.rowCount} stakeholder${scores.rowCount === 1 ? '' : 's'} → ${out}\n`);
  return EXIT_OK;
}

// AHP file: {"criteria": [...], "matrix": [[...]]}; a judgement may be written "1/3".
const judgementSchema = z.union([
  z.number(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*(\/\s*\d+(\.\d+)?\s*)?$/, 'write a judgement as a number or a fraction like "1/3"'),
]);
const ahpFileSchema = z.strictObject({
  criteria: z.array(z.string().trim().min(1, 'a criterion needs a name')).min(1, 'name at least one criterion'),
  matrix: z.array(z.array(judgementSchema)),
});

function judgementValue(judgement: number | string): number {
  if (typeof judgement === 'number') return judgement;
  const [numerator, denominator] = judgement.split('/').map((part) => Number(part.trim()));
  return denominator === undefined ? numerator! : numerator! / denominator;
}

async function ahpCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, { required: ['matrix'], optional: [] }, 'weights ahp');
  const file = options.get('matrix')!;
  const parsed = ahpFileSchema.safeParse(readJsonFile(file));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      return `${file}: ${at || '(top level)'}: ${issue.message}`;
    });
    throw new CliInputError(lines.join('\n'));
  }
  const { criteria, matrix } = parsed.data;
  const duplicate = criteria.find((name, i) => criteria.indexOf(name) !== i);
  if (duplicate !== undefined) throw new CliInputError(`${file}: criteria: "${duplicate}" is named twice`);
  if (matrix.length !== criteria.length) {
    throw new CliInputError(`${file}: matrix: ${criteria.length} criteria need a ${criteria.length} × ${criteria.length} matrix, got ${matrix.length} rows`);
  }
  let result;
  try {
    result = ahpWeights(matrix.map((row) => row.map(judgementValue)), criteria);
  } catch (error) {
    if (error instanceof WeightsInputError) throw new CliInputError(`${file}: ${error.message}`);
    throw error;
  }
  const weights = Object.fromEntries(criteria.map((name, i) => [name, result.weights[i]!]));
  io.stdout(`${JSON.stringify({ weights, lambdaMax: result.lambdaMax, CI: result.CI, CR: result.CR, consistent: result.consistent }, null, 2)}\n`);
  const worst = result.mostInconsistent;
  if (!result.consistent && worst) {
    io.stderr(
      `note: CR = ${result.CR.toFixed(3)} > 0.1, the judgements are not consistent enough. The one most at odds with the others: ` +
        `"${worst.rowCriterion}" vs "${worst.columnCriterion}" is ${worst.given}, while the other judgements imply about ${worst.implied.toPrecision(3)}.\n`,
    );
  }
  return EXIT_OK;
}

async function dataWeightsCommand(method: 'entropy' | 'critic', args: readonly string[], io: CliIo): Promise<number> {
  const command = `weights ${method}`;
  const options = parseOptions(args, {
    required: ['kpi-set', 'values'],
    optional: ['objective', 'encoding'],
    choices: { encoding: ENCODING_CHOICES },
  }, command);
  const kpiSetFile = options.get('kpi-set')!;
  const valuesFile = options.get('values')!;
  const kpiSet = loadKpiSet(kpiSetFile);
  const objectiveCode = options.get('objective');
  const objectives = objectiveCode === undefined ? kpiSet.objectives : kpiSet.objectives.filter((objective) => objective.code === objectiveCode);
  if (objectives.length === 0) {
    throw new UsageError(`${command}: --objective ${objectiveCode}: no such objective in ${kpiSetFile}; its objectives are ${kpiSet.objectives.map((o) => o.code).join(', ')}`);
  }
  const compiled = compileKpiSet(kpiSet);
  const { matrix } = await loadValues(valuesFile, compiled.indicatorCodes, kpiSet.code, (options.get('encoding') ?? 'auto') as EncodingChoice, io);
  const indicators = objectives.flatMap((objective) => objective.indicators);
  const columnOf = new Map(compiled.indicatorCodes.map((code, j) => [code, j]));
  const k = compiled.indicatorCodes.length;
  const rows = matrix.stakeholders.map((_, r) =>
    indicators.map((indicator) => {
      const x = matrix.values[r * k + columnOf.get(indicator.code)!]!;
      return x === x ? x : null;
    }),
  );
  const directions: Direction[] = indicators.map((indicator) => indicator.direction);
  const names = indicators.map((indicator) => indicator.code);
  let result;
  try {
    result = method === 'entropy' ? entropyWeights(rows, directions, names) : criticWeights(rows, directions, names);
  } catch (error) {
    if (error instanceof WeightsInputError) throw new CliInputError(`${valuesFile}: ${error.message.replace(/^rows: /, '')}`);
    throw error;
  }
  const weights = Object.fromEntries(names.map((name, i) => [name, result.weights[i]!]));
  io.stdout(`${JSON.stringify({ method, weights }, null, 2)}\n`);
  for (const warning of result.warnings) io.stderr(`note: ${warning}\n`);
  return EXIT_OK;
}

async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, { required: ['kpi-set'], optional: [] }, 'validate');
  const file = options.get('kpi-set')!;
  const kpiSet = loadKpiSet(file);
  const indicatorCount = kpiSet.objectives.reduce((sum, objective) => sum + objective.indicators.length, 0);
  io.stdout(
    `${file}: valid kpi-set/v1 "${kpiSet.code}" (${kpiSet.stakeholderType}): ${kpiSet.objectives.length} objective${kpiSet.objectives.length > 1 ? 's' : ''}, ` +
      `${indicatorCount} indicator${indicatorCount > 1 ? 's' : ''}, ${kpiSet.grades.length} grade band${kpiSet.grades.length > 1 ? 's' : ''}\n` +
      `method hash ${methodHash(kpiSet)}\n`,
  );
  return EXIT_OK;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given');
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  switch (command) {
    case 'score':
      return scoreCommand(rest, io);
    case 'validate':
      return validateCommand(rest, io);
    case 'schema':
      if (rest.length > 0) throw new UsageError(`schema: takes no options, got ${rest.join(' ')}`);
      io.stdout(`${JSON.stringify(kpiSetV1JsonSchema(), null, 2)}\n`);
      return EXIT_OK;
    case 'weights': {
      const [method, ...options] = rest;
      if (method === 'ahp') return ahpCommand(options, io);
      if (method === 'entropy' || method === 'critic') return dataWeightsCommand(method, options, io);
      throw new UsageError(method === undefined ? 'weights: name a method: ahp, entropy or critic' : `weights: unknown method ${JSON.stringify(method)}; use ahp, entropy or critic`);
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

/** Runs one command line (without the program name) and returns its exit code. */
export function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return exitCodeOf(io, USAGE, () => dispatch(argv, io));
}
