'use client';
// One eligibility run: totals, budget use (chart + table), totals by county and type, input
// hash with "recompute and compare", exports, and the determinations with their explanations and
// overrides.
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { EChartsOption } from 'echarts';
import type { inferRouterOutputs } from '@trpc/server';
import { Download, RefreshCw } from 'lucide-react';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage, type FieldErrorMap } from '@/lib/trpc/errors';
import type { RuleLabels } from '@/core/eligibility';
import { EChart } from '@/components/charts/echart';
import { ChartWithTable } from '@/components/charts/chart-with-table';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Pagination } from '@/components/ui/pagination';
import { usePaginationLabels } from '@/components/app/use-pagination-labels';
import { Progress } from '@/components/ui/progress';
import { StatCard } from '@/components/ui/stat-card';
import { buttonClassName } from '@/components/ui/styles';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { formatNumber, GapView, RuleExplanationView } from './explanation';

export type RunData = inferRouterOutputs<AppRouter>['eligibility']['get'];
type Row = RunData['determinations'][number];

const PAGE_SIZE = 20;

function useRuleLabels(): RuleLabels {
  const trpc = useTRPC();
  const locale = useLocale();
  const vocab = useQuery(trpc.incentives.vocabulary.queryOptions());
  return useMemo(() => {
    const obj = new Map((vocab.data?.objectives ?? []).map((o) => [o.code, locale === 'en' ? o.nameEn : o.nameZh]));
    const ind = new Map((vocab.data?.indicators ?? []).map((i) => [i.code, locale === 'en' ? i.nameEn : i.nameZh]));
    return { objective: (c) => obj.get(c), indicator: (c) => ind.get(c) };
  }, [vocab.data, locale]);
}

