'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { EChartsOption, EChartsType } from 'echarts';
import { cn } from '@/lib/cn';
import { CHART_NEUTRALS, CHART_PALETTE } from './palette';
import type { Locale } from '@/i18n/config';

/** Same family stack as the page, so canvas/SVG text matches the surrounding CJK/Latin text. */
const CHART_FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", ' +
  '"Noto Sans CJK SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif';

const axisTheme = {
  axisLine: { lineStyle: { color: CHART_NEUTRALS.axisLine } },
  axisTick: { lineStyle: { color: CHART_NEUTRALS.axisLine } },
  axisLabel: { color: CHART_NEUTRALS.mutedText },
  splitLine: { lineStyle: { color: [CHART_NEUTRALS.gridLine] } },
  nameTextStyle: { color: CHART_NEUTRALS.mutedText },
};

/** ECharts theme object (passed straight to init) matching the app's tokens. */
export const CHART_THEME = {
  color: [...CHART_PALETTE],
  backgroundColor: CHART_NEUTRALS.background,
  textStyle: { fontFamily: CHART_FONT_FAMILY, color: CHART_NEUTRALS.text },
  title: { textStyle: { color: CHART_NEUTRALS.text, fontWeight: 600 } },
  legend: { textStyle: { color: CHART_NEUTRALS.text } },
  categoryAxis: axisTheme,
  valueAxis: axisTheme,
  logAxis: axisTheme,
  timeAxis: axisTheme,
  radar: {
    axisName: { color: CHART_NEUTRALS.mutedText },
    splitLine: { lineStyle: { color: [CHART_NEUTRALS.gridLine] } },
    axisLine: { lineStyle: { color: CHART_NEUTRALS.axisLine } },
  },
  tooltip: {
    backgroundColor: '#ffffff',
    borderColor: '#d5dce5',
    textStyle: { color: CHART_NEUTRALS.text, fontFamily: CHART_FONT_FAMILY },
  },
} as const;

export interface EChartProps {
  /** The ECharts option; replaced wholesale (notMerge) whenever its identity changes, so memoize it. */
  option: EChartsOption;
  /** Short description of what the chart shows; the accompanying table carries the numbers. */
  ariaLabel: string;
  /** CSS height of the chart (px number or any CSS length). Default 320. */
  height?: number | string;
  /** SVG (default) prints crisply; canvas is faster for thousands of points. */
  renderer?: 'svg' | 'canvas';
  /** Language of ECharts' built-in texts (toolbox, data zoom). */
  locale?: Locale;
  /** Shown instead of the chart if the charting library fails to load. */
  fallback?: ReactNode;
  /** Receives the instance once it exists (e.g. to attach click handlers). */
  onReady?: (chart: EChartsType) => void;
  className?: string;
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

// Always a copy: ECharts clears `media` on the object it is given, and the caller's memoized
// option must keep its media queries for the next setOption.
function applyMotionPreference(option: EChartsOption): EChartsOption {
  return prefersReducedMotion() ? { ...option, animation: false } : { ...option };
}

/**
 * Client-only ECharts wrapper. echarts is imported inside an effect, so it never runs on the
 * server and only loads on pages that draw a chart. Resizes with its container; disposed on unmount.
 */
export function EChart({
  option,
  ariaLabel,
  height = 320,
  renderer = 'svg',
  locale = 'en',
  fallback,
  onReady,
  className,
}: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  // Latest values for the async init without re-creating the chart when they change.
  const optionRef = useRef(option);
  const onReadyRef = useRef(onReady);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    optionRef.current = option;
    onReadyRef.current = onReady;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let chart: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    let frame = 0;

    import('echarts')
      .then((echarts) => {
        if (cancelled) return;
        chart = echarts.init(container, CHART_THEME, {
          renderer,
          locale: locale === 'zh-CN' ? 'ZH' : 'EN',
        });
        chartRef.current = chart;
        const instance = chart;
        // A viewBox lets the print stylesheet scale the SVG to the page width without distortion.
        instance.on('finished', () => {
          const svg = container.querySelector('svg');
          svg?.setAttribute('viewBox', `0 0 ${instance.getWidth()} ${instance.getHeight()}`);
        });
        chart.setOption(applyMotionPreference(optionRef.current), { notMerge: true });
        observer = new ResizeObserver(() => {
          // Batch to one resize per frame; resizing inside the callback can loop.
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => {
            // Skip while hidden (closed <details>, inactive tab): a 0×0 chart would have to re-layout anyway.
            if (container.clientWidth > 0 && container.clientHeight > 0) chart?.resize();
          });
        });
        observer.observe(container);
        setStatus('ready');
        onReadyRef.current?.(chart);
      })
      .catch(() => {
        if (!cancelled) setStatus('failed');
      });

    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      chart?.dispose();
      chartRef.current = null;
    };
  }, [renderer, locale]);

  useEffect(() => {
    chartRef.current?.setOption(applyMotionPreference(option), { notMerge: true });
  }, [option]);

  const cssHeight = typeof height === 'number' ? `${height}px` : height;

  return (
    <figure
      role="img"
      aria-label={ariaLabel}
      aria-busy={status === 'loading' || undefined}
      data-echart=""
      className={cn('relative m-0 w-full min-w-0', className)}
      style={{ height: cssHeight }}
    >
      <div ref={containerRef} aria-hidden="true" className="absolute inset-0" />
      {status === 'loading' ? (
        <div aria-hidden="true" className="absolute inset-0 rounded-md bg-slate-100 motion-safe:animate-pulse" />
      ) : null}
      {status === 'failed' && fallback ? (
        <div className="absolute inset-0 grid place-items-center p-4 text-center text-sm text-muted-foreground">
          {fallback}
        </div>
      ) : null}
    </figure>
  );
}
