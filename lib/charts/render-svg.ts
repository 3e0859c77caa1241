import 'server-only';
// Charts drawn on the server: ECharts' SSR mode renders an option to an SVG string without a
// DOM, so the chart is in the HTML and appears with the first paint. Only the chart types and
// components the app's charts use are registered (and grid.containLabel, legacy in ECharts 6);
// tooltips are the browser's business.
import { init, use as register } from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import { buildOption, narrowHeightOf, type ChartSpec } from '@/components/charts/specs';
import { chartTheme, VARIANT_WIDTHS, type ChartVariant } from '@/components/charts/theme';

register([BarChart, LineChart, RadarChart, GridComponent, LegendComponent, LegacyGridContainLabel, SVGRenderer]);

/** One chart option drawn at width × height px as an SVG document (with a viewBox, so it scales). */
export function renderChartSvg(spec: ChartSpec, width: number, height: number): string {
  const chart = init(null, chartTheme(spec.locale), { renderer: 'svg', ssr: true, width, height, locale: spec.locale === 'zh-CN' ? 'ZH' : 'EN' });
  try {
    const { tooltip: _tooltip, ...option } = buildOption(spec);
    chart.setOption({ ...option, animation: false });
    return hoistFontFamily(chart.renderToSVGString({ useViewBox: true }));
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts writes the font family into every text's style; said once on the root instead (texts
 * inherit it), a chart of 129 counties is a third smaller, which counts three times per chart
 * and again in the page's RSC payload.
 */
export function hoistFontFamily(svg: string): string {
  const family = /font-family:([^;"]+)/.exec(svg)?.[1];
  if (!family) return svg;
  const same = new RegExp(`font-family:${family.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')};?`, 'g');
  return svg.replace(same, '').replace(/ style=""/g, '').replace('<svg ', `<svg style="font-family:${family}" `);
}

export type ChartSvgs = { variant: ChartVariant; width: number; height: number; svg: string }[];

/**
 * The chart drawn once per width band (phone, tablet/half column, wide), each at the width it is
 * shown near; the page shows the one matching its box (container query), and each keeps the
 * layout its width calls for (the options' `media` rules).
 */
export function renderChartVariants(spec: ChartSpec, height: number, narrowHeight = narrowHeightOf(spec, height)): ChartSvgs {
  return (Object.keys(VARIANT_WIDTHS) as ChartVariant[]).map((variant) => {
    const width = VARIANT_WIDTHS[variant];
    const h = variant === 'narrow' ? narrowHeight : height;
    return { variant, width, height: h, svg: renderChartSvg(spec, width, h) };
  });
}
