// The demo's periods: three published quarters and the open one, on Beijing time.

export interface PlannedPeriod {
  code: string;
  startsOn: string;
  endsOn: string;
  /** The office's deadline for the quarter's evaluations: the 20th of the month after it. */
  dueOn: string;
  status: 'open' | 'published';
  closedAt: Date | null;
  publishedAt: Date | null;
}

/** Beijing time, where the evaluation office works. */
export const cst = (isoDate: string, time = '09:00') => new Date(`${isoDate}T${time}:00+08:00`);

export const PERIOD_SEEDS: readonly PlannedPeriod[] = [
  { code: '2025Q4', dueOn: '2026-01-20', startsOn: '2025-10-01', endsOn: '2025-12-31', status: 'published', closedAt: cst('2026-01-26'), publishedAt: cst('2026-02-06', '15:00') },
  { code: '2026Q1', dueOn: '2026-04-20', startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'published', closedAt: cst('2026-04-27'), publishedAt: cst('2026-05-08', '15:00') },
  { code: '2026Q2', dueOn: '2026-07-20', startsOn: '2026-04-01', endsOn: '2026-06-30', status: 'published', closedAt: cst('2026-07-27'), publishedAt: cst('2026-08-07', '15:00') },
  { code: '2026Q3', dueOn: '2026-10-20', startsOn: '2026-07-01', endsOn: '2026-09-30', status: 'open', closedAt: null, publishedAt: null },
];
