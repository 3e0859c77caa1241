// Small formatting rules shared by the scorecard's summary (server) and its what-if panel (browser).
import { formatValueWithUnit, type Unit } from '@/core/i18n/units';
import type { Locale } from '@/i18n/config';

/** Points still missing to a band, rounded up to a tenth so "0.2" never understates the gap. */
export function pointsTo(min: number, composite: number): number {
  return Math.max(0.1, Math.ceil((min - composite) * 10 - 1e-9) / 10);
}

/** A suggested value with its unit, at the precision it was rounded to. */
export function valueText(x: number | null, unit: Unit | null, decimals: number | null, locale: Locale): string {
  return formatValueWithUnit(x, unit, locale, { digits: Math.min(6, Math.max(decimals ?? 2, 0)) });
}
