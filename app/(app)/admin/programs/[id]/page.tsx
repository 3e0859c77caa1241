import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { Download, Pencil } from 'lucide-react';
import { api } from '@/lib/trpc/server';
import { renderRule, type Benefit } from '@/core/eligibility';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClassName } from '@/components/ui/styles';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { RunPanel } from '@/components/incentives/run-panel';
import { labelOf, pickName } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';
import { formatList, formatNumber } from '@/core/i18n/format';
import { ruleLabels, ruleNamesOf } from '@/components/incentives/rule-labels';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('incentives'))('detail.title') };
}

type T = Awaited<ReturnType<typeof getTranslations<'incentives'>>>;

function benefitLines(b: Benefit, t: T, fmt: (x: number) => string, locale: Locale, indicatorName: (code: string) => string): string[] {
  const lines: string[] = [t(`benefitKinds.${b.kind}`)];
  switch (b.kind) {
    case 'fixed':
      lines.push(t('summary.amount', { amount: fmt(b.amount) }));
      break;
    case 'tiered':
    case 'tiered_rate':
      for (const tier of [...b.tiers].sort((x, y) => x.minComposite - y.minComposite)) {
        lines.push(t(b.kind === 'tiered' ? 'summary.tierAmount' : 'summary.tierRate', { min: fmt(tier.minComposite), value: fmt(tier.value) }));
      }
      break;
    case 'linear':
      lines.push(t('summary.linear', { minScore: fmt(b.minScore), maxScore: fmt(b.maxScore), minAmount: fmt(b.minAmount), maxAmount: fmt(b.maxAmount) }));
      break;
    case 'per_unit':
      lines.push(t('summary.perUnit', { amount: fmt(b.amountPerUnit), indicator: indicatorName(b.indicator) }));
      break;
    case 'rate':
      lines.push(t('summary.rate', { rate: fmt(b.rate) }));
      break;
    case 'title':
      lines.push(t('summary.title', { title: pickName(b.title, locale) }));
      if (b.maxPerCounty !== null) lines.push(t('summary.maxPerCounty', { count: b.maxPerCounty }));
      break;
  }
  if ((b.kind === 'rate' || b.kind === 'tiered_rate') && b.base) lines.push(t('summary.base', { indicator: indicatorName(b.base.indicator), scale: fmt(b.base.scale) }));
  if ('cap' in b && b.cap !== null) lines.push(t('summary.cap', { cap: fmt(b.cap) }));
  return lines;
}

export default async function ProgramPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const { saved } = await searchParams;
  const t = await getTranslations('incentives');
  const tc = await getTranslations('common');
  const locale = await getLocale();
  const format = await getFormatter();
  const caller = await api();
  const program = await caller.incentives.get({ id: Number(id) }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) notFound();
    throw e;
  });
  const [runs, vocabulary] = await Promise.all([caller.eligibility.runs({ programId: program.id }), caller.incentives.vocabulary()]);
  const fmt = (x: number) => formatNumber(x, locale);
  const names = ruleNamesOf(vocabulary);
  const description = locale === 'en' ? program.descriptionEn : program.descriptionZh;
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors.reason', 'incentives.runPanel', 'jobs']}>
      <PageHeader
        title={pickName(labelOf(program), locale)}
        description={description ?? undefined}
        breadcrumb={<Link href="/admin/programs" className="hover:underline">{t('backToList')}</Link>}
        meta={
          <span className="flex flex-wrap gap-2">
            <Badge variant="primary">{t(`kinds.${program.kind}`)}</Badge>
            <Badge variant={program.status === 'active' ? 'success' : 'neutral'}>{t(`statuses.${program.status}`)}</Badge>
            <Badge variant="outline" className="font-mono">{program.code}</Badge>
          </span>
        }
        actions={
          <>
            <Link href={`/admin/programs/${program.id}/edit`} className={buttonClassName({ variant: 'outline' })}>
              <Pencil aria-hidden="true" className="size-4" />
              {t('detail.edit')}
            </Link>
            <a href={`/api/eligibility/programs/${program.id}`} download className={buttonClassName({ variant: 'outline' })}>
              <Download aria-hidden="true" className="size-4" />
              {t('detail.exportProgram')}
            </a>
          </>
        }
      />
      <div className="grid gap-6">
        {saved ? <Alert variant="success">{t('detail.saved')}</Alert> : null}
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>{t('detail.rule')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <p lang="zh-CN" data-testid="rule-sentence-zh">
                <span className="font-medium">{t('form.sentenceZh')}</span> {renderRule(program.rule, 'zh-CN', ruleLabels(names, 'zh-CN'))}
              </p>
              <p lang="en" data-testid="rule-sentence-en">
                <span className="font-medium">{t('form.sentenceEn')}</span> {renderRule(program.rule, 'en', ruleLabels(names, 'en'))}
              </p>
              <p>
                <span className="font-medium">{t('fields.eligibleTypes')}:</span> {formatList(program.eligibleTypes.map((ty) => tc(`stakeholderTypes.${ty}`)), locale)}
              </p>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('detail.benefit')}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-1 text-sm">
              <ul className="grid gap-1">
                {benefitLines(program.benefit, t, fmt, locale, (c) => ruleLabels(names, locale).indicator?.(c) ?? c).map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
              <p className="mt-2">
                <span className="font-medium">{t('fields.budget')}:</span>{' '}
                {program.budget === null ? t('detail.noBudget') : `${fmt(program.budget)} · ${t(`allocations.${program.allocation ?? 'none'}`)}`}
              </p>
            </CardContent>
          </Card>
        </div>
        <Card>
          <CardHeader>
            <CardTitle>{t('detail.runTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            <RunPanel programId={program.id} disabled={program.status === 'archived'} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('detail.runs')}</CardTitle>
          </CardHeader>
          <CardContent>
            {runs.length === 0 ? (
              <EmptyState title={t('detail.noRuns')} titleAs="h3" />
            ) : (
              <Table scrollLabel={t('detail.runs')} dense>
                <TableCaption className="sr-only">{t('detail.runs')}</TableCaption>
                <THead>
                  <TR>
                    <TH>{t('detail.period')}</TH>
                    <TH>{t('detail.when')}</TH>
                    <TH>{t('detail.by')}</TH>
                    <TH>{t('run.inputHash')}</TH>
                  </TR>
                </THead>
                <TBody>
                  {runs.map((r) => (
                    <TR key={r.id}>
                      <TD>
                        <Link prefetch={false} href={`/admin/programs/${program.id}/runs/${r.id}`} className="font-medium text-primary hover:underline">
                          {t('detail.runLink', { period: r.periodCode, id: r.id })}
                        </Link>
                      </TD>
                      <TD>{format.dateTime(r.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</TD>
                      <TD>{r.createdBy ?? '—'}</TD>
                      <TD className="font-mono text-xs">{r.inputHash.slice(7, 19)}…</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </ClientMessages>
  );
}
