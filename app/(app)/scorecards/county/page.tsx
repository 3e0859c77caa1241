// The county scorecard for assessors (their counties) and admins (any county).
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { CountyPicker } from '@/components/scorecard/county-picker';
import { CountyView } from '@/components/scorecard/county-view';
import { loadCountyScorecard, periodParam } from '@/lib/trpc/load-scorecard';
import { pickName } from '@/core/i18n/label';

export async function generateMetadata() {
  return { title: (await getTranslations('scorecard'))('county.title') };
}

export default async function CountyScorecardPage({
  searchParams,
}: {
  searchParams: Promise<{ county?: string | string[]; period?: string | string[] }>;
}) {
  // The procedure checks the permission: a refusal loads nothing, and the page is not found.
  const sp = await searchParams;
  const countyId = typeof sp.county === 'string' && /^\d+$/.test(sp.county) ? Number(sp.county) : undefined;
  const data = await loadCountyScorecard({ countyId, period: periodParam(sp.period) });
  if (!data) notFound();
  const [t, locale] = await Promise.all([getTranslations('scorecard'), getLocale()]);
  const countyName = data.county ? pickName(data.county.name, locale) : '';
  return (
    <>
      <PageHeader
        title={t('county.title')}
        description={data.summary ? t('county.description', { county: countyName, period: data.period ?? '', count: data.summary.count }) : undefined}
      />
      {data.counties.length > 0 && data.periods.length > 0 ? (
        <div className="mb-6">
          <CountyPicker counties={data.counties} periods={data.periods} countyId={data.county?.id ?? null} period={data.period} />
        </div>
      ) : null}
      {data.counties.length === 0 ? (
        <EmptyState title={t('county.noCountyTitle')} description={t('county.noCountyBody')} />
      ) : !data.summary ? (
        <EmptyState title={t('county.noPeriodTitle')} description={t('county.noPeriodBody')} />
      ) : (
        <CountyView data={data} summary={data.summary} />
      )}
    </>
  );
}
