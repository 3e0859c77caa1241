// The closed sets of codes the whole app shares: the database's check constraints, the input
// schemas, the UI's pickers and the CLI all take them from here.

export const ROLES = ['admin', 'assessor', 'stakeholder'] as const;
export type Role = (typeof ROLES)[number];

export const REGION_LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const STAKEHOLDER_TYPES = ['county_town', 'rural', 'market'] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];

export const PERIOD_KINDS = ['quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_STATUSES = ['open', 'closed', 'published'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];
export const EVALUATION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const PROGRAM_KINDS = ['subsidy', 'tax_break', 'commendation'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];
export const PROGRAM_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
/** An override of a determination waits for a second administrator's approval. */
export const OVERRIDE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];
export const ALLOCATIONS = ['rank', 'pro_rata'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const VALUE_TYPES = ['number', 'integer', 'percent'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const AGGREGATIONS = ['arithmetic', 'geometric'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const MISSING_POLICIES = ['reweight', 'zero', 'reject'] as const;
export type MissingPolicy = (typeof MISSING_POLICIES)[number];
export const VERSION_STATUSES = ['draft', 'published'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const SCORE_RUN_STATUSES = ['draft', 'published'] as const;
export type ScoreRunStatus = (typeof SCORE_RUN_STATUSES)[number];
export const SCORE_RUN_KINDS = ['official', 'provisional', 'preview'] as const;
export type ScoreRunKind = (typeof SCORE_RUN_KINDS)[number];

export const JOB_KINDS = ['period.publish', 'eligibility.run', 'scores.provisional', 'evaluations.import', 'stakeholders.import', 'scorecard.pdf', 'tuning.preview', 'eligibility.robustness', 'revision.preview', 'revision.publish'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
