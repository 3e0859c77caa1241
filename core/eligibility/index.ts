// The eligibility engine's public API: pure TypeScript (no database, no Node-only imports).
// Rule tree (rules.ts), evaluation with explanations and gaps (evaluate.ts), benefits
// (benefits.ts), budget allocation (budget.ts), programs and runs (program.ts), sentences
// (render.ts). See docs/incentives.md.
export * from './rules';
export * from './input';
export * from './evaluate';
export * from './benefits';
export { allocateBudget, centsAtMost, rankOrder, type AllocationRequest, type AllocationResult } from './budget';
export * from './program';
export * from './render';
