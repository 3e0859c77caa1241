import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getContext } from '@/lib/trpc/server';
import { PageHeader } from '@/components/ui/page-header';
import { PeriodManager } from '@/components/method/period-manager';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('method'))('periods.title') };
}

// Admins own the method; other roles get the same answer as for a page that does not exist.
export default async function PeriodsPage() {
  if ((await getContext()).user?.role !== 'admin') notFound();
  const t = await getTranslations('method.periods');
  return (
    <ClientMessages namespaces={['adminTools.periods', 'adminTools.table', 'appeals.periods', 'errors', 'jobs', 'method.periods', 'revisions', 'validation', 'workQueue.periods']}>
      <PageHeader title={t('title')} description={t('description')} />
      <PeriodManager />
    </ClientMessages>
  );
}
