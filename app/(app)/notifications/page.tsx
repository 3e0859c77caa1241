import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { NotificationList } from '@/components/notifications/notification-list';
import { api } from '@/lib/trpc/server';
import type { UrlSearchParams } from '@/core/schemas/list-params';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('notifications'))('title') };
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const t = await getTranslations('notifications');
  const raw = (await searchParams).page;
  const page = Math.min(1_000_000, Math.max(1, Number.parseInt(typeof raw === 'string' ? raw : '1', 10) || 1));
  const data = await (await api()).notifications.list({ page });
  return (
    <ClientMessages namespaces={['notifications']}>
      <PageHeader title={t('title')} description={t('description')} />
      <NotificationList data={data} />
    </ClientMessages>
  );
}
