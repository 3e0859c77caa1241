import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClassName } from '@/components/ui/styles';
import { WorkList } from '@/components/evaluations/work-list';
import { api } from '@/lib/trpc/server';
import { listParamsFromUrl, type UrlSearchParams } from '@/core/schemas/list-params';
import { workListSchema } from '@/core/schemas/lists';
import { ClientMessages } from '@/components/app/client-messages';
import { AppealWorkNote } from '@/components/appeals/appeal-work-note';

export async function generateMetadata() {
  return { title: (await getTranslations('evaluations'))('workList.title') };
}

export default async function EvaluationsPage({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const t = await getTranslations('evaluations');
  const params = listParamsFromUrl(workListSchema, await searchParams);
  const caller = await api();
  // Appeals in the caller's regions waiting for a decision are work too (admins and assessors see this list).
  const [data, appealWork] = await Promise.all([caller.evaluations.workList(params), caller.appeals.work()]);
  return (
    <ClientMessages namespaces={['adminTools.table', 'evaluations.status', 'evaluations.workList', 'workQueue']}>
      <PageHeader
        title={t('workList.title')}
        description={t('workList.description')}
        actions={
          <Link href="/evaluations/import" className={buttonClassName({ variant: 'outline' })}>
            {t('import.title')}
          </Link>
        }
      />
      <AppealWorkNote className="mb-4" work={appealWork} />
      <WorkList data={data} params={params} />
    </ClientMessages>
  );
}
