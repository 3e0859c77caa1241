// canonicalJson takes one of three paths (JSON.stringify for plain data already in key order, a
// fast serializer, a careful one that names the offending path); all must write the same text.
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '@/core/scoring';
import { mulberry32 } from '@/core/scoring/sensitivity';

/** RFC 8785 as plainly as possible: the reference the paths are held to. */
function reference(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(',')}}`;
}

function randomValue(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth > 3 || pick < 0.35) {
    const leaves = [null, true, false, -0, 0.1 + 0.2, 1e21, -1e-7, 73.80000000000001, '农民"增收"\n', 'a', undefined];
    return leaves[Math.floor(r() * leaves.length)];
  }
  if (pick < 0.55) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const keys = ['raw', 'normalized', 'a', 'Z', 'zh-CN', '10', '9', 'composite', 'countyPercentile', 'county'];
  const out: Record<string, unknown> = {};
  const n = Math.floor(r() * 5);
  const chosen = Array.from({ length: n }, () => keys[Math.floor(r() * keys.length)]!);
  // Half the objects are built in key order (the JSON.stringify path), half not.
  for (const k of r() < 0.5 ? [...chosen].sort() : chosen) out[k] = randomValue(r, depth + 1);
  return out;
}

describe('canonicalJson paths', () => {
  it('write the reference text for plain data, in key order or not', () => {
    const r = mulberry32(11);
    for (let i = 0; i < 2000; i++) {
      const value = { root: randomValue(r, 0) };
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it('orders integer-like keys as text, not as JSON.stringify does', () => {
    expect(canonicalJson({ '9': 1, '10': 2 })).toBe('{"10":2,"9":1}');
  });

  it('still names the path of a value with no JSON form, sorted or not', () => {
    expect(() => canonicalJson({ a: { b: [1, Number.NaN] } })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: { b: [1, Number.NaN] } })).toThrow('a.b[1]');
    expect(() => canonicalJson({ z: 1, a: { f: () => 1 } })).toThrow('a.f');
  });

  it('does not hand JSON.stringify what it would write differently', () => {
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":{}}');
    expect(canonicalJson([1, , 3])).toBe('[1,null,3]');
  });
});
