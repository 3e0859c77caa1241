// The browser's ECharts: only the core, the chart types the app draws, tooltips and the SVG
// renderer. Loaded on demand (a chart's first interaction, or a chart whose data changed in the
// browser), never with the page.
import { init, use as register } from 'echarts/core';
import { BarChart, BoxplotChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

register([BarChart, BoxplotChart, LineChart, RadarChart, GridComponent, LegendComponent, TooltipComponent, LegacyGridContainLabel, SVGRenderer]);

export { init };
