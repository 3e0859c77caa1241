import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getContext } from '@/lib/trpc/server';
import { PageHeader } from '@/components/ui/page-header';
import { IndicatorManager } from '@/components/method/indicator-manager';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('method'))('indicators.title') };
}

// Admins own the method; other roles get the same answer as for a page that does not exist.
export default async function IndicatorsPage() {
  if ((await getContext()).user?.role !== 'admin') notFound();
  const t = await getTranslations('method.indicators');
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors', 'jobs', 'method.indicators', 'validation']}>
      <PageHeader title={t('title')} description={t('description')} />
      <IndicatorManager />
    </ClientMessages>
  );
}
