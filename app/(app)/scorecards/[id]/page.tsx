// The scorecard of any stakeholder in the caller's scope (a stakeholder user: only its own).
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ScorecardView, scorecardLinks } from '@/components/scorecard/scorecard-view';
import { loadScorecardPage, type ScorecardPageProps } from '@/lib/trpc/load-scorecard';
import { ClientMessages } from '@/components/app/client-messages';
import { LangText } from '@/components/ui/lang-text';
import { AppealWindowLink } from '@/components/appeals/appeal-window-link';
import { api } from '@/lib/trpc/server';

export async function generateMetadata() {
  return { title: (await getTranslations('scorecard'))('title') };
}

export default async function StakeholderScorecardPage(props: ScorecardPageProps) {
  const { id, user, data, nextBand } = await loadScorecardPage(props);
  const t = await getTranslations('scorecard');
  const back =
    user.role === 'stakeholder' ? (
      <Link href="/me/profile" className="text-sm text-primary hover:underline" data-print="hide">
        {t('profileLink')}
      </Link>
    ) : (
      <span className="flex flex-wrap gap-x-4 gap-y-1" data-print="hide">
        <Link href={`/stakeholders/${id}`} className="text-sm text-primary hover:underline">
          {t('profileLink')}
        </Link>
        <Link href="/scorecards/county" className="text-sm text-primary hover:underline">
          {t('nav.county')}
        </Link>
      </span>
    );
  if (!data.card) {
    return (
      <>
        <PageHeader title={<LangText>{data.stakeholder.name}</LangText>} description={t('title')} breadcrumb={back} />
        <EmptyState title={t('noScoresTitle')} description={t('noScoresBody')} />
      </>
    );
  }
  const appealWindow = data.period ? await (await api()).appeals.window({ stakeholderId: id, period: data.period }).catch(() => null) : null;
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors', 'evaluations.validation', 'incentives.explain', 'incentives.kinds', 'incentivesOutlook', 'jobs', 'robustness.stakeholder', 'scorecard.incentives', 'scorecardExplained.close', 'scorecardExplained.glossary', 'validation', 'whatIf']}>
      <ScorecardView
        data={{ ...data, card: data.card }}
        nextBand={nextBand}
        {...scorecardLinks(id)}
        headerExtra={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            {back}
            <AppealWindowLink stakeholderId={id} window={appealWindow} />
          </span>
        }
      />
    </ClientMessages>
  );
}
