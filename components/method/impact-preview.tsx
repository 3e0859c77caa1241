'use client';
// Impact preview: the draft scored on a period beside the published version (both scored on the
// server, nothing stored); first who would lose or gain a composite and which indicators lack
// values, then summary and movers (among those scored both ways), distribution per objective,
// eligibility gains and losses per incentive program, per-stakeholder table; publishing the draft
// happens here, after a confirmation.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FormField } from '@/components/ui/form-field';
import { Progress } from '@/components/ui/progress';
import { StatCard } from '@/components/ui/stat-card';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { ChartWithTable } from '@/components/charts/chart-with-table';
import { EChart } from '@/components/charts/echart';
import { chartColor } from '@/components/charts/palette';
import { ImpactEligibility } from './impact-eligibility';
import { ImpactCoverage } from './impact-coverage';
import { PublishVersion } from './publish-version';
import { PeriodSelect, type PeriodRow, type VersionData } from './method-kit';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import { PREVIEW_FILTERS } from '@/core/schemas/method';

const FILTERS = PREVIEW_FILTERS;

export function ImpactPreview({ data, periods, periodId, onPeriodChange }: { data: VersionData; periods: PeriodRow[]; periodId: number | null; onPeriodChange: (id: number) => void }) {
  const t = useTranslations('method.impact');
  const tc = useTranslations('methodCoverage.coverage');
  const locale = useLocale();
  const trpc = useTRPC();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const [page, setPage] = useState(1);
  // The server filters, sorts and pages the table (a province's preview holds tens of thousands of
  // rows) and keeps the computed preview for the next page; the previous page stays up meanwhile.
  const preview = useQuery({
    ...trpc.tuning.preview.queryOptions({ versionId: data.version.id, periodId: periodId ?? 0, filter, page }),
    enabled: periodId !== null,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
  const rows = preview.data?.rows ?? [];
  const table = preview.data?.table;
  const byCode = useMemo(() => new Map([...(preview.data?.named ?? []), ...(preview.data?.rows ?? [])].map((r) => [r.code, r])), [preview.data]);

  const option: EChartsOption | null = useMemo(() => {
    const d = preview.data?.summary.distribution;
    if (!d) return null;
    const names = d.map((o) => pickName(o.name, locale));
    return {
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      legend: { top: 0, data: [t('before'), t('after')] },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, width: 90, overflow: 'break' } },
      yAxis: { type: 'value', min: 0, max: data.document.scale, name: t('objectiveScore') },
      series: [
        { name: t('before'), type: 'boxplot', data: d.map((o) => o.before ?? [0, 0, 0, 0, 0]), itemStyle: { color: '#fff', borderColor: chartColor(0) } },
        { name: t('after'), type: 'boxplot', data: d.map((o) => o.after ?? [0, 0, 0, 0, 0]), itemStyle: { color: '#fff', borderColor: chartColor(1) } },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preview.data, locale]);

  return (
    <div className="grid gap-6">
      <div className="grid gap-3 sm:grid-cols-2">
        <PeriodSelect label={t('period')} periods={periods} value={periodId} onChange={(id) => { onPeriodChange(id); setPage(1); }} />
      </div>
      {preview.isFetching ? (
        <Progress value={null} label={t('scoring')} valueLabel={t('scoring')} />
      ) : preview.isError ? (
        <Alert variant="error" title={t('failed')}>{preview.error.message}</Alert>
      ) : preview.data ? (
        <>
          <p className="text-sm text-muted-foreground">
            {t('comparing', { draft: preview.data.draft.version, baseline: preview.data.baseline.version, period: preview.data.period.code, millis: preview.data.millis })}
          </p>
          <ImpactCoverage preview={preview.data} byCode={byCode} />
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <StatCard label={tc('scoredDraft')} value={<span data-testid="scored-draft">{preview.data.summary.scoredAfter}</span>} hint={tc('scoredDraftHint', { before: preview.data.summary.scoredBefore, total: preview.data.summary.stakeholders })} />
            <StatCard label={t('gradeChanges')} value={<span data-testid="grade-changes">{preview.data.summary.gradeChanges}</span>} hint={t('gradeUp', { count: preview.data.summary.gradeUp })} />
            <StatCard label={t('spearman')} value={<span data-testid="spearman">{formatNumber(preview.data.summary.spearman, locale, { digits: 3, fixed: true })}</span>} hint={tc('spearmanHint', { count: preview.data.summary.scoredBoth })} />
            <StatCard label={t('meanChange')} value={formatNumber(preview.data.summary.meanAbsoluteChange, locale, { fixed: true })} hint={t('meanChangeHint')} />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            {(['up', 'down'] as const).map((dir) => (
              <Card key={dir}>
                <CardHeader><CardTitle as="h3">{t(dir === 'up' ? 'moversUp' : 'moversDown')}</CardTitle></CardHeader>
                <CardContent>
                  {preview.data.summary[dir].length === 0 ? (
                    <p className="text-sm text-muted-foreground">{t('noMovers')}</p>
                  ) : (
                    <ol className="grid gap-1 text-sm">
                      {preview.data.summary[dir].map((code) => {
                        const r = byCode.get(code)!;
                        return (
                          <li key={code} className="flex justify-between gap-3">
                            <span className="truncate">{r.name}</span>
                            <span className="whitespace-nowrap tabular-nums">{t('rankMove', { from: r.sharedOldRank ?? '—', to: r.sharedNewRank ?? '—' })}</span>
                          </li>
                        );
                      })}
                    </ol>
                  )}
                </CardContent>
              </Card>
            ))}
          </div>
          {option ? (
            <ChartWithTable
              title={t('distribution')}
              description={t('distributionHint')}
              tableToggleLabel={t('showTable')}
              chart={<EChart option={option} ariaLabel={t('distribution')} height={300} locale={locale} />}
            >
              <NamedTable
                dense
                name={t('distribution')}
                head={
                  <>
                    <TH>{t('objective')}</TH>
                    <TH>{t('run')}</TH>
                    {(['min', 'q1', 'median', 'q3', 'max'] as const).map((k) => <TH key={k} numeric>{t(`stats.${k}`)}</TH>)}
                  </>
                }
              >
                {preview.data.summary.distribution.flatMap((o) =>
                  (['before', 'after'] as const).map((which) => (
                    <TR key={o.code + which}>
                      <TD>{pickName(o.name, locale)}</TD>
                      <TD>{t(which)}</TD>
                      {(o[which] ?? [null, null, null, null, null]).map((v, k) => <TD key={k} numeric>{formatNumber(v, locale, { digits: 1, fixed: true })}</TD>)}
                    </TR>
                  )),
                )}
              </NamedTable>
            </ChartWithTable>
          ) : null}
          <ImpactEligibility eligibility={preview.data.eligibility} data={data} periodCode={preview.data.period.code} />
          <section aria-labelledby="impact-table" className="grid gap-3">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <h3 id="impact-table" className="text-base font-semibold">{t('perStakeholder')}</h3>
              <FormField label={t('show')} className="w-56">
                <ChoiceSelect value={filter} choices={FILTERS} label={(f) => (f === 'unscored' ? tc('filter') : t(`filters.${f}`))} onValueChange={(f) => { setFilter(f); setPage(1); }} />
              </FormField>
            </div>
            <NamedTable
              dense
              name={t('perStakeholder')}
              className="min-w-[40rem]"
              head={
                <>
                  <TH>{t('stakeholder')}</TH>
                  <TH numeric>{t('composite')}</TH>
                  <TH>{t('grade')}</TH>
                  <TH numeric>{t('rank')}</TH>
                  <TH numeric>{tc('rankChangeShared')}</TH>
                </>
              }
            >
              {rows.map((r) => (
                <TR key={r.code}>
                  <TD><span className="font-medium">{r.name}</span> <span className="font-mono text-xs text-muted-foreground">{r.code}</span></TD>
                  <TD numeric>
                    {formatNumber(r.oldComposite, locale, { digits: 1, fixed: true })} → {formatNumber(r.newComposite, locale, { digits: 1, fixed: true })}
                    {r.oldComposite !== null && r.newComposite === null ? <> <Badge variant="danger">{tc('lostBadge')}</Badge></> : r.oldComposite === null && r.newComposite !== null ? <> <Badge variant="info">{tc('gainedBadge')}</Badge></> : null}
                  </TD>
                  <TD>{r.oldGrade ?? '—'} → {r.oldGrade !== r.newGrade ? <Badge variant="warning">{r.newGrade ?? '—'}</Badge> : (r.newGrade ?? '—')}</TD>
                  <TD numeric>{r.oldRank ?? '—'} → {r.newRank ?? '—'}</TD>
                  <TD numeric>{r.rankChange === null ? '—' : r.rankChange > 0 ? `▲ ${r.rankChange}` : r.rankChange < 0 ? `▼ ${-r.rankChange}` : '0'}</TD>
                </TR>
              ))}
            </NamedTable>
            <nav aria-label={t('pagination')} className="flex items-center justify-between gap-3 text-sm">
              <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('previous')}</Button>
              <span className="tabular-nums" aria-live="polite">{t('pageOf', { page: table?.page ?? page, pages: table?.pages ?? 1 })}</span>
              <Button size="sm" variant="outline" disabled={!table || table.page >= table.pages} onClick={() => setPage((p) => p + 1)}>{t('next')}</Button>
            </nav>
          </section>
        </>
      ) : null}
      {data.version.status === 'draft' ? <PublishVersion data={data} periods={periods} unscored={preview.data ? { count: preview.data.coverage.lostCount, period: preview.data.period.code } : null} /> : null}
    </div>
  );
}
