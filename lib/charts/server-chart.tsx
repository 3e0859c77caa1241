import 'server-only';
// A chart drawn on the server (SVG in the HTML), with tooltips added in the browser on demand.
import { ChartIsland } from '@/components/charts/chart-island';
import { renderChartVariants } from './render-svg';
import type { ChartSpec } from '@/components/charts/specs';

export function ServerChart({ spec, ariaLabel, height = 320, narrowHeight, className }: {
  spec: ChartSpec;
  ariaLabel: string;
  /** Height (px) at which the tablet and wide drawings are made; the SVG then scales with its width. */
  height?: number;
  /** Height of the phone drawing; by default taller by the rows of its legend below the plot. */
  narrowHeight?: number;
  className?: string;
}) {
  return <ChartIsland spec={spec} ariaLabel={ariaLabel} height={height} svgs={renderChartVariants(spec, height, narrowHeight)} className={className} />;
}
