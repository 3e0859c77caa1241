// Canonical JSON, so equal documents hash equally whatever their key order or whitespace.
// Follows RFC 8785 (JSON Canonicalization Scheme): object keys sorted by UTF-16 code units, no
// whitespace, numbers in ECMAScript's shortest round-trip form, strings escaped as JSON.stringify
// does. Properties whose value is `undefined` are left out, as JSON.stringify leaves them out.

export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path || '(top level)'}: ${message}`);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  // Plain data already in key order is what JSON.stringify writes, natively and several times faster.
  if (value !== undefined && stringifiesCanonically(value)) return JSON.stringify(value);
  try {
    return fast(value);
  } catch (error) {
    // Only to name where the value has no JSON form: the careful pass throws with its path.
    if (error === NO_JSON_FORM) return serialize(value, '');
    throw error;
  }
}

const NO_JSON_FORM = new Error('no JSON form');

/**
 * Whether JSON.stringify writes exactly the canonical text of a value: plain objects whose keys
 * (in JSON.stringify's order, Object.keys') are already sorted, plain arrays, finite numbers,
 * strings, booleans, null, and undefined only where both leave it out or write null.
 */
function stringifiesCanonically(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!(i in value) || !stringifiesCanonically(value[i])) return false;
        return true;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (!ascending(keys)) return false;
      for (const key of keys) if (!stringifiesCanonically(record[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Whether keys are already in sort order (UTF-16 code units, as sort compares): then no sort. */
function ascending(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/**
 * The same text as `serialize` without tracking a path for error messages: a run's input hash
 * serializes a province's every score, and building a path string per key dominated that.
 */
function fast(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw NO_JSON_FORM;
      return String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          out += (i ? ',' : '') + (item === undefined ? 'null' : fast(item));
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (!ascending(keys)) keys.sort();
      let out = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + fast(item);
      }
      return `${out}}`;
    }
    default:
      throw NO_JSON_FORM;
  }
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} has no JSON form`);
      // -0 serializes as 0, as RFC 8785 requires (String(-0) === '0').
      return String(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => (item === undefined ? 'null' : serialize(item, `${path}[${i}]`))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      const members = keys.map(
        (key) => `${JSON.stringify(key)}:${serialize(record[key], path ? `${path}.${key}` : key)}`,
      );
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
}
