// The scores as CSV: one row per stakeholder with columns stakeholder, composite, grade, rank,
// percentile, objective.<code>…, coupling.C, coupling.T, coupling.D, coupling.class. Numbers are
// unrounded (JavaScript's shortest round-trip form), null is an empty cell, lines end with LF.
// Two producers write the same bytes: one from `scores/v1` results (the web app's download), one
// straight from the engine's columns (the CLI on 100,000 rows, without building objects).
import type { CompiledKpiSet } from './compile';
import type { MatrixScores, ValuesMatrix } from './engine';
import type { StakeholderScore } from './score';

function csvNumber(x: number | null): string {
  return x === null || x !== x ? '' : String(x);
}

/** A text cell, quoted when it holds a comma, quote, line break or surrounding blanks. */
export function csvText(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function scoresCsvHeader(objectiveCodes: readonly string[]): string {
  return [
    'stakeholder',
    'composite',
    'grade',
    'rank',
    'percentile',
    ...objectiveCodes.map((code) => `objective.${code}`),
    'coupling.C',
    'coupling.T',
    'coupling.D',
    'coupling.class',
  ]
    .map(csvText)
    .join(',');
}

/** CSV of `scores/v1` results (header and one line per result, each ending in LF). */
export function formatScoresCsv(objectiveCodes: readonly string[], results: readonly StakeholderScore[]): string {
  const lines = [scoresCsvHeader(objectiveCodes)];
  for (const result of results) {
    const cells = [
      csvText(result.stakeholder),
      csvNumber(result.composite),
      result.grade === null ? '' : csvText(result.grade),
      csvNumber(result.rank),
      csvNumber(result.percentile),
      ...objectiveCodes.map((code) => csvNumber(result.objectives[code] ?? null)),
      csvNumber(result.coupling?.C ?? null),
      csvNumber(result.coupling?.T ?? null),
      csvNumber(result.coupling?.D ?? null),
      csvNumber(result.coupling?.class ?? null),
    ];
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The same CSV straight from an engine run, handed out in chunks of about `chunkSize` characters
 * so a large run never needs the whole text in memory at once.
 */
export function writeMatrixScoresCsv(
  compiled: CompiledKpiSet,
  matrix: ValuesMatrix,
  scores: MatrixScores,
  emit: (chunk: string) => void,
  chunkSize = 1 << 16,
): void {
  const objectiveCount = compiled.objectiveCodes.length;
  const gradeCodes = compiled.gradesDescending.map((grade) => csvText(grade.code));
  let chunk = `${scoresCsvHeader(compiled.objectiveCodes)}\n`;
  for (let r = 0; r < scores.rowCount; r++) {
    const gradeIndex = scores.gradeIndex[r]!;
    let line =
      `${csvText(matrix.stakeholders[r]!)},${csvNumber(scores.composite[r]!)},${gradeIndex >= 0 ? gradeCodes[gradeIndex] : ''},` +
      `${csvNumber(scores.rank[r]!)},${csvNumber(scores.percentile[r]!)}`;
    for (let o = 0; o < objectiveCount; o++) line += `,${csvNumber(scores.objectiveScores[r * objectiveCount + o]!)}`;
    const couplingClass = scores.couplingClass[r]!;
    line += `,${csvNumber(scores.couplingC[r]!)},${csvNumber(scores.couplingT[r]!)},${csvNumber(scores.couplingD[r]!)},${couplingClass === 0 ? '' : couplingClass}\n`;
    chunk += line;
    if (chunk.length >= chunkSize) {
      emit(chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) emit(chunk);
}
