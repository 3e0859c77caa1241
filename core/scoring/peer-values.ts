// The other peers of one stakeholder for one peer-dependent indicator, as the ascending list of
// their present values. With it the engine scores that stakeholder's row alone — whatever value
// it is given — exactly as it would score the whole peer matrix: minimum and maximum, mean and
// standard deviation summed in the same ascending order, and the percentile rank with the same
// tie groups (rank.ts). A published run stores the list, so a scorecard never reloads the peers.
import { nearlyEqual } from './tolerance';

/** What scoring one row among its peers asks of them (normalizer.ts): the whole column, or a summary of it (preview.ts). */
export interface PeerDistribution {
  readonly count: number;
  /** Infinity / −Infinity when there are no peers. */
  readonly min: number;
  readonly max: number;
  meanAndSd(x: number): { count: number; mean: number; sd: number };
  percentileOf(x: number, sign: number): number;
}

export class PeerValues implements PeerDistribution {
  /** Leader value and rank of each place in descending order, per direction (lazily). */
  private readonly leaders = new Map<number, { value: Float64Array; rank: Float64Array }>();

  /** `ascending`: the other peers' present values, sorted ascending. */
  constructor(readonly ascending: Float64Array) {}

  /** The peers of a whole column but one: `own` (a value of the column, or NaN) taken out once. */
  static without(allAscending: Float64Array, own: number): PeerValues {
    if (own !== own) return new PeerValues(allAscending);
    const at = lowerBound(allAscending, own);
    if (at >= allAscending.length || allAscending[at] !== own) return new PeerValues(allAscending);
    const others = new Float64Array(allAscending.length - 1);
    others.set(allAscending.subarray(0, at));
    others.set(allAscending.subarray(at + 1), at);
    return new PeerValues(others);
  }

  get count(): number {
    return this.ascending.length;
  }

  get min(): number {
    return this.count ? this.ascending[0]! : Infinity;
  }

  get max(): number {
    return this.count ? this.ascending[this.count - 1]! : -Infinity;
  }

  /** Mean and population sd of the peers with x added (x NaN: without), summed ascending like the engine. */
  meanAndSd(x: number): { count: number; mean: number; sd: number } {
    const values = this.ascending;
    const has = x === x;
    const count = values.length + (has ? 1 : 0);
    let sum = 0;
    let inserted = !has;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!inserted && v > x) {
        sum += x;
        inserted = true;
      }
      sum += v;
    }
    if (!inserted) sum += x;
    const mean = sum / count;
    let squares = 0;
    inserted = !has;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!inserted && v > x) {
        squares += (x - mean) * (x - mean);
        inserted = true;
      }
      squares += (v - mean) * (v - mean);
    }
    if (!inserted) squares += (x - mean) * (x - mean);
    return { count, mean, sd: Math.sqrt(squares / count) };
  }

  /** Percentile (0…100, rank.ts) of a present x among the peers and itself; sign −1 ranks the lowest first. */
  percentileOf(x: number, sign: number): number {
    const n = this.count + 1;
    if (n === 1) return 100;
    return (100 * (n - this.rankOf(x, sign))) / (n - 1);
  }

  /** Rank (1 = best, rank.ts's ties) of a present x among the peers and itself; sign −1 ranks the lowest first. */
  rankOf(x: number, sign: number): number {
    const own = sign < 0 ? -x : x;
    // Places above x in descending order: the peers strictly better.
    const values = this.ascending;
    const better = sign < 0 ? lowerBound(values, x) : values.length - upperBound(values, x);
    let rank = better + 1;
    if (better > 0) {
      const chain = this.leaderChain(sign);
      if (nearlyEqual(own, chain.value[better - 1]!)) rank = chain.rank[better - 1]!;
    }
    return rank;
  }

  /** Tie groups formed from the top down, as rankDescendingInto forms them. */
  private leaderChain(sign: number) {
    const cached = this.leaders.get(sign);
    if (cached) return cached;
    const m = this.count;
    const value = new Float64Array(m);
    const rank = new Float64Array(m);
    let leaderValue = NaN;
    let leaderRank = 0;
    for (let p = 0; p < m; p++) {
      const v = sign < 0 ? -this.ascending[p]! : this.ascending[m - 1 - p]!;
      if (p === 0 || !nearlyEqual(v, leaderValue)) {
        leaderValue = v;
        leaderRank = p + 1;
      }
      value[p] = leaderValue;
      rank[p] = leaderRank;
    }
    const chain = { value, rank };
    this.leaders.set(sign, chain);
    return chain;
  }
}

/** First index whose value is ≥ x. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x. */
function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The present values of a column, ascending (the form a run stores). */
export function ascendingPresent(values: Iterable<number | null | undefined>): Float64Array {
  const present: number[] = [];
  for (const v of values) if (typeof v === 'number' && v === v) present.push(v);
  return Float64Array.from(present).sort();
}
