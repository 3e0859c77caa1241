import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { CountyDashboard } from '@/components/evaluations/county-dashboard';
import { DueNote } from '@/components/evaluations/work-views';
import { api } from '@/lib/trpc/server';
import { dueState, isoDay } from '@/core/domain/work-views';

export async function generateMetadata() {
  return { title: (await getTranslations('evaluations'))('dashboard.title') };
}

export default async function CountyDashboardPage() {
  const t = await getTranslations('evaluations.dashboard');
  // The open period's due date: what the dashboard's figures are racing against.
  const open = (await (await api()).periods.list()).find((p) => p.status === 'open');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {open ? <DueNote className="mb-4" code={open.code} open due={open.dueOn ? dueState(open.dueOn, isoDay(new Date())) : null} /> : null}
      <CountyDashboard />
    </>
  );
}
