import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getContext } from '@/lib/trpc/server';
import { PageHeader } from '@/components/ui/page-header';
import { KpiSetList } from '@/components/method/kpi-set-list';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('method'))('kpiSets.title') };
}

// Admins own the method; other roles get the same answer as for a page that does not exist.
export default async function KpiSetsPage() {
  if ((await getContext()).user?.role !== 'admin') notFound();
  const t = await getTranslations('method.kpiSets');
  return (
    <ClientMessages namespaces={['adminTools.table', 'method.kpiSets']}>
      <PageHeader title={t('title')} description={t('description')} />
      <KpiSetList />
    </ClientMessages>
  );
}
