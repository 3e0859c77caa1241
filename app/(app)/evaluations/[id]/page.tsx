import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { PageHeader } from '@/components/ui/page-header';
import { EvaluationEditor } from '@/components/evaluations/evaluation-editor';
import { api } from '@/lib/trpc/server';
import { pickName } from '@/core/i18n/label';
import { ClientMessages } from '@/components/app/client-messages';
import { LangText } from '@/components/ui/lang-text';

/** Once per request: the metadata and the page both need the evaluation. */
const load = cache(async (id: number) => {
  try {
    return await (await api()).evaluations.get({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return null;
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations('evaluations.editor');
  const id = Number((await params).id);
  const data = Number.isInteger(id) && id > 0 ? await load(id) : null;
  return { title: data ? t('pageTitle', { name: data.stakeholder.name, period: data.period.code }) : t('title') };
}

export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const [data, me] = await Promise.all([load(id), (await api()).me.get()]);
  if (!data || !me) notFound();
  const [t, tc, locale] = await Promise.all([getTranslations('evaluations.editor'), getTranslations('common'), getLocale()]);
  const place = [data.stakeholder.county, data.stakeholder.township]
    .filter((r) => r !== null)
    .map((r) => pickName(r.name, locale))
    .join(' · ');
  return (
    <ClientMessages namespaces={['errors', 'evaluations.editor', 'evaluations.preview', 'evaluations.review', 'evaluations.status', 'evaluations.timeline', 'evaluations.validation', 'jobs', 'reviewerTools', 'validation', 'whatIf.errors']}>
      <PageHeader
        breadcrumb={
          <Link href="/evaluations" className="text-primary underline-offset-4 hover:underline">
            {t('backToList')}
          </Link>
        }
        title={<LangText>{data.stakeholder.name}</LangText>}
        description={`${tc(`stakeholderTypes.${data.stakeholder.type}`)} · ${data.stakeholder.code}${place ? ` · ${place}` : ''}`}
      />
      <EvaluationEditor initial={data} userId={me.id} />
    </ClientMessages>
  );
}
