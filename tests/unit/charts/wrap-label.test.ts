import { describe, expect, it } from 'vitest';
import { wrapLabel } from '@/components/charts/wrap-label';

describe('wrapLabel', () => {
  it('breaks at spaces into lines of at most the width', () => {
    expect(wrapLabel('Poverty prevention', 12)).toBe('Poverty\nprevention');
    expect(wrapLabel('Farmer income', 12)).toBe('Farmer\nincome');
    expect(wrapLabel('Income of the farmers', 12)).toBe('Income of\nthe farmers');
    expect(wrapLabel('Goal', 12)).toBe('Goal');
  });

  it('keeps an overlong word whole and counts a CJK character as two', () => {
    expect(wrapLabel('Industrialisation value', 12)).toBe('Industrialisation\nvalue');
    expect(wrapLabel('防返贫', 12)).toBe('防返贫');
    expect(wrapLabel('农民人均可支配收入', 12)).toBe('农民人均可支\n配收入');
  });
});
