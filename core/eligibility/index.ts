// The eligibility engine's public API: pure TypeScript (no database, no Node-only imports).
// Rule tree (rules.ts), three-valued logic and comparisons (atoms.ts), evaluation with
// explanations (evaluate.ts), gaps (gap.ts), benefits (benefits.ts), budget allocation
// (budget.ts), programs and runs (program.ts), sentences (render.ts). See docs/incentives.md.
export * from './rules';
export * from './input';
export { compare, type MetricRef, type Truth } from './atoms';
export * from './evaluate';
export { applyGap, type Gap, type GapChange } from './gap';
export * from './benefits';
export { allocateBudget, centsAtMost, rankOrder, rankStanding, type AllocationRequest, type AllocationResult, type RankStanding } from './budget';
export * from './forward';
export * from './program';
export * from './not-scored';
export * from './render';
