// What each chart shows, as plain data (so it crosses from server to browser), and the pure
// functions that turn it into an ECharts option. The server draws the option to SVG; the browser
// builds the same option when it adds tooltips, so both always agree.
import type { EChartsOption } from 'echarts';
import type { Locale } from '@/i18n/config';
import { formatNumber } from '@/core/i18n/format';
import { chartColor } from './palette';
import { NARROW, VARIANT_WIDTHS, WIDE } from './theme';
import { wrapLabel } from './wrap-label';

type Num = number | null;
type Series = { name: string; values: Num[] };

export type ChartSpec =
  /** One stakeholder's objective scores on a radar of 0…scale. */
  | { kind: 'radar'; locale: Locale; labels: string[]; values: Num[]; scale: number; seriesName: string }
  /** Lines over periods: the first series is drawn heavier (the composite). */
  | { kind: 'trend'; locale: Locale; periods: string[]; series: Series[]; scale: number }
  /** Grouped bars, one group per category, one bar per series. */
  | { kind: 'groupedBars'; locale: Locale; categories: string[]; series: Series[]; max: number; horizontal: boolean }
  /** Counts per band of composite score, a bar per stakeholder type. */
  | { kind: 'distribution'; locale: Locale; categories: string[]; axisName: string; series: { name: string; values: number[]; color: string }[] }
  /** Mean scores over periods with given colours; dashed series are reference lines. */
  | { kind: 'meanTrend'; locale: Locale; periods: string[]; series: { name: string; values: Num[]; color: string; dashed?: boolean }[] }
  /** One horizontal bar per category with its value printed beside it. */
  | { kind: 'labelledBars'; locale: Locale; categories: string[]; seriesName: string; values: number[] }
  /** Box plots (min, q1, median, q3, max) per category, before and after. */
  | { kind: 'boxplot'; locale: Locale; categories: string[]; scale: number; axisName: string; series: { name: string; data: number[][] }[] };

export type ChartKind = ChartSpec['kind'];

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'] as const;
const LINE_TYPES = ['solid', 'dashed', 'dotted'] as const;

const round1 = (v: Num) => (v === null ? null : Math.round(v * 10) / 10);
const one = (locale: Locale) => (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale, { digits: 1, fixed: true }) : '—');
/**
 * Room between legend entries. The server measures text with estimated widths (it has no fonts);
 * wider faces (DejaVu on Linux) would otherwise run a name into the next entry's key.
 */
const LEGEND_GAP = 22;
/** Height of a row of a wrapped legend (key 14 px, text, gap). */
const LEGEND_ROW = 30;

/** Rough width of a 12 px text: a CJK character is 1 em, others about 0.6 em. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 12 : 7.4;
  return width;
}

/** How many rows a wrapped legend of these names takes in a chart `width` px wide. */
export function legendRows(names: readonly string[], width: number): number {
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = 30 + textWidth(name);
    // ECharts keeps a margin on both sides of a centred legend: leave it some slack.
    if (x > 0 && x + w > width - 60) {
      rows++;
      x = 0;
    }
    x += w + LEGEND_GAP;
  }
  return rows;
}

type Media = NonNullable<EChartsOption['media']>;
type GridBox = { left: number; right: number };

/**
 * A legend that wraps instead of scrolling (a static drawing has no pager to press): above the
 * plot on wider boxes, with the plot starting below as many rows as the names need at that width,
 * and below the plot on a phone. `narrow` adds the chart's own phone layout.
 */
function withLegend(
  names: readonly string[],
  { top, bottom, grid, narrowGrid, narrowBottom, narrow = {} }: { top: number; bottom: number; grid: GridBox; narrowGrid: GridBox; narrowBottom: number; narrow?: EChartsOption },
): Pick<EChartsOption, 'legend' | 'grid' | 'media'> {
  const height = (width: number) => legendRows(names, width) * LEGEND_ROW;
  const media: Media = [
    { query: { maxWidth: WIDE }, option: { grid: { top: top + height(VARIANT_WIDTHS.medium) } } },
    {
      query: { maxWidth: NARROW },
      option: { ...narrow, legend: { top: 'auto', bottom: 0 }, grid: { ...narrowGrid, top: 16, bottom: narrowBottom + height(VARIANT_WIDTHS.narrow) } },
    },
  ];
  return {
    legend: { type: 'plain', top: 0, left: 'center', itemGap: LEGEND_GAP },
    grid: { ...grid, top: top + height(VARIANT_WIDTHS.wide), bottom },
    media,
  };
}

