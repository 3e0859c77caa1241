// Print-ready scorecard (also what the PDF export renders): every table and the path to the next
// band open, no controls, where the scores come from (publication date, method version and hash)
// and the footer line the PDF numbers its pages with. The screen version keeps a print button and
// a way back.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ScorecardView } from '@/components/scorecard/scorecard-view';
import { PrintButton } from '@/components/scorecard/print-button';
import { PdfFooter, PrintStyles, PublicationFacts, PublicationLine } from '@/components/scorecard/print-sheet';
import { loadScorecard, loadScorecardPage, type ScorecardPageProps } from '@/lib/trpc/load-scorecard';
import { api } from '@/lib/trpc/server';
import { buttonClassName } from '@/components/ui/styles';
import { isLocale } from '@/i18n/config';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations('scorecard');
  const id = Number((await params).id);
  const loaded = Number.isInteger(id) && id > 0 ? await loadScorecard({ stakeholderId: id }) : null;
  return { title: loaded ? t('print.title', { name: loaded.data.stakeholder.name }) : t('title') };
}

export default async function PrintScorecardPage(props: ScorecardPageProps) {
  const loaded = await loadScorecardPage(props);
  if (!loaded.data.card || !loaded.data.period) notFound();
  const { id, user } = loaded;
  const period = loaded.data.period;
  const [t, locale, caller] = await Promise.all([getTranslations('scorecard'), getLocale(), api()]);
  const publication = await caller.scorecardExports.publication({ stakeholderId: id, period });
  const back = user.role === 'stakeholder' ? '/me' : `/scorecards/${id}`;
  const lang = isLocale(locale) ? locale : 'zh-CN';
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors', 'evaluations.validation', 'incentives.explain', 'incentives.kinds', 'incentivesOutlook', 'jobs', 'robustness.stakeholder', 'scorecard.incentives', 'scorecardExplained.close', 'scorecardExplained.glossary', 'validation', 'whatIf']}>
      <div data-print-root="">
        <PrintStyles />
        <PdfFooter title={t('print.title', { name: loaded.data.stakeholder.name })} period={period} publishedAt={publication.publishedAt} />
        <div data-print="hide" className="mb-6 flex flex-wrap gap-2">
          <Link href={`${back}?period=${period}`} className={buttonClassName({ variant: 'outline', size: 'sm' })}>
            {t('print.back')}
          </Link>
          <PrintButton label={t('exports.printNow')} />
        </div>
        <ScorecardView
          data={{ ...loaded.data, card: loaded.data.card }}
          nextBand={loaded.nextBand}
          mode="print"
          headerExtra={<PublicationLine run={publication} locale={lang} />}
        />
        <div className="mt-6">
          <PublicationFacts runs={[publication]} locale={lang} />
        </div>
      </div>
    </ClientMessages>
  );
}
