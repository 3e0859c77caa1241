// Appeals in the reader's scope: a stakeholder's own, an assessor's queue (its regions), every one
// for an administrator; open or decided, a page at a time, with due and overdue shown.
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Scale } from 'lucide-react';
import { APPEAL_FILTERS, appealListSchema } from '@/core/schemas/appeals';
import { listParamsFromUrl, type UrlSearchParams } from '@/core/schemas/list-params';
import { api } from '@/lib/trpc/server';
import { AppealDueBadge, AppealStatusBadge } from '@/components/appeals/appeal-badges';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClassName } from '@/components/ui/styles';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { LangText } from '@/components/ui/lang-text';
import { cn } from '@/lib/cn';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('appeals'))('title') };
}

export default async function AppealsPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const t = await getTranslations('appeals');
  const format = await getFormatter();
  const input = listParamsFromUrl(appealListSchema, await searchParams);
  const data = await (await api()).appeals.list(input);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const href = (patch: Record<string, string | number>) => `/appeals?${new URLSearchParams({ state: input.state, page: String(input.page), ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, String(v)])) })}`;
  return (
    <ClientMessages namespaces={['adminTools.table']}>
      <PageHeader title={t('title')} description={t('description')} />
      <nav aria-label={t('filter.label')} className="mb-4 flex flex-wrap gap-2">
        {APPEAL_FILTERS.map((state) => (
          <Link key={state} href={href({ state, page: 1 })} aria-current={state === input.state ? 'page' : undefined} className={buttonClassName({ variant: state === input.state ? 'primary' : 'outline', size: 'sm' })}>
            {t(`filter.${state}`)}
          </Link>
        ))}
      </nav>
      {data.total === 0 ? (
        <EmptyState icon={<Scale aria-hidden="true" className="size-6" />} title={t('empty')} description={t('emptyHint')} />
      ) : (
        <>
          <Table scrollLabel={t('title')}>
            <THead>
              <TR>
                <TH>{t('list.appeal')}</TH>
                <TH>{t('list.stakeholder')}</TH>
                <TH>{t('list.period')}</TH>
                <TH>{t('list.status')}</TH>
                <TH>{t('list.due')}</TH>
                <TH>{t('list.filed')}</TH>
              </TR>
            </THead>
            <TBody>
              {data.items.map((a) => (
                <TR key={a.id}>
                  <TD>
                    <Link href={`/appeals/${a.id}`} className="font-medium text-primary hover:underline">
                      {t('list.number', { id: a.id })}
                    </Link>
                    <span className="block text-xs text-muted-foreground">{t('list.items', { count: a.items })}</span>
                  </TD>
                  <TD>
                    <LangText>{a.stakeholder.name}</LangText>
                    <span className="block text-xs text-muted-foreground">{a.stakeholder.code}</span>
                  </TD>
                  <TD>{a.period}</TD>
                  <TD>
                    <AppealStatusBadge status={a.status} />
                    {a.proposedByMe ? <span className="block text-xs text-muted-foreground">{t('list.yourProposal')}</span> : null}
                  </TD>
                  <TD>{a.dueState ? <AppealDueBadge state={a.dueState} dueOn={a.dueOn} /> : '—'}</TD>
                  <TD className="whitespace-nowrap">{format.dateTime(a.createdAt, { dateStyle: 'medium' })}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          {pages > 1 ? (
            <nav aria-label={t('list.pages')} className="mt-4 flex items-center gap-3 text-sm">
              <Link href={href({ page: input.page - 1 })} aria-disabled={input.page <= 1} className={cn(buttonClassName({ variant: 'outline', size: 'sm' }), input.page <= 1 && 'pointer-events-none opacity-50')}>
                {t('list.previous')}
              </Link>
              <span>{t('list.page', { page: input.page, pages })}</span>
              <Link href={href({ page: input.page + 1 })} aria-disabled={input.page >= pages} className={cn(buttonClassName({ variant: 'outline', size: 'sm' }), input.page >= pages && 'pointer-events-none opacity-50')}>
                {t('list.next')}
              </Link>
            </nav>
          ) : null}
        </>
      )}
    </ClientMessages>
  );
}
