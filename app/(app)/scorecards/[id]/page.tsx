// The scorecard of any stakeholder in the caller's scope (a stakeholder user: only its own).
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ScorecardView } from '@/components/scorecard/scorecard-view';
import { loadScorecard, periodParam } from '@/lib/trpc/load-scorecard';
import { getContext } from '@/lib/trpc/server';

export async function generateMetadata() {
  return { title: (await getTranslations('scorecard'))('title') };
}

export default async function StakeholderScorecardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ period?: string | string[] }>;
}) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const ctx = await getContext();
  const t = await getTranslations('scorecard');
  const loaded = await loadScorecard({ stakeholderId: id, period: periodParam((await searchParams).period) });
  if (!loaded || !ctx.user) notFound();
  const { data, nextBand } = loaded;
  const back =
    ctx.user.role === 'stakeholder' ? (
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
        <PageHeader title={data.stakeholder.name} description={t('title')} breadcrumb={back} />
        <EmptyState title={t('noScoresTitle')} description={t('noScoresBody')} />
      </>
    );
  }
  return (
    <ScorecardView
      data={{ ...data, card: data.card }}
      nextBand={nextBand}
      exportBase={`/api/scorecards/${id}/export`}
      printHref={`/scorecards/${id}/print`}
      headerExtra={back}
    />
  );
}