/** Height (px) of the phone drawing of a chart drawn `height` px high on wider boxes. */
export function narrowHeightOf(spec: ChartSpec, height: number): number {
  const names = legendNames(spec);
  return names.length > 0 ? height + legendRows(names, VARIANT_WIDTHS.narrow) * LEGEND_ROW : height;
}

function legendNames(spec: ChartSpec): string[] {
  switch (spec.kind) {
    case 'trend':
    case 'distribution':
    case 'meanTrend':
    case 'boxplot':
      return spec.series.map((x) => x.name);
    case 'groupedBars':
      return spec.series.length > 1 ? spec.series.map((x) => x.name) : [];
    default:
      return [];
  }
}

function radar(s: Extract<ChartSpec, { kind: 'radar' }>): EChartsOption {
  return {
    tooltip: { trigger: 'item' },
    radar: {
      indicator: s.labels.map((name) => ({ name, max: s.scale, min: 0 })),
      radius: '62%',
      splitNumber: 4,
      axisName: { fontSize: 12 },
    },
    series: [
      {
        type: 'radar',
        name: s.seriesName,
        symbol: 'circle',
        symbolSize: 7,
        areaStyle: { opacity: 0.18 },
        lineStyle: { width: 2 },
        label: { show: true, formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? one(s.locale)(p.value) : ''), fontSize: 11 },
        data: [{ value: s.values.map((v) => round1(v) ?? 0), name: s.seriesName }],
      },
    ],
    // On a phone the axis names sit beside a narrow radar: wrap them and leave them more room.
    media: [{ query: { maxWidth: NARROW }, option: { radar: { radius: '64%', axisName: { fontSize: 11, formatter: (name?: string) => wrapLabel(name ?? '', 12) } } } }],
  };
}

function trend(s: Extract<ChartSpec, { kind: 'trend' }>): EChartsOption {
  const layout = withLegend(legendNames(s), { top: 12, bottom: 28, grid: { left: 40, right: 32 }, narrowGrid: { left: 8, right: 16 }, narrowBottom: 36 });
  return {
    tooltip: { trigger: 'axis', valueFormatter: one(s.locale) },
    ...layout,
    grid: { ...(layout.grid as object), containLabel: true },
    // Points in the middle of their band, so the first and last period labels are never clipped.
    xAxis: { type: 'category', data: s.periods, boundaryGap: true },
    yAxis: { type: 'value', min: 0, max: s.scale },
    series: s.series.map((x, i) => ({
      type: 'line',
      name: x.name,
      data: x.values.map(round1),
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: i === 0 ? 9 : 7,
      lineStyle: { width: i === 0 ? 3 : 2, type: LINE_TYPES[i % LINE_TYPES.length] },
      itemStyle: { color: chartColor(i) },
      connectNulls: false,
    })),
  };
}

