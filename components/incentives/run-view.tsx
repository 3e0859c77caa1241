'use client';
// One eligibility run: totals, budget use (chart + table), totals by county and type, input
// hash with "recompute and compare", exports, and the determinations with their explanations and
// overrides, a page at a time (filters, sort and page in the URL; components/app/paged-list).
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { Download, RefreshCw } from 'lucide-react';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/lib/trpc/client';
import type { RuleLabels } from '@/core/eligibility';
import { ChartIsland, type ChartSvg } from '@/components/charts/chart-island';
import { ChartWithTable } from '@/components/charts/chart-with-table';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { ariaSort, ListPager, RangeNote, SearchField, SortLink, SortTH, useListParams } from '@/components/app/paged-list';
import type { DeterminationListParams } from '@/core/schemas/lists';
import { DETERMINATION_OUTCOMES, runPageListShape } from '@/core/schemas/list-shapes';
import { Progress } from '@/components/ui/progress';
import { StatCard } from '@/components/ui/stat-card';
import { buttonClassName } from '@/components/ui/styles';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { DeterminationDetail, type Determination } from './determination-detail';
import { formatNumber } from '@/core/i18n/format';
import { pickName, type Label } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';
import { ruleLabels, ruleNamesOf } from './rule-labels';
import { PendingOverrides } from './pending-overrides';
import { RobustnessSection } from './robustness-section';
import { runChartHeight, runCountyName, runCountySpec } from './run-chart';
import { LangText } from '@/components/ui/lang-text';

type RunData = inferRouterOutputs<AppRouter>['eligibility']['get'];
type DeterminationPage = inferRouterOutputs<AppRouter>['eligibility']['determinations'];
type Row = Determination;

function useRuleLabels(): RuleLabels {
  const trpc = useTRPC();
  const locale = useLocale();
  const vocab = useQuery(trpc.incentives.vocabulary.queryOptions());
  return useMemo(() => ruleLabels(ruleNamesOf(vocab.data ?? { objectives: [], indicators: [], grades: [], scales: {} }), locale), [vocab.data, locale]);
}

