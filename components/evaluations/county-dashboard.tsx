'use client';
// County dashboard: composite distribution by type, region × objective heatmap, trends, and
// early warnings linking to evaluations. Every chart has its data table.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AlertTriangle, Flag, TrendingDown, Clock } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import type { ChartSvg } from '@/components/charts/chart-island';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { ChartCard, RegionHeatmap } from './region-heatmap';
import { Skeleton } from '@/components/ui/skeleton';
import { formatNumber } from '@/core/i18n/format';
import { formatValueWithUnit } from '@/core/i18n/units';
import { dashboardChartSpecs, DASHBOARD_CHART_HEIGHT, DASHBOARD_TYPES as TYPES, type DashboardData } from './dashboard-charts';
import { LangText } from '@/components/ui/lang-text';

const cellClass = 'px-3 py-2';
const RECOMPUTE_POLL_MS = 2000;

/** The server's drawings of the first data's charts. */
export type DashboardChartSvgs = { distribution: readonly ChartSvg[]; trend: readonly ChartSvg[] };

/**
 * `initial` is the default period's data, rendered with the page; choosing another period fetches
 * it in the browser (and its charts are drawn there).
 */
export function CountyDashboard({ initial, initialCharts }: { initial?: DashboardData; initialCharts?: DashboardChartSvgs }) {
  const t = useTranslations('evaluations.dashboard');
  const tc = useTranslations('common');
  const tw = useTranslations('evaluations.workList.statusName');
  const locale = useLocale();
  const trpc = useTRPC();
  const [periodId, setPeriodId] = useState<number | undefined>();
  const q = useQuery({
    ...trpc.countyDashboard.get.queryOptions(periodId ? { periodId } : undefined),
    placeholderData: keepPreviousData,
    initialData: periodId === undefined ? initial : undefined,
    // While the provisional scores are being recomputed, look again until they are ready.
    refetchInterval: (query) => (query.state.data?.recomputing ? RECOMPUTE_POLL_MS : false),
  });
  const d = q.data;
  const one = (n: number | null | undefined) => formatNumber(n, locale, { digits: 1, fixed: true });
  const typeName = (ty: string) => tc(`stakeholderTypes.${ty}`);

  const specs = useMemo(
    () =>
      d
        ? dashboardChartSpecs(d, { compositeAxis: t('compositeAxis'), povertyMean: t('povertyMean'), types: Object.fromEntries(TYPES.map((ty) => [ty, typeName(ty)])) as Record<(typeof TYPES)[number], string> }, locale)
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labels follow the data and locale
    [d, locale],
  );
  // The server's drawings belong to the first data only; other data is drawn in the browser.
  const svgs = d !== undefined && d === initial ? initialCharts : undefined;

  if (q.isError) return <Alert variant="error" title={tc('loadError')}>{q.error.message}</Alert>;
  if (!d) return <div className="grid gap-3" aria-busy="true" aria-label={tc('loading')}>{[0, 1, 2].map((i) => <Skeleton key={i} className="h-64" />)}</div>;
  if (!d.period) return <EmptyState title={t('noPeriods')} />;

  const kinds = ['poverty_drop', 'poverty_low', 'red_flag', 'missing'] as const;
  const icon = { poverty_drop: TrendingDown, poverty_low: AlertTriangle, red_flag: Flag, missing: Clock } as const;
  const detail = (w: (typeof d.warnings)[number]) => {
    const x = w.details;
    if (w.kind === 'poverty_drop') return t('warning.poverty_drop', { now: one(Number(x.now)), before: one(Number(x.before)), period: String(x.period) });
    if (w.kind === 'poverty_low') return t('warning.poverty_low', { now: one(Number(x.now)) });
    if (w.kind === 'red_flag') {
      const unit = x.unitEn === null || x.unitEn === undefined ? null : { code: '', nameEn: String(x.unitEn), nameZh: String(x.unitZh), attached: x.unitAttached === 1 };
      return t('warning.red_flag', { indicator: String(locale === 'en' ? x.indicatorEn : x.indicatorZh), value: formatValueWithUnit(Number(x.value), unit, locale), limit: formatValueWithUnit(Number(x.limit), unit, locale) });
    }
    return t('warning.missing', { status: tw(String(x.status)), endsOn: String(x.endsOn) });
  };

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end gap-4">
        <label className="grid gap-1 text-sm font-medium">
          {t('period')}
          <NativeSelect value={d.period.id} onChange={(e) => setPeriodId(Number(e.target.value))}>
            {d.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {tc(`periodStatus.${p.status}`)}
              </option>
            ))}
          </NativeSelect>
        </label>
        {d.provisional ? <Badge variant="warning">{t('provisional')}</Badge> : <Badge variant="success">{t('official')}</Badge>}
        {d.recomputing ? (
          <p role="status" className="text-sm text-muted-foreground" data-recomputing>
            {t('recomputing')}
          </p>
        ) : null}
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">{t('warningsTitle', { n: Object.values(d.warningTotals).reduce((sum, n) => sum + n, 0) })}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          {d.warnings.length === 0 ? <p className="text-sm text-muted-foreground">{t('noWarnings')}</p> : null}
          {kinds.map((k) => {
            // The server sends the first of each kind and how many there are.
            const ws = d.warnings.filter((w) => w.kind === k);
            const total = d.warningTotals[k] ?? ws.length;
            if (ws.length === 0) return null;
            const Icon = icon[k];
            return (
              <section key={k} aria-label={t(`kinds.${k}`)}>
                <h3 className="mb-2 flex items-center gap-2 text-sm font-semibold">
                  <Icon aria-hidden="true" className={k === 'red_flag' || k === 'poverty_drop' ? 'size-4 text-danger' : 'size-4 text-warning'} />
                  {t(`kinds.${k}`)} <Badge variant={k === 'missing' ? 'neutral' : 'danger'}>{total}</Badge>
                </h3>
                <ul className="grid gap-1.5 text-sm" data-testid={`warnings-${k}`}>
                  {ws.map((w) => (
                    <li key={`${w.kind}-${w.stakeholderId}-${String(w.details.indicator ?? '')}`} className="flex flex-wrap gap-x-2">
                      {w.evaluationId ? (
                        <Link href={`/evaluations/${w.evaluationId}`} prefetch={false} className="font-medium text-primary underline-offset-4 hover:underline">
                          <LangText>{w.name}</LangText>
                        </Link>
                      ) : (
                        <Link href={`/evaluations?search=${encodeURIComponent(w.code)}`} prefetch={false} className="font-medium text-primary underline-offset-4 hover:underline">
                          <LangText>{w.name}</LangText>
                        </Link>
                      )}
                      <span className="text-muted-foreground">{detail(w)}</span>
                    </li>
                  ))}
                </ul>
                {total > ws.length ? <p className="mt-1 text-xs text-muted-foreground">{t('more', { n: total - ws.length })}</p> : null}
              </section>
            );
          })}
        </CardContent>
      </Card>

      {d.distribution.length === 0 ? (
        <EmptyState title={t('noScores')} description={t('noScoresHint')} />
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          <ChartCard
            title={t('distributionTitle')}
            description={t('distributionDescription')}
            spec={specs?.distribution}
            svgs={svgs?.distribution}
            height={DASHBOARD_CHART_HEIGHT}
            tableToggleLabel={t('showTable')}
            head={
              <>
                <th scope="col" className={cellClass}>{t('type')}</th>
                <th scope="col" className={cellClass}>n</th>
                <th scope="col" className={cellClass}>{t('min')}</th>
                <th scope="col" className={cellClass}>{t('median')}</th>
                <th scope="col" className={cellClass}>{t('mean')}</th>
                <th scope="col" className={cellClass}>{t('max')}</th>
              </>
            }
          >
            {d.distribution.map((x) => (
              <tr key={x.type}>
                <th scope="row" className={`${cellClass} text-left font-medium`}>{typeName(x.type)}</th>
                <td className={`${cellClass} tabular-nums`}>{x.n}</td>
                <td className={`${cellClass} tabular-nums`}>{one(x.min)}</td>
                <td className={`${cellClass} tabular-nums`}>{one(x.median)}</td>
                <td className={`${cellClass} tabular-nums`}>{one(x.mean)}</td>
                <td className={`${cellClass} tabular-nums`}>{one(x.max)}</td>
              </tr>
            ))}
          </ChartCard>
          <ChartCard
            title={t('trendTitle')}
            description={t('trendDescription')}
            spec={specs?.trend}
            svgs={svgs?.trend}
            height={DASHBOARD_CHART_HEIGHT}
            tableToggleLabel={t('showTable')}
            head={
              <>
                <th scope="col" className={cellClass}>{t('period')}</th>
                {TYPES.map((ty) => <th key={ty} scope="col" className={cellClass}>{typeName(ty)}</th>)}
                <th scope="col" className={cellClass}>{t('povertyMean')}</th>
              </>
            }
          >
            {d.trends.map((p) => (
              <tr key={p.periodId}>
                <th scope="row" className={`${cellClass} text-left font-medium`}>{p.code}</th>
                {TYPES.map((ty) => <td key={ty} className={`${cellClass} tabular-nums`}>{one(p.byType[ty])}</td>)}
                <td className={`${cellClass} tabular-nums`}>{one(p.poverty)}</td>
              </tr>
            ))}
          </ChartCard>
          <RegionHeatmap periodId={d.period.id} level={d.heatmapLevel} rows={d.heatmap} objectives={d.objectives} />
        </div>
      )}
    </div>
  );
}
