import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { StakeholderList } from '@/components/stakeholders/stakeholder-list';
import { api } from '@/lib/trpc/server';
import { listParamsFromUrl, type UrlSearchParams } from '@/core/schemas/list-params';
import { stakeholderListSchema } from '@/core/schemas/lists';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('common'))('nav.stakeholders') };
}

export default async function AdminStakeholdersPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const t = await getTranslations('stakeholders.home');
  const params = listParamsFromUrl(stakeholderListSchema, await searchParams);
  const data = await (await api()).stakeholders.list(params);
  return (
    <ClientMessages namespaces={['adminTools.table', 'stakeholders.fields', 'stakeholders.list', 'stakeholders.registry.importLink', 'stakeholders.status']}>
      <PageHeader title={t('adminTitle')} description={t('adminDescription')} />
      <StakeholderList canCreate data={data} params={params} />
    </ClientMessages>
  );
}
