import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Plus } from 'lucide-react';
import { api } from '@/lib/trpc/server';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClassName } from '@/components/ui/styles';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { labelOf, pickName } from '@/core/i18n/label';
import { formatList, formatNumber } from '@/core/i18n/format';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('incentives'))('list.title') };
}

export default async function ProgramsPage() {
  const t = await getTranslations('incentives');
  const tc = await getTranslations('common');
  const locale = await getLocale();
  const programs = await (await api()).incentives.list();
  return (
    <ClientMessages namespaces={['adminTools.table']}>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          <Link href="/admin/programs/new" className={buttonClassName({})}>
            <Plus aria-hidden="true" className="size-4" />
            {t('list.new')}
          </Link>
        }
      />
      {programs.length === 0 ? (
        <EmptyState title={t('list.emptyTitle')} description={t('list.emptyBody')} />
      ) : (
        <Table scrollLabel={t('list.title')}>
          <TableCaption className="sr-only">{t('list.caption', { count: programs.length })}</TableCaption>
          <THead>
            <TR>
              <TH>{t('fields.name')}</TH>
              <TH>{t('fields.kind')}</TH>
              <TH>{t('fields.eligibleTypes')}</TH>
              <TH numeric>{t('fields.budget')}</TH>
              <TH>{t('fields.status')}</TH>
              <TH>{t('list.lastRun')}</TH>
            </TR>
          </THead>
          <TBody>
            {programs.map((p) => (
              <TR key={p.id}>
                <TD>
                  <Link prefetch={false} href={`/admin/programs/${p.id}`} className="font-medium text-primary hover:underline">
                    {pickName(labelOf(p), locale)}
                  </Link>
                  <div className="font-mono text-xs text-muted-foreground">{p.code}</div>
                </TD>
                <TD>{t(`kinds.${p.kind}`)}</TD>
                <TD>{formatList(p.eligibleTypes.map((ty) => tc(`stakeholderTypes.${ty}`)), locale)}</TD>
                <TD numeric>{formatNumber(p.budget, locale, { digits: 0 })}</TD>
                <TD>
                  <Badge variant={p.status === 'active' ? 'success' : p.status === 'draft' ? 'neutral' : 'outline'}>{t(`statuses.${p.status}`)}</Badge>
                </TD>
                <TD>{p.lastRun ? p.lastRun.periodCode : t('list.never')}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </ClientMessages>
  );
}
