'use client';
// A chart in the page. With `svgs` (drawn on the server) it shows them at once and loads ECharts
// only when someone points at or touches the chart, to add tooltips over the same drawing. Without
// them (data that changed in the browser) it loads ECharts and draws straight away.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EChartsType } from 'echarts/core';
import { cn } from '@/lib/cn';
import { buildOption, type ChartSpec } from './specs';
import { chartTheme, type ChartVariant } from './theme';

export type ChartSvg = { variant: ChartVariant; width: number; height: number; svg: string };

/** Which SVG shows at which width of the chart's box (container queries; see NARROW and WIDE). */
const VARIANT_CLASS: Record<ChartVariant, string> = {
  narrow: 'block @min-[520px]:hidden',
  medium: 'hidden @min-[520px]:block @min-[900px]:hidden',
  wide: 'hidden @min-[900px]:block',
};

export interface ChartIslandProps {
  spec: ChartSpec;
  /** Short description of what the chart shows; the accompanying table carries the numbers. */
  ariaLabel: string;
  /** Height (px) of a chart drawn in the browser; server-drawn ones keep their SVG's proportions. */
  height?: number;
  /** The server's drawings of exactly this spec, one per width band. */
  svgs?: readonly ChartSvg[] | null;
  className?: string;
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function ChartIsland({ spec, ariaLabel, height = 320, svgs, className }: ChartIslandProps) {
  const figureRef = useRef<HTMLElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const specRef = useRef(spec);
  const startedRef = useRef(false);
  // Bumped on cleanup, so a library that arrives after the chart was torn down draws nothing.
  const generationRef = useRef(0);
  const cleanupRef = useRef<(() => void) | null>(null);
  const hasSvgs = !!svgs && svgs.length > 0;
  // 'static': the server's SVG; 'loading' / 'ready' / 'failed': ECharts in the browser.
  const [status, setStatus] = useState<'static' | 'loading' | 'ready' | 'failed'>(hasSvgs ? 'static' : 'loading');
  // Once drawn by ECharts the box keeps the height the SVG had, so nothing moves.
  const [fixedHeight, setFixedHeight] = useState<number | null>(null);

  useEffect(() => {
    specRef.current = spec;
  });

  const start = useCallback((animate: boolean) => {
    const container = containerRef.current;
    if (startedRef.current || !container) return;
    startedRef.current = true;
    const generation = ++generationRef.current;
    if (hasSvgs) {
      const h = figureRef.current?.getBoundingClientRect().height;
      if (h) setFixedHeight(h);
    }
    let observer: ResizeObserver | null = null;
    let frame = 0;
    import('./echarts-client')
      .then(({ init }) => {
        if (generation !== generationRef.current || !containerRef.current) return;
        const chart = init(container, chartTheme(specRef.current.locale), { renderer: 'svg', locale: specRef.current.locale === 'zh-CN' ? 'ZH' : 'EN' });
        chartRef.current = chart;
        // A viewBox lets the print stylesheet scale the SVG to the page width without distortion.
        chart.on('finished', () => {
          container.querySelector('svg')?.setAttribute('viewBox', `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
        });
        // Over a server drawing there is nothing to animate: the chart is already there.
        chart.setOption({ ...buildOption(specRef.current), animation: animate && !prefersReducedMotion() }, { notMerge: true });
        observer = new ResizeObserver(() => {
          // Batch to one resize per frame; resizing inside the callback can loop.
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => {
            // Skip while hidden (closed <details>, inactive tab): a 0×0 chart would have to re-layout anyway.
            if (container.clientWidth > 0 && container.clientHeight > 0) chart.resize();
          });
        });
        observer.observe(container);
        setStatus('ready');
      })
      .catch(() => {
        if (generation === generationRef.current) setStatus('failed');
      });
    cleanupRef.current = () => {
      generationRef.current++;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
      startedRef.current = false;
    };
  }, [hasSvgs]);

  // Without a server drawing, draw now; with one, wait for an interaction. New data redraws.
  useEffect(() => {
    if (chartRef.current) chartRef.current.setOption({ ...buildOption(spec), animation: !hasSvgs && !prefersReducedMotion() }, { notMerge: true });
    else if (!hasSvgs) start(true);
  }, [hasSvgs, spec, start]);

  useEffect(() => () => cleanupRef.current?.(), []);

  const interact = hasSvgs && status === 'static' ? () => start(false) : undefined;
  const cssHeight = !hasSvgs ? `${height}px` : fixedHeight !== null ? `${fixedHeight}px` : undefined;
  const showStatic = hasSvgs && status !== 'ready';

  return (
    <figure
      ref={figureRef}
      role="img"
      aria-label={ariaLabel}
      aria-busy={status === 'loading' && !hasSvgs ? true : undefined}
      data-echart=""
      data-chart-state={status}
      className={cn('@container relative m-0 w-full min-w-0', className)}
      style={cssHeight ? { height: cssHeight } : undefined}
      onPointerEnter={interact}
      onPointerDown={interact}
      onFocusCapture={interact}
    >
      {showStatic
        ? svgs!.map((v) => (
            <div
              key={v.variant}
              aria-hidden="true"
              data-chart-variant={v.variant}
              className={cn(VARIANT_CLASS[v.variant], '[&>svg]:block [&>svg]:h-auto [&>svg]:w-full')}
              dangerouslySetInnerHTML={{ __html: v.svg }}
            />
          ))
        : null}
      <div ref={containerRef} aria-hidden="true" className="absolute inset-0" />
      {status === 'loading' && !hasSvgs ? (
        <div aria-hidden="true" className="absolute inset-0 rounded-md bg-slate-100 motion-safe:animate-pulse" />
      ) : null}
    </figure>
  );
}
