import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { StakeholderForm } from '@/components/stakeholders/stakeholder-form';
import { getContext } from '@/lib/trpc/server';

export async function generateMetadata() {
  return { title: (await getTranslations('stakeholders'))('form.newTitle') };
}

export default async function NewStakeholderPage() {
  // Admins and assessors create stakeholders (the create procedure checks it again).
  const ctx = await getContext();
  if (!ctx.user || ctx.user.role === 'stakeholder') notFound();
  const t = await getTranslations('stakeholders');
  return (
    <>
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
      <StakeholderForm />
    </>
  );
}
