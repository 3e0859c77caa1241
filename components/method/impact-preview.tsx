'use client';
// Impact preview: the draft scored on a period beside the published version (both scored on the
// server, nothing stored); summary, movers, distribution per objective, eligibility gains and
// losses per incentive program, per-stakeholder table; publishing the draft happens here.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { EChartsOption } from 'echarts';
import { useTRPC } from '@/lib/trpc/client';
import { publishVersionSchema } from '@/core/schemas/method';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { Progress } from '@/components/ui/progress';
import { StatCard } from '@/components/ui/stat-card';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { ChartWithTable } from '@/components/charts/chart-with-table';
import { EChart } from '@/components/charts/echart';
import { chartColor } from '@/components/charts/palette';
import { ImpactEligibility } from './impact-eligibility';
import { PeriodSelect, type PeriodRow, type VersionData } from './method-kit';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';

const PAGE = 25;
const FILTERS = ['all', 'grade', 'moved'] as const;

export function ImpactPreview({ data, periods, periodId, onPeriodChange }: { data: VersionData; periods: PeriodRow[]; periodId: number | null; onPeriodChange: (id: number) => void }) {
  const t = useTranslations('method.impact');
  const locale = useLocale();
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.tuning.preview.queryOptions({ versionId: data.version.id, periodId: periodId ?? 0 }), enabled: periodId !== null, staleTime: 0 });
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const [page, setPage] = useState(1);

  const rows = useMemo(() => {
    const all = preview.data?.rows ?? [];
    const kept = filter === 'grade' ? all.filter((r) => r.oldGrade !== r.newGrade) : filter === 'moved' ? all.filter((r) => (r.rankChange ?? 0) !== 0) : all;
    return [...kept].sort((a, b) => Math.abs(b.rankChange ?? 0) - Math.abs(a.rankChange ?? 0) || (a.newRank ?? 1e9) - (b.newRank ?? 1e9));
  }, [preview.data, filter]);
  const byCode = useMemo(() => new Map((preview.data?.rows ?? []).map((r) => [r.code, r])), [preview.data]);

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
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <StatCard label={t('stakeholders')} value={preview.data.summary.stakeholders} />
            <StatCard label={t('gradeChanges')} value={<span data-testid="grade-changes">{preview.data.summary.gradeChanges}</span>} hint={t('gradeUp', { count: preview.data.summary.gradeUp })} />
            <StatCard label={t('spearman')} value={<span data-testid="spearman">{formatNumber(preview.data.summary.spearman, locale, { digits: 3, fixed: true })}</span>} hint={t('spearmanHint')} />
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
                            <span className="whitespace-nowrap tabular-nums">{t('rankMove', { from: r.oldRank ?? '—', to: r.newRank ?? '—' })}</span>
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
                <ChoiceSelect value={filter} choices={FILTERS} label={(f) => t(`filters.${f}`)} onValueChange={(f) => { setFilter(f); setPage(1); }} />
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
                  <TH numeric>{t('rankChange')}</TH>
                </>
              }
            >
              {rows.slice((page - 1) * PAGE, page * PAGE).map((r) => (
                <TR key={r.code}>
                  <TD><span className="font-medium">{r.name}</span> <span className="font-mono text-xs text-muted-foreground">{r.code}</span></TD>
                  <TD numeric>{formatNumber(r.oldComposite, locale, { digits: 1, fixed: true })} → {formatNumber(r.newComposite, locale, { digits: 1, fixed: true })}</TD>
                  <TD>{r.oldGrade ?? '—'} → {r.oldGrade !== r.newGrade ? <Badge variant="warning">{r.newGrade ?? '—'}</Badge> : (r.newGrade ?? '—')}</TD>
                  <TD numeric>{r.oldRank ?? '—'} → {r.newRank ?? '—'}</TD>
                  <TD numeric>{r.rankChange === null ? '—' : r.rankChange > 0 ? `▲ ${r.rankChange}` : r.rankChange < 0 ? `▼ ${-r.rankChange}` : '0'}</TD>
                </TR>
              ))}
            </NamedTable>
            <nav aria-label={t('pagination')} className="flex items-center justify-between gap-3 text-sm">
              <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('previous')}</Button>
              <span className="tabular-nums">{t('pageOf', { page, pages: Math.max(1, Math.ceil(rows.length / PAGE)) })}</span>
              <Button size="sm" variant="outline" disabled={page * PAGE >= rows.length} onClick={() => setPage((p) => p + 1)}>{t('next')}</Button>
            </nav>
          </section>
        </>
      ) : null}
      {data.version.status === 'draft' ? <PublishForm data={data} periods={periods} /> : null}
    </div>
  );
}

function PublishForm({ data, periods }: { data: VersionData; periods: PeriodRow[] }) {
  const t = useTranslations('method.impact');
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const publish = useMutation(trpc.kpiSets.publish.mutationOptions());
  const candidates = periods.filter((p) => p.status !== 'published');
  const form = useZodForm({
    initial: { effectiveFromPeriodId: String(candidates.at(-1)?.id ?? ''), changeNote: '' },
    schema: publishVersionSchema,
    toInput: (v) => ({ versionId: data.version.id, effectiveFromPeriodId: Number(v.effectiveFromPeriodId), changeNote: v.changeNote }),
    submit: async (input) => {
      await publish.mutateAsync(input);
      await qc.invalidateQueries({ queryKey: trpc.kpiSets.pathKey() });
      router.refresh();
    },
  });
  const { values, set, error: msg, formError } = form;
  return (
    <Card>
      <CardHeader><CardTitle as="h2">{t('publishHeading')}</CardTitle></CardHeader>
      <CardContent>
        <form onSubmit={form.onSubmit} noValidate className="grid gap-4 md:grid-cols-[16rem_1fr]">
          {formError ? <Alert className="md:col-span-2" variant="error" title={t('publishFailed')}>{formError}</Alert> : null}
          <FormField label={t('effectiveFrom')} required error={msg('effectiveFromPeriodId')} description={t('effectiveFromHint')}>
            <NativeSelect value={values.effectiveFromPeriodId} onChange={(e) => set('effectiveFromPeriodId', e.target.value)} placeholder={t('choosePeriod')}>
              {candidates.map((p) => <option key={p.id} value={p.id}>{p.code}</option>)}
            </NativeSelect>
          </FormField>
          <FormField label={t('changeNote')} required error={msg('changeNote')} description={t('changeNoteHint')}>
            <Textarea rows={3} value={values.changeNote} onChange={(e) => set('changeNote', e.target.value)} />
          </FormField>
          <div className="md:col-span-2">
            <Button type="submit" loading={form.submitting} disabled={!values.effectiveFromPeriodId}>{t('publish')}</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
