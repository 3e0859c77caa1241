import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { ProgramForm } from '@/components/incentives/program-form';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('incentives'))('form.newTitle') };
}

export default async function NewProgramPage() {
  const t = await getTranslations('incentives');
  return (
    <ClientMessages namespaces={['errors', 'incentives.allocations', 'incentives.benefit', 'incentives.benefitKinds', 'incentives.fields', 'incentives.form', 'incentives.kinds', 'incentives.lastAward', 'incentives.rule', 'incentives.statuses', 'jobs', 'validation']}>
      <PageHeader
        title={t('form.newTitle')}
        description={t('form.newDescription')}
        breadcrumb={<Link href="/admin/programs" className="hover:underline">{t('backToList')}</Link>}
      />
      <ProgramForm />
    </ClientMessages>
  );
}
