import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { StakeholderForm } from '@/components/stakeholders/stakeholder-form';
import { getContext } from '@/lib/trpc/server';
import { can } from '@/server/auth/permissions';

export async function generateMetadata() {
  return { title: (await getTranslations('stakeholders'))('form.newTitle') };
}

export default async function NewStakeholderPage() {
  const ctx = await getContext();
  if (!ctx.user || !can(ctx.user.role, 'stakeholders.create')) notFound();
  const t = await getTranslations('stakeholders');
  return (
    <>
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
      <StakeholderForm />
    </>
  );
}
