// Units of measure in the reader's language: the catalogue row shape, its name, and a value with it.
import type { Locale } from '@/i18n/config';
import { formatNumber, type NumberOptions } from './format';
import { pickName } from './label';

/** One row of the `units` catalogue. */
export interface Unit {
  code: string;
  nameEn: string;
  nameZh: string;
  /** Written against the number without a space (25%, not 25 %). */
  attached: boolean;
}

/** The unit's name for the reader; no unit, an empty string. */
export function unitName(unit: Unit | null | undefined, locale: Locale): string {
  if (!unit) return '';
  return pickName({ en: unit.nameEn, 'zh-CN': unit.nameZh }, locale);
}

/** "10,000,000 10k yuan" / "10,000,000 万元" / "25%"; a missing value stays the em dash, without unit. */
export function formatValueWithUnit(
  value: number | null | undefined,
  unit: Unit | null | undefined,
  locale: Locale,
  options: NumberOptions = {},
): string {
  const n = formatNumber(value, locale, options);
  const name = unitName(unit, locale);
  if (n === '—' || !name) return n;
  return unit?.attached ? `${n}${name}` : `${n} ${name}`;
}

/**
 * The catalogue the first units migration seeds, with the free-text spellings it maps onto each
 * code. The migration's SQL repeats this list (SQL can't import it); a test keeps the two equal.
 * Each English name is the text it replaces: a KPI-set document, and so its method hash, carries
 * the unit's English name, and published hashes must not move.
 */
export const BUILT_IN_UNITS: readonly (Unit & { spellings: readonly string[] })[] = [
  { code: 'person', nameEn: 'persons', nameZh: '人', attached: false, spellings: ['persons', 'person', 'people', '人'] },
  { code: 'person_time', nameEn: 'person-times', nameZh: '人次', attached: false, spellings: ['person-times', 'person times', '人次'] },
  { code: 'household', nameEn: 'households', nameZh: '户', attached: false, spellings: ['households', 'household', '户'] },
  { code: 'yuan', nameEn: 'yuan', nameZh: '元', attached: false, spellings: ['yuan', 'rmb', 'cny', '元'] },
  { code: 'yuan_10k', nameEn: '10k yuan', nameZh: '万元', attached: false, spellings: ['10k yuan', '10,000 yuan', '10000 yuan', 'ten thousand yuan', '万元'] },
  { code: 'yuan_100m', nameEn: '100m yuan', nameZh: '亿元', attached: false, spellings: ['100m yuan', '100 million yuan', '亿元'] },
  { code: 'percent', nameEn: '%', nameZh: '%', attached: true, spellings: ['%', 'percent', 'pct', '％', '百分比'] },
  { code: 'times', nameEn: 'times', nameZh: '次', attached: false, spellings: ['times', 'time', '次'] },
  { code: 'session', nameEn: 'sessions', nameZh: '场', attached: false, spellings: ['sessions', 'session', '场', '场次'] },
  { code: 'item', nameEn: 'count', nameZh: '个', attached: false, spellings: ['count', 'items', 'item', '个'] },
  { code: 'enterprise', nameEn: 'enterprises', nameZh: '家', attached: false, spellings: ['enterprises', 'enterprise', 'companies', '家'] },
  { code: 'ratio', nameEn: 'ratio', nameZh: '倍', attached: false, spellings: ['ratio', 'x', '×', '倍'] },
  { code: 'mu', nameEn: 'mu', nameZh: '亩', attached: false, spellings: ['mu', '亩'] },
  { code: 'hectare', nameEn: 'ha', nameZh: '公顷', attached: false, spellings: ['ha', 'hectare', 'hectares', '公顷'] },
  { code: 'tonne', nameEn: 'tonnes', nameZh: '吨', attached: false, spellings: ['tonnes', 'tonne', 'tons', 'ton', 't', '吨'] },
  { code: 'kilogram', nameEn: 'kg', nameZh: '千克', attached: false, spellings: ['kg', 'kilogram', 'kilograms', '千克', '公斤'] },
  { code: 'km', nameEn: 'km', nameZh: '公里', attached: false, spellings: ['km', 'kilometre', 'kilometres', 'kilometer', 'kilometers', '公里', '千米'] },
];

const BY_SPELLING = new Map(BUILT_IN_UNITS.flatMap((u) => [[u.code, u.code] as const, ...u.spellings.map((s) => [s.toLowerCase(), u.code] as const)]));

/**
 * The catalogue code for a free-text unit ("persons", "万元", or already a code); text nobody
 * spelled before keeps its own trimmed text as code, so nothing is lost. Empty text is no unit.
 */
export function legacyUnitCode(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  return BY_SPELLING.get(t.toLowerCase()) ?? t;
}

/**
 * A message's parameters for the reader: a parameter `xZh` (Chinese text, e.g. a limit with 万元)
 * stands in for `x` (the English one) in Chinese. Messages travel before the reader is known.
 */
export function localParams<P extends Record<string, string | number>>(params: P, locale: Locale): P {
  if (locale !== 'zh-CN') return params;
  const out: Record<string, string | number> = { ...params };
  for (const [k, v] of Object.entries(params)) if (k.endsWith('Zh') && k.length > 2) out[k.slice(0, -2)] = v;
  return out as P;
}
