import { describe, expect, it } from 'vitest';
import { formatList, formatNumber, formatWithUnit } from '@/core/i18n/format';
import { labelOf, pickName } from '@/core/i18n/label';

describe('formatNumber', () => {
  it('groups and rounds by locale, up to two decimals by default', () => {
    expect(formatNumber(12345.678, 'en')).toBe('12,345.68');
    expect(formatNumber(12345.678, 'zh-CN')).toBe('12,345.68');
    expect(formatNumber(3, 'en')).toBe('3');
  });
  it('shows fixed decimals, percentages and signed changes', () => {
    expect(formatNumber(71, 'en', { digits: 1, fixed: true })).toBe('71.0');
    expect(formatNumber(0.256, 'en', { percent: true, digits: 1 })).toBe('25.6%');
    expect(formatNumber(2.5, 'en', { signed: true })).toBe('+2.5');
    expect(formatNumber(-2.5, 'en', { signed: true })).toBe('-2.5');
    expect(formatNumber(0, 'en', { signed: true })).toBe('0');
  });
  it('shows an em dash for missing and non-finite values', () => {
    expect(formatNumber(null, 'en')).toBe('—');
    expect(formatNumber(undefined, 'zh-CN')).toBe('—');
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
  });
  it('puts the unit after the number, a percent sign without a space', () => {
    expect(formatWithUnit(12.5, 'km', 'en')).toBe('12.5 km');
    expect(formatWithUnit(12.5, '%', 'en')).toBe('12.5%');
    expect(formatWithUnit(null, 'km', 'en')).toBe('—');
  });
});

describe('formatList', () => {
  it('separates items the way each language does', () => {
    expect(formatList(['Market', 'Rural'], 'en')).toBe('Market, Rural');
    expect(formatList(['集市', '乡村', '城镇'], 'zh-CN')).toBe('集市、乡村、城镇');
    expect(formatList([], 'en')).toBe('');
  });
});

describe('pickName', () => {
  it("picks the reader's language and falls back to the other when empty", () => {
    const label = labelOf({ nameEn: 'Market', nameZh: '集市' });
    expect(pickName(label, 'en')).toBe('Market');
    expect(pickName(label, 'zh-CN')).toBe('集市');
    expect(pickName({ en: '', 'zh-CN': '集市' }, 'en')).toBe('集市');
    expect(pickName({ en: 'Market', 'zh-CN': '' }, 'zh-CN')).toBe('Market');
  });
});
