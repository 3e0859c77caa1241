import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { StakeholderList } from '@/components/stakeholders/stakeholder-list';

export async function generateMetadata() {
  return { title: (await getTranslations('common'))('nav.stakeholders') };
}

export default async function AdminStakeholdersPage() {
  const t = await getTranslations('stakeholders.home');
  return (
    <>
      <PageHeader title={t('adminTitle')} description={t('adminDescription')} />
      <StakeholderList canCreate />
    </>
  );
}
