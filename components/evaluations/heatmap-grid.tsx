'use client';
// The dashboard's region × objective heatmap as an HTML table: every cell is a link to that
// region's evaluations in the work list (filters in the URL), the legend names each band's range
// of scores, and on a phone the objective headers stand upright (vertical writing) so the columns
// stay labelled at 390 px; each header keeps the full name as its title.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { pickName, type Label } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';
import { CHART_SEQUENTIAL } from '@/components/charts/palette';
import { cn } from '@/lib/cn';

export type HeatmapGridRow = { regionId: number; code: string; name: Label; n: number; scores: Record<string, number | null> };
type Objective = { code: string; name: Label };

/** Bands of the mean score: [from, to), the last one up to 100; dark text on light, light on dark. */
const BANDS = [
  { from: 0, to: 20, bg: CHART_SEQUENTIAL[0], fg: '#111827' },
  { from: 20, to: 40, bg: CHART_SEQUENTIAL[1], fg: '#111827' },
  { from: 40, to: 60, bg: CHART_SEQUENTIAL[2], fg: '#111827' },
  { from: 60, to: 80, bg: CHART_SEQUENTIAL[3], fg: '#111827' },
  { from: 80, to: null, bg: CHART_SEQUENTIAL[5], fg: '#ffffff' },
] as const;
const NO_SCORE = { bg: '#f1f5f9', fg: '#475569' };

export function bandOf(score: number): (typeof BANDS)[number] {
  return BANDS.find((b) => b.to === null || score < b.to) ?? BANDS[BANDS.length - 1]!;
}

/** Where a region's evaluations are listed: the work list filtered to it and the period. */
export const regionListHref = (regionId: number, periodId: number) => `/evaluations?regionId=${regionId}&periodId=${periodId}`;

export function HeatmapGrid({ caption, regionHeader, rows, objectives, periodId }: { caption: string; regionHeader: string; rows: readonly HeatmapGridRow[]; objectives: readonly Objective[]; periodId: number }) {
  const t = useTranslations('evaluations.dashboard');
  const locale = useLocale();
  const n0 = (v: number) => formatNumber(v, locale, { digits: 0 });
  const bandLabel = (b: (typeof BANDS)[number]) =>
    b.from === 0 ? t('bandBelow', { to: n0(b.to!) }) : b.to === null ? t('bandAbove', { from: n0(b.from) }) : t('bandRange', { from: n0(b.from), to: n0(b.to) });
  return (
    <div className="grid gap-3" data-testid="heatmap-grid">
      <div className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0.5 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-surface px-2 py-1 text-left align-bottom text-xs font-medium text-muted-foreground">
                {regionHeader}
              </th>
              {objectives.map((o) => {
                const name = pickName(o.name, locale);
                return (
                  <th key={o.code} scope="col" title={name} className="px-1 py-1 text-center align-bottom text-xs font-medium text-muted-foreground">
                    <span className="max-sm:inline-block max-sm:max-h-32 max-sm:overflow-hidden max-sm:text-ellipsis max-sm:whitespace-nowrap max-sm:text-left max-sm:[writing-mode:vertical-rl]">{name}</span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const region = pickName(r.name, locale);
              const href = regionListHref(r.regionId, periodId);
              return (
                <tr key={r.regionId}>
                  <th scope="row" className="sticky left-0 z-10 max-w-36 bg-surface px-2 py-1 text-left font-medium sm:max-w-56">
                    <Link prefetch={false} href={href} aria-label={t('regionLink', { region })} title={region} className="block truncate text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring">
                      {region}
                    </Link>
                  </th>
                  {objectives.map((o) => {
                    const v = r.scores[o.code];
                    const has = v !== null && v !== undefined;
                    const colours = has ? bandOf(Math.round(v * 10) / 10) : NO_SCORE;
                    const shown = has ? formatNumber(v, locale, { digits: 1, fixed: true }) : '—';
                    const label = t('cellLabel', { region, objective: pickName(o.name, locale), score: has ? shown : t('noScore') });
                    return (
                      <td key={o.code} className="p-0">
                        <Link
                          href={href}
                          prefetch={false}
                          aria-label={label}
                          title={label}
                          style={{ backgroundColor: colours.bg, color: colours.fg }}
                          className="block min-w-12 rounded-sm px-1 py-2 text-center tabular-nums hover:outline hover:outline-2 hover:outline-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring"
                        >
                          {shown}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div role="group" aria-label={t('legendTitle')} className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-muted-foreground" data-testid="heatmap-legend">
        <span className="font-medium text-foreground">{t('legendTitle')}</span>
        <ul className="contents">
          {BANDS.map((b) => (
            <li key={b.from} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="size-3.5 rounded-sm border border-black/10" style={{ backgroundColor: b.bg }} />
              <span className="tabular-nums">{bandLabel(b)}</span>
            </li>
          ))}
          <li className="flex items-center gap-1.5">
            <span aria-hidden="true" className={cn('grid size-3.5 place-items-center rounded-sm border border-black/10 text-[9px] leading-none')} style={{ backgroundColor: NO_SCORE.bg, color: NO_SCORE.fg }}>
              —
            </span>
            <span>{t('noScore')}</span>
          </li>
        </ul>
      </div>
    </div>
  );
}
