// Each indicator explained: what it measures, its value and the change since the previous
// period, a status against its own goalposts or target (icon and word as well as colour), its
// normalized score, weight and contribution. One table per goal on wide screens; below `lg` the
// same table lays each row out as a card with labelled fields, so nothing is clipped on a phone.
// The ARIA roles are explicit because some browsers drop table semantics once rows are re-laid out.
import { getLocale, getTranslations } from 'next-intl/server';
import { AlertTriangle, ArrowDown, ArrowRight, ArrowUp, CircleCheck, CircleMinus, CircleX, Info, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableCaption, TD, TH, THead, TR } from '@/components/ui/table';
import { cn } from '@/lib/cn';
import type { Scorecard } from './types';
import { Glossary, GlossaryTip, type GlossaryTerm } from './glossary';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import { unitName, type Unit } from '@/core/i18n/units';
import { indicatorChange, indicatorStatus, type IndicatorStatus } from '@/core/scoring/indicator-status';

type ScoreCard = NonNullable<Scorecard['card']>;
type Indicator = ScoreCard['indicators'][number];

const STATUS_LOOK: Record<IndicatorStatus, { variant: BadgeVariant; Icon: typeof CircleCheck }> = {
  green: { variant: 'success', Icon: CircleCheck },
  amber: { variant: 'warning', Icon: AlertTriangle },
  red: { variant: 'danger', Icon: CircleX },
  unrated: { variant: 'neutral', Icon: Users },
  missing: { variant: 'outline', Icon: CircleMinus },
};

const TREND_LOOK = {
  better: 'text-success-foreground',
  worse: 'text-danger-foreground',
  same: 'text-muted-foreground',
} as const;

/** Which levels a geometric mean combines, or null when every level is a weighted sum. */
function geometricLevel(aggregation: ScoreCard['notes']['aggregation']) {
  const ind = aggregation.indicators === 'geometric';
  const obj = aggregation.objectives === 'geometric';
  return ind && obj ? 'both' : obj ? 'objectives' : ind ? 'indicators' : null;
}

