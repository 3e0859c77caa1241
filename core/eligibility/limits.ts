// The size limits of a rule, apart from its schemas (rules.ts) so that code the browser runs
// (forward.ts, render.ts) can read them without loading zod.

/** Most clauses a rule may hold; keeps evaluation and gap search small and a rule readable. */
export const MAX_RULE_CLAUSES = 24;
export const MAX_RULE_DEPTH = 6;
export const MAX_CONSECUTIVE_PERIODS = 12;
