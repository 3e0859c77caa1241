import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { api } from '@/lib/trpc/server';
import { listParamsFromUrl, type UrlSearchParams } from '@/core/schemas/list-params';
import { determinationListSchema } from '@/core/schemas/lists';
import { PageHeader } from '@/components/ui/page-header';
import { RunView } from '@/components/incentives/run-view';
import { runCountyChartSvgs } from '@/lib/charts/run-chart';
import { labelOf, pickName } from '@/core/i18n/label';
import { ClientMessages } from '@/components/app/client-messages';
import { RunRevisionNotice } from '@/components/revisions/run-revision-notice';

export async function generateMetadata() {
  return { title: (await getTranslations('incentives'))('run.pageTitle') };
}

export default async function RunPage({ params, searchParams }: { params: Promise<{ id: string; runId: string }>; searchParams: Promise<UrlSearchParams> }) {
  const { id, runId } = await params;
  if (!/^[1-9]\d{0,9}$/.test(runId)) notFound();
  const caller = await api();
  const listParams = listParamsFromUrl(determinationListSchema, { ...(await searchParams), runId });
  const t = await getTranslations('incentives');
  const locale = await getLocale();
  const format = await getFormatter();
  const [run, list] = await Promise.all([caller.eligibility.get({ runId: Number(runId) }), caller.eligibility.determinations(listParams)]).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) notFound();
    throw e;
  });
  if (String(run.programId) !== id) notFound();
  const name = pickName(labelOf(run.snapshot), locale);
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors', 'incentives.explain', 'incentives.run', 'jobs', 'robustness.section', 'robustness.detail', 'validation']}>
      <PageHeader
        title={t('run.heading', { period: run.periodCode })}
        description={t('run.description', { name, when: format.dateTime(run.createdAt, { dateStyle: 'medium', timeStyle: 'short' }), by: run.createdBy ?? '—' })}
        breadcrumb={<Link href={`/admin/programs/${run.programId}`} className="hover:underline">{t('backToProgram')}</Link>}
      />
      {run.revision && (run.revision.replaces || run.revision.replacedBy) ? <RunRevisionNotice programId={run.programId} links={run.revision} /> : null}
      <RunView run={run} list={list} params={listParams} chartSvgs={await runCountyChartSvgs(run)} />
    </ClientMessages>
  );
}
