import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClassName } from '@/components/ui/styles';
import { WorkList } from '@/components/evaluations/work-list';
import { api } from '@/lib/trpc/server';

export async function generateMetadata() {
  return { title: (await getTranslations('evaluations'))('workList.title') };
}

export default async function EvaluationsPage() {
  const t = await getTranslations('evaluations');
  const initial = await (await api()).evaluations.workList();
  return (
    <>
      <PageHeader
        title={t('workList.title')}
        description={t('workList.description')}
        actions={
          <Link href="/evaluations/import" className={buttonClassName({ variant: 'outline' })}>
            {t('import.title')}
          </Link>
        }
      />
      <WorkList initial={initial} />
    </>
  );
}
