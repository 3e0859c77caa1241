// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
// alphabet (no I, O, Z, S, V). Characters 3–8 are the administrative division code; the 18th is a
// check character: C18 = 31 − (Σ Cᵢ·Wᵢ mod 31), with 31 written as 0, over the weights below.

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`Expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`Not a credit-code character at position ${i + 1}`);
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[c === 31 ? 0 : c]!;
}

export type CreditCodeProblem =
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number; char: string }
  | { kind: 'division'; }
  | { kind: 'check'; expected: string; actual: string };

/** Why a code is not valid, or null when it is. Strict: normalize user input first. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return { kind: 'length', length: code.length };
  for (let i = 0; i < 18; i++) {
    const ch = code[i]!;
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return { kind: 'character', position: i + 1, char: ch };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { kind: 'division' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { kind: 'check', expected, actual: code[17]! };
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/**
 * The check character of a GB 11714 organization code body (8 characters; digits keep their
 * value, letters A–Z count 10–35): C9 = 11 − (Σ Cᵢ·Wᵢ mod 11) with W = 3,7,9,10,5,8,4,2;
 * 10 is written X and 11 is written 0. Used to generate realistic codes; not required by
 * `isValidCreditCode`, since GB 32100 defines validity by its own check character.
 */
export function organizationCodeCheckChar(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2] as const;
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error(`expected 8 characters 0-9/A-Z, got ${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    const value = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (weights[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A complete code from its parts: authority + category (2 characters), six-digit division and
 * an eight-character organization code body; adds both check characters.
 */
export function buildCreditCode(authorityAndCategory: string, division: string, orgBody8: string): string {
  const first17 = `${authorityAndCategory}${division}${orgBody8}${organizationCodeCheckChar(orgBody8)}`;
  return first17 + creditCodeCheckChar(first17);
}
