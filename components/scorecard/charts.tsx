// The scorecard's charts, drawn on the server. Each is paired with a data table by its caller
// (ChartWithTable), so the numbers never depend on seeing colours; series are also told apart by
// symbol and line style.
import { ServerChart } from '@/lib/charts/server-chart';
import type { Locale } from '@/i18n/config';

export function ObjectivesRadar({
  labels,
  values,
  scale,
  seriesName,
  ariaLabel,
  locale,
}: {
  labels: string[];
  values: (number | null)[];
  scale: number;
  seriesName: string;
  ariaLabel: string;
  locale: Locale;
}) {
  return <ServerChart spec={{ kind: 'radar', locale, labels, values, scale, seriesName }} ariaLabel={ariaLabel} height={260} />;
}

export function TrendChart({
  periods,
  series,
  scale,
  ariaLabel,
  locale,
}: {
  periods: string[];
  series: { name: string; values: (number | null)[] }[];
  scale: number;
  ariaLabel: string;
  locale: Locale;
}) {
  return <ServerChart spec={{ kind: 'trend', locale, periods, series, scale }} ariaLabel={ariaLabel} height={300} />;
}

/** Grouped bars: one group per category, one bar per series. */
export function GroupedBars({
  categories,
  series,
  max,
  ariaLabel,
  locale,
  height = 300,
  horizontal = false,
}: {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  max: number;
  ariaLabel: string;
  locale: Locale;
  height?: number;
  horizontal?: boolean;
}) {
  return (
    <ServerChart
      spec={{ kind: 'groupedBars', locale, categories, series, max, horizontal }}
      ariaLabel={ariaLabel}
      height={height}
    />
  );
}
