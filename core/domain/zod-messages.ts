// Zod's own problems (too small, wrong type, bad format …) as catalog keys with params, so a
// schema without a message of its own still speaks the reader's language. The app installs the map
// for its process (installZodMessages: the procedures, the route wrapper and the forms); the CLI
// does not, and keeps its English. A message written on the schema still wins.
// zod/v4/core's config is the same switch as z.config, without the whole schema API.
import { config, type $ZodRawIssue } from 'zod/v4/core';
import { vmsg } from './messages';

type Issue = $ZodRawIssue;

function bound(value: unknown): number | string {
  return typeof value === 'bigint' ? value.toString() : typeof value === 'number' ? value : String(value);
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = bound(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && limit === 1) return vmsg('validation.required');
      return vmsg(small ? 'validation.zod.string.min' : 'validation.tooLong', small ? { min: limit } : { max: limit });
    case 'array':
    case 'set':
      return vmsg(small ? 'validation.zod.array.min' : 'validation.zod.array.max', small ? { min: limit } : { max: limit });
    case 'date':
      return vmsg(small ? 'validation.zod.date.min' : 'validation.zod.date.max');
    default:
      if (small) return vmsg(inclusive ? 'validation.zod.number.atLeast' : 'validation.zod.number.greaterThan', { min: limit });
      return vmsg(inclusive ? 'validation.zod.number.atMost' : 'validation.zod.number.lessThan', { max: limit });
  }
}

/** The catalog message (vmsg) for one of zod's issues. */
export function zodIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return vmsg('validation.required');
      // A number with decimals where a whole one is asked (`.int()`), else text or NaN where a number is.
      if (issue.expected === 'int' && typeof issue.input === 'number' && Number.isFinite(issue.input)) return vmsg('validation.incentives.integer');
      if (issue.expected === 'number' || issue.expected === 'int' || issue.expected === 'bigint') return vmsg('validation.method.number');
      return vmsg('validation.zod.type');
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_format':
      if (issue.format === 'email') return vmsg('validation.zod.format.email');
      if (issue.format === 'url') return vmsg('validation.zod.format.url');
      if (issue.format === 'date' || issue.format === 'datetime') return vmsg('validation.zod.format.date');
      return vmsg('validation.zod.format.other');
    case 'not_multiple_of':
      return bound(issue.divisor) === 1 ? vmsg('validation.incentives.integer') : vmsg('validation.zod.multipleOf', { divisor: bound(issue.divisor) });
    case 'invalid_value':
      if (issue.input === undefined) return vmsg('validation.required');
      return vmsg('validation.zod.choice');
    case 'unrecognized_keys':
      return vmsg('validation.zod.unrecognized', { keys: issue.keys.join(', ') });
    default:
      return vmsg('validation.zod.invalid');
  }
}

let installed = false;

/** Makes zodIssueMessage the process's default for zod's problems (once; later calls do nothing). */
export function installZodMessages(): void {
  if (installed) return;
  installed = true;
  config({ customError: (issue) => zodIssueMessage(issue) });
}
