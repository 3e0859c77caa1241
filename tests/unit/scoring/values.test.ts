import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnLetter, CsvSyntaxError, parseCsv, parseDecimal, parseNumberCell, readValuesCsv, readValuesTable, scanCsv, ValuesTableReader, type DecodeProblem } from '@/core/decode';
import { formatProblem, problemText } from '@/cli/english';

function records(text: string): [string[], number][] {
  const out: [string[], number][] = [];
  parseCsv(text, (cells, row) => out.push([cells, row]));
  return out;
}

/** A problem as the CLI says it, with its place. */
function inWords({ code, params, ...where }: DecodeProblem) {
  return { ...where, message: problemText({ code, ...(params ? { params } : {}) }) };
}

function syntaxError(text: string): string | null {
  try {
    records(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return formatProblem('f.csv', error.problem);
    throw error;
  }
  return null;
}

function cellText(cell: Parameters<typeof parseNumberCell>[0]) {
  const parsed = parseNumberCell(cell);
  return parsed !== null && typeof parsed === 'object' ? problemText(parsed) : parsed;
}

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and any line ending', () => {
    expect(records('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\rlast')).toEqual([
      [['a', 'b'], 1],
      [['x, y', 'say "hi"'], 2],
      [['two\nlines', ''], 3],
      [['last'], 4],
    ]);
  });

  it('drops a byte-order mark and does not make a record of the final newline', () => {
    expect(records('\uFEFFstakeholder\nA\n')).toEqual([
      [['stakeholder'], 1],
      [['A'], 2],
    ]);
    expect(records('')).toEqual([]);
  });

  it('refuses an unterminated quote or a stray quote, naming the row', () => {
    expect(syntaxError('a\n"open')).toBe('f.csv, row 2: a quoted cell is never closed (a " is missing)');
    expect(syntaxError('a\nb"c')).toMatch(/row 2: a quote inside an unquoted cell/);
    expect(syntaxError('"a"b')).toMatch(/row 1: unexpected text after a closing quote/);
  });
});

describe('numbers in cells', () => {
  it('reads plain decimals exactly as Number() does', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x);
        expect(Object.is(parseDecimal(text), x === 0 ? 0 : x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: -30, max: 30 }), (whole, fraction, exponent) => {
        for (const text of [`${whole}.${fraction}`, `${whole}.${fraction}e${exponent}`, `${whole}E${exponent}`, `.${fraction}`]) {
          expect(parseDecimal(text)).toBe(Number(text) === 0 ? 0 : Number(text));
        }
      }),
    );
  });

  it('rejects what is not a plain decimal', () => {
    for (const text of ['', '-', '.', '1e', '1.2.3', '0x10', 'Infinity', 'NaN', '1,000', ' 1', '1 ', '+-1', '1e+', '١']) {
      expect(parseDecimal(text), text).toBeNaN();
    }
  });

  it('reads cells: blanks are missing, full-width digits and thousands separators are fine', () => {
    expect(parseNumberCell('')).toBeNull();
    expect(parseNumberCell('   ')).toBeNull();
    expect(parseNumberCell(null)).toBeNull();
    expect(parseNumberCell(' 12.5 ')).toBe(12.5);
    expect(parseNumberCell('１２３．５')).toBe(123.5);
    expect(parseNumberCell('1,234,567.8')).toBe(1234567.8);
    expect(parseNumberCell('−3')).toBe(-3);
    expect(parseNumberCell(42)).toBe(42);
  });

  it('says what to write instead of a cell that is not a number', () => {
    expect(parseNumberCell('12%')).toEqual({ code: 'percent_sign', params: { value: '12%', suggestion: '12' } });
    expect(cellText('12%')).toBe('"12%" is not a plain number: write it without "%" (e.g. 12)');
    expect(cellText('3,5')).toBe('"3,5" is not a number: write decimals with a point (3.5)');
    expect(cellText('N/A')).toBe('"N/A" is not a number; leave the cell empty for a missing value');
    expect(cellText(Number.POSITIVE_INFINITY)).toBe('Infinity is not a finite number');
  });
});

