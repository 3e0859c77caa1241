// Numbers as the reader expects them: grouping and decimals by locale, one formatter for the app.
import type { Locale } from '@/i18n/config';

export interface NumberOptions {
  /** Most decimals shown (2 by default). */
  digits?: number;
  /** Always show `digits` decimals (scores: 71.0 beside 68.5). */
  fixed?: boolean;
  /** A share (0.25) shown as a percentage (25%). */
  percent?: boolean;
  /** A change: `+` before positive values. */
  signed?: boolean;
}

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, options: NumberOptions): Intl.NumberFormat {
  const digits = options.digits ?? 2;
  const key = `${locale}|${digits}|${options.fixed ?? false}|${options.percent ?? false}|${options.signed ?? false}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      maximumFractionDigits: digits,
      minimumFractionDigits: options.fixed ? digits : 0,
      style: options.percent ? 'percent' : 'decimal',
      signDisplay: options.signed ? 'exceptZero' : 'auto',
    });
    cache.set(key, f);
  }
  return f;
}

/** A number for display; `null`/`undefined`/non-finite become the em dash the tables use. */
export function formatNumber(value: number | null | undefined, locale: Locale, options: NumberOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return formatter(locale, options).format(value);
}

/** A number with its unit (already in the reader's language); no unit, just the number. */
export function formatWithUnit(value: number | null | undefined, unit: string | null | undefined, locale: Locale, options: NumberOptions = {}): string {
  const n = formatNumber(value, locale, options);
  if (n === '—' || !unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** Items as the reader lists them: "a, b, c" in English, "a、b、c" in Chinese. */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'narrow', type: 'conjunction' }).format(items);
}
