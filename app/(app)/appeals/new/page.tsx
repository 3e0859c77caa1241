// Filing an appeal of a published scorecard: ?stakeholder=<id>&period=<code>. A stakeholder user
// files for its own stakeholder; an assessor or administrator on a stakeholder's behalf.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { api, getContext } from '@/lib/trpc/server';
import { AppealForm } from '@/components/appeals/appeal-form';
import { ClientMessages } from '@/components/app/client-messages';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { LangText } from '@/components/ui/lang-text';

export async function generateMetadata() {
  return { title: (await getTranslations('appeals'))('form.title') };
}

type Search = Promise<{ stakeholder?: string | string[]; period?: string | string[] }>;

export default async function NewAppealPage({ searchParams }: { searchParams: Search }) {
  const t = await getTranslations('appeals');
  const format = await getFormatter();
  const ctx = await getContext();
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const stakeholderId = Number(one(q.stakeholder) ?? ctx.user?.stakeholderId ?? Number.NaN);
  const period = one(q.period);
  if (!Number.isInteger(stakeholderId) || stakeholderId <= 0) notFound();
  const form = await (await api()).appeals.form({ stakeholderId, period }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) notFound();
    if (e instanceof TRPCError && e.code === 'PRECONDITION_FAILED') return null;
    throw e;
  });
  const query = period ? `?period=${encodeURIComponent(period)}` : '';
  const back = ctx.user?.role === 'stakeholder' ? `/me${query}` : `/scorecards/${stakeholderId}${query}`;
  const breadcrumb = (
    <Link href={back} className="text-sm text-primary hover:underline">
      {t('form.back')}
    </Link>
  );
  if (!form) {
    return (
      <>
        <PageHeader title={t('form.title')} breadcrumb={breadcrumb} />
        <Alert variant="info" title={t('form.notPublishedTitle')}>
          {t('form.notPublished', { period: period ?? '' })}
        </Alert>
      </>
    );
  }
  const closesOn = form.closesOn ? format.dateTime(new Date(`${form.closesOn}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' }) : '';
  return (
    <>
      <PageHeader title={t('form.title')} description={<LangText>{`${form.stakeholder.name} · ${form.period.code}`}</LangText>} breadcrumb={breadcrumb} />
      {form.openAppealId !== null ? (
        <Alert variant="info" title={t('form.openExistsTitle')}>
          <Link href={`/appeals/${form.openAppealId}`} className="text-primary underline">
            {t('form.openExists', { id: form.openAppealId })}
          </Link>
        </Alert>
      ) : !form.open ? (
        <Alert variant="warning" title={t('form.closedTitle')}>
          {t('window.closed', { date: closesOn })}
        </Alert>
      ) : (
        <>
          <p className="mb-4 text-sm text-muted-foreground">{t('window.open', { date: closesOn })}</p>
          <ClientMessages namespaces={['appeals.form', 'errors', 'evaluations.validation', 'jobs', 'validation', 'whatIf.errors']}>
            <AppealForm form={form} />
          </ClientMessages>
        </>
      )}
    </>
  );
}
