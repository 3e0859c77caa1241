import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { ProgramForm } from '@/components/incentives/program-form';

export async function generateMetadata() {
  return { title: (await getTranslations('incentives'))('form.newTitle') };
}

export default async function NewProgramPage() {
  const t = await getTranslations('incentives');
  return (
    <>
      <PageHeader
        title={t('form.newTitle')}
        description={t('form.newDescription')}
        breadcrumb={<Link href="/admin/programs" className="hover:underline">{t('backToList')}</Link>}
      />
      <ProgramForm />
    </>
  );
}
