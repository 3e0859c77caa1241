// Sharing a budget among qualifying stakeholders. Money is settled in whole cents, in integer
// arithmetic, so the total can never exceed the budget through rounding.
//
// Rank order: composite descending; ties (within the engine tolerance they are still ordered by
// the exact value) broken by stakeholder code ascending (code-unit order); a missing composite
// comes last.
// - rank: walk the order paying each demand in full while the budget lasts. The first demand the
//   rest cannot pay in full gets what is left (`partial`) or nothing (`skip`); either way the
//   allocation stops there, so nobody ranked lower is paid while someone ranked higher is not.
// - pro_rata: every demand is scaled by budget/total demand when demand exceeds the budget:
//   cents_i = ⌊demand_i · budget / Σ demand⌋ (BigInt, so no precision is lost); the cents the floors
//   leave over stay unspent. With enough budget everyone is paid in full.
// Without a budget everyone is paid their demand.
import { ALLOCATIONS, type Allocation } from '@/core/domain/enums';

export { ALLOCATIONS };

export interface AllocationRequest {
  stakeholder: string;
  composite: number | null;
  /** The amount asked (already capped per recipient). */
  demand: number;
}

export interface AllocationResult {
  stakeholder: string;
  demand: number;
  allocated: number;
  /** Why the allocation is below the demand. */
  cut: 'budget_partial' | 'budget_exhausted' | 'pro_rata' | null;
}

/** The largest whole number of cents whose value does not exceed x (x ≥ 0). */
export function centsAtMost(x: number): number {
  if (!(x > 0)) return 0;
  let c = Math.floor(x * 100);
  while ((c + 1) / 100 <= x) c++;
  while (c > 0 && c / 100 > x) c--;
  return c;
}

/** The documented rank order: composite desc, then code asc; no composite last. */
export function rankOrder<T extends { stakeholder: string; composite: number | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.composite === null || b.composite === null) {
      if (a.composite !== b.composite) return a.composite === null ? 1 : -1;
    } else if (a.composite !== b.composite) {
      return b.composite - a.composite;
    }
    return a.stakeholder < b.stakeholder ? -1 : a.stakeholder > b.stakeholder ? 1 : 0;
  });
}

export function allocateBudget(
  requests: readonly AllocationRequest[],
  budget: number | null,
  method: Allocation,
  lastAward: 'partial' | 'skip',
): AllocationResult[] {
  const ordered = rankOrder(requests);
  const demandCents = ordered.map((r) => centsAtMost(r.demand));
  if (budget === null) {
    return ordered.map((r, i) => ({ stakeholder: r.stakeholder, demand: r.demand, allocated: demandCents[i]! / 100, cut: null }));
  }
  const budgetCents = centsAtMost(budget);
  const total = demandCents.reduce((a, b) => a + b, 0);
  if (total <= budgetCents) {
    return ordered.map((r, i) => ({ stakeholder: r.stakeholder, demand: r.demand, allocated: demandCents[i]! / 100, cut: null }));
  }
  if (method === 'pro_rata') {
    const b = BigInt(budgetCents);
    const t = BigInt(total);
    return ordered.map((r, i) => {
      const cents = Number((BigInt(demandCents[i]!) * b) / t);
      return { stakeholder: r.stakeholder, demand: r.demand, allocated: cents / 100, cut: cents < demandCents[i]! ? 'pro_rata' : null };
    });
  }
  let left = budgetCents;
  let stopped = false;
  return ordered.map((r, i) => {
    const want = demandCents[i]!;
    if (stopped) return { stakeholder: r.stakeholder, demand: r.demand, allocated: 0, cut: want > 0 ? 'budget_exhausted' : null };
    if (want <= left) {
      left -= want;
      return { stakeholder: r.stakeholder, demand: r.demand, allocated: want / 100, cut: null };
    }
    stopped = true;
    const paid = lastAward === 'partial' ? left : 0;
    left -= paid;
    return { stakeholder: r.stakeholder, demand: r.demand, allocated: paid / 100, cut: paid > 0 ? 'budget_partial' : 'budget_exhausted' };
  });
}

export interface RankStanding {
  /** 1-based place among the demands in rank order; null when the stakeholder asked nothing. */
  rank: number | null;
  /** How many demands were ranked. */
  of: number;
  /** The last place the budget paid something to, when it did not pay everyone; null otherwise. */
  lastPaid: number | null;
}

/**
 * Where a stakeholder stands in a rank allocation (results in rank order, as allocateBudget returns
 * them): its place and how far down the budget reached. The scorecard counts the same from the
 * stored determinations (server/queries/incentive-outlook.ts); this is its reference.
 */
export function rankStanding(results: readonly AllocationResult[], stakeholder: string): RankStanding {
  const at = results.findIndex((r) => r.stakeholder === stakeholder);
  const shortOf = results.some((r) => r.cut !== null);
  let lastPaid: number | null = null;
  if (shortOf) results.forEach((r, i) => r.allocated > 0 && (lastPaid = i + 1));
  return { rank: at < 0 ? null : at + 1, of: results.length, lastPaid };
}
