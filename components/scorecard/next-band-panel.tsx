// The path to the next band, behind a native disclosure (keyboard operable without script), open
// unless closed by the reader. Routes are listed cheapest first; the cheapest are marked in words,
// not colour only. When no single indicator reaches the band, the combined plan comes first.
import { getLocale, getTranslations } from 'next-intl/server';
import { ChevronRight, TrendingUp } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { NextBand } from './types';
import { formatNumber } from '@/core/i18n/format';
import { unitName, type Unit } from '@/core/i18n/units';
import { pickName } from '@/core/i18n/label';
import { CombinedPlanTable } from './combined-plan-table';
import { GlossaryTip } from './glossary';

/** Which "already at its best" sentence fits a normalization method. */
const AT_BEST = { goalposts: 'goalposts', target: 'target', minmax: 'peers', percentile: 'peers', zscore: 'range' } as const;

export async function NextBandPanel({ path, open = true }: { path: NextBand; open?: boolean }) {
  const [t, tw, locale] = await Promise.all([getTranslations('scorecard.nextBand'), getTranslations('whatIf'), getLocale()]);
  const n1 = (x: number | null) => formatNumber(x, locale, { digits: 1, fixed: true });
  const n2 = (x: number | null) => formatNumber(x, locale);
  // The space between a number and its unit, none for an attached one (25%).
  const gap = (unit: Unit | null) => (unit?.attached ? '' : ' ');
  const signed = (x: number) => formatNumber(x, locale, { signed: true });
  const pct = (x: number | null) => formatNumber(x, locale, { percent: true, digits: 1 });
  const routes = [...path.routes].sort((a, b) => {
    if (a.reachable !== b.reachable) return a.reachable ? -1 : 1;
    if (a.atBest !== b.atBest) return a.atBest ? 1 : -1;
    if (a.reachable) return a.effort! - b.effort!;
    return (b.composite ?? 0) - (a.composite ?? 0);
  });
  const anyReachable = routes.some((r) => r.reachable);
  type Route = NextBand['routes'][number];
  // The indicator, marked when it is among the cheapest routes (phone cards and table rows alike).
  const routeName = (name: Route['name'], rank: number) => (
    <>
      <div className="font-medium">{pickName(name, locale)}</div>
      {rank >= 0 ? (
        <Badge variant="success" dot className="mt-1">
          {t('cheapestRank', { rank: rank + 1 })}
        </Badge>
      ) : null}
    </>
  );
  const current = (r: Route) =>
    r.current === null ? (
      <span className="text-muted-foreground">{t('missing')}</span>
    ) : (
      <>
        {n2(r.current)}{gap(r.unit)}<span className="text-xs text-muted-foreground">{unitName(r.unit, locale)}</span>
      </>
    );
  const notReachable = (r: Route) => (r.atBest ? tw(`atBest.${AT_BEST[r.method]}`) : t('notReachable'));
  const required = (r: Route) =>
    r.reachable ? (
      <>
        {r.current === null ? t('enter', { value: n2(r.required) }) : n2(r.required)}{gap(r.unit)}<span className="text-xs font-normal text-muted-foreground">{unitName(r.unit, locale)}</span>
      </>
    ) : (
      <span className="font-normal text-muted-foreground">{notReachable(r)}</span>
    );

  return (
    <section aria-labelledby="next-band-heading" data-card="" className="rounded-lg border bg-surface p-4 shadow-card sm:p-6">
      <details className="group/next" open={open || undefined} data-next-band="">
        <summary className="flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden">
          <ChevronRight aria-hidden="true" className="size-5 shrink-0 transition-transform group-open/next:rotate-90" />
          <TrendingUp aria-hidden="true" className="size-5 shrink-0 text-primary" />
          <h2 id="next-band-heading" className="text-lg font-semibold">
            {t('heading')}
          </h2>
          <span className="text-sm text-muted-foreground group-open/next:hidden" data-print="hide">
            — {t('open')}
          </span>
        </summary>
        <div className="mt-4 grid gap-4">
          {path.status === 'top_band' ? (
            <p>{t('topBand', { grade: path.grade ?? '' })}</p>
          ) : path.status === 'no_composite' ? (
            <p>{t('noComposite')}</p>
          ) : (
            <>
              <p>
                {t('description', {
                  current: n1(path.composite),
                  grade: path.grade ?? '—',
                  next: `${path.nextGrade!.code} · ${pickName(path.nextGrade!.label, locale)}`,
                  min: formatNumber(path.nextGrade!.min, locale),
                })}
              </p>
              {anyReachable ? null : path.plan ? (
                <CombinedPlanTable plan={path.plan} next={path.nextGrade!.code} />
              ) : (
                <p>{tw('plan.noPlan', { next: path.nextGrade!.code })}</p>
              )}
              <p className="text-sm text-muted-foreground">{anyReachable ? t('cheapestNote') : t('noneReachable', { next: path.nextGrade!.code })}</p>
              {/* Phones: one card per route, the needed value up front; wider screens and print: the table. */}
              <ul className="grid gap-2 sm:hidden print:hidden" aria-label={t('caption', { next: path.nextGrade!.code })}>
                {routes.map((r) => {
                  const rank = path.cheapest.indexOf(r.indicator);
                  return (
                    <li key={r.indicator} className={rank >= 0 ? 'rounded-md border border-success-border bg-success-subtle/40 p-3' : 'rounded-md border p-3'}>
                      {routeName(r.name, rank)}
                      <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                        <dt className="text-muted-foreground">{t('current')}</dt>
                        <dd className="text-end tabular-nums">{current(r)}</dd>
                        <dt className="text-muted-foreground">{t('required')}</dt>
                        <dd className="text-end font-semibold tabular-nums">{required(r)}</dd>
                        {r.reachable ? (
                          <>
                            <dt className="text-muted-foreground">{t('effort')}</dt>
                            <dd className="text-end tabular-nums">{pct(r.effort)}</dd>
                          </>
                        ) : null}
                        <dt className="text-muted-foreground">{t('result')}</dt>
                        <dd className="text-end tabular-nums">{r.reachable ? n1(r.composite) : r.atBest ? '—' : t('bestPossible', { composite: n1(r.composite) })}</dd>
                      </dl>
                    </li>
                  );
                })}
              </ul>
              <div className="hidden sm:block print:block">
                <Table dense scrollLabel={t('caption', { next: path.nextGrade!.code })}>
                  <TableCaption>{t('caption', { next: path.nextGrade!.code })}</TableCaption>
                  <THead>
                    <TR>
                      <TH className="min-w-48">{t('indicator')}</TH>
                      <TH numeric>{t('current')}</TH>
                      <TH numeric>{t('required')}</TH>
                      <TH numeric>{t('change')}</TH>
                      <TH numeric>
                        {t('effort')}
                        <GlossaryTip term="shareOfRange" />
                      </TH>
                      <TH numeric>{t('result')}</TH>
                    </TR>
                  </THead>
                  <TBody>
                    {routes.map((r) => {
                      const rank = path.cheapest.indexOf(r.indicator);
                      return (
                        <TR key={r.indicator} selected={rank >= 0} data-cheapest={rank >= 0 ? rank + 1 : undefined}>
                          <TD>
                            {routeName(r.name, rank)}
                          </TD>
                          <TD numeric>{current(r)}</TD>
                          <TD numeric className="font-semibold">
                            {r.reachable ? (
                              <>
                                {r.current === null ? t('enter', { value: n2(r.required) }) : n2(r.required)}{gap(r.unit)}<span className="text-xs font-normal text-muted-foreground">{unitName(r.unit, locale)}</span>
                              </>
                            ) : (
                              <span className="font-normal text-muted-foreground">{notReachable(r)}</span>
                            )}
                          </TD>
                          <TD numeric>{r.reachable && r.current !== null && r.required !== null ? signed(r.required - r.current) : '—'}</TD>
                          <TD numeric>{pct(r.effort)}</TD>
                          <TD numeric>
                            {r.reachable ? n1(r.composite) : r.atBest ? '—' : <span className="text-muted-foreground">{t('bestPossible', { composite: n1(r.composite) })}</span>}
                          </TD>
                        </TR>
                      );
                    })}
                  </TBody>
                </Table>
              </div>
            </>
          )}
        </div>
      </details>
    </section>
  );
}
