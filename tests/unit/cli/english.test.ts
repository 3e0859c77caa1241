// The CLI says problems in English from the app's catalog, with the part of ICU the catalogs use.
import { describe, expect, it } from 'vitest';
import { english, formatProblem, problemText } from '@/cli/english';

describe('English from the catalogs', () => {
  it('fills in parameters, plurals (with #) and selects', () => {
    expect(problemText({ code: 'more_errors', params: { n: 1 } })).toBe('… and 1 more error');
    expect(problemText({ code: 'more_errors', params: { n: 12 } })).toBe('… and 12 more errors');
    expect(problemText({ code: 'missing_columns', params: { n: 2, codes: '"a", "b"' } })).toBe('no column for indicators "a", "b": every value of them counts as missing');
    expect(problemText({ code: 'unknown_column', params: { value: 'x', inKpiSet: 'no', kpiSet: '' } })).toBe(
      'unknown column "x": not an indicator; the columns are "stakeholder", an optional "name", indicators (by code, Chinese or English name) and optional "[code]:note" and "[code]:evidence"',
    );
    expect(english('evaluations.import.done', { n: 3 })).toBe('3 evaluations were imported.');
  });

  it('places a problem in its file, row and column', () => {
    expect(formatProblem('v.csv', { code: 'no_stakeholder', row: 4, column: '"stakeholder" (A)' })).toBe('v.csv, row 4, column "stakeholder" (A): the row has values but no stakeholder');
    expect(formatProblem('v.csv', { code: 'empty_file' })).toMatch(/^v\.csv: the file is empty/);
  });

  it('has no text for a key the catalogs lack', () => {
    expect(english('validation.nope')).toBeNull();
    expect(english('validation.tooLong', { max: 64 })).toBe('At most 64 characters.');
  });
});
