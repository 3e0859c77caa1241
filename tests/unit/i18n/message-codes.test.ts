// Every message code a reader can meet (validation.*, errors.*, the engine's and the file readers'
// problem codes, the refusals' reasons) renders in both languages with sample params: no missing
// key, no placeholder left over, and no sentence left in English in the Chinese catalog.
import fs from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogs } from '@/i18n/messages';
import type { Locale } from '@/i18n/config';
import { ERROR_CODES, ERROR_REASONS } from '@/core/domain/error-reasons';
import { parseVmsg } from '@/core/domain/messages';
import { installZodMessages, zodIssueMessage } from '@/core/domain/zod-messages';
import { IMPORT_PROBLEM_CODES } from '@/core/domain/imports';
import { DECODE_PROBLEM_CODES } from '@/core/decode/problems';
import { REGISTRY_PROBLEM_CODES } from '@/core/schemas/stakeholder-registry';
import { entropyWeights, SCORING_INPUT_ERROR_CODES, validateKpiSet, WEIGHTS_PROBLEM_CODES, WeightsInputError } from '@/core/scoring';
import type { WeightsNotice } from '@/core/scoring/weights';
import { fieldLabel } from '@/components/forms/field-label';
import { readerMessage } from '@/server/error-text';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const en = flatten(catalogs.en as unknown as Tree);
const zh = flatten(catalogs['zh-CN'] as unknown as Tree);

/** Every argument a message names in either language, at any depth ({count, plural, …}, {code}), each given 3. */
function sampleParams(key: string): Record<string, number> {
  const text = `${en.get(key) ?? ''} ${zh.get(key) ?? ''}`;
  return Object.fromEntries([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => [m[1]!, 3]));
}

function render(locale: Locale, key: string, params?: Record<string, string | number>) {
  const problems: string[] = [];
  const t = createTranslator({ locale, messages: catalogs[locale], onError: (e) => problems.push(e.message) });
  if (!t.has(key as never)) return { text: null, problems: [`missing in ${locale}`] };
  const text = t(key as never, (params ?? sampleParams(key)) as never) as string;
  return { text, problems };
}

// Texts that are the same in both languages on purpose: symbols and separators.
const SAME_IN_BOTH = new Set(['errors.field.separator']);

function checkCodes(keys: string[]) {
  const bad: string[] = [];
  for (const key of keys) {
    const out = { en: render('en', key), zh: render('zh-CN', key) };
    for (const [locale, r] of Object.entries(out)) {
      if (r.text === null || r.problems.length) bad.push(`${key} (${locale}): ${r.problems.join('; ')}`);
      else if (/\{\s*[A-Za-z_]\w*\s*\}/.test(r.text)) bad.push(`${key} (${locale}): placeholder left in "${r.text}"`);
    }
    const sentence = /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(out.en.text ?? '');
    if (sentence && out.en.text === out.zh.text && !SAME_IN_BOTH.has(key)) bad.push(`${key}: the same text in both languages`);
    if (/[A-Za-z]{3,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(out.zh.text ?? '')) bad.push(`${key} (zh-CN): English words in "${out.zh.text}"`);
  }
  return bad;
}

const under = (prefix: string) => [...en.keys()].filter((k) => k.startsWith(prefix));

describe('every message code renders in both languages', () => {
  it('validation.* and errors.*', () => {
    const keys = [...under('validation.'), ...under('errors.')];
    expect(keys.length).toBeGreaterThan(150);
    expect(checkCodes(keys)).toEqual([]);
  });

  it("the refusals' reasons and codes", () => {
    const keys = [...ERROR_REASONS.map((r) => `errors.reason.${r}`), ...ERROR_CODES.map((c) => `errors.code.${c}`)];
    expect(checkCodes(keys)).toEqual([]);
    // A sentence nobody can produce is a sign the list and the catalog drifted apart.
    expect(under('errors.reason.').filter((k) => !(ERROR_REASONS as readonly string[]).includes(k.slice('errors.reason.'.length)))).toEqual([]);
  });

  it("the engine's problems", () => {
    const notices: WeightsNotice['code'][] = ['rows_left_out', 'constant', 'one_varies', 'perfectly_correlated'];
    const keys = [
      ...WEIGHTS_PROBLEM_CODES.map((c) => `errors.engine.weights.${c}`),
      ...SCORING_INPUT_ERROR_CODES.map((c) => `errors.engine.scoring.${c}`),
      ...notices.map((c) => `errors.engine.notices.${c}`),
    ];
    expect(checkCodes(keys)).toEqual([]);
  });

  it("the file readers' problems (values import and stakeholder registry)", () => {
    const keys = [
      ...[...DECODE_PROBLEM_CODES, ...IMPORT_PROBLEM_CODES].map((c) => `evaluations.import.problems.${c}`),
      ...REGISTRY_PROBLEM_CODES.map((c) => `stakeholders.registry.problems.${c}`),
    ];
    expect(checkCodes(keys)).toEqual([]);
  });

  it('every catalog message the code writes (vmsg, imsg) exists', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(e.name)) {
          const text = fs.readFileSync(p, 'utf8');
          for (const m of text.matchAll(/vmsg\('((?:validation|errors|jobs)\.[\w.]+)'/g)) used.add(m[1]!);
          for (const m of text.matchAll(/imsg\('([\w.]+)'/g)) used.add(`validation.incentives.${m[1]!}`);
        }
      }
    };
    for (const root of ['core', 'server', 'components', 'app', 'lib']) walk(root);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
  });
});

