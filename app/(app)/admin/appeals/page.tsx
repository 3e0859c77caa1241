// The administrators' overview of appeals: per county and period, how many, how many still open,
// the share accepted of those decided, the median days to a decision and the overdue ones.
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Scale } from 'lucide-react';
import type { Locale } from '@/i18n/config';
import { api, requireRole } from '@/lib/trpc/server';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('appeals'))('overview.title') };
}

export default async function AppealOverviewPage() {
  await requireRole('admin');
  const t = await getTranslations('appeals');
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const rows = await (await api()).appeals.overview({});
  return (
    <ClientMessages namespaces={['adminTools.table']}>
      <PageHeader
        title={t('overview.title')}
        description={t('overview.description')}
        actions={
          <Link href="/appeals?state=open" className="text-sm text-primary hover:underline">
            {t('overview.openList')}
          </Link>
        }
      />
      {rows.length === 0 ? (
        <EmptyState icon={<Scale aria-hidden="true" className="size-6" />} title={t('overview.empty')} description={t('overview.emptyHint')} />
      ) : (
        <Table scrollLabel={t('overview.title')}>
          <THead>
            <TR>
              <TH>{t('overview.county')}</TH>
              <TH>{t('overview.period')}</TH>
              <TH className="text-end">{t('overview.appeals')}</TH>
              <TH className="text-end">{t('overview.open')}</TH>
              <TH className="text-end">{t('overview.accepted')}</TH>
              <TH className="text-end">{t('overview.median')}</TH>
              <TH className="text-end">{t('overview.overdue')}</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={`${r.county.id}-${r.period.id}`} data-overdue={r.overdue > 0 ? 'true' : undefined} className={r.overdue > 0 ? 'bg-danger-subtle' : undefined}>
                <TD>{r.county.name[locale]}</TD>
                <TD>{r.period.code}</TD>
                <TD numeric>{format.number(r.appeals)}</TD>
                <TD numeric>{format.number(r.open)}</TD>
                <TD numeric>{r.acceptedShare === null ? '—' : format.number(r.acceptedShare, { style: 'percent', maximumFractionDigits: 0 })}</TD>
                <TD numeric>{r.medianDays === null ? '—' : t('overview.days', { days: r.medianDays })}</TD>
                <TD numeric>{r.overdue > 0 ? <Badge variant="danger">{t('overview.overdueCount', { count: r.overdue })}</Badge> : format.number(0)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </ClientMessages>
  );
}
