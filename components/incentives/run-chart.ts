// A run's "by county" bar chart as a plain spec: built on the server (drawn into the page) and in
// the browser (when tooltips are added), from the same totals and labels.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import type { ChartSpec } from '@/components/charts/specs';
import { pickName, type Label } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';

type RunData = inferRouterOutputs<AppRouter>['eligibility']['get'];

export type RunChartLabels = { allocated: string; awarded: string; unknownCounty: string };

export const runCountyName = (c: { key: string; name: Label | null }, locale: Locale, unknownCounty: string) =>
  c.name ? pickName(c.name, locale) : c.key || unknownCounty;

/** Money programmes chart the amount allocated per county; commendations the number awarded. */
export function runCountySpec(run: Pick<RunData, 'snapshot' | 'totals'>, labels: RunChartLabels, locale: Locale): ChartSpec {
  const money = run.snapshot.kind !== 'commendation';
  const counties = run.totals.byCounty;
  return {
    kind: 'labelledBars',
    locale,
    categories: counties.map((c) => runCountyName(c, locale, labels.unknownCounty)),
    seriesName: money ? labels.allocated : labels.awarded,
    values: counties.map((c) => (money ? c.amount : c.awarded)),
  };
}

/** Height (px) of the chart: a row per county. */
export const runChartHeight = (counties: number) => Math.max(200, counties * 40 + 40);