describe("zod's own problems", () => {
  installZodMessages();

  it('become catalog messages, never "must be greater than 0" or "expected number, got NaN"', () => {
    const schema = z.object({ weight: z.number().positive(), share: z.number().max(1), name: z.string().min(1), tags: z.array(z.string()).min(2) });
    const result = schema.safeParse({ weight: Number.NaN, share: 2, name: '', tags: [] });
    expect(result.success).toBe(false);
    const byPath = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toEqual({
      weight: 'validation.method.number',
      share: 'validation.zod.number.atMost::{"max":1}',
      name: 'validation.required',
      tags: 'validation.zod.array.min::{"min":2}',
    });
    expect(schema.safeParse({ weight: 0, share: 0, name: 'a', tags: ['a', 'b'] }).error!.issues[0]!.message).toBe('validation.zod.number.greaterThan::{"min":0}');
    expect(z.number().int().safeParse(1.5).error!.issues[0]!.message).toBe('validation.incentives.integer');
  });

  it('give keys that exist, for every kind of issue', () => {
    const samples = [
      { code: 'invalid_type', expected: 'string', input: 3 },
      { code: 'invalid_type', expected: 'number', input: Number.NaN },
      { code: 'too_small', origin: 'number', minimum: 0, inclusive: false, input: 0 },
      { code: 'too_small', origin: 'number', minimum: 1, inclusive: true, input: 0 },
      { code: 'too_big', origin: 'number', maximum: 9, inclusive: false, input: 10 },
      { code: 'too_big', origin: 'string', maximum: 9, input: 'x' },
      { code: 'too_small', origin: 'string', minimum: 4, input: 'x' },
      { code: 'too_big', origin: 'array', maximum: 9, input: [] },
      { code: 'too_small', origin: 'date', minimum: 0, input: new Date() },
      { code: 'too_big', origin: 'date', maximum: 0, input: new Date() },
      { code: 'invalid_format', format: 'email', input: 'x' },
      { code: 'invalid_format', format: 'url', input: 'x' },
      { code: 'invalid_format', format: 'datetime', input: 'x' },
      { code: 'invalid_format', format: 'regex', input: 'x' },
      { code: 'not_multiple_of', divisor: 5, input: 3 },
      { code: 'not_multiple_of', divisor: 1, input: 3.5 },
      { code: 'invalid_value', values: ['a'], input: 'b' },
      { code: 'unrecognized_keys', keys: ['x'], input: {} },
      { code: 'invalid_union', errors: [], input: 1 },
    ] as unknown as z.core.$ZodRawIssue[];
    const keys = samples.map((issue) => parseVmsg(zodIssueMessage(issue))!.key);
    expect(keys.filter((k) => !en.has(k))).toEqual([]);
    expect(new Set(keys).size).toBeGreaterThan(15);
  });

  it('reach the KPI-set editor as catalog keys for the format rules too (the CLI keeps its English)', () => {
    const doc = {
      format: 'kpi-set/v1',
      code: 'k',
      name: { en: 'K', 'zh-CN': 'K' },
      stakeholderType: 'rural',
      grades: [{ code: 'A', min: 0, label: { en: 'A', 'zh-CN': '甲' } }],
      objectives: [{ code: 'o', name: { en: 'O', 'zh-CN': '目' }, weight: 0, indicators: [] }],
    };
    const checked = validateKpiSet(doc);
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.errors;
    expect(problems.map((p) => [p.path, p.message, p.key])).toEqual([
      ['objectives[0].weight', 'must be greater than 0', 'validation.zod.number.greaterThan::{"min":0}'],
      ['objectives[0].indicators', 'an objective needs at least one indicator', 'validation.kpiSet.noIndicators'],
    ]);
  });
});

