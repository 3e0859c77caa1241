import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { StakeholderForm } from '@/components/stakeholders/stakeholder-form';
import { allowed } from '@/lib/trpc/server';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('stakeholders'))('form.newTitle') };
}

export default async function NewStakeholderPage() {
  // The matrix decides who may create (the create procedure checks it again).
  if (!(await allowed('stakeholders.create'))) notFound();
  const t = await getTranslations('stakeholders');
  return (
    <ClientMessages namespaces={['errors', 'jobs', 'stakeholders.fields', 'stakeholders.form', 'validation']}>
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
      <StakeholderForm />
    </ClientMessages>
  );
}
