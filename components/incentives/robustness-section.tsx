'use client';
// A run's robustness: the latest check (how many decisions are fragile, with what parameters) and
// its fragile decisions a page at a time, least stable first, each with what most often changes
// it (the rule's condition in words, the budget cut-off, the per-county limit, the tier); the
// form to start a check (draws, ± spread, seed), followed as a job. Also each decision's own
// stability for the determination detail.
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { ShieldCheck } from 'lucide-react';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage, type FieldErrorMap } from '@/lib/trpc/errors';
import type { RuleLabels } from '@/core/eligibility';
import { renderClause } from '@/core/eligibility/render';
import { DEFAULT_ROBUSTNESS_DRAWS, DEFAULT_ROBUSTNESS_SPREAD, FRAGILE_BELOW, MAX_ROBUSTNESS_DRAWS } from '@/core/domain/robustness';
import { MAX_ROBUSTNESS_SEED, MAX_ROBUSTNESS_SPREAD_PERCENT, robustnessStartSchema } from '@/core/schemas/robustness';
import { formatNumber } from '@/core/i18n/format';
import type { Locale } from '@/i18n/config';
import { JobProgress, useJobRunner } from '@/components/jobs/job-progress';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { LangText } from '@/components/ui/lang-text';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';

type Robustness = inferRouterOutputs<AppRouter>['robustness']['get'];
type FragileRow = Robustness['fragile']['items'][number];

const PAGE_SIZE = 25;
const FOLLOW_MS = 2_000;
const percent = (x: number, locale: Locale) => formatNumber(x, locale, { percent: true, digits: 1 });

