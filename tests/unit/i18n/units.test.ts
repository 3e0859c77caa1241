// Units in the reader's language: names, digit grouping, the space rule, the legacy spellings the
// migration maps, and the range messages an assessor reads in each language.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl';
import { BUILT_IN_UNITS, formatValueWithUnit, legacyUnitCode, localParams, unitName, type Unit } from '@/core/i18n/units';
import { valueProblem, type IndicatorDef } from '@/core/domain/evaluation-values';
import { catalogs } from '@/i18n/messages';

const unit = (code: string): Unit => BUILT_IN_UNITS.find((u) => u.code === code)!;

describe('unitName and formatValueWithUnit', () => {
  it('names the unit in the reader\'s language, nothing for no unit', () => {
    expect(unitName(unit('yuan_10k'), 'en')).toBe('10k yuan');
    expect(unitName(unit('yuan_10k'), 'zh-CN')).toBe('万元');
    expect(unitName(unit('person'), 'zh-CN')).toBe('人');
    expect(unitName(null, 'en')).toBe('');
    // A unit named in one language only falls back to the other.
    expect(unitName({ code: 'x', nameEn: '', nameZh: '件', attached: false }, 'en')).toBe('件');
  });

  it('groups the digits for each locale and puts the unit after the number', () => {
    expect(formatValueWithUnit(10_000_000, unit('yuan_10k'), 'en')).toBe('10,000,000 10k yuan');
    expect(formatValueWithUnit(10_000_000, unit('yuan_10k'), 'zh-CN')).toBe('10,000,000 万元');
    expect(formatValueWithUnit(1234.5, unit('person'), 'zh-CN')).toBe('1,234.5 人');
  });

  it('writes an attached unit against the number; no unit or no value, no unit', () => {
    expect(formatValueWithUnit(25, unit('percent'), 'en')).toBe('25%');
    expect(formatValueWithUnit(25, unit('percent'), 'zh-CN')).toBe('25%');
    expect(formatValueWithUnit(12, null, 'en')).toBe('12');
    expect(formatValueWithUnit(null, unit('person'), 'en')).toBe('—');
  });
});

describe('legacyUnitCode', () => {
  it('maps the English and Chinese spellings in use to catalogue codes', () => {
    expect(legacyUnitCode('persons')).toBe('person');
    expect(legacyUnitCode(' 人 ')).toBe('person');
    expect(legacyUnitCode('10k yuan')).toBe('yuan_10k');
    expect(legacyUnitCode('万元')).toBe('yuan_10k');
    expect(legacyUnitCode('%')).toBe('percent');
    expect(legacyUnitCode('Households')).toBe('household');
    expect(legacyUnitCode('yuan_10k')).toBe('yuan_10k');
  });

  it('keeps unknown text as its own code and treats empty text as no unit', () => {
    expect(legacyUnitCode('kWh')).toBe('kWh');
    expect(legacyUnitCode('  ')).toBeNull();
  });

  it('says what the migration says: the same rows and the same spellings', () => {
    const sql = fs.readFileSync(path.join(process.cwd(), 'db/migrations/0021_units.sql'), 'utf8');
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    for (const u of BUILT_IN_UNITS) {
      expect(sql).toContain(`(${q(u.code)}, ${q(u.nameZh)}, ${q(u.nameEn)}, ${u.attached ? 1 : 0})`);
      for (const s of [u.code, ...u.spellings]) expect(sql).toContain(`(${q(s.toLowerCase())}, ${q(u.code)})`);
    }
    const rows = sql.match(/^\s+\('[^']*', '[^']*', '[^']*', [01]\)/gm) ?? [];
    expect(rows).toHaveLength(BUILT_IN_UNITS.length);
  });
});

describe('range messages', () => {
  const def: IndicatorDef = {
    id: 1,
    code: 'mk_value_added_10k',
    objectiveCode: 'o',
    nameEn: 'Value added',
    nameZh: '企业增加值',
    unit: unit('yuan_10k'),
    direction: 'higher',
    valueType: 'number',
    min: 0,
    max: 10_000_000,
    evidenceRequired: false,
    redFlagAbove: null,
    peerDependent: false,
  };
  const say = (locale: 'en' | 'zh-CN', message: string) => {
    const [key = '', json = '{}'] = message.split('::');
    return createTranslator({ locale, messages: catalogs[locale] as never }).markup(key as never, localParams(JSON.parse(json) as Record<string, string>, locale) as never);
  };

  it('groups the limit and names the unit in each language', () => {
    const above = valueProblem(def, 20_000_000)!;
    expect(say('en', above)).toBe('At most 10,000,000 10k yuan.');
    expect(say('zh-CN', above)).toBe('最多 10,000,000 万元。');
    const below = valueProblem({ ...def, min: 5, unit: unit('percent') }, 1)!;
    expect(say('en', below)).toBe('At least 5%.');
    expect(say('zh-CN', below)).toBe('最少 5%。');
  });
});
