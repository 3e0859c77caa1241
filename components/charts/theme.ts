// The charts' look, shared by the server renderer (SVG in the HTML) and the browser (tooltips).
import { CHART_NEUTRALS, CHART_PALETTE } from './palette';

import type { Locale } from '@/i18n/config';

/**
 * The page's family stacks (--font-sans, and --font-cjk on Chinese pages, in app/globals.css), so
 * chart text matches the text around it. Single quotes: the server's SVG puts the stack in a
 * double-quoted style attribute, which a `"` would end.
 */
export const CHART_FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', " +
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif";
export const CHART_FONT_FAMILY_CJK =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', system-ui, sans-serif";

const axisTheme = {
  axisLine: { lineStyle: { color: CHART_NEUTRALS.axisLine } },
  axisTick: { lineStyle: { color: CHART_NEUTRALS.axisLine } },
  axisLabel: { color: CHART_NEUTRALS.mutedText },
  splitLine: { lineStyle: { color: [CHART_NEUTRALS.gridLine] } },
  nameTextStyle: { color: CHART_NEUTRALS.mutedText },
};

/** ECharts theme object (passed straight to init) matching the app's tokens. */
const CHART_THEME = {
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

/** The theme for a page in `locale`: its text in the page's font stack. */
export function chartTheme(locale: Locale) {
  if (locale !== 'zh-CN') return CHART_THEME;
  const fontFamily = CHART_FONT_FAMILY_CJK;
  return {
    ...CHART_THEME,
    textStyle: { ...CHART_THEME.textStyle, fontFamily },
    tooltip: { ...CHART_THEME.tooltip, textStyle: { ...CHART_THEME.tooltip.textStyle, fontFamily } },
  };
}

/**
 * Widths (px of the chart's box) at which the layout changes: below NARROW the phone layout
 * (the options' `media` rules), and the server draws one SVG per band so each reads at its size.
 */
export const NARROW = 520;
export const WIDE = 900;

/** The width each band's SVG is drawn at; it then scales with its box (viewBox, width 100%). */
export const VARIANT_WIDTHS = { narrow: 340, medium: 600, wide: 1000 } as const;
export type ChartVariant = keyof typeof VARIANT_WIDTHS;
