// The county dashboard's two charts as plain specs: built from its data and labels on the server
// (drawn into the page) and in the browser (after the period changes), identically.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import type { ChartSpec } from '@/components/charts/specs';
import { CHART_PALETTE } from '@/components/charts/palette';
import type { Locale } from '@/i18n/config';

export type DashboardData = inferRouterOutputs<AppRouter>['countyDashboard']['get'];

export const DASHBOARD_TYPES = ['county_town', 'rural', 'market'] as const;
export const SCORE_BANDS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));

export type DashboardChartLabels = {
  compositeAxis: string;
  povertyMean: string;
  types: Record<(typeof DASHBOARD_TYPES)[number], string>;
};

/** Height (px) of the dashboard's charts on tablets and wider (phones add their legend's rows). */
export const DASHBOARD_CHART_HEIGHT = 320;

export function dashboardChartSpecs(d: DashboardData, labels: DashboardChartLabels, locale: Locale): { distribution: ChartSpec; trend: ChartSpec } {
  const typeName = (ty: string) => labels.types[ty as keyof DashboardChartLabels['types']] ?? ty;
  return {
    distribution: {
      kind: 'distribution',
      locale,
      categories: SCORE_BANDS,
      axisName: labels.compositeAxis,
      series: d.distribution.map((x) => ({ name: typeName(x.type), values: x.bins, color: CHART_PALETTE[DASHBOARD_TYPES.indexOf(x.type as (typeof DASHBOARD_TYPES)[number])] ?? CHART_PALETTE[0] })),
    },
    trend: {
      kind: 'meanTrend',
      locale,
      periods: d.trends.map((p) => p.code),
      series: [
        ...DASHBOARD_TYPES.map((ty, i) => ({ name: typeName(ty), values: d.trends.map((p) => p.byType[ty] ?? null), color: CHART_PALETTE[i]! })),
        { name: labels.povertyMean, values: d.trends.map((p) => p.poverty), color: CHART_PALETTE[7], dashed: true },
      ],
    },
  };
}
