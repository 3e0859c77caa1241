// What the sign-in form and its handler share: why a sign-in was refused, and where to go after.

/** Why a sign-in was refused; the form shows each with its own text. */
export const SIGN_IN_REFUSALS = ['invalid', 'disabled', 'locked', 'missing'] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];

export function isSignInRefusal(v: unknown): v is SignInRefusal {
  return SIGN_IN_REFUSALS.some((r) => r === v);
}

/**
 * Where to go after sign-in: only a path of this site, so a crafted link cannot send someone
 * signing in to another site (`//evil.example` and `/\evil.example` are other sites to browsers).
 */
export function safeNextPath(raw: unknown): string {
  const next = typeof raw === 'string' ? raw : '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
