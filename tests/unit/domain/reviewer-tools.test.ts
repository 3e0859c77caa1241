// The reviewer's tools in pure code: the one evidence-link rule (the values schema uses it), the
// unusual-change rule and the usual spread it compares with, and what each history entry changed.
import { describe, expect, it } from 'vitest';
import { evidenceKind, isEvidenceUrl } from '@/core/domain/evidence-url';
import { evaluationValuesSchema, type IndicatorDef } from '@/core/domain/evaluation-values';
import { usualSpread, valueChange } from '@/core/domain/value-change';
import { changeKind, entryChanges, foldChanges, historyView } from '@/core/domain/evaluation-history';

describe('evidence links', () => {
  it('accepts http and https URLs only', () => {
    for (const ok of ['https://evidence.example.cn/a.pdf', 'http://x.example/path?q=1#f', 'HTTPS://EXAMPLE.ORG', ' https://example.org/trimmed ']) expect(isEvidenceUrl(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JavaScript://%0aalert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://example.org/a', '//example.org/a', 'www.example.org', 'https://', 'https://exa mple.org', '证据.pdf', ''])
      expect(isEvidenceUrl(bad), bad).toBe(false);
  });

  it('shows a stored text as a link, as text with a warning, or not at all', () => {
    expect(evidenceKind('https://example.org/a')).toBe('link');
    expect(evidenceKind('javascript:alert(1)')).toBe('text');
    expect(evidenceKind('  ')).toBe('none');
    expect(evidenceKind(null)).toBe('none');
  });

  it('is the rule the values schema applies on save', () => {
    const def: IndicatorDef = { id: 1, code: 'x', objectiveCode: 'o', nameEn: 'x', nameZh: 'x', unit: null, direction: 'higher', valueType: 'number', min: 0, max: 10, evidenceRequired: false, redFlagAbove: null, peerDependent: false };
    const check = (evidenceUrl: string) => evaluationValuesSchema([def], 'draft').safeParse({ x: { value: 1, evidenceUrl } }).success;
    expect(check('https://example.org/a.pdf')).toBe(true);
    expect(check('javascript:alert(1)')).toBe(false);
    expect(check('file:///c:/evidence.pdf')).toBe(false);
  });
});

describe('unusual change', () => {
  it('flags a change beyond ±50% of the previous value, not one at 50%', () => {
    expect(valueChange(100, 150, null)).toEqual({ delta: 50, relative: 0.5, unusual: false, reasons: [] });
    expect(valueChange(100, 151, null)).toMatchObject({ unusual: true, reasons: ['relative'] });
    expect(valueChange(100, 49, null)).toMatchObject({ unusual: true, reasons: ['relative'] });
    expect(valueChange(-20, -35, null)).toMatchObject({ delta: -15, relative: -0.75, unusual: true });
    // 0.1 + 0.05 is not exactly 0.15: rounding alone never flags.
    expect(valueChange(0.1, 0.1 + 0.05, null)?.unusual).toBe(false);
  });

  it('flags a change larger than the usual spread, whatever its percentage', () => {
    expect(valueChange(1000, 1030, 20)).toMatchObject({ delta: 30, unusual: true, reasons: ['spread'] });
    expect(valueChange(1000, 1020, 20)?.unusual).toBe(false);
    expect(valueChange(10, 40, 5)?.reasons).toEqual(['relative', 'spread']);
  });

  it('has no percentage from 0 and no change without both values', () => {
    expect(valueChange(0, 5, null)).toEqual({ delta: 5, relative: null, unusual: false, reasons: [] });
    expect(valueChange(0, 5, 2)?.reasons).toEqual(['spread']);
    expect(valueChange(null, 5, 2)).toBeNull();
    expect(valueChange(5, null, 2)).toBeNull();
    expect(valueChange(5, Number.NaN, 2)).toBeNull();
  });

  it('takes the usual spread as the nearest-rank 90th percentile of the sizes, from 10 changes on', () => {
    expect(usualSpread([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBeNull();
    expect(usualSpread([10, -9, 8, 7, 6, 5, 4, 3, 2, 1])).toBe(9);
    // n = 20: the 18th smallest; n = 11: the 10th (⌈9.9⌉).
    expect(usualSpread(Array.from({ length: 20 }, (_, i) => i + 1))).toBe(18);
    expect(usualSpread(Array.from({ length: 11 }, (_, i) => i + 1))).toBe(10);
    expect(usualSpread(Array.from({ length: 30 }, (_, i) => i + 1))).toBe(27);
  });
});

describe('history entries', () => {
  it('reads a save’s recorded entries: a value, a note added, an unchanged field left out', () => {
    const changes = entryChanges(
      'evaluation.save',
      { status: 'draft', revision: 2, values: { pop: { value: 120, note: null, evidenceUrl: 'https://e.example/a' } } },
      { status: 'draft', revision: 3, values: { pop: { value: 135, note: '含外出务工人员', evidenceUrl: 'https://e.example/a' } } },
    );
    expect(changes).toEqual([
      { code: 'pop', field: 'value', from: 120, to: 135 },
      { code: 'pop', field: 'note', from: null, to: '含外出务工人员' },
    ]);
    expect(Array.isArray(changes) && changes.map(changeKind)).toEqual(['set', 'added']);
  });

  it('reads an import’s values with the earlier value unknown, and says when a save recorded none', () => {
    expect(entryChanges('evaluation.import', { status: 'draft', revision: 1 }, { status: 'draft', row: 2, values: { a: 5, b: null } })).toEqual([{ code: 'a', field: 'value', to: 5 }]);
    expect(entryChanges('evaluation.save', { status: 'draft', revision: 1 }, { status: 'draft', revision: 2 })).toBe('not_recorded');
    expect(entryChanges('evaluation.approve', { status: 'submitted' }, { status: 'approved' })).toBeNull();
  });

  it('folds consecutive saves into their net change; a field typed back is no change', () => {
    const save = (from: number | null, to: number | null, code = 'a') => entryChanges('evaluation.save', { values: { [code]: { value: from } } }, { values: { [code]: { value: to } } });
    expect(foldChanges([save(1, 2), save(2, 3), save(5, 6, 'b'), save(6, 5, 'b')])).toEqual([{ code: 'a', field: 'value', from: 1, to: 3 }]);
    expect(foldChanges(['not_recorded', 'not_recorded'])).toBe('not_recorded');
    expect(changeKind({ code: 'a', field: 'evidenceUrl', from: 'https://x.example', to: null })).toBe('removed');
  });

  it('puts each return’s comments on its entry, and the latest return’s at the fields while it is open', () => {
    const at = new Date(0);
    const entry = (id: number, action: string, revision: number) => ({ id, at, action, actorName: 'a', reason: null, before: null, after: { revision } });
    const entries = [entry(1, 'evaluation.submit', 2), entry(2, 'evaluation.return', 3), entry(3, 'evaluation.submit', 4), entry(4, 'evaluation.return', 5)];
    const comments = [{ revision: 3, code: 'a', comment: 'first' }, { revision: 5, code: 'b', comment: 'second' }];
    const view = historyView(entries, comments, true);
    expect(view.timeline.map((e) => e.comments)).toEqual([[], [{ code: 'a', comment: 'first' }], [], [{ code: 'b', comment: 'second' }]]);
    expect(view.returnComments).toEqual({ b: 'second' });
    expect(historyView(entries, comments, false).returnComments).toEqual({});
    // A reopen after the return has no comments: the older return's are not shown again.
    expect(historyView([...entries, entry(5, 'evaluation.reopen', 6)], comments, true).returnComments).toEqual({});
  });
});