describe('field paths as labels', () => {
  const t = (locale: Locale) => createTranslator({ locale, messages: catalogs[locale] }) as unknown as Parameters<typeof fieldLabel>[0];

  it('says which objective, indicator or band, and the field', () => {
    expect(fieldLabel(t('en'), 'objectives.0.weight')).toBe('Objective 1 · weight');
    expect(fieldLabel(t('zh-CN'), 'objectives.0.weight')).toBe('目标 1 · 权重');
    expect(fieldLabel(t('zh-CN'), 'objectives.1.indicators.2.normalization.max')).toBe('目标 2 · 指标 3 · 标准化 · 最大值');
    expect(fieldLabel(t('en'), 'grades.0.label.zh-CN')).toBe('Grade band 1 · label · Chinese');
    expect(fieldLabel(t('en'), '_')).toBe('');
  });
});

describe("the engine's data weighting says what to fix", () => {
  it('names the indicator nobody has entered yet, in both languages', () => {
    const rows = [
      [1, null],
      [2, null],
      [3, null],
    ];
    let caught: unknown;
    try {
      entropyWeights(rows, ['higher', 'higher'], ['hires', 'new_ind']);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WeightsInputError);
    const e = caught as WeightsInputError;
    expect(e.code).toBe('too_few_rows_missing');
    expect(e.params).toEqual({ complete: 0, indicators: 'new_ind' });
    expect(e.message).toMatch(/at least 2 complete rows/);
    const zh = readerMessage('zh-CN', { detail: `errors.engine.weights.${e.code}::${JSON.stringify(e.params)}` });
    expect(zh).toBe('按数据赋权至少需要 2 个各项指标均有数值的评价对象；目前没有。以下指标尚无任何评价对象填报数值：new_ind。');
    const english = readerMessage('en', { detail: `errors.engine.weights.${e.code}::${JSON.stringify(e.params)}` });
    expect(english).toContain('No stakeholder has a value yet for: new_ind.');
  });
});

describe('refusals in the reader’s language', () => {
  it('take the sentence of the reason, else of the code; a sentence short of its params falls back', () => {
    expect(readerMessage('zh-CN', { reason: 'period_not_open', code: 'PRECONDITION_FAILED' })).toMatch(/^该周期未开放/);
    expect(readerMessage('en', { reason: 'self_review', code: 'FORBIDDEN' })).toMatch(/^You submitted this evaluation/);
    expect(readerMessage('zh-CN', { reason: 'no_such_reason', code: 'NOT_FOUND' })).toBe(catalogs['zh-CN'].errors.code.NOT_FOUND);
    expect(readerMessage('zh-CN', { reason: 'unapproved_evaluations', code: 'BAD_REQUEST', params: { count: 4 } })).toMatch(/4 份评价/);
    expect(readerMessage('zh-CN', { reason: 'unapproved_evaluations', code: 'BAD_REQUEST' })).toBe(catalogs['zh-CN'].errors.code.BAD_REQUEST);
    expect(readerMessage('en', { code: 'INTERNAL_SERVER_ERROR' })).toBe(catalogs.en.errors.code.INTERNAL_SERVER_ERROR);
  });
});
