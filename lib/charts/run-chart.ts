import 'server-only';
// The eligibility run page's chart drawn on the server, in the page's language.
import { getLocale, getTranslations } from 'next-intl/server';
import type { ChartSvg } from '@/components/charts/chart-island';
import { runChartHeight, runCountySpec } from '@/components/incentives/run-chart';
import type { Locale } from '@/i18n/config';
import { renderChartVariants } from './render-svg';

export async function runCountyChartSvgs(run: Parameters<typeof runCountySpec>[0]): Promise<ChartSvg[]> {
  const [t, locale] = await Promise.all([getTranslations('incentives.run'), getLocale()]);
  const spec = runCountySpec(run, { allocated: t('allocated'), awarded: t('awarded'), unknownCounty: t('unknownCounty') }, locale as Locale);
  return renderChartVariants(spec, runChartHeight(run.totals.byCounty.length));
}
