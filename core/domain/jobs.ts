// What long work reports as it goes: a fraction 0…1 and a step, shown as `jobs.progress.<step>`.
export const JOB_STEPS = ['queued', 'checking', 'scoring', 'evaluating', 'rendering', 'saving', 'done'] as const;
export type JobStep = (typeof JOB_STEPS)[number];

/** Passed to a use case that runs as a job; a use case called directly gets a no-op. */
export type ReportProgress = (fraction: number, step: JobStep) => void;
export const noProgress: ReportProgress = () => {};
