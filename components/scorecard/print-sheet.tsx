// What every printed scorecard (and so every PDF) carries besides its figures: where its scores
// come from (publication date, KPI-set version, method and input hashes), the footer line the PDF
// renderer numbers its pages with, and the print rules that keep the paper tidy.
import { getFormatter, getTranslations } from 'next-intl/server';
import { pickName, type Label } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';

export type Publication = {
  period: string;
  kpiSet: { name: Label; version: number };
  methodHash: string;
  inputHash: string;
  publishedAt: Date | string | null;
};

// Scoped to the print pages (only they render it). Why each rule:
// - the shell's full-height column and the page's bottom padding spilled onto an empty last page;
// - a table's cells no longer refuse to wrap, so no table runs past its card's border;
// - open disclosures need no toggle arrows on paper (the "show as table" toggles hide themselves);
// - a card holding tables may break across pages instead of leaving most of one empty.
const PRINT_CSS = `@media print {
  .min-h-dvh { min-height: 0 !important; }
  main#main { padding: 0 !important; }
  [data-print-root] > :last-child, [data-print-root] [data-scorecard] > :last-child { margin-bottom: 0 !important; }
  [data-print-root] [data-table-scroll] table { width: 100% !important; }
  [data-print-root] [data-table-scroll] th, [data-print-root] [data-table-scroll] td { white-space: normal !important; }
  [data-print-root] details > summary svg.lucide-chevron-right { display: none !important; }
  [data-print-root] [data-card]:has(table), [data-print-root] [data-card]:has(details) { break-inside: auto; }
}`;

export function PrintStyles() {
  return <style>{PRINT_CSS}</style>;
}

/** The footer line the PDF renderer repeats on every page, with `[[page]]`/`[[pages]]` for the numbers. */
export async function PdfFooter({ title, period, publishedAt }: { title: string; period: string; publishedAt: Date | string | null }) {
  const [t, format] = await Promise.all([getTranslations('scorecardExports'), getFormatter()]);
  const published = publishedAt ? format.dateTime(new Date(publishedAt), { dateStyle: 'medium' }) : t('print.notPublished');
  return <div hidden data-pdf-footer={t('print.footer', { title, period, published, page: '[[page]]', pages: '[[pages]]' })} />;
}

/** The publication date, method version and hash in one line under a printed scorecard's title. */
export async function PublicationLine({ run, locale }: { run: Publication; locale: Locale }) {
  const [t, format] = await Promise.all([getTranslations('scorecardExports'), getFormatter()]);
  const published = run.publishedAt ? format.dateTime(new Date(run.publishedAt), { dateStyle: 'medium' }) : t('print.notPublished');
  return (
    <p className="text-xs text-muted-foreground" data-publication-line="">
      {t('print.line', { published, method: t('print.methodValue', { name: pickName(run.kpiSet.name, locale), version: run.kpiSet.version }) })}{' '}
      <span className="font-mono break-all" translate="no">
        {run.methodHash}
      </span>
    </p>
  );
}

/** Where the scores come from: one line per published run (a county's span several KPI sets). */
export async function PublicationFacts({ runs, locale, printed = false }: { runs: readonly Publication[]; locale: Locale; printed?: boolean }) {
  const [t, format] = await Promise.all([getTranslations('scorecardExports'), getFormatter()]);
  const date = (d: Date | string | null) => (d ? format.dateTime(new Date(d), { dateStyle: 'medium' }) : t('print.notPublished'));
  return (
    <section aria-labelledby="publication-heading" className="grid gap-2 rounded-lg border p-4 text-sm break-inside-avoid" data-publication="">
      <h2 id="publication-heading" className="text-base font-semibold">
        {t('print.about')}
      </h2>
      {runs.map((r) => (
        <dl key={r.methodHash + r.inputHash} className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="text-muted-foreground">{t('print.published')}</dt>
          <dd data-published-at="">{date(r.publishedAt)}</dd>
          <dt className="text-muted-foreground">{t('print.method')}</dt>
          <dd>{t('print.methodValue', { name: pickName(r.kpiSet.name, locale), version: r.kpiSet.version })}</dd>
          <dt className="text-muted-foreground">{t('print.methodHash')}</dt>
          <dd className="font-mono text-xs break-all" translate="no" data-method-hash="">
            {r.methodHash}
          </dd>
          <dt className="text-muted-foreground">{t('print.inputHash')}</dt>
          <dd className="font-mono text-xs break-all" translate="no">
            {r.inputHash}
          </dd>
        </dl>
      ))}
      <p className="text-xs text-muted-foreground">{t('print.hashNote')}</p>
      {printed ? <p className="text-xs text-muted-foreground">{t('print.printed', { date: format.dateTime(new Date(), { dateStyle: 'medium' }) })}</p> : null}
    </section>
  );
}