export function RunView({ run }: { run: RunData }) {
  const t = useTranslations('incentives.run');
  const tc = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const labels = useRuleLabels();
  const recompute = useMutation(trpc.eligibility.recompute.mutationOptions());
  const [filter, setFilter] = useState<'all' | 'awarded' | 'notAwarded' | 'ruleFailed' | 'overridden'>('all');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const money = run.snapshot.kind !== 'commendation';
  const tot = run.totals;
  const countyName = (c: { key: string; nameEn: string | null; nameZh: string | null }) => (locale === 'en' ? c.nameEn : c.nameZh) ?? (c.key || t('unknownCounty'));

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return run.determinations.filter((d) => {
      if (filter === 'awarded' && !d.eligible) return false;
      if (filter === 'notAwarded' && d.eligible) return false;
      if (filter === 'overridden' && !d.override) return false;
      if (filter === 'ruleFailed' && d.truth === 'pass') return false;
      return !q || d.name.toLowerCase().includes(q) || d.stakeholder.toLowerCase().includes(q);
    });
  }, [run.determinations, filter, search]);
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const pageLabels = usePaginationLabels(page, pageCount);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const open = run.determinations.find((d) => d.id === openId) ?? null;

  const option = useMemo<EChartsOption>(() => {
    const counties = tot.byCounty;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v, locale) : '—') },
      grid: { left: 8, right: 56, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: counties.map(countyName), inverse: true, axisLabel: { width: 120, overflow: 'break' } },
      series: [
        {
          type: 'bar',
          name: money ? t('allocated') : t('awarded'),
          data: counties.map((c) => (money ? c.amount : c.awarded)),
          label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value, locale, 0) : '') },
        },
      ],
    };
    // countyName depends on locale only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tot.byCounty, money, locale, t]);

  const budgetShare = tot.budget ? tot.allocated / tot.budget : null;
  const base = `/api/eligibility/runs/${run.id}/beneficiaries`;
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label={t('candidates')} value={formatNumber(tot.candidates, locale)} />
        <StatCard label={t('passed')} value={formatNumber(tot.passed, locale)} />
        <StatCard label={t('awarded')} value={formatNumber(tot.awarded, locale)} hint={tot.overridden ? t('overriddenCount', { count: tot.overridden }) : undefined} />
        {money ? (
          <StatCard
            label={t('allocated')}
            value={formatNumber(tot.allocated, locale, 0)}
            hint={tot.budget !== null ? t('ofBudget', { budget: formatNumber(tot.budget, locale, 0) }) : t('noBudget')}
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

      <Card>
        <CardContent className="grid gap-4 pt-6">
          {money && tot.budget !== null ? (
            <Progress
              value={Math.min(tot.allocated, tot.budget)}
              max={tot.budget || 1}
              label={t('budgetUse')}
              valueLabel={`${formatNumber(tot.allocated, locale, 0)} / ${formatNumber(tot.budget, locale, 0)} (${formatNumber((budgetShare ?? 0) * 100, locale, 1)}%)`}
              tone={budgetShare !== null && budgetShare > 0.999 ? 'warning' : 'primary'}
            />
          ) : null}
          <ChartWithTable
            title={money ? t('byCountyAmount') : t('byCountyAwarded')}
            chart={<EChart option={option} ariaLabel={money ? t('byCountyAmount') : t('byCountyAwarded')} height={Math.max(200, tot.byCounty.length * 40 + 40)} locale={locale === 'en' ? 'en' : 'zh'} />}
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
              <NativeSelect
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value as typeof filter);
                  setPage(1);
                }}
              >
                <option value="all">{t('filters.all')}</option>
                <option value="awarded">{t('filters.awarded')}</option>
                <option value="notAwarded">{t('filters.notAwarded')}</option>
                <option value="ruleFailed">{t('filters.ruleFailed')}</option>
                <option value="overridden">{t('filters.overridden')}</option>
              </NativeSelect>
            </FormField>
            <FormField label={t('search')} id="determination-search">
              <Input
                type="search"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(1);
                }}
              />
            </FormField>
          </div>
          <Table scrollLabel={t('determinations')} dense>
            <TableCaption className="sr-only">{t('determinationsCaption', { count: rows.length })}</TableCaption>
            <THead>
              <TR>
                <TH>{t('stakeholder')}</TH>
                <TH>{t('county')}</TH>
                <TH numeric>{t('composite')}</TH>
                <TH>{t('result')}</TH>
                <TH numeric>{money ? t('amount') : t('benefit')}</TH>
                <TH>
                  <span className="sr-only">{t('details')}</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {shown.map((d) => (
                <TR key={d.id} data-testid="determination-row">
                  <TD className="min-w-44">
                    <div className="font-medium">{d.name}</div>
                    <div className="font-mono text-xs text-muted-foreground">{d.stakeholder}</div>
                  </TD>
                  <TD className="min-w-32">{(locale === 'en' ? d.countyEn : d.countyZh) ?? '—'}</TD>
                  <TD numeric>{formatNumber(d.composite, locale, 1)}</TD>
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
          {rows.length === 0 ? <p className="text-sm text-muted-foreground">{t('noRows')}</p> : null}
          <Pagination
            page={page}
            pageCount={pageCount}
            onPageChange={setPage}
            labels={pageLabels}
          />
        </CardContent>
      </Card>

      <Dialog open={open !== null} onOpenChange={(o) => !o && setOpenId(null)}>
        {open ? (
          <DialogContent size="lg" closeLabel={t('close')}>
            <DeterminationDetail row={open} labels={labels} money={money} onSaved={() => router.refresh()} />
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}

function benefitText(d: Row, locale: string, t: (k: string, p?: Record<string, string | number>) => string): string {
  if (!d.eligible) return '—';
  if (d.title) return locale === 'en' ? d.title.en : d.title['zh-CN'];
  const parts: string[] = [];
  if (d.rate !== null) parts.push(t('ratePoints', { rate: formatNumber(d.rate, locale) }));
  if (d.amount !== null) parts.push(formatNumber(d.amount, locale, 2));
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

function DeterminationDetail({ row, labels, money, onSaved }: { row: Row; labels: RuleLabels; money: boolean; onSaved: () => void }) {
  const t = useTranslations('incentives.run');
  const tAll = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const override = useMutation(trpc.eligibility.override.mutationOptions());
  const [eligible, setEligible] = useState(row.eligible ? 'yes' : 'no');
  const [amount, setAmount] = useState(row.amount === null ? '' : String(row.amount));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [saved, setSaved] = useState(false);
  const msg = (m: string | undefined) => (m ? translateMessage(tAll, m) : undefined);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const n = amount.trim() === '' ? null : Number(amount);
    try {
      await override.mutateAsync({ determinationId: row.id, eligible: eligible === 'yes', amount: n, reason });
      setSaved(true);
      onSaved();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(Object.keys(fe).length ? fe : { _: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <div className="grid gap-4" data-testid="determination-detail">
      <DialogHeader>
        <DialogTitle>{row.name}</DialogTitle>
        <DialogDescription>
          {row.stakeholder} · {t('composite')} {formatNumber(row.composite, locale, 2)}
        </DialogDescription>
      </DialogHeader>
      <Alert variant={row.truth === 'pass' ? 'success' : row.truth === 'fail' ? 'info' : 'warning'} title={t(`verdict.${row.truth}`)} data-testid="verdict">
        {t(`reasonText.${row.reason}`)}
        {row.eligible && money && row.amount !== null ? ` ${t('amountLine', { amount: formatNumber(row.amount, locale), demand: formatNumber(row.demand, locale) })}` : null}
        {row.capped ? ` ${t('cappedLine')}` : null}
        {!row.eligible && row.truth === 'pass' && money && row.demand !== null ? ` ${t('demandLine', { demand: formatNumber(row.demand, locale) })}` : null}
      </Alert>
      <section className="grid gap-2">
        <h3 className="text-sm font-semibold">{t('whyTitle')}</h3>
        <RuleExplanationView explanation={row.explanation} labels={labels} />
      </section>
      {row.gap ? (
        <section className="grid gap-2">
          <h3 className="text-sm font-semibold">{t('gapTitle')}</h3>
          <GapView gap={row.gap} labels={labels} />
          <p className="text-xs text-muted-foreground">{t('gapNote')}</p>
        </section>
      ) : null}
      {row.override ? (
        <Alert variant="info" title={t('overriddenTitle')}>
          {t('overriddenBody', {
            eligible: row.override.eligible ? t('yes') : t('no'),
            amount: formatNumber(row.override.amount, locale),
            by: row.override.by ?? '—',
            reason: row.override.reason,
            computed: row.computed.eligible ? t('yes') : t('no'),
          })}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="grid gap-3 border-t border-border pt-4">
        <h3 className="text-sm font-semibold">{t('overrideTitle')}</h3>
        {saved ? <Alert variant="success">{t('overrideSaved')}</Alert> : null}
        {errors._ ? <Alert variant="error">{errors._}</Alert> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField label={t('overrideEligible')} id="override-eligible">
            <NativeSelect value={eligible} onChange={(e) => setEligible(e.target.value)}>
              <option value="yes">{t('yes')}</option>
              <option value="no">{t('no')}</option>
            </NativeSelect>
          </FormField>
          {money ? (
            <FormField label={t('amount')} id="override-amount" error={msg(errors.amount)}>
              <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </FormField>
          ) : null}
        </div>
        <FormField label={t('overrideReason')} id="override-reason" required error={msg(errors.reason)}>
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </FormField>
        <div>
          <Button type="submit" variant="secondary" loading={override.isPending}>
            {t('overrideSubmit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
