'use client';
// County dashboard: composite distribution by type, township × objective heatmap, trends, and
// early warnings linking to evaluations. Every chart has its data table.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import { AlertTriangle, Flag, TrendingDown, Clock } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { EChart } from '@/components/charts/echart';
import { ChartWithTable } from '@/components/charts/chart-with-table';
import { CHART_PALETTE, CHART_SEQUENTIAL } from '@/components/charts/palette';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { pickName, type Label } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';

const TYPES = ['county_town', 'rural', 'market'] as const;
const BANDS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));

const cellClass = 'px-3 py-2';
const RECOMPUTE_POLL_MS = 2000;

export function CountyDashboard() {
  const t = useTranslations('evaluations.dashboard');
  const tc = useTranslations('common');
  const tw = useTranslations('evaluations.workList.statusName');
  const locale = useLocale();
  const trpc = useTRPC();
  const [periodId, setPeriodId] = useState<number | undefined>();
  const q = useQuery({
    ...trpc.countyDashboard.get.queryOptions(periodId ? { periodId } : undefined),
    placeholderData: keepPreviousData,
    // While the provisional scores are being recomputed, look again until they are ready.
    refetchInterval: (query) => (query.state.data?.recomputing ? RECOMPUTE_POLL_MS : false),
  });
  const d = q.data;
  const one = (n: number | null | undefined) => formatNumber(n, locale, { digits: 1, fixed: true });
  const objectiveName = (o: { name: Label }) => pickName(o.name, locale);
  const typeName = (ty: string) => tc(`stakeholderTypes.${ty}`);

  const distributionOption = useMemo<EChartsOption | null>(() => {
    if (!d) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: BANDS, name: t('compositeAxis'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', minInterval: 1 },
      series: d.distribution.map((x) => ({ type: 'bar', name: typeName(x.type), data: x.bins, itemStyle: { color: CHART_PALETTE[TYPES.indexOf(x.type)] } })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labels follow the data and locale
  }, [d, locale]);

  const heatmapOption = useMemo<EChartsOption | null>(() => {
    if (!d) return null;
    const objectivesShown = d.objectives;
    return {
      tooltip: { position: 'top' },
      grid: { left: 110, right: 16, top: 16, bottom: 60 },
      xAxis: { type: 'category', data: objectivesShown.map(objectiveName), splitArea: { show: true } },
      yAxis: { type: 'category', data: d.heatmap.map((h) => pickName(h.name, locale)), splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...CHART_SEQUENTIAL] } },
      series: [
        {
          type: 'heatmap',
          data: d.heatmap.flatMap((h, y) => objectivesShown.map((o, x) => [x, y, h.scores[o.code] === null || h.scores[o.code] === undefined ? '-' : Math.round(h.scores[o.code]! * 10) / 10])),
          // Dark text with a light halo reads on every shade of the ramp.
          label: { show: true, color: '#111827', textBorderColor: '#ffffff', textBorderWidth: 2, formatter: (p: { value?: unknown }) => { const v = (p.value as [number, number, number | string])[2]; return typeof v === 'number' ? formatNumber(v, locale, { digits: 1, fixed: true }) : '—'; } },
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labels follow the data and locale
  }, [d, locale]);

  const trendOption = useMemo<EChartsOption | null>(() => {
    if (!d) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: d.trends.map((p) => p.code) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        ...TYPES.map((ty, i) => ({ type: 'line' as const, name: typeName(ty), data: d.trends.map((p) => (p.byType[ty] === null ? null : Math.round(p.byType[ty]! * 10) / 10)), itemStyle: { color: CHART_PALETTE[i] } })),
        { type: 'line' as const, name: t('povertyMean'), data: d.trends.map((p) => (p.poverty === null ? null : Math.round(p.poverty * 10) / 10)), lineStyle: { type: 'dashed' as const }, itemStyle: { color: CHART_PALETTE[7] } },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- labels follow the data and locale
  }, [d, locale]);

  if (q.isError) return <Alert variant="error" title={tc('loadError')}>{q.error.message}</Alert>;
  if (!d) return <div className="grid gap-3" aria-busy="true" aria-label={tc('loading')}>{[0, 1, 2].map((i) => <Skeleton key={i} className="h-64" />)}</div>;
  if (!d.period) return <EmptyState title={t('noPeriods')} />;

  const kinds = ['poverty_drop', 'poverty_low', 'red_flag', 'missing'] as const;
  const icon = { poverty_drop: TrendingDown, poverty_low: AlertTriangle, red_flag: Flag, missing: Clock } as const;
  const detail = (w: (typeof d.warnings)[number]) => {
    const x = w.details;
    if (w.kind === 'poverty_drop') return t('warning.poverty_drop', { now: one(Number(x.now)), before: one(Number(x.before)), period: String(x.period) });
    if (w.kind === 'poverty_low') return t('warning.poverty_low', { now: one(Number(x.now)) });
    if (w.kind === 'red_flag') return t('warning.red_flag', { indicator: String(locale === 'en' ? x.indicatorEn : x.indicatorZh), value: Number(x.value), limit: Number(x.limit) });
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
                        <Link href={`/evaluations/${w.evaluationId}`} className="font-medium text-primary underline-offset-4 hover:underline">
                          {w.name}
                        </Link>
                      ) : (
                        <Link href={`/evaluations?search=${encodeURIComponent(w.code)}`} className="font-medium text-primary underline-offset-4 hover:underline">
                          {w.name}
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
            option={distributionOption}
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
            option={trendOption}
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
          <ChartCard
            className="xl:col-span-2"
            title={t('heatmapTitle')}
            description={t('heatmapDescription')}
            option={heatmapOption}
            height={Math.max(240, 48 + d.heatmap.length * 34)}
            tableToggleLabel={t('showTable')}
            head={
              <>
                <th scope="col" className={cellClass}>{t('township')}</th>
                <th scope="col" className={cellClass}>n</th>
                {d.objectives.map((o) => <th key={o.code} scope="col" className={cellClass}>{objectiveName(o)}</th>)}
              </>
            }
          >
            {d.heatmap.map((h) => (
              <tr key={h.townshipId}>
                <th scope="row" className={`${cellClass} text-left font-medium`}>{pickName(h.name, locale)}</th>
                <td className={`${cellClass} tabular-nums`}>{h.n}</td>
                {d.objectives.map((o) => <td key={o.code} className={`${cellClass} tabular-nums`}>{one(h.scores[o.code])}</td>)}
              </tr>
            ))}
          </ChartCard>
        </div>
      )}
    </div>
  );
}

/** One of the dashboard's charts in its card, with its data table (captioned by its title). */
function ChartCard({ title, description, option, height, tableToggleLabel, className, head, children }: {
  title: string;
  description: string;
  option: EChartsOption | null | undefined;
  height?: number;
  tableToggleLabel: string;
  className?: string;
  head: ReactNode;
  children: ReactNode;
}) {
  const locale = useLocale();
  return (
    <Card className={className}>
      <CardContent className="pt-5">
        <ChartWithTable
          title={title}
          titleAs="h2"
          description={description}
          chart={option ? <EChart option={option} ariaLabel={title} locale={locale} height={height} /> : null}
          tableToggleLabel={tableToggleLabel}
        >
          <table className="w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-muted text-left text-xs text-muted-foreground">
              <tr>{head}</tr>
            </thead>
            <tbody className="divide-y">{children}</tbody>
          </table>
        </ChartWithTable>
      </CardContent>
    </Card>
  );
}
