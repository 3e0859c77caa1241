import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { api } from '@/lib/trpc/server';
import { PageHeader } from '@/components/ui/page-header';
import { ProgramForm } from '@/components/incentives/program-form';
import { fromProgram } from '@/components/incentives/program-draft';
import { labelOf, pickName } from '@/core/i18n/label';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('incentives'))('form.editTitle') };
}

export default async function EditProgramPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations('incentives');
  const locale = await getLocale();
  const program = await (await api()).incentives.get({ id: Number(id) }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) notFound();
    throw e;
  });
  return (
    <ClientMessages namespaces={['errors', 'incentives.allocations', 'incentives.benefit', 'incentives.benefitKinds', 'incentives.fields', 'incentives.form', 'incentives.kinds', 'incentives.lastAward', 'incentives.rule', 'incentives.statuses', 'jobs', 'validation']}>
      <PageHeader
        title={t('form.editTitle')}
        description={pickName(labelOf(program), locale)}
        breadcrumb={<Link href={`/admin/programs/${program.id}`} className="hover:underline">{t('backToProgram')}</Link>}
      />
      <ProgramForm id={program.id} initial={fromProgram(program)} />
    </ClientMessages>
  );
}
