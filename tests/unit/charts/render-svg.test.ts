import { describe, expect, it } from 'vitest';
import { hoistFontFamily, renderChartSvg, renderChartVariants } from '@/lib/charts/render-svg';
import { buildOption, type ChartSpec } from '@/components/charts/specs';
import { VARIANT_WIDTHS } from '@/components/charts/theme';

const radar: ChartSpec = {
  kind: 'radar',
  locale: 'zh-CN',
  labels: ['经济发展与产业振兴', '生态宜居', 'Governance'],
  values: [72.44, null, 55],
  scale: 100,
  seriesName: '2025',
};

/** The texts drawn in an SVG, in order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('server-drawn charts', () => {
  it('draws a radar with its axis names (Chinese kept) and rounded values, at the size asked', () => {
    const svg = renderChartSvg(radar, 600, 260);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox="0 0 600 260"');
    expect(texts(svg)).toEqual(expect.arrayContaining(['经济发展与产业振兴', '生态宜居', 'Governance', '72.4']));
    // The page's font stack, so the browser picks a CJK face for the Chinese labels, inside the
    // root's style attribute (a double quote in the stack would end it early), said once: the
    // texts inherit it. A Chinese page's stack starts with the CJK faces, as the page's does.
    expect(svg).toMatch(/^<svg style="font-family:'Noto Sans CJK SC',[^"]*sans-serif" /);
    expect(svg.match(/font-family/g)).toHaveLength(1);
    expect(texts(svg).length).toBeGreaterThan(4);
  });

  it('applies the phone layout to the narrow drawing only (axis names wrapped)', () => {
    const [narrow, medium, wide] = renderChartVariants(radar, 260, 300);
    expect([narrow!.variant, medium!.variant, wide!.variant]).toEqual(['narrow', 'medium', 'wide']);
    expect(narrow!.svg).toContain(`viewBox="0 0 ${VARIANT_WIDTHS.narrow} 300"`);
    expect(wide!.svg).toContain(`viewBox="0 0 ${VARIANT_WIDTHS.wide} 260"`);
    // Wrapped at six CJK characters a line on a phone, one line on wider boxes.
    expect(texts(narrow!.svg)).toEqual(expect.arrayContaining(['经济发展与产', '业振兴']));
    expect(texts(narrow!.svg)).not.toContain('经济发展与产业振兴');
    expect(texts(medium!.svg)).toContain('经济发展与产业振兴');
  });

  it('draws grouped bars and lines with their category and series names', () => {
    const bars = renderChartSvg(
      { kind: 'groupedBars', locale: 'en', categories: ['Town A', 'Village B'], series: [{ name: 'Mean', values: [61, 48.25] }, { name: '乡镇均值', values: [50, null] }], max: 100, horizontal: true },
      600,
      300,
    );
    expect(texts(bars)).toEqual(expect.arrayContaining(['Town A', 'Village B', 'Mean', '乡镇均值']));
    // One bar per value (none for the missing one), plus the series' legend key.
    const shapes = (fill: string) => bars.match(new RegExp(`<path d="M[^"]*Z" [^>]*fill="${fill}"`, 'g'))?.length ?? 0;
    expect(shapes('#0072B2')).toBe(2 + 1);
    expect(shapes('#E69F00')).toBe(1 + 1);

    const trend = renderChartSvg({ kind: 'trend', locale: 'en', periods: ['2023', '2024', '2025'], series: [{ name: 'Composite', values: [40, 50, 60] }], scale: 100 }, 1000, 300);
    expect(texts(trend)).toEqual(expect.arrayContaining(['2023', '2024', '2025', 'Composite']));
  });

  it('leaves tooltips out of the server drawing but keeps them in the browser option', () => {
    expect(buildOption(radar).tooltip).toBeDefined();
    expect(renderChartSvg(radar, 340, 260)).not.toMatch(/tooltip/i);
  });

  it('leaves a text with another family its own', () => {
    const svg = '<svg width="1"><text style="font-size:12px;font-family:A, sans-serif;">a</text><text style="font-family:B;">b</text></svg>';
    expect(hoistFontFamily(svg)).toBe('<svg style="font-family:A, sans-serif" width="1"><text style="font-size:12px;">a</text><text style="font-family:B;">b</text></svg>');
  });
});
