import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import { canonicalJson, CanonicalJsonError, methodHash, sha256, sha256Hex, validateKpiSet } from '@/core/scoring';

describe('sha256', () => {
  // FIPS 180-4 examples (NIST CSRC "Example Algorithms", SHA256.pdf and SHA2_Additional).
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes %j as in FIPS 180-4', (message, digest) => {
    expect(sha256Hex(message)).toBe(digest);
  });

  it('hashes one million "a" (the long FIPS vector)', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto around the 55/56/64-byte padding boundaries and on random bytes', () => {
    for (let length = 50; length <= 130; length++) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });

  it('hashes the UTF-8 bytes of text', () => {
    expect(sha256Hex('防返贫')).toBe(createHash('sha256').update('防返贫', 'utf8').digest('hex'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('writes numbers in their shortest round-trip form and -0 as 0 (RFC 8785)', () => {
    expect(canonicalJson([1.0, 0.1, 1e21, 1e-7, -0, 100])).toBe('[1,0.1,1e+21,1e-7,0,100]');
  });

  it('sorts keys by UTF-16 code units and escapes strings like JSON.stringify', () => {
    expect(canonicalJson({ 'zh-CN': '农民"增收"\n', en: 'a', Z: 1 })).toBe('{"Z":1,"en":"a","zh-CN":"农民\\"增收\\"\\n"}');
  });

  it('refuses values without a JSON form, naming where they are', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [1, Number.POSITIVE_INFINITY] })).toThrow('a[1]');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('f');
  });

  it('is the same for equal objects built in different key orders', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(record);
      }),
    );
  });
});

describe('methodHash', () => {
  const fixture = JSON.parse(fs.readFileSync('tests/fixtures/scoring/market-2025.kpi-set.json', 'utf8'));

  it('is sha256 of the canonical JSON of the validated set', () => {
    const validation = validateKpiSet(fixture);
    if (!validation.ok) throw new Error('fixture invalid');
    expect(methodHash(validation.value)).toBe(`sha256:${createHash('sha256').update(canonicalJson(validation.value)).digest('hex')}`);
  });

  it('does not change with key order or with defaults written out, and changes with any weight', () => {
    const validation = validateKpiSet(fixture);
    if (!validation.ok) throw new Error('fixture invalid');
    const hash = methodHash(validation.value);

    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : value;
    const reordered = reverseKeys(fixture);
    expect(Object.keys(reordered as object)[0]).toBe('objectives');
    const withoutDefaults = structuredClone(fixture);
    delete withoutDefaults.scale; // default 100
    withoutDefaults.objectives[0].indicators[0].normalization.transform = 'none'; // the default, written out
    for (const variant of [reordered, withoutDefaults]) {
      const v = validateKpiSet(variant);
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      expect(methodHash(v.value)).toBe(hash);
    }

    const reweighted = structuredClone(fixture);
    reweighted.objectives[1].indicators[2].weight = 0.21;
    const v = validateKpiSet(reweighted);
    if (!v.ok) throw new Error('invalid');
    expect(methodHash(v.value)).not.toBe(hash);
  });
});
