import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { UserManager } from '@/components/admin/user-manager';
import { api, getContext } from '@/lib/trpc/server';
import { listParamsFromUrl, type UrlSearchParams } from '@/core/schemas/list-params';
import { userListSchema } from '@/core/schemas/lists';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('users.title') };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const t = await getTranslations('admin.users');
  const ctx = await getContext();
  const params = listParamsFromUrl(userListSchema, await searchParams);
  const data = await (await api()).users.list(params);
  return (
    <ClientMessages namespaces={['admin.users', 'adminTools.table', 'errors', 'jobs', 'validation']}>
      <PageHeader title={t('title')} description={t('description')} />
      <UserManager currentUserId={ctx.user?.id ?? ''} data={data} params={params} />
    </ClientMessages>
  );
}
