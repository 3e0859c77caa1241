// A value as JSON holds it: what a JSON column without a more precise type (the audit record's
// before and after) stores and reads back.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A value as it will read back from a JSON column: dates become ISO strings, `undefined` fields
 * disappear, and what JSON cannot hold (undefined, a function) becomes null.
 */
export function toJsonValue(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}
