// One stakeholder's scorecard: headline figures, goals radar, coordination, trend, indicators,
// the path to the next band and the stakeholder's incentive determinations. Server component;
// the charts are drawn here (SVG in the HTML, tooltips added on demand) beside their data tables, the incentives are a client island.
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Download, Printer } from 'lucide-react';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { StatCard } from '@/components/ui/stat-card';
import { TD, TH, TR } from '@/components/ui/table';
import { buttonClassName } from '@/components/ui/styles';
import type { NextBand, Scorecard } from './types';
import { ObjectivesRadar, TrendChart } from './charts';
import { CoordinationCard } from './coordination-card';
import { FigureCard } from './figure-card';
import { IndicatorCards } from './indicator-cards';
import { IncentivesPanel } from './incentives-panel';
import { NextBandPanel } from './next-band-panel';
import { ScorecardSummary } from './scorecard-summary';
import { WhatIfPanel } from './what-if-panel';
import { PdfExportButton } from './pdf-export-button';
import { PeriodPicker } from './period-picker';
import { RevisionNotice } from './revision-notice';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';

type Card = NonNullable<Scorecard['card']>;

/** Where a stakeholder's scorecard is exported and printed (its screen pages link to both). */
export function scorecardLinks(stakeholderId: number) {
  return { exportBase: `/api/scorecards/${stakeholderId}/export`, pdfStart: `/api/scorecards/${stakeholderId}/pdf`, printHref: `/scorecards/${stakeholderId}/print` };
}

/** Grade badge colour by position among the bands (top band green … bottom band red). */
function gradeVariant(grade: { code: string } | null, grades: { code: string }[]): BadgeVariant {
  if (!grade) return 'neutral';
  const i = grades.findIndex((g) => g.code === grade.code);
  if (i === 0) return 'success';
  if (i === grades.length - 1) return 'danger';
  return i === 1 ? 'primary' : 'warning';
}

