// The county scorecard, print-ready (what its PDF export renders): the county's figures with their
// tables open, the first page of its stakeholder list in the order asked (the page says how many
// of how many; the XLSX export holds them all), where the scores come from, and the footer line
// the PDF numbers its pages with.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { CountyView } from '@/components/scorecard/county-view';
import { PrintButton } from '@/components/scorecard/print-button';
import { PdfFooter, PrintStyles, PublicationFacts } from '@/components/scorecard/print-sheet';
import { buttonClassName } from '@/components/ui/styles';
import { loadCountyScorecard } from '@/lib/trpc/load-scorecard';
import { api } from '@/lib/trpc/server';
import { countyScorecardSchema } from '@/core/schemas/county-scorecard';
import { listParamsFromUrl, listParamsToQuery, PAGE_SIZE_MAX } from '@/core/schemas/list-params';
import { pickName } from '@/core/i18n/label';
import { isLocale } from '@/i18n/config';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('scorecard'))('county.title') };
}

export default async function CountyScorecardPrintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  // The first page of the list, as long as a page may be, in the order asked.
  const params = { ...listParamsFromUrl(countyScorecardSchema, { ...sp, countyId: sp.countyId ?? sp.county }), page: 1, pageSize: PAGE_SIZE_MAX };
  const data = await loadCountyScorecard(params);
  if (!data?.summary || !data.county || !data.period) notFound();
  const [t, tx, localeTag, caller] = await Promise.all([getTranslations('scorecard'), getTranslations('scorecardExports'), getLocale(), api()]);
  const locale = isLocale(localeTag) ? localeTag : 'zh-CN';
  const runs = await caller.scorecardExports.periodPublication({ period: data.period });
  const county = pickName(data.county.name, locale);
  const latest = runs.map((r) => r.publishedAt).reduce<Date | string | null>((a, b) => (b !== null && (a === null || new Date(b) > new Date(a)) ? b : a), null);
  const back = `/scorecards/county${listParamsToQuery(countyScorecardSchema, { ...params, pageSize: countyScorecardSchema.shape.pageSize.parse(undefined) })}`;
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors.reason', 'jobs']}>
      <div data-print-root="">
        <PrintStyles />
        <PdfFooter title={tx('county.printTitle', { county })} period={data.period} publishedAt={latest} />
        <div data-print="hide" className="mb-6 flex flex-wrap gap-2">
          <Link href={back} className={buttonClassName({ variant: 'outline', size: 'sm' })}>
            {t('print.back')}
          </Link>
          <PrintButton label={t('exports.printNow')} />
        </div>
        <header className="mb-6 grid gap-1">
          <h1 className="break-words">{tx('county.printTitle', { county })}</h1>
          <p className="text-sm text-muted-foreground">{t('county.description', { county, period: data.period, count: data.summary.count })}</p>
        </header>
        <CountyView data={data} summary={data.summary} params={params} mode="print" />
        <div className="mt-6">
          <PublicationFacts runs={runs} locale={locale} printed />
        </div>
      </div>
    </ClientMessages>
  );
}
