// The reasons a refusal can carry (server/errors.ts): each has a sentence in both catalogs under
// `errors.reason.<reason>`, so the browser and the route handlers answer in the reader's language
// while the English message stays in the logs. A reason not listed here does not compile.

export const ERROR_REASONS = [
  // generic, one per kind of error
  'validation',
  'not_found',
  'forbidden',
  'unauthorized',
  'conflict',
  'invalid_state',
  'too_large',
  'busy',
  'bad_request',
  // access
  'password_change_required',
  'out_of_scope',
  'admin_only',
  'not_linked',
  'self_review',
  'own_override',
  // users
  'self_demote',
  'self_disable',
  'already_set',
  // periods
  'period_exists',
  'period_overlaps',
  'period_not_open',
  'period_not_closed',
  'period_published',
  'period_not_published',
  'robustness_scores_changed',
  'no_open_period',
  'unapproved_evaluations',
  'exclude_not_unapproved',
  // evaluations
  'values_invalid',
  'stale_revision',
  'not_editable',
  'not_submitted',
  'not_approved',
  'stakeholder_inactive',
  'no_published_version',
  'reason_invalid',
  // stakeholders and regions
  'type_locked',
  'region_in_use',
  'region_in_scope',
  'region_in_history',
  'registry_invalid',
  // method
  'indicator_code_taken',
  'indicator_locked',
  'no_change',
  'version_published',
  'no_version',
  'draft_exists',
  'draft_in_use',
  'import_mismatch',
  'kpi_set_invalid',
  'kpi_set_mismatch',
  'not_json',
  'no_baseline',
  'no_values',
  'cannot_score',
  'no_data_weights',
  'already_published',
  'not_official',
  // imports and jobs
  'no_file',
  'no_kpi_set',
  'bad_mode',
  'no_template',
  'import_stale',
  'check_out_of_memory',
  'job_running',
  // incentives
  'program_archived',
  'program_invalid',
  'program_code_taken',
  'program_off_scale',
  'override_amount',
  'override_over_cap',
  'override_over_budget',
  'override_pending',
  'override_decided',
  // appeals
  'appeal_not_published',
  'appeal_window_closed',
  'appeal_open_exists',
  'appeal_not_submitted',
  'appeal_not_proposed',
  'appeal_own_filing',
  'appeal_own_proposal',
  'appeal_not_filer',
  'appeal_no_correction',
  'appeal_file_type',
  'appeal_file_mismatch',
  'appeal_file_missing',
  // revisions
  'revision_nothing_pending',
  'revision_preview_stale',
  'revision_preview_missing',
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

/** tRPC's codes that reach a reader, each with a fallback sentence under `errors.code.<code>`. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorParams = Record<string, string | number>;

/** What the browser knows of a refusal: the keys to try, most specific first. */
export function errorMessageKeys(reason: string | null | undefined, code: string | null | undefined): string[] {
  const keys: string[] = [];
  if (reason) keys.push(`errors.reason.${reason}`);
  if (code) keys.push(`errors.code.${code}`);
  keys.push('errors.code.INTERNAL_SERVER_ERROR');
  return keys;
}
