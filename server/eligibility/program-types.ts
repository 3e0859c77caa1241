// Codes shared by the program format and the allocation (kept apart to avoid an import cycle).
export const PROGRAM_KIND_CODES = ['subsidy', 'tax_break', 'commendation'] as const;
export type ProgramKind = (typeof PROGRAM_KIND_CODES)[number];
export const PROGRAM_STATUS_CODES = ['draft', 'active', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUS_CODES)[number];
export const ALLOCATIONS_CODES = ['rank', 'pro_rata'] as const;
export type AllocationMethod = (typeof ALLOCATIONS_CODES)[number];
