import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { api, getContext } from '@/lib/trpc/server';
import { PageHeader } from '@/components/ui/page-header';
import { RevisionManager } from '@/components/revisions/revision-manager';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('revisions'))('title') };
}

// Admins only, as the procedures: other roles get the same answer as for a page that does not exist.
export default async function PeriodRevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  if ((await getContext()).user?.role !== 'admin') notFound();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const overview = await (await api()).revisions.overview({ periodId: id });
  const t = await getTranslations('revisions');
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors', 'jobs', 'revisions', 'validation']}>
      <PageHeader
        title={t('pageTitle', { code: overview.period.code })}
        description={t('description')}
        breadcrumb={
          <Link href="/admin/periods" className="text-sm text-primary hover:underline">
            {t('back')}
          </Link>
        }
      />
      <RevisionManager periodId={id} />
    </ClientMessages>
  );
}
