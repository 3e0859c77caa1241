// Schema problems as `{ "field.path": ["message", …] }`, the shape forms show at each field. The
// procedures' error formatter and the services' own checks both report in it.

export type FieldErrors = Record<string, string[]>;

/** Zod issues (or any with a path and a message) by dotted path; "_" holds the ones about the whole input. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) (out[issue.path.map(String).join('.') || '_'] ??= []).push(issue.message);
  return out;
}
