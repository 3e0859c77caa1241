'use client';
// The scorecard's charts. Each is paired with a data table by its caller (ChartWithTable), so the
// numbers never depend on seeing colours; series are also told apart by symbol and line style.
import { useMemo } from 'react';
import type { EChartsOption } from 'echarts';
import { EChart } from '@/components/charts/echart';
import { chartColor } from '@/components/charts/palette';
import { wrapLabel } from '@/components/charts/wrap-label';
import type { Locale } from '@/i18n/config';
import { formatNumber } from '@/core/i18n/format';

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'] as const;
const LINE_TYPES = ['solid', 'dashed', 'dotted'] as const;

/** Below this chart width (px) the phone layout applies (ECharts media query on the chart's box). */
const NARROW = 520;

export function ObjectivesRadar({
  labels,
  values,
  scale,
  seriesName,
  ariaLabel,
  locale,
}: {
  labels: string[];
  values: (number | null)[];
  scale: number;
  seriesName: string;
  ariaLabel: string;
  locale: Locale;
}) {
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'item' },
      radar: {
        indicator: labels.map((name) => ({ name, max: scale, min: 0 })),
        radius: '62%',
        splitNumber: 4,
        axisName: { fontSize: 12 },
      },
      series: [
        {
          type: 'radar',
          name: seriesName,
          symbol: 'circle',
          symbolSize: 7,
          areaStyle: { opacity: 0.18 },
          lineStyle: { width: 2 },
          label: { show: true, formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value, locale, { digits: 1, fixed: true }) : ''), fontSize: 11 },
          data: [{ value: values.map((v) => (v === null ? 0 : Math.round(v * 10) / 10)), name: seriesName }],
        },
      ],
      // On a phone the axis names sit beside a narrow radar: wrap them and leave them more room.
      media: [
        {
          query: { maxWidth: NARROW },
          option: { radar: { radius: '60%', axisName: { fontSize: 11, formatter: (name?: string) => wrapLabel(name ?? '', 12) } } },
        },
      ],
    }),
    [labels, values, scale, seriesName, locale],
  );
  return <EChart option={option} ariaLabel={ariaLabel} height={260} locale={locale} />;
}

export function TrendChart({
  periods,
  series,
  scale,
  ariaLabel,
  locale,
}: {
  periods: string[];
  series: { name: string; values: (number | null)[] }[];
  scale: number;
  ariaLabel: string;
  locale: Locale;
}) {
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v, locale, { digits: 1, fixed: true }) : '—') },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 32, top: 40, bottom: 28, containLabel: true },
      // Points in the middle of their band, so the first and last period labels are never clipped.
      xAxis: { type: 'category', data: periods, boundaryGap: true },
      yAxis: { type: 'value', min: 0, max: scale },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: s.values.map((v) => (v === null ? null : Math.round(v * 10) / 10)),
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: i === 0 ? 9 : 7,
        lineStyle: { width: i === 0 ? 3 : 2, type: LINE_TYPES[i % LINE_TYPES.length] },
        itemStyle: { color: chartColor(i) },
        connectNulls: false,
      })),
      // On a phone a one-line legend would scroll with page arrows: put it below, wrapped.
      media: [
        {
          query: { maxWidth: NARROW },
          option: { legend: { type: 'plain', top: 'auto', bottom: 0, left: 'center', itemGap: 12 }, grid: { left: 8, right: 16, top: 16, bottom: 72 } },
        },
      ],
    }),
    [periods, series, scale, locale],
  );
  return <EChart option={option} ariaLabel={ariaLabel} height={300} locale={locale} />;
}

/** Grouped horizontal-friendly bars: one group per category, one bar per series. */
export function GroupedBars({
  categories,
  series,
  max,
  ariaLabel,
  locale,
  height = 300,
  horizontal = false,
}: {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  max: number;
  ariaLabel: string;
  locale: Locale;
  height?: number;
  horizontal?: boolean;
}) {
  const option = useMemo<EChartsOption>(() => {
    const valueAxis = { type: 'value' as const, min: 0, max };
    const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, width: horizontal ? 110 : 90, overflow: 'truncate' as const } };
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v, locale, { digits: 1, fixed: true }) : '—') },
      legend: series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
      grid: { left: horizontal ? 120 : 40, right: 20, top: series.length > 1 ? 40 : 16, bottom: 28 },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: series.map((s, i) => ({
        type: 'bar',
        name: s.name,
        data: s.values.map((v) => (v === null ? null : Math.round(v * 10) / 10)),
        itemStyle: { color: chartColor(i), borderColor: '#1f2937', borderWidth: 0.5 },
        // Patterns are not needed: every series is labelled in the legend and the table.
      })),
    };
  }, [categories, series, max, horizontal, locale]);
  return <EChart option={option} ariaLabel={ariaLabel} height={height} locale={locale} />;
}
