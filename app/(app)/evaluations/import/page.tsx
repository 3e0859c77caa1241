import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { ImportPanel } from '@/components/evaluations/import-panel';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('evaluations'))('import.title') };
}

export default async function ImportPage() {
  const t = await getTranslations('evaluations');
  return (
    <ClientMessages namespaces={['errors.reason', 'evaluations.import', 'jobs', 'stakeholders.registry']}>
      <PageHeader
        breadcrumb={
          <Link href="/evaluations" className="text-primary underline-offset-4 hover:underline">
            {t('editor.backToList')}
          </Link>
        }
        title={t('import.title')}
        description={t('import.description')}
      />
      <ImportPanel />
    </ClientMessages>
  );
}
