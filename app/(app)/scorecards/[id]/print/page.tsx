// Print-ready scorecard (also what the PDF export renders): every table and the path to the next
// band open, no controls. The screen version keeps a print button and a way back.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ScorecardView } from '@/components/scorecard/scorecard-view';
import { PrintButton } from '@/components/scorecard/print-button';
import { loadScorecard, loadScorecardPage, type ScorecardPageProps } from '@/lib/trpc/load-scorecard';
import { buttonClassName } from '@/components/ui/styles';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations('scorecard');
  const id = Number((await params).id);
  const loaded = Number.isInteger(id) && id > 0 ? await loadScorecard({ stakeholderId: id }) : null;
  return { title: loaded ? t('print.title', { name: loaded.data.stakeholder.name }) : t('title') };
}

export default async function PrintScorecardPage(props: ScorecardPageProps) {
  const loaded = await loadScorecardPage(props);
  if (!loaded.data.card) notFound();
  const { id, user } = loaded;
  const t = await getTranslations('scorecard');
  const back = user.role === 'stakeholder' ? '/me' : `/scorecards/${id}`;
  return (
    <>
      <div data-print="hide" className="mb-6 flex flex-wrap gap-2">
        <Link href={`${back}?period=${loaded.data.period}`} className={buttonClassName({ variant: 'outline', size: 'sm' })}>
          {t('print.back')}
        </Link>
        <PrintButton label={t('exports.printNow')} />
      </div>
      <ScorecardView data={{ ...loaded.data, card: loaded.data.card }} nextBand={loaded.nextBand} mode="print" />
    </>
  );
}
