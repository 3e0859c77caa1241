import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { RegistryImport } from '@/components/stakeholders/registry-import';
import { allowed, getContext } from '@/lib/trpc/server';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('stakeholders'))('registry.title') };
}

export default async function RegistryImportPage() {
  // Admins and assessors register stakeholders (the upload route checks it again).
  if (!(await allowed('stakeholders.import'))) notFound();
  const ctx = await getContext();
  const listHref = ctx.user?.role === 'admin' ? '/admin/stakeholders' : '/assessor';
  const t = await getTranslations('stakeholders');
  return (
    <ClientMessages namespaces={['errors.reason', 'evaluations.import', 'jobs', 'stakeholders.registry']}>
      <PageHeader
        breadcrumb={
          <Link href={listHref} className="text-primary underline-offset-4 hover:underline">
            {t('registry.backToList')}
          </Link>
        }
        title={t('registry.title')}
        description={t('registry.description')}
      />
      <RegistryImport listHref={listHref} />
    </ClientMessages>
  );
}