function groupedBars(s: Extract<ChartSpec, { kind: 'groupedBars' }>): EChartsOption {
  const valueAxis = { type: 'value' as const, min: 0, max: s.max };
  const categoryAxis = { type: 'category' as const, data: s.categories, axisLabel: { interval: 0, width: s.horizontal ? 110 : 90, overflow: 'truncate' as const } };
  const grid = { left: s.horizontal ? 120 : 40, right: 20 };
  const narrowGrid = { left: s.horizontal ? 92 : 32, right: 12 };
  // Narrow: shorter category names (and the legend below the bars).
  const narrow = { [s.horizontal ? 'yAxis' : 'xAxis']: { axisLabel: { width: s.horizontal ? 84 : 60 } } };
  const names = legendNames(s);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: one(s.locale) },
    ...(names.length > 0
      ? withLegend(names, { top: 12, bottom: 28, grid, narrowGrid, narrowBottom: 36, narrow })
      : { grid: { ...grid, top: 16, bottom: 28 }, media: [{ query: { maxWidth: NARROW }, option: { ...narrow, grid: narrowGrid } }] }),
    xAxis: s.horizontal ? valueAxis : categoryAxis,
    yAxis: s.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: s.series.map((x, i) => ({
      type: 'bar',
      name: x.name,
      data: x.values.map(round1),
      itemStyle: { color: chartColor(i), borderColor: '#1f2937', borderWidth: 0.5 },
    })),
  };
}

function distribution(s: Extract<ChartSpec, { kind: 'distribution' }>): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    // On a phone the band labels stand at an angle, with the axis name below them.
    ...withLegend(legendNames(s), {
      top: 12,
      bottom: 40,
      grid: { left: 40, right: 16 },
      narrowGrid: { left: 32, right: 8 },
      narrowBottom: 72,
      narrow: { xAxis: { axisLabel: { rotate: 45, fontSize: 10 }, nameGap: 44 } },
    }),
    xAxis: { type: 'category', data: s.categories, name: s.axisName, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', minInterval: 1 },
    series: s.series.map((x) => ({ type: 'bar', name: x.name, data: x.values, itemStyle: { color: x.color } })),
  };
}

function meanTrend(s: Extract<ChartSpec, { kind: 'meanTrend' }>): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: one(s.locale) },
    ...withLegend(legendNames(s), { top: 12, bottom: 30, grid: { left: 40, right: 16 }, narrowGrid: { left: 32, right: 12 }, narrowBottom: 36 }),
    xAxis: { type: 'category', data: s.periods },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: s.series.map((x) => ({
      type: 'line',
      name: x.name,
      data: x.values.map(round1),
      itemStyle: { color: x.color },
      ...(x.dashed ? { lineStyle: { type: 'dashed' as const } } : {}),
    })),
  };
}

function labelledBars(s: Extract<ChartSpec, { kind: 'labelledBars' }>): EChartsOption {
  const whole = (v: unknown) => (typeof v === 'number' ? formatNumber(v, s.locale, { digits: 0 }) : '');
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v, s.locale) : '—') },
    grid: { left: 8, right: 56, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { hideOverlap: true } },
    yAxis: { type: 'category', data: s.categories, inverse: true, axisLabel: { width: 120, overflow: 'break' } },
    series: [{ type: 'bar', name: s.seriesName, data: s.values, label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => whole(p.value) } }],
    media: [{ query: { maxWidth: NARROW }, option: { yAxis: { axisLabel: { width: 80 } } } }],
  };
}

function boxplot(s: Extract<ChartSpec, { kind: 'boxplot' }>): EChartsOption {
  return {
    ...withLegend(legendNames(s), { top: 12, bottom: 40, grid: { left: 48, right: 16 }, narrowGrid: { left: 40, right: 8 }, narrowBottom: 48 }),
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: s.categories, axisLabel: { interval: 0, width: 90, overflow: 'break' } },
    yAxis: { type: 'value', min: 0, max: s.scale, name: s.axisName },
    series: s.series.map((x, i) => ({ name: x.name, type: 'boxplot', data: x.data, itemStyle: { color: '#fff', borderColor: chartColor(i) } })),
  };
}

/** The ECharts option for a chart: a new object each call (ECharts consumes `media`). */
export function buildOption(spec: ChartSpec): EChartsOption {
  switch (spec.kind) {
    case 'radar':
      return radar(spec);
    case 'trend':
      return trend(spec);
    case 'groupedBars':
      return groupedBars(spec);
    case 'distribution':
      return distribution(spec);
    case 'meanTrend':
      return meanTrend(spec);
    case 'labelledBars':
      return labelledBars(spec);
    case 'boxplot':
      return boxplot(spec);
  }
}
