/**
 * Chart colours. The categorical palette is Okabe–Ito (Okabe & Ito 2008, "Color Universal Design",
 * https://jfly.uni-koeln.de/color/), distinguishable under the common colour-vision deficiencies.
 * Same values and order as the CSS variables --chart-1 … --chart-8 in app/globals.css.
 * Even so, never encode meaning by colour alone: label series and keep the data table next to the chart.
 */
export const CHART_PALETTE = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#F0E442', // yellow (weak on white: keep it for fills with an outline, not thin lines)
  '#000000', // black
] as const;

export type ChartColor = (typeof CHART_PALETTE)[number];

/** Colour of the n-th series (0-based), cycling through the palette. */
export function chartColor(index: number): ChartColor {
  const length = CHART_PALETTE.length;
  const wrapped = ((Math.trunc(index) % length) + length) % length;
  return CHART_PALETTE[wrapped] as ChartColor;
}

/**
 * Sequential single-hue ramp (light → dark teal, matching the primary) for ordered values such as
 * heat maps of scores or the 10 coordination classes sampled along it.
 */
export const CHART_SEQUENTIAL = [
  '#e6f1f4',
  '#c2dde6',
  '#8fc1d1',
  '#5aa2b9',
  '#2c819c',
  '#0b5c73',
  '#073f50',
] as const;

/** Neutral colours for axes, grid lines and labels, taken from the UI tokens. */
export const CHART_NEUTRALS = {
  text: '#0f172a',
  mutedText: '#475569',
  axisLine: '#94a3b8',
  gridLine: '#e2e8f0',
  background: 'transparent',
} as const;
