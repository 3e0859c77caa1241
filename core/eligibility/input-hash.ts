// The input hash of an eligibility run: sha256 of canonicalJson({ inputs, program }), the inputs
// in code order without their names, fed to the hasher an input at a time.
import { canonicalJson } from '@/core/scoring/canonical-json';
import { sha256Hex } from '@/core/scoring/sha256';
import type { EligibilityInput } from './input';

/**
 * The hex SHA-256 of a text given in parts (their concatenation). The pure one by default
 * (browser, CLI); the server passes node:crypto's, fed part by part: the same digest, many times
 * faster, and a province's inputs never held as one string of a hundred megabytes.
 */
export type HashHex = (parts: Iterable<string>) => string;

export const pureHashHex: HashHex = (parts) => sha256Hex([...parts].join(''));

export function sortedInputs(inputs: readonly EligibilityInput[]): EligibilityInput[] {
  return [...inputs].sort((a, b) => (a.stakeholder < b.stakeholder ? -1 : a.stakeholder > b.stakeholder ? 1 : 0));
}

/** The hash of inputs already in code order, with the program's deciding parts as canonical JSON. */
export function sortedInputHash(programJson: string, sorted: readonly EligibilityInput[], hashHex: HashHex): string {
  return `sha256:${hashHex(inputHashParts(programJson, sorted))}`;
}

/** canonicalJson({ program, inputs }) (keys sorted: inputs, then program), an input at a time. */
function* inputHashParts(programJson: string, sorted: readonly EligibilityInput[]): Generator<string> {
  yield '{"inputs":[';
  const json = canonicalInputJson();
  let first = true;
  for (const input of sorted) {
    yield (first ? '' : ',') + json(input);
    first = false;
  }
  yield `],"program":${programJson}}`;
}

/** An input's fields in canonical (sorted) order; `name` decides nothing and is not hashed. */
const HASHED_FIELDS = ['composite', 'county', 'countyPercentile', 'couplingClass', 'grade', 'grades', 'history', 'indicators', 'objectives', 'percentile', 'redFlagLimits', 'stakeholder', 'type'] as const;
const KNOWN_FIELDS = new Set<string>([...HASHED_FIELDS, 'name']);

/**
 * canonicalJson of an input without its name, field by field: no copy of the input per
 * stakeholder, and the values a run's inputs share (grades, red-flag limits: one object per KPI
 * set) written once. An input with any other field, or one with no JSON form, goes through
 * canonicalJson whole (same text, or its error).
 */
function canonicalInputJson(): (input: EligibilityInput) => string {
  const shared = new Map<unknown, string>();
  const sharedJson = (value: unknown) => shared.get(value) ?? shared.set(value, canonicalJson(value)).get(value)!;
  const whole = ({ name: _name, ...deciding }: EligibilityInput) => canonicalJson(deciding);
  return (input) => {
    for (const key of Object.keys(input)) if (!KNOWN_FIELDS.has(key)) return whole(input);
    let out = '{';
    try {
      for (const key of HASHED_FIELDS) {
        const value = input[key];
        if (value === undefined) continue;
        const text = key === 'grades' || key === 'redFlagLimits' ? sharedJson(value) : canonicalJson(value);
        out += `${out.length > 1 ? ',' : ''}"${key}":${text}`;
      }
    } catch {
      return whole(input);
    }
    return `${out}}`;
  };
}
