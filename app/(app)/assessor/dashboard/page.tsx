import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { CountyDashboard } from '@/components/evaluations/county-dashboard';

export async function generateMetadata() {
  return { title: (await getTranslations('evaluations'))('dashboard.title') };
}

export default async function CountyDashboardPage() {
  const t = await getTranslations('evaluations.dashboard');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <CountyDashboard />
    </>
  );
}