describe('reading a values file', () => {
  const codes = ['hires', 'sales'];

  it('reads columns in any order, ignores "name", and keeps the matrix in indicator order', () => {
    const read = readValuesCsv('sales,name,stakeholder,hires\n1.5,甲公司,A,3\n,乙公司,B,\n', codes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.matrix.stakeholders).toEqual(['A', 'B']);
    expect(Array.from(read.matrix.values)).toEqual([3, 1.5, Number.NaN, Number.NaN]);
    expect(read.rowNumbers).toEqual([2, 3]);
  });

  it('skips blank lines and tolerates trailing empty columns', () => {
    const read = readValuesCsv('stakeholder,hires,sales,,\nA,1,2,,\n,,,,\n\nB,3,4,,\n', codes);
    expect(read.ok && read.matrix.stakeholders).toEqual(['A', 'B']);
  });

  it('notes an indicator without a column (all its values missing)', () => {
    const read = readValuesCsv('stakeholder,hires\nA,1\n', codes);
    expect(read.ok && read.warnings.map(problemText)).toEqual(['no column for indicator "sales": every value of it counts as missing']);
  });

  it('reports every problem with its row and column (a code in other case is the code)', () => {
    const read = readValuesCsv(
      ['stakeholder,hires,Sales,bogus,hires', 'A,1,2,3,4', 'A,x,,,', ',5,,,', 'C,1,2,3,4,5'].join('\n'),
      codes,
      { kpiSetCode: 'market-2025' },
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => formatProblem('v.csv', e))).toEqual([
      'v.csv, row 1, column "bogus" (D): unknown column "bogus": not an indicator of KPI set "market-2025"; the columns are "stakeholder", an optional "name", indicators (by code, Chinese or English name) and optional "[code]:note" and "[code]:evidence"',
      'v.csv, row 1, column "hires" (E): duplicate column: "hires" is also column B',
      'v.csv, row 3, column "stakeholder" (A): duplicate stakeholder "A": already on row 2',
      'v.csv, row 3, column "hires" (B): "x" is not a number; leave the cell empty for a missing value',
      'v.csv, row 4, column "stakeholder" (A): the row has values but no stakeholder',
      'v.csv, row 5, column F: the row has a value beyond the last column of the header (the header has 5 columns)',
    ]);
  });

  it('refuses short rows, a missing stakeholder column, empty files and files without rows', () => {
    const short = readValuesCsv('stakeholder,hires,sales\nA,1\n', codes);
    expect(!short.ok && inWords(short.errors[0]!)).toEqual({ row: 2, message: 'the row has 2 cells but the header has 3; a missing value is an empty cell between commas' });
    const noStakeholder = readValuesCsv('hires,sales\n1,2\n', codes);
    expect(!noStakeholder.ok && problemText(noStakeholder.errors[0]!)).toBe('no "stakeholder" column in the header');
    const tabs = readValuesCsv('stakeholder\thires\nA\t1\n', codes);
    expect(!tabs.ok && problemText(tabs.errors[0]!)).toMatch(/tab-separated/);
    const empty = readValuesCsv('\n\n', codes);
    expect(!empty.ok && problemText(empty.errors[0]!)).toMatch(/the file is empty/);
    const headerOnly = readValuesCsv('stakeholder,hires\n', codes);
    expect(!headerOnly.ok && problemText(headerOnly.errors[0]!)).toBe('the file has a header but no stakeholder rows');
    const noIndicators = readValuesCsv('stakeholder,name\nA,x\n', codes);
    expect(!noIndicators.ok && problemText(noIndicators.errors[0]!)).toMatch(/names none of the KPI set's indicators/);
  });

  it('reports a CSV syntax error with its row', () => {
    const read = readValuesCsv('stakeholder,hires\nA,"1\n', codes);
    expect(!read.ok && read.errors.map(inWords)).toEqual([{ row: 2, message: 'a quoted cell is never closed (a " is missing)' }]);
  });

  it('stops listing after maxErrors and says how many more there were', () => {
    const lines = ['stakeholder,hires', ...Array.from({ length: 10 }, (_, i) => `S${i},bad`)];
    const read = readValuesCsv(lines.join('\n'), codes, { maxErrors: 3 });
    expect(!read.ok && read.errors.map(problemText).at(-1)).toBe('… and 7 more errors');
  });

  it('reads spreadsheet records with numbers, short rows and real row numbers', () => {
    const read = readValuesTable(
      [
        { row: 1, cells: ['stakeholder', 'hires', 'sales'] },
        { row: 3, cells: ['A', 12, '3.5'] },
        { row: 4, cells: ['B', null] },
        { row: 5, cells: ['C', 'many'] },
      ],
      codes,
    );
    expect(!read.ok && read.errors.map(inWords)).toEqual([{ row: 5, column: '"hires" (B)', message: '"many" is not a number; leave the cell empty for a missing value' }]);
    const good = readValuesTable(
      [
        { row: 1, cells: ['stakeholder', 'hires', 'sales'] },
        { row: 3, cells: ['A', 12, '3.5'] },
        { row: 4, cells: ['B'] },
      ],
      codes,
    );
    expect(good.ok && Array.from(good.matrix.values)).toEqual([12, 3.5, Number.NaN, Number.NaN]);
    expect(good.ok && good.rowNumbers).toEqual([3, 4]);
  });

  it('names columns by spreadsheet letters', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('the fast path of readValuesCsv', () => {
  // The general path alone: every record through the cell-by-cell reader.
  function readGeneral(text: string, codes: string[]) {
    const reader = new ValuesTableReader(codes, true);
    try {
      scanCsv(text, reader);
    } catch (error) {
      return { syntax: (error as Error).message };
    }
    return reader.finish();
  }

  const cellArb = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -99_999, max: 99_999 }).map(String) },
    { weight: 3, arbitrary: fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 0, max: 9999 })).map(([a, b]) => `${a}.${String(b).padStart(4, '0')}`) },
    { weight: 4, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String) },
    { weight: 2, arbitrary: fc.constantFrom('', '0', '-0', '007', '0.000123', '1234567890123456', '12345678901234567', '1e3', '-2.5E-2', '.5', '5.', '+1') },
    { weight: 1, arbitrary: fc.constantFrom(' 12 ', '１２', '1,234', '"7"', '"a,b"', 'abc', '12%', '-', '"x""y"', '\t3') },
  );

  it('reads -0 as 0 and long or exponent numbers like parseDecimal', () => {
    const read = readValuesCsv('stakeholder,a,b,c\nS,-0,12345678901234567,1.5e3\nT,-0.000,0.1,-7\n', ['a', 'b', 'c']);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const values = Array.from(read.matrix.values);
    expect(Object.is(values[0], 0)).toBe(true);
    expect(Object.is(values[3], 0)).toBe(true);
    expect(values).toEqual([0, 12345678901234568, 1500, 0, 0.1, -7]);
  });

  it('reads every file exactly as the general path does', () => {
    const codes = ['a', 'b', 'c'];
    fc.assert(
      fc.property(
        fc.constantFrom(['stakeholder', 'a', 'b', 'c'], ['c', 'stakeholder', 'name', 'a'], ['stakeholder', 'a', 'b']).chain((header) =>
          fc.record({
            header: fc.constant(header.join(',')),
            newline: fc.constantFrom('\n', '\r\n'),
            records: fc.array(
              fc.record({
                stakeholder: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S5', 'S6') }, { weight: 1, arbitrary: fc.constantFrom(' S7', '', '"S8"') }),
                // Mostly exactly the header's width, sometimes one cell short or long.
                cells: fc.oneof(
                  { weight: 8, arbitrary: fc.array(cellArb, { minLength: header.length - 1, maxLength: header.length - 1 }) },
                  { weight: 1, arbitrary: fc.array(cellArb, { minLength: header.length - 2, maxLength: header.length }) },
                ),
              }),
              { maxLength: 8 },
            ),
          }),
        ),
        ({ records, newline, header }) => {
          const text = [header, ...records.map((r) => [r.stakeholder, ...r.cells].join(','))].join(newline) + newline;
          const fast = readValuesCsv(text, codes);
          const general = readGeneral(text, codes);
          if ('syntax' in general) {
            expect(fast.ok).toBe(false);
            return;
          }
          expect(fast.ok).toBe(general.ok);
          if (fast.ok && general.ok) {
            expect(fast.matrix.stakeholders).toEqual(general.matrix.stakeholders);
            expect(fast.rowNumbers).toEqual(general.rowNumbers);
            expect(fast.warnings).toEqual(general.warnings);
            const a = Array.from(fast.matrix.values);
            const b = Array.from(general.matrix.values);
            expect(a.length).toBe(b.length);
            a.forEach((x, i) => expect(Object.is(x, b[i]), `cell ${i}: ${x} vs ${b[i]}`).toBe(true));
          } else if (!fast.ok && !general.ok) {
            expect(fast.errors).toEqual(general.errors);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
