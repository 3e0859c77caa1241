'use client';
// Impact preview: the draft scored on a period beside the published version. A province's preview
// takes seconds, so the server computes it as a job (progress shown here, then the result) and
// stores it; pages and filters read the stored result until the data changes. First who would lose or gain a composite and which indicators lack
// values, then summary and movers (among those scored both ways), distribution per objective,
// eligibility gains and losses per incentive program, per-stakeholder table; publishing the draft
// happens here, after a confirmation.
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChartSpec } from '@/components/charts/specs';
import { useTRPC, useTRPCClient } from '@/lib/trpc/client';
import { JobFailed, JobProgress, useJobRunner } from '@/components/jobs/job-progress';
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
import { ChartIsland } from '@/components/charts/chart-island';
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
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  // The server filters, sorts and pages the stored table (a province's preview holds tens of
  // thousands of rows); the previous page stays up meanwhile.
  const query = useQuery({
    ...trpc.tuning.preview.queryOptions({ versionId: data.version.id, periodId: periodId ?? 0, filter, page }),
    enabled: periodId !== null,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
  const stored = query.data?.ready && query.data.period.id === periodId ? query.data : null;
  const missing = query.data?.ready === false && !query.isPlaceholderData;
  const runner = useJobRunner<'tuning.preview'>();
  const runJob = runner.run;
  const [startError, setStartError] = useState<string | null>(null);
  const target = periodId === null ? null : `${data.version.id}:${periodId}`;
  // Started by itself once per draft and period; again only when asked (the data changed meanwhile, or it failed).
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const compute = useCallback(async () => {
    if (periodId === null) return;
    setAskedFor(`${data.version.id}:${periodId}`);
    setStartError(null);
    try {
      await runJob(() => client.tuning.startPreview.mutate({ versionId: data.version.id, periodId }));
      await queryClient.invalidateQueries({ queryKey: trpc.tuning.preview.queryKey() });
    } catch (e) {
      // A failed job shows its own error (JobProgress); a refusal at the start is shown here.
      if (!(e instanceof JobFailed)) setStartError(e instanceof Error ? e.message : String(e));
    }
  }, [client, queryClient, trpc, runJob, data.version.id, periodId]);
  useEffect(() => {
    if (!missing || target === null || askedFor === target || runner.running) return;
    // After this render: a period chosen and changed again at once starts only the last one.
    const timer = setTimeout(() => void compute(), 0);
    return () => clearTimeout(timer);
  }, [missing, target, askedFor, runner.running, compute]);
  const jobFailed = runner.job?.status === 'failed';
  const rows = stored?.rows ?? [];
  const table = stored?.table;
  const byCode = useMemo(() => new Map([...(stored?.named ?? []), ...(stored?.rows ?? [])].map((r) => [r.code, r])), [stored]);

  // Drawn in the browser: the preview is computed on request, after the page has loaded.
  const spec: ChartSpec | null = useMemo(() => {
    const d = stored?.summary.distribution;
    if (!d) return null;
    return {
      kind: 'boxplot',
      locale,
      categories: d.map((o) => pickName(o.name, locale)),
      scale: data.document.scale,
      axisName: t('objectiveScore'),
      series: [
        { name: t('before'), data: d.map((o) => o.before ?? [0, 0, 0, 0, 0]) },
        { name: t('after'), data: d.map((o) => o.after ?? [0, 0, 0, 0, 0]) },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored, locale]);

  return (
    <div className="grid gap-6">
      <div className="grid gap-3 sm:grid-cols-2">
        <PeriodSelect label={t('period')} periods={periods} value={periodId} onChange={(id) => { onPeriodChange(id); setPage(1); }} />
      </div>
      {runner.running || (jobFailed && !stored) ? (
        <section aria-labelledby="impact-job-title" className="grid gap-3 rounded-md border p-4" data-testid="impact-job">
          <h3 id="impact-job-title" className="text-base font-semibold">{t('computing')}</h3>
          <p className="text-sm text-muted-foreground">{t('computingHint')}</p>
          <JobProgress kind="tuning.preview" job={runner.job} />
          {jobFailed && !runner.running ? <Button className="justify-self-start" onClick={() => void compute()}>{t('computeAgain')}</Button> : null}
        </section>
      ) : startError ? (
        <Alert variant="error" title={t('failed')}>{startError}</Alert>
      ) : query.isError ? (
        <Alert variant="error" title={t('failed')}>{query.error.message}</Alert>
      ) : missing && askedFor === target && !query.isFetching ? (
        <div className="grid gap-3" data-testid="impact-stale">
          <p className="text-sm">{t('changedMeanwhile')}</p>
          <Button className="justify-self-start" onClick={() => void compute()}>{t('computeAgain')}</Button>
        </div>
      ) : !stored ? (
        periodId !== null ? <Progress value={null} label={t('loading')} valueLabel={t('loading')} /> : null
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            {t('comparing', { draft: stored.draft.version, baseline: stored.baseline.version, period: stored.period.code, millis: stored.millis })}
          </p>
          <ImpactCoverage preview={stored} byCode={byCode} />
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <StatCard label={tc('scoredDraft')} value={<span data-testid="scored-draft">{stored.summary.scoredAfter}</span>} hint={tc('scoredDraftHint', { before: stored.summary.scoredBefore, total: stored.summary.stakeholders })} />
            <StatCard label={t('gradeChanges')} value={<span data-testid="grade-changes">{stored.summary.gradeChanges}</span>} hint={t('gradeUp', { count: stored.summary.gradeUp })} />
            <StatCard label={t('spearman')} value={<span data-testid="spearman">{formatNumber(stored.summary.spearman, locale, { digits: 3, fixed: true })}</span>} hint={tc('spearmanHint', { count: stored.summary.scoredBoth })} />
            <StatCard label={t('meanChange')} value={formatNumber(stored.summary.meanAbsoluteChange, locale, { fixed: true })} hint={t('meanChangeHint')} />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            {(['up', 'down'] as const).map((dir) => (
              <Card key={dir}>
                <CardHeader><CardTitle as="h3">{t(dir === 'up' ? 'moversUp' : 'moversDown')}</CardTitle></CardHeader>
                <CardContent>
                  {stored.summary[dir].length === 0 ? (
                    <p className="text-sm text-muted-foreground">{t('noMovers')}</p>
                  ) : (
                    <ol className="grid gap-1 text-sm">
                      {stored.summary[dir].map((code) => {
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
          {spec ? (
            <ChartWithTable
              title={t('distribution')}
              description={t('distributionHint')}
              tableToggleLabel={t('showTable')}
              chart={<ChartIsland spec={spec} ariaLabel={t('distribution')} height={300} />}
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
                {stored.summary.distribution.flatMap((o) =>
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
          <ImpactEligibility eligibility={stored.eligibility} data={data} periodCode={stored.period.code} />
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
      )}
      {data.version.status === 'draft' ? <PublishVersion data={data} periods={periods} unscored={stored ? { count: stored.coverage.lostCount, period: stored.period.code } : null} /> : null}
    </div>
  );
}
