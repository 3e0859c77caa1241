// The stakeholder's home: its own scorecard for the latest (or chosen) published period.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { UserRound } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { buttonClassName } from '@/components/ui/styles';
import { ScorecardView, scorecardLinks } from '@/components/scorecard/scorecard-view';
import { loadScorecard, periodParam } from '@/lib/trpc/load-scorecard';
import { api, getContext } from '@/lib/trpc/server';
import { AppealWindowLink } from '@/components/appeals/appeal-window-link';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/app/client-messages';
import { LangText } from '@/components/ui/lang-text';

export async function generateMetadata() {
  return { title: (await getTranslations('scorecard'))('myTitle') };
}

export default async function MyScorecardPage({ searchParams }: { searchParams: Promise<{ period?: string | string[] }> }) {
  const ctx = await getContext();
  const t = await getTranslations('scorecard');
  if (!ctx.user?.stakeholderId) {
    return (
      <>
        <PageHeader title={t('myTitle')} />
        <Alert variant="info" title={t('notLinkedTitle')}>
          {t('notLinkedBody')}
        </Alert>
      </>
    );
  }
  const period = periodParam((await searchParams).period);
  const loaded = await loadScorecard({ period });
  if (!loaded) notFound();
  const profileLink = (
    <Link href="/me/profile" className="inline-flex items-center gap-1 text-sm text-primary hover:underline" data-print="hide">
      <UserRound aria-hidden="true" className="size-4" />
      {t('profileLink')}
    </Link>
  );
  const { data, nextBand } = loaded;
  if (!data.card) {
    return (
      <>
        <PageHeader title={<LangText>{data.stakeholder.name}</LangText>} description={t('myTitle')} />
        <EmptyState
          title={t('noScoresTitle')}
          description={t('noScoresBody')}
          action={
            <Link href="/me/profile" className={buttonClassName({ variant: 'outline' })}>
              {t('profileLink')}
            </Link>
          }
        />
      </>
    );
  }
  const appealWindow = data.period ? await (await api()).appeals.window({ stakeholderId: data.stakeholder.id, period: data.period }).catch(() => null) : null;
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors', 'evaluations.validation', 'incentives.explain', 'incentives.kinds', 'incentivesOutlook', 'jobs', 'robustness.stakeholder', 'scorecard.incentives', 'scorecardExplained.close', 'scorecardExplained.glossary', 'validation', 'whatIf']}>
      <ScorecardView
        data={{ ...data, card: data.card }}
        nextBand={nextBand}
        {...scorecardLinks(data.stakeholder.id)}
        headerExtra={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            {profileLink}
            <AppealWindowLink stakeholderId={data.stakeholder.id} window={appealWindow} />
          </span>
        }
      />
    </ClientMessages>
  );
}