export async function ScorecardView({
  data,
  nextBand,
  mode = 'screen',
  exportBase,
  pdfStart,
  printHref,
  headerExtra,
}: {
  data: Scorecard & { card: Card };
  nextBand: NextBand | null;
  mode?: 'screen' | 'print';
  /** e.g. /api/scorecards/12/export — format and period are added. */
  exportBase?: string;
  /** e.g. /api/scorecards/12/pdf — starts the PDF job; the period is added. */
  pdfStart?: string;
  printHref?: string;
  headerExtra?: React.ReactNode;
}) {
  const [t, tc, tx, format, locale] = await Promise.all([
    getTranslations('scorecard'),
    getTranslations('common'),
    getTranslations('scorecardExplained'),
    getFormatter(),
    getLocale(),
  ]);
  const { stakeholder: s, card } = data;
  const period = data.period!;
  const n1 = (x: number | null | undefined) => formatNumber(x, locale, { digits: 1, fixed: true });
  const pct = (x: number | null | undefined) => formatNumber(x, locale, { percent: true, digits: 1 });
  const region = pickName(s.regionName, locale);
  const typeLabel = tc(`stakeholderTypes.${s.type}`);
  const print = mode === 'print';
  const q = `period=${encodeURIComponent(period)}`;

  const percentileCard = (which: 'county' | 'province') => {
    const p = card.peers[which];
    return (
      <StatCard
        label={t(which === 'county' ? 'summary.countyPercentile' : 'summary.provincePercentile')}
        value={p.percentile === null ? '—' : t('summary.percentileValue', { percentile: Math.round(p.percentile) })}
        hint={p.percentile === null ? t('summary.noPercentile') : t('summary.percentileHint', { peers: p.peers, rank: p.rank ?? 0 })}
      />
    );
  };

  const objectiveName = new Map(card.objectives.map((o) => [o.code, pickName(o.name, locale)]));
  const indicatorName = new Map(card.indicators.map((i) => [i.code, pickName(i.name, locale)]));

  return (
    // In print the sections are plain blocks: Chromium moves a whole grid item to the next page,
    // which left most of a page empty before a tall section.
    <div className="grid gap-6 print:block print:*:mb-6" data-scorecard="">
      <header className="grid gap-3">
        <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
          <div className="grid min-w-0 flex-1 basis-64 gap-1">
            <h1 className="min-w-0 break-words">{print ? t('print.title', { name: s.name }) : s.name}</h1>
            <p className="text-sm text-muted-foreground sm:text-base">{t('description', { type: typeLabel, region, period })}</p>
            <p className="text-xs text-muted-foreground">
              {t('kpiSet', { name: pickName(card.kpiSet.name, locale), version: card.kpiSet.version })} · <span className="tabular-nums">{s.code}</span>
            </p>
            {headerExtra}
          </div>
          {!print ? (
            <div data-print="hide" className="flex flex-wrap items-end gap-3">
              <PeriodPicker periods={data.periods.map((p) => p.code)} value={period} label={t('period')} hint={t('periodPickerHint')} />
              {exportBase ? (
                <nav aria-label={t('exports.label')} className="flex flex-wrap gap-2">
                  {printHref ? (
                    <Link href={`${printHref}?${q}`} className={buttonClassName({ variant: 'outline', size: 'sm' })}>
                      <Printer aria-hidden="true" className="size-4" />
                      {t('exports.print')}
                    </Link>
                  ) : null}
                  {pdfStart ? <PdfExportButton startUrl={`${pdfStart}?${q}`} label={t('exports.pdf')} /> : null}
                  <a href={`${exportBase}?format=csv&${q}`} className={buttonClassName({ variant: 'outline', size: 'sm' })} data-export="csv">
                    <Download aria-hidden="true" className="size-4" />
                    {t('exports.csv')}
                  </a>
                  <a href={`${exportBase}?format=xlsx&${q}`} className={buttonClassName({ variant: 'outline', size: 'sm' })} data-export="xlsx">
                    <Download aria-hidden="true" className="size-4" />
                    {t('exports.xlsx')}
                  </a>
                </nav>
              ) : null}
            </div>
          ) : null}
        </div>
      </header>

      {data.revision ? <RevisionNotice revision={data.revision} indicatorName={indicatorName} /> : null}

      <ScorecardSummary data={data} nextBand={nextBand} />

      <section aria-label={t('summary.composite')} className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          label={t('summary.composite')}
          value={
            <span className="flex flex-wrap items-center gap-3">
              <span data-composite="">{n1(card.composite)}</span>
              {card.grade ? (
                <Badge variant={gradeVariant(card.grade, card.grades)} className="text-sm">
                  {card.grade.code} · {pickName(card.grade.label, locale)}
                </Badge>
              ) : null}
            </span>
          }
          hint={
            <>
              {t('summary.compositeHint', { scale: card.scale })}
              {card.grade ? ` · ${t('summary.gradeHint', { code: card.grade.code, min: card.grade.min })}` : ''}
              {' · '}
              {t('summary.completeness', { value: pct(card.completeness) })}
            </>
          }
        />
        {percentileCard('county')}
        {percentileCard('province')}
        <StatCard
          label={t('summary.coordination')}
          value={card.coupling ? pickName(card.coupling.label, locale) : '—'}
          hint={
            card.coupling
              ? tx('coordination.statHint', { class: card.coupling.class, d: formatNumber(card.coupling.D, locale, { digits: 3 }) })
              : t('coordination.none')
          }
        />
      </section>
      <p className="-mt-2 text-xs text-muted-foreground">{t('peers.privacy')}</p>

      <div className="grid gap-6 lg:grid-cols-2 print:block print:*:mb-6">
        <FigureCard
          title={t('objectives.heading')}
          description={t('objectives.description', { scale: card.scale })}
          caption={t('objectives.caption')}
          chart={
            <ObjectivesRadar
              labels={card.objectives.map((o) => pickName(o.name, locale))}
              values={card.objectives.map((o) => o.score)}
              scale={card.scale}
              seriesName={period}
              ariaLabel={t('objectives.chartLabel')}
              locale={locale}
            />
          }
          tableToggleLabel={t('objectives.showTable')}
          defaultTableOpen={print}
          head={
            <>
              <TH>{t('objectives.objective')}</TH>
              <TH numeric>{t('objectives.score')}</TH>
              <TH numeric>{t('objectives.weight')}</TH>
            </>
          }
        >
          {card.objectives.map((o) => (
            <TR key={o.code}>
              <TD>{pickName(o.name, locale)}</TD>
              <TD numeric>{n1(o.score)}</TD>
              <TD numeric>{pct(o.weight)}</TD>
            </TR>
          ))}
        </FigureCard>
        <CoordinationCard card={card} print={print} />
      </div>

      <FigureCard
        title={t('trend.heading')}
        description={data.trend.length > 1 ? t('trend.description') : t('trend.single')}
        caption={t('trend.caption')}
        chart={
          <TrendChart
            periods={data.trend.map((p) => p.period)}
            series={[
              { name: t('trend.composite'), values: data.trend.map((p) => p.composite) },
              ...card.objectives.map((o) => ({ name: pickName(o.name, locale), values: data.trend.map((p) => p.objectives[o.code] ?? null) })),
            ]}
            scale={card.scale}
            ariaLabel={t('trend.chartLabel')}
            locale={locale}
          />
        }
        tableToggleLabel={t('trend.showTable')}
        defaultTableOpen={print}
        head={
          <>
            <TH>{t('trend.period')}</TH>
            <TH numeric>{t('trend.composite')}</TH>
            <TH>{t('trend.grade')}</TH>
            {card.objectives.map((o) => (
              <TH key={o.code} numeric>
                {pickName(o.name, locale)}
              </TH>
            ))}
          </>
        }
      >
        {data.trend.map((p) => (
          <TR key={p.period} selected={p.period === period}>
            <TD>{p.period}</TD>
            <TD numeric>{n1(p.composite)}</TD>
            <TD>{p.grade ?? '—'}</TD>
            {card.objectives.map((o) => (
              <TD key={o.code} numeric>
                {n1(p.objectives[o.code])}
              </TD>
            ))}
          </TR>
        ))}
      </FigureCard>

      <IndicatorCards card={card} print={print} />

      {card.warnings.length > 0 ? (
        <Alert variant="info" title={t('warnings.heading')}>
          <ul className="list-disc ps-5">
            {card.warnings.map((w, i) => (
              <li key={i}>
                {t(`warnings.${w.code as 'missing_value'}`, {
                  indicator: w.indicator ? (indicatorName.get(w.indicator) ?? w.indicator) : '',
                  name: w.objective ? (objectiveName.get(w.objective) ?? w.objective) : w.indicator ? (indicatorName.get(w.indicator) ?? '') : '',
                })}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      {nextBand ? <NextBandPanel path={nextBand} open /> : null}
      {nextBand && !print ? <WhatIfPanel stakeholderId={s.id} period={period} path={nextBand} /> : null}

      {data.incentives ? <IncentivesPanel incentives={data.incentives} period={period} print={print} /> : null}

      {print ? (
        <p className="text-xs text-muted-foreground">{t('print.generated', { period, date: format.dateTime(new Date(), { dateStyle: 'medium' }) })}</p>
      ) : null}
    </div>
  );
}
