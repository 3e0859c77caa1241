// The field-by-field merge behind evaluation saves: a field nobody else changed since the sender's
// base takes the new value, a field changed on both sides is a conflict for that field alone, and
// values compare as stored (numbers parsed, texts trimmed, empty = nothing).
import { describe, expect, it } from 'vitest';
import { mergeChanges, sameField } from '@/core/domain/evaluation-merge';

const stored = {
  a: { value: 10, note: 'stored note', evidenceUrl: null },
  b: { value: 20, note: null, evidenceUrl: 'https://e.example/b.pdf' },
};

describe('mergeChanges', () => {
  it('applies a change whose base is still stored, keeping the entry’s other fields', () => {
    const r = mergeChanges(stored, [{ code: 'a', field: 'value', base: '10', value: '11' }]);
    expect(r.conflicts).toEqual([]);
    expect(r.entries).toEqual({ a: { value: '11', note: 'stored note', evidenceUrl: null } });
  });

  it('reports only the field changed meanwhile, and still applies the others', () => {
    const r = mergeChanges(stored, [
      { code: 'a', field: 'value', base: 9, value: '12' },
      { code: 'a', field: 'evidenceUrl', base: '', value: 'https://e.example/a.pdf' },
      { code: 'b', field: 'note', base: null, value: '说明' },
    ]);
    expect(r.conflicts).toEqual([{ code: 'a', field: 'value', theirs: 10, mine: '12' }]);
    expect(r.entries).toEqual({
      a: { value: 10, note: 'stored note', evidenceUrl: 'https://e.example/a.pdf' },
      b: { value: 20, note: '说明', evidenceUrl: 'https://e.example/b.pdf' },
    });
  });

  it('takes a change the stored copy already holds as neither a write nor a conflict', () => {
    expect(mergeChanges(stored, [{ code: 'a', field: 'value', base: 3, value: '10.0' }])).toEqual({ entries: {}, conflicts: [] });
  });

  it('starts an entry that was never stored from nothing', () => {
    const r = mergeChanges(stored, [{ code: 'c', field: 'note', base: '', value: '  本期未统计 ' }]);
    expect(r.entries.c).toEqual({ value: null, note: '  本期未统计 ', evidenceUrl: null });
  });
});

describe('sameField', () => {
  it('compares as stored', () => {
    expect(sameField('value', '1.50', 1.5)).toBe(true);
    expect(sameField('value', '', null)).toBe(true);
    expect(sameField('value', 'abc', null)).toBe(false);
    expect(sameField('value', '１２', 12)).toBe(true);
    expect(sameField('note', '  x ', 'x')).toBe(true);
    expect(sameField('note', '', null)).toBe(true);
  });
});
