// The county scorecard for assessors (their counties) and admins (any county).
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { CountyPicker } from '@/components/scorecard/county-picker';
import { CountyView } from '@/components/scorecard/county-view';
import { loadCountyScorecard } from '@/lib/trpc/load-scorecard';
import { countyScorecardSchema } from '@/core/schemas/county-scorecard';
import { listParamsFromUrl } from '@/core/schemas/list-params';
import { pickName } from '@/core/i18n/label';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('scorecard'))('county.title') };
}

export default async function CountyScorecardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The procedure checks the permission: a refusal loads nothing, and the page is not found.
  // County, period and the stakeholder list's page live in the URL (`county` from older links).
  const sp = await searchParams;
  const params = listParamsFromUrl(countyScorecardSchema, { ...sp, countyId: sp.countyId ?? sp.county });
  const data = await loadCountyScorecard(params);
  if (!data) notFound();
  const [t, locale] = await Promise.all([getTranslations('scorecard'), getLocale()]);
  const countyName = data.county ? pickName(data.county.name, locale) : '';
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors.reason', 'jobs']}>
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
        <CountyView data={data} summary={data.summary} params={params} />
      )}
    </ClientMessages>
  );
}