export function RobustnessSection({ runId, total, labels }: { runId: number; total: number; labels: RuleLabels }) {
  const t = useTranslations('robustness.section');
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const data = useQuery({
    ...trpc.robustness.get.queryOptions({ runId, page, pageSize: PAGE_SIZE }),
    // While a check of this run (the automatic one, or one started elsewhere) is under way, follow it.
    refetchInterval: (q) => (q.state.data?.job && (q.state.data.job.status === 'queued' || q.state.data.job.status === 'running') ? FOLLOW_MS : false),
  });
  const start = useMutation(trpc.robustness.start.mutationOptions());
  const job = useJobRunner<'eligibility.robustness'>();
  const [draws, setDraws] = useState(String(DEFAULT_ROBUSTNESS_DRAWS));
  const [spread, setSpread] = useState(String(DEFAULT_ROBUSTNESS_SPREAD * 100));
  const [seed, setSeed] = useState('');
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const formRef = useRef<HTMLFormElement>(null);
  const msg = (m: string | undefined) => (m ? translateMessage(tAll, m) : undefined);
  const threshold = formatNumber(FRAGILE_BELOW * 100, locale);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const number = (text: string) => (text.trim() === '' ? undefined : Number(text.replace(/,/g, '')));
    const input = { runId, draws: number(draws), spreadPercent: number(spread), seed: number(seed) ?? null };
    // The same schema as the server's, so a bad value is named at its field before anything is sent.
    const parsed = robustnessStartSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    try {
      await job.run(async () => {
        const started = await start.mutateAsync(parsed.data);
        setSeed(String(started.seed));
        return started;
      });
      setPage(1);
      await queryClient.invalidateQueries({ queryKey: trpc.robustness.get.queryKey() });
    } catch (err) {
      const fe = fieldErrorsOf(err);
      if (Object.keys(fe).length) setErrors(fe);
    }
  }

  const check = data.data?.check ?? null;
  const fragile = data.data?.fragile;
  // A check job this form is not already following: the automatic one, or one started elsewhere.
  const other = data.data?.job && data.data.job.id !== job.job?.id ? data.data.job : null;
  const otherRunning = other !== null && (other.status === 'queued' || other.status === 'running');
  return (
    <Card data-testid="robustness">
      <CardHeader>
        <CardTitle>
          <span className="inline-flex items-center gap-2">
            <ShieldCheck aria-hidden="true" className="size-5 text-primary" />
            {t('heading')}
          </span>
        </CardTitle>
        <CardDescription>{t('intro', { threshold })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {other ? (
          <div className="grid gap-2" data-testid="robustness-pending">
            <p className="text-sm font-medium">{otherRunning ? t(other.automatic ? 'automaticRunning' : 'otherRunning') : t(other.automatic ? 'automaticFailed' : 'otherFailed')}</p>
            <JobProgress kind="eligibility.robustness" job={other} />
          </div>
        ) : null}
        {data.isPending || (check === null && otherRunning) ? null : check === null ? (
          <EmptyState titleAs="h3" icon={null} title={t('emptyTitle')} description={t('emptyBody')} />
        ) : (
          <div className="grid gap-1" data-testid="robustness-summary" data-fragile={check.fragile}>
            <p className="text-lg font-semibold">
              {t('fragileCount', { count: check.fragile })} <span className="text-sm font-normal text-muted-foreground">{t('fragileOf', { total: formatNumber(total, locale) })}</span>
            </p>
            <p className="text-sm text-muted-foreground">
              {t('parameters', { draws: formatNumber(check.draws, locale), spread: formatNumber(check.spread * 100, locale), seed: String(check.seed) })} ·{' '}
              {check.automatic ? t('checkedAutomatically', { when: new Date(check.createdAt).toLocaleString(locale) }) : t('checkedBy', { when: new Date(check.createdAt).toLocaleString(locale), by: check.createdBy ?? '—' })}
            </p>
          </div>
        )}

        {check && fragile ? (
          fragile.total === 0 ? (
            <Alert variant="success">{t('noneFragile', { threshold })}</Alert>
          ) : (
            <div className="grid gap-2">
              <h3 className="text-sm font-semibold">{t('fragileHeading')}</h3>
              <div className="overflow-x-auto">
                <Table data-testid="fragile-list">
                  <TableCaption className="sr-only">{t('caption', { threshold })}</TableCaption>
                  <THead>
                    <TR>
                      <TH scope="col">{t('stakeholder')}</TH>
                      <TH scope="col">{t('decision')}</TH>
                      <TH scope="col" className="text-right">{t('stability')}</TH>
                      <TH scope="col">{t('flips')}</TH>
                    </TR>
                  </THead>
                  <TBody>
                    {fragile.items.map((row) => (
                      <TR key={row.determinationId} data-stakeholder={row.code}>
                        <TD className="min-w-44">
                          <div className="font-medium break-words">
                            <LangText>{row.name}</LangText>
                          </div>
                          <div className="font-mono text-xs text-muted-foreground">{row.code}</div>
                        </TD>
                        <TD>{row.eligible ? t('awarded') : t('notAwarded')}</TD>
                        <TD className="text-right tabular-nums">{percent(row.stability, locale)}</TD>
                        <TD className="min-w-56 text-sm">{flipText(row, labels, locale, t)}</TD>
                      </TR>
                    ))}
                  </TBody>
                </Table>
              </div>
              {fragile.pageCount > 1 ? (
                <div className="flex flex-wrap items-center gap-2">
                  <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t('previous')}
                  </Button>
                  <span className="text-sm">{t('pageOf', { page, count: fragile.pageCount })}</span>
                  <Button variant="outline" size="sm" disabled={page >= fragile.pageCount} onClick={() => setPage(page + 1)}>
                    {t('next')}
                  </Button>
                </div>
              ) : null}
            </div>
          )
        ) : null}

        <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 border-t border-border pt-4" aria-label={t('start')}>
          <div className="grid gap-3 sm:grid-cols-3">
            <FormField label={t('draws')} id="robustness-draws" description={t('drawsHint', { max: formatNumber(MAX_ROBUSTNESS_DRAWS, locale) })} error={msg(errors.draws)}>
              <Input inputMode="numeric" value={draws} onChange={(e) => setDraws(e.target.value)} />
            </FormField>
            <FormField label={t('spread')} id="robustness-spread" description={t('spreadHint', { max: MAX_ROBUSTNESS_SPREAD_PERCENT })} error={msg(errors.spreadPercent)}>
              <Input inputMode="decimal" value={spread} onChange={(e) => setSpread(e.target.value)} />
            </FormField>
            <FormField label={t('seed')} id="robustness-seed" description={t('seedHint')} error={msg(errors.seed)}>
              <Input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} placeholder={`0–${MAX_ROBUSTNESS_SEED}`} />
            </FormField>
          </div>
          <div>
            <Button type="submit" loading={job.running}>
              {t('start')}
            </Button>
          </div>
          {job.job ? <JobProgress kind="eligibility.robustness" job={job.job} /> : null}
          {start.error && !Object.keys(fieldErrorsOf(start.error)).length ? (
            <Alert variant="error" title={t('failed')}>
              {start.error.message}
            </Alert>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}

function flipText(row: FragileRow, labels: RuleLabels, locale: Locale, t: ReturnType<typeof useTranslations<'robustness.section'>>): string {
  const flip = row.flip;
  if (!flip) return '—';
  const share = percent(flip.share, locale);
  if (flip.kind === 'clause') return row.clause ? t('flip.clause', { clause: renderClause(row.clause, locale, labels), share }) : t('flip.clauseUnknown', { share });
  return t(`flip.${flip.kind}`, { share });
}

/** A determination's stability under its run's latest check, for the determination detail. */
export function DeterminationStability({ determinationId }: { determinationId: number }) {
  const t = useTranslations('robustness.detail');
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const r = useQuery(trpc.robustness.determination.queryOptions({ determinationId }));
  if (r.isPending) return null;
  return (
    <section className="grid gap-1" data-testid="determination-stability">
      <h3 className="text-sm font-semibold">{t('heading')}</h3>
      {r.data ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {t('line', { stability: percent(r.data.stability, locale), draws: formatNumber(r.data.draws, locale), spread: formatNumber(r.data.spread * 100, locale) })}
          <Badge variant={r.data.fragile ? 'warning' : 'success'}>{r.data.fragile ? t('fragile') : t('robust')}</Badge>
        </p>
      ) : (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      )}
    </section>
  );
}
