import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCreditCode,
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  organizationCodeCheckChar,
} from '@/core/domain/credit-code';

// Codes printed on the public business licences of well-known companies, and the example used
// in many descriptions of GB 32100-2015.
const PUBLISHED_CODES = [
  '914403001922038216', // 华为技术有限公司 (Shenzhen)
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
  '91110108551385082Q', // 小米科技有限责任公司 (Beijing, Haidian)
  '91330100716105852F', // 阿里巴巴（中国）有限公司 (Hangzhou)
  '91350100M000100Y43', // textbook example (Fuzhou)
] as const;

const charset = CREDIT_CODE_ALPHABET.split('');
const charArb = fc.constantFrom(...charset);
const digitArb = fc.constantFrom(...'0123456789'.split(''));
/** 17 characters shaped like a code: two alphabet characters, six digits, nine characters. */
const first17Arb = fc
  .tuple(fc.array(charArb, { minLength: 2, maxLength: 2 }), fc.array(digitArb, { minLength: 6, maxLength: 6 }), fc.array(charArb, { minLength: 9, maxLength: 9 }))
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(PUBLISHED_CODES)('accepts the published code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it.each(PUBLISHED_CODES)('refuses every single-character change of %s', (code) => {
    // Weights are non-zero modulo the prime 31, so any one substitution changes the check.
    for (let position = 0; position < 18; position++) {
      for (const ch of charset) {
        if (ch === code.charAt(position)) continue;
        const mutated = code.slice(0, position) + ch + code.slice(position + 1);
        if (position >= 2 && position < 8 && !/\d/.test(ch)) {
          expect(creditCodeProblem(mutated)?.kind).toBe('division');
        } else {
          expect(creditCodeProblem(mutated)?.kind, mutated).toBe('check');
        }
      }
    }
  });

  it.each(PUBLISHED_CODES)('refuses swaps of adjacent different characters in %s', (code) => {
    for (let i = 0; i < 16; i++) {
      if (code.charAt(i) === code.charAt(i + 1)) continue;
      const swapped = code.slice(0, i) + code.charAt(i + 1) + code.charAt(i) + code.slice(i + 2);
      expect(isValidCreditCode(swapped), swapped).toBe(false);
    }
  });

  it('says why a code is refused', () => {
    expect(creditCodeProblem('91440300192203821')?.kind).toBe('length');
    expect(creditCodeProblem('9144030019220382160')?.kind).toBe('length');
    expect(creditCodeProblem('')?.kind).toBe('length');
    expect(creditCodeProblem('9144030071526726xg')?.kind).toBe('character'); // lowercase
    expect(creditCodeProblem('91440300I92203821O')?.kind).toBe('character'); // I and O are not used
    expect(creditCodeProblem('9144030019220382S6')?.kind).toBe('character');
    expect(creditCodeProblem('914403001922038 16')?.kind).toBe('character');
    expect(creditCodeProblem('91A40300192203821X')?.kind).toBe('division');
    expect(creditCodeProblem('914403001922038217')?.kind).toBe('check');
  });

  it('refuses to compute a check character from malformed input', () => {
    expect(() => creditCodeCheckChar('9144030019220382')).toThrow();
    expect(() => creditCodeCheckChar('91440300192203821I'.slice(0, 16) + 'I')).toThrow();
  });

  it('accepts exactly the codes whose last character is the computed check', () => {
    fc.assert(
      fc.property(first17Arb, charArb, (first17, last) => {
        const expected = creditCodeCheckChar(first17);
        expect(isValidCreditCode(first17 + last)).toBe(last === expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('computes GB 11714 organization code check characters, including X', () => {
    expect(organizationCodeCheckChar('19220382')).toBe('1'); // Huawei: 19220382-1
    expect(organizationCodeCheckChar('71526726')).toBe('X'); // Tencent: 71526726-X
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
    expect(() => organizationCodeCheckChar('1922038')).toThrow();
  });

  it('builds valid codes from parts', () => {
    expect(buildCreditCode('91', '440300', '19220382')).toBe('914403001922038216');
    fc.assert(
      fc.property(
        fc.constantFrom('11', '91', '92', '93', 'N2'),
        fc.array(digitArb, { minLength: 6, maxLength: 6 }),
        fc.array(charArb, { minLength: 8, maxLength: 8 }),
        (prefix, division, body) => isValidCreditCode(buildCreditCode(prefix, division.join(''), body.join(''))),
      ),
    );
  });
});
