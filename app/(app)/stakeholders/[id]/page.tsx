import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { StakeholderForm } from '@/components/stakeholders/stakeholder-form';
import { StakeholderProfile } from '@/components/stakeholders/stakeholder-profile';
import { ActiveToggle } from '@/components/stakeholders/active-toggle';
import { api } from '@/lib/trpc/server';
import { LangText } from '@/components/ui/lang-text';
import { ClientMessages } from '@/components/app/client-messages';

async function load(id: number) {
  try {
    return await (await api()).stakeholders.get({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return null;
    throw e;
  }
}

export default async function StakeholderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; edit?: string }>;
}) {
  const { id: raw } = await params;
  const { saved, edit } = await searchParams;
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const s = await load(id);
  if (!s) notFound();
  const t = await getTranslations('stakeholders');
  const canEdit = s.actions.update;
  return (
    <ClientMessages namespaces={['errors', 'jobs', 'stakeholders.fields', 'stakeholders.form', 'stakeholders.profile', 'validation']}>
      <PageHeader
        title={<LangText>{s.name}</LangText>}
        description={`${s.code}`}
        breadcrumb={
          <Link href={`/scorecards/${s.id}`} className="text-primary hover:underline">
            {(await getTranslations('scorecard'))('scorecardLink')}
          </Link>
        }
        actions={canEdit ? <ActiveToggle id={s.id} active={s.active} editing={edit === '1'} /> : null}
      />
      {saved ? (
        <Alert variant="success" title={t('form.saved')} className="mb-6" />
      ) : null}
      {canEdit && edit === '1' ? (
        <StakeholderForm
          id={s.id}
          typeLocked={s.typeLocked}
          initial={{
            name: s.name,
            type: s.type,
            regionId: String(s.regionId),
            creditCode: s.creditCode ?? '',
            contactName: s.contactName ?? '',
            contactPhone: s.contactPhone ?? '',
          }}
        />
      ) : (
        <StakeholderProfile stakeholder={s} />
      )}
    </ClientMessages>
  );
}
