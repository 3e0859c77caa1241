import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getContext } from '@/lib/trpc/server';
import { PageHeader } from '@/components/ui/page-header';
import { IndicatorManager } from '@/components/method/indicator-manager';

export async function generateMetadata() {
  return { title: (await getTranslations('method'))('indicators.title') };
}

// Admins own the method; other roles get the same answer as for a page that does not exist.
export default async function IndicatorsPage() {
  if ((await getContext()).user?.role !== 'admin') notFound();
  const t = await getTranslations('method.indicators');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <IndicatorManager />
    </>
  );
}
