import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { CountyDashboard, type DashboardChartSvgs } from '@/components/evaluations/county-dashboard';
import { dashboardChartSpecs, DASHBOARD_CHART_HEIGHT, DASHBOARD_TYPES } from '@/components/evaluations/dashboard-charts';
import { DueNote } from '@/components/evaluations/work-views';
import { renderChartVariants } from '@/lib/charts/render-svg';
import { api } from '@/lib/trpc/server';
import { dueState, isoDay } from '@/core/domain/work-views';
import type { Locale } from '@/i18n/config';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('evaluations'))('dashboard.title') };
}

export default async function CountyDashboardPage() {
  const [t, tc, locale, caller] = await Promise.all([getTranslations('evaluations.dashboard'), getTranslations('common'), getLocale(), api()]);
  // The first data comes with the page (figures, tables and the charts drawn as SVG), so nothing
  // waits for the browser to fetch it; another period is fetched there.
  const [periods, initial] = await Promise.all([caller.periods.list(), caller.countyDashboard.get()]);
  // The open period's due date: what the dashboard's figures are racing against.
  const open = periods.find((p) => p.status === 'open');
  let charts: DashboardChartSvgs | undefined;
  if (initial.period && initial.distribution.length > 0) {
    const labels = {
      compositeAxis: t('compositeAxis'),
      povertyMean: t('povertyMean'),
      types: Object.fromEntries(DASHBOARD_TYPES.map((ty) => [ty, tc(`stakeholderTypes.${ty}`)])) as Record<(typeof DASHBOARD_TYPES)[number], string>,
    };
    const specs = dashboardChartSpecs(initial, labels, locale as Locale);
    charts = {
      distribution: renderChartVariants(specs.distribution, DASHBOARD_CHART_HEIGHT),
      trend: renderChartVariants(specs.trend, DASHBOARD_CHART_HEIGHT),
    };
  }
  return (
    <ClientMessages namespaces={['evaluations.dashboard', 'evaluations.workList.statusName', 'workQueue.due', 'workQueue.viewHint', 'workQueue.views', 'adminTools.table']}>
      <PageHeader title={t('title')} description={t('description')} />
      {open ? <DueNote className="mb-4" code={open.code} open due={open.dueOn ? dueState(open.dueOn, isoDay(new Date())) : null} /> : null}
      <CountyDashboard initial={initial} initialCharts={charts} />
    </ClientMessages>
  );
}
