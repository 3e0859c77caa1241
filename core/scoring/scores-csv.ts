// The scores as CSV: one row per stakeholder with columns stakeholder, composite, grade, rank,
// percentile, objective.<code>…, coupling.C, coupling.T, coupling.D, coupling.class. Numbers are
// unrounded (JavaScript's shortest round-trip form), null is an empty cell, lines end with LF.
// Two producers write the same bytes: one from `scores/v1` results (the web app's download), one
// straight from the engine's columns into a byte buffer (the CLI on 100,000 rows, without building
// objects or strings).
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
 * Bytes of UTF-8 text gathered in one buffer and handed out a line at a time at most, whenever the
 * buffer is full: no string per line or chunk. A chunk is valid only during the `emit` call (the
 * buffer is reused), and always ends at the end of a line.
 */
class LineBuffer {
  private buffer: Uint8Array;
  private at = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly emit: (chunk: Uint8Array) => void,
    size: number,
  ) {
    this.buffer = new Uint8Array(size);
  }

  /** Makes room for a line of at most `bytes` bytes: hands out what is buffered when needed. */
  room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = new Uint8Array(bytes);
  }

  /** Text of ASCII characters only (a number as String() writes it). */
  ascii(text: string): void {
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.at = at;
  }

  text(text: string): void {
    this.at += this.encoder.encodeInto(text, this.buffer.subarray(this.at)).written;
  }

  byte(b: number): void {
    this.buffer[this.at++] = b;
  }

  /** A number as csvNumber writes it; integers (ranks, most scores at the ends of the scale) without a string. */
  number(x: number): void {
    if (x !== x) return;
    if (x === Math.trunc(x) && x >= 0 && x < 1e15) this.integer(x);
    // The same text as String(x) (JSON writes a finite number by Number::toString), but String()
    // keeps each result in V8's number-to-string cache, which carries 100,000s of them into the
    // old generation.
    else this.ascii(JSON.stringify(x));
  }

  private integer(n: number): void {
    const buffer = this.buffer;
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.at + digits;
    this.at = at;
    do {
      const next = Math.floor(n / 10);
      buffer[--at] = 48 + n - next * 10;
      n = next;
    } while (n > 0);
  }

  flush(): void {
    if (this.at > 0) this.emit(this.buffer.subarray(0, this.at));
    this.at = 0;
  }
}

const COMMA = 44;
const LF = 10;
/** Bytes a number takes at most as String() writes it ("-1.2345678901234567e-300"). */
const NUMBER_BYTES = 24;

/**
 * The same CSV straight from an engine run, as UTF-8 bytes handed out in chunks of about
 * `chunkSize` bytes (see LineBuffer: each chunk is valid only during the call), so a large run
 * never holds the text whole nor makes a string per line.
 */
export function writeMatrixScoresCsv(
  compiled: CompiledKpiSet,
  matrix: ValuesMatrix,
  scores: MatrixScores,
  emit: (chunk: Uint8Array) => void,
  chunkSize = 1 << 16,
): void {
  const objectiveCount = compiled.objectiveCodes.length;
  const gradeCodes = compiled.gradesDescending.map((grade) => csvText(grade.code));
  const gradeBytes = Math.max(0, ...gradeCodes.map((code) => code.length * 3));
  const out = new LineBuffer(emit, chunkSize);
  const header = `${scoresCsvHeader(compiled.objectiveCodes)}\n`;
  out.room(header.length * 3);
  out.text(header);
  const { composite, rank, percentile, objectiveScores, gradeIndex, couplingC, couplingT, couplingD, couplingClass } = scores;
  for (let r = 0; r < scores.rowCount; r++) {
    const stakeholder = csvText(matrix.stakeholders[r]!);
    out.room(stakeholder.length * 3 + gradeBytes + (objectiveCount + 7) * (NUMBER_BYTES + 1) + 1);
    out.text(stakeholder);
    out.byte(COMMA);
    out.number(composite[r]!);
    out.byte(COMMA);
    const grade = gradeIndex[r]!;
    if (grade >= 0) out.text(gradeCodes[grade]!);
    out.byte(COMMA);
    out.number(rank[r]!);
    out.byte(COMMA);
    out.number(percentile[r]!);
    for (let o = 0; o < objectiveCount; o++) {
      out.byte(COMMA);
      out.number(objectiveScores[r * objectiveCount + o]!);
    }
    out.byte(COMMA);
    out.number(couplingC[r]!);
    out.byte(COMMA);
    out.number(couplingT[r]!);
    out.byte(COMMA);
    out.number(couplingD[r]!);
    out.byte(COMMA);
    const couplingClassOfRow = couplingClass[r]!;
    if (couplingClassOfRow !== 0) out.number(couplingClassOfRow);
    out.byte(LF);
  }
  out.flush();
}
