// Ranks and percentiles among peers.
//
// rank: 1 = best (the highest value); ties share the better (smaller) rank number, the "standard
//   competition ranking" (1, 2, 2, 4): rank = 1 + the number of peers with a strictly better value.
// percentile = 100 · (n − rank) / (n − 1), n = the number of peers with a value: the share of the
//   *other* peers this one does at least as well as. The best gets 100, a lone peer gets 100, all
//   tied peers get 100, the strict worst gets 0.
// Ties: two values count as equal when they differ by no more than the engine tolerance
//   (|a − b| ≤ 1e-9 · max(1, |a|, |b|)), so composites that differ only by rounding noise share a
//   rank. Groups are formed from the top down: a value joins the group of the best value it is
//   within tolerance of.
// Missing values (null, NaN) get a null rank and percentile and do not count in n.
import { nearlyEqual } from './tolerance';

export interface RankAndPercentile {
  rank: number | null;
  percentile: number | null;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LOW_WORD = LITTLE_ENDIAN ? 0 : 1;
const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0;
const DIGITS = 1 << 16;

/**
 * Positions 0…n−1 of `keys` (finite numbers) ordered by ascending value; ties keep their order.
 * An LSD radix sort on the IEEE-754 bits, 16 bits a pass (skipping passes where every key has the
 * same digit): linear time, several times faster than comparison sorting with an index array.
 * The bits are made to sort as unsigned integers: positive numbers get the sign bit set, negative
 * numbers have every bit flipped.
 */
export function sortedPositions(keys: Float64Array): Uint32Array {
  const n = keys.length;
  if (n < SMALL) return sortedPositionsSmall(keys);
  const words = new Uint32Array(keys.buffer, keys.byteOffset, n * 2);
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + HIGH_WORD]!;
    let l = words[2 * i + LOW_WORD]!;
    if (keys[i] === 0) {
      h = 0; // -0 sorts with 0
      l = 0;
    }
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    high[i] = h;
    low[i] = l;
  }
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const source = pass < 2 ? low : high;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = (source[i]! >>> shift) & 0xffff;
      counts[digit] = counts[digit]! + 1;
    }
    if (n === 0 || counts[(source[0]! >>> shift) & 0xffff] === n) continue; // one digit: nothing to do
    let total = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = counts[d]!;
      counts[d] = total;
      total += c;
    }
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      const digit = (source[i]! >>> shift) & 0xffff;
      const slot = counts[digit]!;
      counts[digit] = slot + 1;
      next[slot] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Below this many keys a comparison sort wins: each radix pass clears and sums 65,536 counters,
 * which dominated a run ranked within each of a province's counties (hundreds of small groups).
 */
const SMALL = 2048;

/** The same order as the radix sort (ascending, -0 with 0, ties by position), by comparison. */
function sortedPositionsSmall(keys: Float64Array): Uint32Array {
  const order = new Uint32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
}

/** Ranks `values` (NaN = missing) highest first, writing rank and percentile (NaN for missing). */
export function rankDescendingInto(values: Float64Array, rankOut: Float64Array, percentileOut: Float64Array): void {
  const n = values.length;
  let presentCount = 0;
  for (let i = 0; i < n; i++) if (values[i] === values[i]) presentCount++;
  const present = new Float64Array(presentCount);
  const rowOf = new Uint32Array(presentCount);
  for (let i = 0, k = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v) {
      present[k] = v;
      rowOf[k++] = i;
    } else {
      rankOut[i] = NaN;
      percentileOut[i] = NaN;
    }
  }
  const ascending = sortedPositions(present);
  let leaderValue = NaN;
  let leaderRank = 0;
  for (let p = presentCount - 1, seen = 0; p >= 0; p--, seen++) {
    const k = ascending[p]!;
    const v = present[k]!;
    if (seen === 0 || !nearlyEqual(v, leaderValue)) {
      leaderValue = v;
      leaderRank = seen + 1;
    }
    const row = rowOf[k]!;
    rankOut[row] = leaderRank;
    percentileOut[row] = presentCount === 1 ? 100 : (100 * (presentCount - leaderRank)) / (presentCount - 1);
  }
}

/** Rank (1 = highest) and percentile of each value among the non-null ones; see the definitions above. */
export function rankAndPercentile(values: readonly (number | null)[]): RankAndPercentile[] {
  const typed = new Float64Array(values.length);
  values.forEach((v, i) => {
    typed[i] = v === null || !Number.isFinite(v) ? NaN : v;
  });
  const ranks = new Float64Array(values.length);
  const percentiles = new Float64Array(values.length);
  rankDescendingInto(typed, ranks, percentiles);
  return values.map((_, i) => {
    const rank = ranks[i]!;
    return rank === rank ? { rank, percentile: percentiles[i]! } : { rank: null, percentile: null };
  });
}
