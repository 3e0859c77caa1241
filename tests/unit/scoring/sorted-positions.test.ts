import { describe, expect, it } from 'vitest';
import { sortedPositions } from '@/core/scoring/rank';
import { mulberry32 } from '@/core/scoring/sensitivity';

/** Ascending by value, -0 with 0, ties in their original order: what both sorts must give. */
function reference(keys: Float64Array): number[] {
  return [...keys.keys()].sort((a, b) => (keys[a]! === keys[b]! ? a - b : keys[a]! - keys[b]!));
}

function keysOf(n: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  // Few distinct values (many ties), negatives, both zeros, tiny and huge magnitudes.
  const pool = [0, -0, 1, -1, 0.5, 1e-300, -1e300, 1e300, 42.125, -3.75, 99.99, Number.MAX_VALUE];
  return Float64Array.from({ length: n }, () => (r() < 0.5 ? pool[Math.floor(r() * pool.length)]! : (r() - 0.5) * 200));
}

describe('sortedPositions', () => {
  it('orders small groups (comparison sort) exactly as the reference', () => {
    for (const n of [0, 1, 2, 7, 100, 2047]) expect([...sortedPositions(keysOf(n, n + 1))]).toEqual(reference(keysOf(n, n + 1)));
  });

  it('orders large groups (radix sort) exactly as the reference', () => {
    for (const n of [2048, 5000]) expect([...sortedPositions(keysOf(n, n + 1))]).toEqual(reference(keysOf(n, n + 1)));
  });
});
