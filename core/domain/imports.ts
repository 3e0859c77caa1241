// Bulk import of evaluation values: its modes, its limits and the report a check gives — shared
// by the import service, the procedures and the import page.
import type { DecodeProblemCode, Encoding, Located } from '@/core/decode';

export const IMPORT_MODES = ['draft', 'submitted'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * The one upload limit (bytes), for evaluation values and the stakeholder registry alike: 100,000
 * registry rows are about 15 MB, 10,000 rows of a wide values file about 1 MB.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** What a multipart body may carry beyond its file (boundaries, the other fields). */
export const UPLOAD_ENVELOPE_BYTES = 1024 * 1024;

/** What the import itself finds wrong, beyond the file's own problems (core/decode). */
export const IMPORT_PROBLEM_CODES = [
  'too_large',
  'no_open_period',
  'no_published_version',
  'unknown_stakeholder',
  'ambiguous_stakeholder',
  'wrong_type',
  'inactive',
  'duplicate_row',
  'already_approved',
  'already_submitted',
  'other_version',
  'range_belowMin',
  'range_aboveMax',
  'range_integer',
  'missing_for_submit',
  'evidence_for_submit',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** One problem: a code the catalogs translate (`evaluations.import.problems.<code>`) and where. */
export type ImportProblem = Located<DecodeProblemCode | ImportProblemCode>;

export type ImportReport = {
  ok: boolean;
  format: 'csv' | 'xlsx' | null;
  encoding: Encoding | null;
  kpiSet: { code: string; versionId: number } | null;
  period: { id: number; code: string } | null;
  mode: ImportMode;
  rows: number;
  creates: number;
  updates: number;
  problems: ImportProblem[];
  /** Problems beyond the ones listed (the list is capped). */
  moreProblems: number;
  /** Notes that do not stop the import, e.g. an indicator without a column. */
  warnings: ImportProblem[];
};