/** `chartSvgs`: the server's drawings of the "by county" chart for this run. */
export function RunView({ run, list, params, chartSvgs }: { run: RunData; list: DeterminationPage; params: DeterminationListParams; chartSvgs?: readonly ChartSvg[] }) {
  const t = useTranslations('incentives.run');
  const tc = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const labels = useRuleLabels();
  const recompute = useMutation(trpc.eligibility.recompute.mutationOptions());
  const queryClient = useQueryClient();
  const { view, href, set, pending } = useListParams(runPageListShape, params);
  const [openId, setOpenId] = useState<number | null>(null);
  const money = run.snapshot.kind !== 'commendation';
  const tot = run.totals;
  const countyName = (c: { key: string; name: Label | null }) => runCountyName(c, locale, t('unknownCounty'));

  const open = list.items.find((d) => d.id === openId) ?? null;

  const spec = useMemo(
    () => runCountySpec(run, { allocated: t('allocated'), awarded: t('awarded'), unknownCounty: t('unknownCounty') }, locale),
    [run, locale, t],
  );

  const budgetShare = tot.budget ? tot.allocated / tot.budget : null;
  const base = `/api/eligibility/runs/${run.id}/beneficiaries`;
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={t('candidates')} value={formatNumber(tot.candidates, locale)} hint={tot.notScored ? t('notScoredCount', { count: tot.notScored }) : undefined} />
        <StatCard label={t('passed')} value={formatNumber(tot.passed, locale)} />
        <StatCard label={t('awarded')} value={formatNumber(tot.awarded, locale)} hint={tot.overridden ? t('overriddenCount', { count: tot.overridden }) : undefined} />
        {money ? (
          <StatCard
            label={t('allocated')}
            value={formatNumber(tot.allocated, locale, { digits: 0 })}
            hint={tot.budget !== null ? t('ofBudget', { budget: formatNumber(tot.budget, locale, { digits: 0 }) }) : t('noBudget')}
          />
        ) : (
          <StatCard label={t('title')} value={t('titles', { count: tot.awarded })} />
        )}
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t('reproducibility')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          <p className="text-sm">
            {t('inputHash')}: <code className="break-all font-mono text-xs" data-testid="input-hash">{run.inputHash}</code>
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" loading={recompute.isPending} onClick={() => recompute.mutate({ runId: run.id })}>
              <RefreshCw aria-hidden="true" className="size-4" />
              {t('recompute')}
            </Button>
            <a className={buttonClassName({ variant: 'outline' })} href={`${base}?format=csv`} download>
              <Download aria-hidden="true" className="size-4" />
              {t('exportCsv')}
            </a>
            <a className={buttonClassName({ variant: 'outline' })} href={`${base}?format=xlsx`} download>
              <Download aria-hidden="true" className="size-4" />
              {t('exportXlsx')}
            </a>
          </div>
          {recompute.data ? (
            recompute.data.sameHash && recompute.data.differenceCount === 0 ? (
              <Alert variant="success" title={t('sameTitle')}>
                {t('sameBody', { count: recompute.data.compared, hash: recompute.data.recomputedHash.slice(0, 19) })}
              </Alert>
            ) : (
              <Alert variant="warning" title={t('differentTitle')}>
                <p>{t('differentBody', { count: recompute.data.differenceCount, stored: recompute.data.storedHash.slice(0, 19), now: recompute.data.recomputedHash.slice(0, 19) })}</p>
                <ul className="mt-2 list-disc pl-5">
                  {recompute.data.differences.slice(0, 10).map((d, i) => (
                    <li key={i}>
                      {d.stakeholder} · {d.field}: {String(d.stored)} → {String(d.recomputed)}
                    </li>
                  ))}
                </ul>
              </Alert>
            )
          ) : null}
          {recompute.error ? <Alert variant="error">{recompute.error.message}</Alert> : null}
        </CardContent>
      </Card>

      <PendingOverrides runId={run.id} money={money} onDecided={() => router.refresh()} />

      <RobustnessSection runId={run.id} total={tot.candidates + (tot.notScored ?? 0)} labels={labels} />

      <Card>
        <CardContent className="grid gap-4 pt-6">
          {tot.overBudget ? (
            <Alert variant="warning" title={t('overBudgetTitle')} data-testid="over-budget">
              {t('overBudgetBody', { allocated: formatNumber(tot.allocated, locale, { digits: 0 }), budget: formatNumber(tot.budget, locale, { digits: 0 }) })}
            </Alert>
          ) : null}
          {money && tot.budget !== null ? (
            <Progress
              value={Math.min(tot.allocated, tot.budget)}
              max={tot.budget || 1}
              label={t('budgetUse')}
              valueLabel={`${formatNumber(tot.allocated, locale, { digits: 0 })} / ${formatNumber(tot.budget, locale, { digits: 0 })} (${formatNumber((budgetShare ?? 0) * 100, locale, { digits: 1 })}%)`}
              tone={tot.overBudget || (budgetShare !== null && budgetShare > 0.999) ? 'warning' : 'primary'}
            />
          ) : null}
          <ChartWithTable
            title={money ? t('byCountyAmount') : t('byCountyAwarded')}
            chart={<ChartIsland spec={spec} svgs={chartSvgs} ariaLabel={money ? t('byCountyAmount') : t('byCountyAwarded')} height={runChartHeight(tot.byCounty.length)} />}
            tableToggleLabel={t('showTable')}
          >
            <TotalsTable caption={t('byCounty')} rows={tot.byCounty.map((c) => ({ ...c, label: countyName(c) }))} money={money} />
          </ChartWithTable>
          <TotalsTable caption={t('byType')} rows={tot.byType.map((c) => ({ ...c, label: tc(`stakeholderTypes.${c.key}`) }))} money={money} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('determinations')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label={t('filter')} id="determination-filter">
              <NativeSelect value={view.outcome ?? 'all'} onChange={(e) => set({ outcome: e.target.value === 'all' ? undefined : (e.target.value as DeterminationListParams['outcome']) })}>
                <option value="all">{t('filters.all')}</option>
                {DETERMINATION_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`filters.${o}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <SearchField label={t('search')} value={view.search ?? ''} onCommit={(search) => set({ search: search || undefined })} />
            {run.counties.length > 1 ? (
              <FormField label={t('county')} id="determination-county">
                <NativeSelect value={view.countyCode ?? ''} onChange={(e) => set({ countyCode: e.target.value || undefined })}>
                  <option value="">{t('allCounties')}</option>
                  {run.counties.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name ? pickName(c.name, locale) : c.code}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            ) : null}
          </div>
          <RangeNote data={list} />
          <Table scrollLabel={t('determinations')} dense className={pending ? 'opacity-60' : undefined} aria-busy={pending}>
            <TableCaption className="sr-only">{t('determinationsCaption', { count: list.total })}</TableCaption>
            <THead>
              <TR>
                <SortTH params={params} sortKey="code" href={href} label={t('stakeholder')} />
                <TH>{t('county')}</TH>
                <SortTH numeric params={params} sortKey="composite" href={href} label={t('composite')} />
                <TH>{t('result')}</TH>
                <TH numeric aria-sort={ariaSort(params, 'amount')}>
                  {money ? <SortLink params={params} sortKey="amount" href={href} label={t('amount')} /> : t('benefit')}
                </TH>
                <TH>
                  <span className="sr-only">{t('details')}</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {list.items.map((d) => (
                <TR key={d.id} data-testid="determination-row">
                  <TD className="min-w-44">
                    <div className="font-medium"><LangText>{d.name}</LangText></div>
                    <div className="font-mono text-xs text-muted-foreground">{d.stakeholder}</div>
                  </TD>
                  <TD className="min-w-32">{d.countyName ? pickName(d.countyName, locale) : '—'}</TD>
                  <TD numeric>{formatNumber(d.composite, locale, { digits: 1 })}</TD>
                  <TD className="whitespace-nowrap">
                    <ResultBadge row={d} />
                  </TD>
                  <TD numeric className="whitespace-nowrap">{benefitText(d, locale, t)}</TD>
                  <TD>
                    <Button variant="ghost" size="sm" onClick={() => setOpenId(d.id)} aria-label={t('whyFor', { name: d.name })}>
                      {t('why')}
                    </Button>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          {list.total === 0 ? <p className="text-sm text-muted-foreground">{t('noRows')}</p> : null}
          <ListPager data={list} href={href} />
        </CardContent>
      </Card>

      <Dialog open={open !== null} onOpenChange={(o) => !o && setOpenId(null)}>
        {open ? (
          <DialogContent size="lg" closeLabel={t('close')}>
            <DeterminationDetail
              row={open}
              labels={labels}
              money={money}
              onSaved={() => {
                void queryClient.invalidateQueries({ queryKey: trpc.eligibility.pendingOverrides.queryKey({ runId: run.id }) });
                router.refresh();
              }}
            />
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}

function benefitText(d: Row, locale: Locale, t: (k: string, p?: Record<string, string | number>) => string): string {
  if (!d.eligible) return '—';
  if (d.title) return pickName(d.title, locale);
  const parts: string[] = [];
  if (d.rate !== null) parts.push(t('ratePoints', { rate: formatNumber(d.rate, locale) }));
  if (d.amount !== null) parts.push(formatNumber(d.amount, locale, { digits: 2 }));
  return parts.join(' · ') || '—';
}

function ResultBadge({ row }: { row: Row }) {
  const t = useTranslations('incentives.run');
  return (
    <span className="flex flex-wrap gap-1">
      <Badge variant={row.eligible ? 'success' : row.truth === 'pass' ? 'warning' : 'neutral'} dot>
        {row.eligible ? t('reasons.awarded') : t(`reasons.${row.override ? 'overridden_out' : row.reason}`)}
      </Badge>
      {row.override ? <Badge variant="info">{t('overridden')}</Badge> : null}
      {row.pending ? <Badge variant="warning">{t('overridePendingBadge')}</Badge> : null}
    </span>
  );
}

function TotalsTable({
  caption,
  rows,
  money,
}: {
  caption: string;
  rows: { key: string; label: string; candidates: number; passed: number; awarded: number; amount: number }[];
  money: boolean;
}) {
  const t = useTranslations('incentives.run');
  const locale = useLocale();
  return (
    <Table scrollLabel={caption} dense>
      <TableCaption>{caption}</TableCaption>
      <THead>
        <TR>
          <TH>{t('group')}</TH>
          <TH numeric>{t('candidates')}</TH>
          <TH numeric>{t('passed')}</TH>
          <TH numeric>{t('awarded')}</TH>
          {money ? <TH numeric>{t('allocated')}</TH> : null}
        </TR>
      </THead>
      <TBody>
        {rows.map((r) => (
          <TR key={r.key}>
            <TD>{r.label}</TD>
            <TD numeric>{formatNumber(r.candidates, locale)}</TD>
            <TD numeric>{formatNumber(r.passed, locale)}</TD>
            <TD numeric>{formatNumber(r.awarded, locale)}</TD>
            {money ? <TD numeric>{formatNumber(r.amount, locale)}</TD> : null}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
