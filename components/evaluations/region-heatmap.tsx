'use client';
// The dashboard's chart cards and its region × objective heatmap. Over several counties the
// heatmap has a row per county; a county's townships load when it is chosen, so a province-wide
// dashboard does not carry thousands of township rows.
import { useLocale, useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { ChartIsland, type ChartSvg } from '@/components/charts/chart-island';
import type { ChartSpec } from '@/components/charts/specs';
import { ChartWithTable } from '@/components/charts/chart-with-table';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { TableScroll } from '@/components/ui/table-scroll';
import { pickName, type Label } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';
import { HeatmapGrid } from './heatmap-grid';

const cellClass = 'px-3 py-2';

type HeatmapRow = { regionId: number; code: string; name: Label; n: number; scores: Record<string, number | null> };
type Objective = { code: string; name: Label };

/** One of the dashboard's charts in its card, with its data table (captioned by its title). */
export function ChartCard({ title, description, spec, svgs, height, tableToggleLabel, className, head, children }: {
  title: string;
  description: string;
  spec: ChartSpec | null | undefined;
  /** The server's drawings of this spec, when it drew them. */
  svgs?: readonly ChartSvg[];
  height?: number;
  tableToggleLabel: string;
  className?: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card className={className}>
      <CardContent className="pt-5">
        <ChartWithTable
          title={title}
          titleAs="h2"
          description={description}
          chart={spec ? <ChartIsland spec={spec} svgs={svgs} ariaLabel={title} height={height} /> : null}
          tableToggleLabel={tableToggleLabel}
        >
          {/* Its own labelled, focusable scroll region: a wide table never widens the page on a phone. */}
          <TableScroll label={title}>
          <table className="w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-muted text-left text-xs text-muted-foreground">
              <tr>{head}</tr>
            </thead>
            <tbody className="divide-y">{children}</tbody>
          </table>
          </TableScroll>
        </ChartWithTable>
      </CardContent>
    </Card>
  );
}

/** A heatmap card of region rows (counties or townships) × objectives: the grid of links, then its table. */
function HeatmapCard({ title, description, regionHeader, rows, objectives, periodId }: { title: string; description: string; regionHeader: string; rows: readonly HeatmapRow[]; objectives: readonly Objective[]; periodId: number }) {
  const t = useTranslations('evaluations.dashboard');
  const locale = useLocale();
  const one = (n: number | null | undefined) => formatNumber(n, locale, { digits: 1, fixed: true });
  return (
    <Card className="xl:col-span-2">
      <CardContent className="pt-5">
        <ChartWithTable
          title={title}
          titleAs="h2"
          description={description}
          chart={<HeatmapGrid caption={title} regionHeader={regionHeader} rows={rows} objectives={objectives} periodId={periodId} />}
          tableToggleLabel={t('showTable')}
        >
          {/* Its own labelled, focusable scroll region: a wide table never widens the page on a phone. */}
          <TableScroll label={title}>
          <table className="w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-muted text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className={cellClass}>{regionHeader}</th>
                <th scope="col" className={cellClass}>n</th>
                {objectives.map((o) => <th key={o.code} scope="col" className={cellClass}>{pickName(o.name, locale)}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y">
              {rows.map((h) => (
                <tr key={h.regionId}>
                  <th scope="row" className={`${cellClass} text-left font-medium`}>{pickName(h.name, locale)}</th>
                  <td className={`${cellClass} tabular-nums`}>{h.n}</td>
                  {objectives.map((o) => <td key={o.code} className={`${cellClass} tabular-nums`}>{one(h.scores[o.code])}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
        </ChartWithTable>
      </CardContent>
    </Card>
  );
}

/** The dashboard's heatmap: townships, or counties with a picker that loads one county's townships. */
export function RegionHeatmap({ periodId, level, rows, objectives }: { periodId: number; level: 'county' | 'township'; rows: readonly HeatmapRow[]; objectives: readonly Objective[] }) {
  const t = useTranslations('evaluations.dashboard');
  if (level === 'township') {
    return <HeatmapCard title={t('heatmapTitle')} description={t('heatmapDescription')} regionHeader={t('township')} rows={rows} objectives={objectives} periodId={periodId} />;
  }
  return (
    <>
      <HeatmapCard title={t('countyHeatmapTitle')} description={t('countyHeatmapDescription')} regionHeader={t('county')} rows={rows} objectives={objectives} periodId={periodId} />
      <CountyTownships periodId={periodId} counties={rows} objectives={objectives} />
    </>
  );
}

function CountyTownships({ periodId, counties, objectives }: { periodId: number; counties: readonly HeatmapRow[]; objectives: readonly Objective[] }) {
  const t = useTranslations('evaluations.dashboard');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [countyId, setCountyId] = useState<number | null>(null);
  const county = counties.find((c) => c.regionId === countyId) ?? null;
  const q = useQuery({ ...trpc.countyDashboard.townships.queryOptions({ periodId, countyId: county?.regionId ?? 0 }), enabled: county !== null });
  return (
    <div className="grid gap-4 xl:col-span-2">
      <label className="grid max-w-sm gap-1 text-sm font-medium">
        {t('townshipsOf')}
        <NativeSelect value={county?.regionId ?? ''} onChange={(e) => setCountyId(e.target.value ? Number(e.target.value) : null)} placeholder={t('chooseCounty')}>
          {counties.map((c) => (
            <option key={c.regionId} value={c.regionId}>
              {c.code} {pickName(c.name, locale)}
            </option>
          ))}
        </NativeSelect>
      </label>
      {county === null ? null : q.isError ? (
        <Alert variant="error" title={tc('loadError')}>{q.error.message}</Alert>
      ) : !q.data ? (
        <Skeleton className="h-64" aria-busy="true" aria-label={tc('loading')} />
      ) : q.data.length === 0 ? (
        <p role="status" className="text-sm text-muted-foreground">{t('noTownships')}</p>
      ) : (
        <HeatmapCard
          title={t('townshipsTitle', { county: pickName(county.name, locale) })}
          description={t('heatmapDescription')}
          regionHeader={t('township')}
          rows={q.data}
          objectives={objectives}
          periodId={periodId}
        />
      )}
    </div>
  );
}
