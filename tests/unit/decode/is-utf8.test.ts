import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUtf8 } from '@/core/decode/text';

/** What the decoder that used to choose the encoding says: the reference. */
function decoderAccepts(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('isUtf8', () => {
  it('agrees with a fatal TextDecoder on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        expect(isUtf8(bytes)).toBe(decoderAccepts(bytes));
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees on a view that starts at any offset of its buffer (ASCII is skipped a word at a time)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat(), (bytes, offset) => {
        const view = bytes.subarray(offset % bytes.length);
        expect(isUtf8(view)).toBe(decoderAccepts(view));
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees on text cut at any byte (characters of 1 to 4 bytes)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), (text, cut) => {
        const bytes = new TextEncoder().encode(text);
        const part = bytes.subarray(0, cut % (bytes.length + 1));
        expect(isUtf8(part)).toBe(decoderAccepts(part));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses surrogates, overlong forms and code points past U+10FFFF', () => {
    for (const bad of [[0xed, 0xa0, 0x80], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0x80]]) {
      expect(isUtf8(Uint8Array.from(bad))).toBe(false);
    }
    expect(isUtf8(new TextEncoder().encode('甲公司 ✓ 𝔸'))).toBe(true);
  });
});
