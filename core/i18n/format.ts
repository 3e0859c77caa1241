// Numbers as the reader expects them: grouping and decimals by locale, one formatter for the app.
import type { Locale } from '@/i18n/config';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, maximumFractionDigits: number, minimumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits}|${minimumFractionDigits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits, minimumFractionDigits });
    cache.set(key, f);
  }
  return f;
}

/** A number for display; `null`/`undefined`/non-finite become the em dash the tables use. */
export function formatNumber(value: number | null | undefined, locale: Locale, options: { digits?: number; fixed?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = options.digits ?? 2;
  return formatter(locale, digits, options.fixed ? digits : 0).format(value);
}

/** A number with its unit (already in the reader's language); no unit, just the number. */
export function formatWithUnit(value: number | null | undefined, unit: string | null | undefined, locale: Locale, options: { digits?: number; fixed?: boolean } = {}): string {
  const n = formatNumber(value, locale, options);
  if (n === '—' || !unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}
