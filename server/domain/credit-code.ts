// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
// alphabet (no I, O, Z, S, V). Characters 3–8 are the administrative division code; the 18th is a
// check character: C18 = 31 − (Σ Cᵢ·Wᵢ mod 31), with 31 written as 0, over the weights below.

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function creditCodeCheckChar(first17: string): string {
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

/** Why a code is not valid, or null when it is. Input is upper-cased and trimmed first. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase();
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

export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}

export function describeCreditCodeProblem(p: CreditCodeProblem): string {
  switch (p.kind) {
    case 'length':
      return `A unified social credit code has 18 characters; this one has ${p.length}.`;
    case 'character':
      return `Character ${p.position} ("${p.char}") is not allowed: only digits and capital letters except I, O, Z, S and V.`;
    case 'division':
      return 'Characters 3–8 must be the 6-digit administrative division code.';
    case 'check':
      return `The check character (the 18th) should be "${p.expected}", not "${p.actual}": the code has a typo.`;
  }
}
