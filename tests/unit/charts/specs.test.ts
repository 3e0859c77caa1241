import { describe, expect, it } from 'vitest';
import { buildOption, legendRows, narrowHeightOf, type ChartSpec } from '@/components/charts/specs';
import { NARROW, VARIANT_WIDTHS, WIDE } from '@/components/charts/theme';

const trend: ChartSpec = {
  kind: 'trend',
  locale: 'zh-CN',
  periods: ['2024', '2025'],
  series: ['综合得分', '产业发展与经济增长', '生态环境保护', '乡村治理能力', '民生保障水平'].map((name) => ({ name, values: [50, 60] })),
  scale: 100,
};

describe('chart options', () => {
  it('wraps legends into more rows as the box narrows (CJK names counted a full em each)', () => {
    const names = trend.kind === 'trend' ? trend.series.map((s) => s.name) : [];
    const wide = legendRows(names, VARIANT_WIDTHS.wide);
    const narrow = legendRows(names, VARIANT_WIDTHS.narrow);
    expect(wide).toBe(1);
    expect(narrow).toBeGreaterThanOrEqual(3);
    expect(legendRows(['a'], 100)).toBe(1);
  });

  it('puts the legend above the plot on wide boxes and below it on a phone, never as a scrolling pager', () => {
    const option = buildOption(trend);
    expect(option.legend).toMatchObject({ type: 'plain', top: 0 });
    const media = option.media as { query: { maxWidth: number }; option: { legend?: object; grid?: { top: number; bottom: number } } }[];
    const phone = media.find((m) => m.query.maxWidth === NARROW)!;
    const tablet = media.find((m) => m.query.maxWidth === WIDE)!;
    expect(phone.option.legend).toMatchObject({ top: 'auto', bottom: 0 });
    // Below the plot the legend's rows are room taken from the bottom; above it, from the top.
    expect(phone.option.grid!.bottom).toBeGreaterThan((option.grid as { bottom: number }).bottom + 60);
    expect(tablet.option.grid!.top).toBeGreaterThanOrEqual((option.grid as { top: number }).top);
    // The phone drawing grows by the legend's rows, so the plot keeps its height.
    expect(narrowHeightOf(trend, 300)).toBeGreaterThan(300 + 60);
  });

  it('builds a new option each time (ECharts consumes media) with the same content', () => {
    const a = buildOption(trend);
    const b = buildOption(trend);
    expect(a).not.toBe(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
