import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { StakeholderProfile } from '@/components/stakeholders/stakeholder-profile';
import { api, getContext } from '@/lib/trpc/server';
import { LangText } from '@/components/ui/lang-text';

export async function generateMetadata() {
  return { title: (await getTranslations('scorecard'))('nav.myProfile') };
}

export default async function MyProfilePage() {
  const ctx = await getContext();
  const t = await getTranslations('stakeholders.me');
  const ts = await getTranslations('scorecard');
  if (!ctx.user?.stakeholderId) {
    return (
      <>
        <PageHeader title={t('title')} />
        <Alert variant="info" title={t('notLinkedTitle')}>
          {t('notLinkedBody')}
        </Alert>
      </>
    );
  }
  const s = await (await api()).stakeholders.get({ id: ctx.user.stakeholderId });
  return (
    <>
      <PageHeader
        title={<LangText>{s.name}</LangText>}
        description={t('description')}
        breadcrumb={
          <Link href="/me" className="text-primary hover:underline">
            {ts('nav.myScorecard')}
          </Link>
        }
      />
      <StakeholderProfile stakeholder={s} />
    </>
  );
}
