import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { AuditLog } from '@/components/admin/audit-log';
import { api } from '@/lib/trpc/server';
import { listParamsFromUrl, type UrlSearchParams } from '@/core/schemas/list-params';
import { auditListSchema } from '@/core/schemas/lists';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('audit.title') };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const t = await getTranslations('admin.audit');
  const params = listParamsFromUrl(auditListSchema, await searchParams);
  const data = await (await api()).audit.list(params);
  return (
    <ClientMessages namespaces={['admin.audit', 'adminTools.audit', 'adminTools.table']}>
      <PageHeader title={t('title')} description={t('description')} />
      <AuditLog data={data} params={params} />
    </ClientMessages>
  );
}
