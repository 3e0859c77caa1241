import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { UserManager } from '@/components/admin/user-manager';
import { getContext } from '@/lib/trpc/server';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('users.title') };
}

export default async function UsersPage() {
  const t = await getTranslations('admin.users');
  const ctx = await getContext();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <UserManager currentUserId={ctx.user?.id ?? ''} />
    </>
  );
}