export async function IndicatorCards({ card, print }: { card: ScoreCard; print: boolean }) {
  const [t, tx, locale] = await Promise.all([getTranslations('scorecard'), getTranslations('scorecardExplained'), getLocale()]);
  const n1 = (x: number | null | undefined) => formatNumber(x, locale, { digits: 1, fixed: true });
  const n2 = (x: number | null | undefined) => formatNumber(x, locale);
  const pct = (x: number | null | undefined) => formatNumber(x, locale, { percent: true, digits: 1 });
  const gap = (unit: Unit | null) => (unit?.attached ? '' : ' ');
  const { notes, scale } = card;
  const previous = notes.previousPeriod;
  const geometric = geometricLevel(notes.aggregation);

  const reference = (i: Indicator) => {
    const n = i.normalization;
    if (n.method === 'goalposts') return t(n.ln ? 'indicators.goalpostsLn' : 'indicators.goalposts', { min: n2(n.min), max: n2(n.max) });
    if (n.method === 'target') return t('indicators.target', { target: n2(n.target), baseline: n2(n.baseline) });
    return t('indicators.peerRelative', { method: t(`indicators.methods.${n.method as 'minmax' | 'zscore' | 'percentile'}`) });
  };

  // Header cells, also the visible field labels of the phone cards (where the header row is hidden).
  const columns = [
    { key: 'raw', label: t('indicators.raw'), numeric: true },
    ...(previous ? [{ key: 'change', label: tx('indicators.change', { period: previous }), numeric: true }] : []),
    { key: 'status', label: tx('indicators.status'), numeric: false },
    { key: 'normalized', label: t('indicators.normalized'), numeric: true, term: 'normalized' as GlossaryTerm },
    { key: 'weight', label: t('indicators.weight'), numeric: true },
    { key: 'contribution', label: t('indicators.contribution'), numeric: true },
    { key: 'reference', label: t('indicators.reference'), numeric: false, term: 'goalposts' as GlossaryTerm },
  ];

  const change = (i: Indicator) => {
    const note = notes.indicators[i.code];
    const c = indicatorChange(i.raw, note?.previousRaw ?? null, i.direction);
    if (!c) return <span className="text-muted-foreground" title={tx('indicators.noChangeLabel')}>{tx('indicators.noChange')}</span>;
    const Icon = c.trend === 'same' ? ArrowRight : c.delta > 0 ? ArrowUp : ArrowDown;
    const signed = formatNumber(c.delta, locale, { signed: true });
    // A change of a percentage is in points, not per cent of itself.
    const delta =
      i.unit?.code === 'percent' ? tx('indicators.percentPoints', { delta: signed }) : `${signed}${gap(i.unit)}${unitName(i.unit, locale)}`.trim();
    return (
      <span className={cn('inline-flex items-center gap-1', TREND_LOOK[c.trend])} data-trend={c.trend}>
        <Icon aria-hidden="true" className="size-3.5 shrink-0" />
        {tx('indicators.changeValue', { delta, trend: tx(`indicators.trend.${c.trend}`) })}
      </span>
    );
  };

  const status = (i: Indicator) => {
    const s = indicatorStatus({ method: i.normalization.method, normalized: i.normalized, scale, redFlag: i.redFlag });
    const { variant, Icon } = STATUS_LOOK[s];
    return (
      <Badge variant={variant} data-status={s}>
        <Icon aria-hidden="true" />
        {tx(`indicators.statuses.${s}`)}
      </Badge>
    );
  };

  const cells = (i: Indicator): Record<string, ReactNode> => ({
    raw:
      i.raw === null ? (
        <span className="text-muted-foreground">{t('indicators.missing')}</span>
      ) : (
        <>
          {n2(i.raw)}
          {gap(i.unit)}
          <span className="text-xs text-muted-foreground">{unitName(i.unit, locale)}</span>
        </>
      ),
    change: change(i),
    status: status(i),
    normalized: n1(i.normalized),
    weight: pct(i.effectiveWeight),
    contribution: n2(i.contribution),
    reference: reference(i),
  });

  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <CardTitle>{t('indicators.heading')}</CardTitle>
          {print ? null : <Glossary scale={scale} />}
        </div>
        <CardDescription>{t('indicators.description', { scale })}</CardDescription>
        <CardDescription data-status-rule="">{tx('indicators.statusRule')}</CardDescription>
        {previous ? null : <CardDescription>{tx('indicators.firstPeriod')}</CardDescription>}
      </CardHeader>
      <CardContent className="grid gap-6">
        {card.objectives.map((o) => (
          <Table
            key={o.code}
            dense
            role="table"
            scrollLabel={t('indicators.caption', { objective: pickName(o.name, locale) })}
            data-indicator-cards=""
            wrapperClassName="max-lg:overflow-visible max-lg:border-0 max-lg:bg-transparent"
            className="max-lg:block"
          >
            <TableCaption className="caption-top pb-2 text-start text-base font-semibold text-foreground max-lg:block max-lg:px-0">
              {t('indicators.caption', { objective: pickName(o.name, locale) })} · {n1(o.score)}
            </TableCaption>
            {/* Important: the print stylesheet shows every thead (headers repeat on each page). */}
            <THead role="rowgroup" className="max-lg:hidden!">
              <TR role="row">
                <TH role="columnheader" className="lg:min-w-56">
                  {t('indicators.indicator')}
                </TH>
                {columns.map((c) => (
                  <TH key={c.key} role="columnheader" numeric={c.numeric}>
                    {c.label}
                    {c.term && !print ? <GlossaryTip term={c.term} scale={scale} /> : null}
                  </TH>
                ))}
              </TR>
            </THead>
            {/* A plain tbody: TBody drops the last row's border, which is a card's edge here. */}
            <tbody role="rowgroup" className="max-lg:grid max-lg:gap-3 lg:[&>tr:last-child]:border-b-0">
              {card.indicators
                .filter((i) => i.objective === o.code)
                .map((i) => {
                  const description = notes.indicators[i.code]?.description;
                  const values = cells(i);
                  return (
                    <TR
                      key={i.code}
                      role="row"
                      data-indicator={i.code}
                      // Printed, a card takes four fields a line (the A4 page is wider than a phone).
                      className="break-inside-avoid max-lg:grid max-lg:grid-cols-2 max-lg:rounded-lg max-lg:border max-lg:bg-surface max-lg:p-2 max-lg:hover:bg-surface print:grid-cols-4"
                    >
                      <TD role="cell" className="align-top max-lg:col-span-full max-lg:block lg:max-w-96">
                        <div className="font-medium break-words">{pickName(i.name, locale)}</div>
                        {description ? (
                          <p className="mt-0.5 text-xs break-words text-muted-foreground" data-indicator-description="">
                            {pickName(description, locale)}
                          </p>
                        ) : null}
                        <div className="mt-0.5 text-xs text-muted-foreground">
                          {t(i.direction === 'higher' ? 'indicators.higher' : 'indicators.lower')}
                          {i.redFlag ? (
                            <Badge variant="danger" className="ms-2">
                              {t('indicators.redFlag')}
                            </Badge>
                          ) : null}
                        </div>
                      </TD>
                      {columns.map((c) => (
                        <TD
                          key={c.key}
                          role="cell"
                          numeric={c.numeric}
                          className={cn('max-lg:block max-lg:min-w-0 max-lg:text-start max-lg:whitespace-normal', c.key === 'reference' && 'text-sm')}
                        >
                          <span className="block text-xs text-muted-foreground lg:hidden">{c.label}</span>
                          {values[c.key]}
                        </TD>
                      ))}
                    </TR>
                  );
                })}
            </tbody>
          </Table>
        ))}
        <p className="text-sm">
          <span className="font-medium">{t('indicators.total')}:</span> <span className="tabular-nums">{n2(card.composite)}</span>
        </p>
        {geometric ? (
          <p className="flex gap-2 text-sm text-muted-foreground" data-geometric-note="">
            <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <span>{tx(`indicators.geometric.${geometric}`)}</span>
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
