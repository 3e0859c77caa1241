// What the sign-in form and its handler share: why a sign-in was refused, and where to go after.

/** Why a sign-in was refused; the form shows each with its own text. */
export const SIGN_IN_REFUSALS = ['invalid', 'disabled', 'throttled', 'missing'] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];

export function isSignInRefusal(v: unknown): v is SignInRefusal {
  return SIGN_IN_REFUSALS.some((r) => r === v);
}

// Any origin will do: only whether the resolved URL stays on it matters.
const BASE = 'http://app.invalid';
// C0 and C1 control characters: browsers drop tabs and newlines inside URLs, so "/\t/evil.example"
// becomes "//evil.example" (another site), and a newline in a Location header fails the response.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Where to go after sign-in: only a path of this site, so a crafted link cannot send someone
 * signing in to another site. The path must start with one "/", hold no control character and no
 * backslash (browsers read "/\evil.example" as "//evil.example"), and, resolved against an origin,
 * stay on it as a path of one leading "/"; anything else gives "/". The answer is the resolved
 * path, query and fragment (percent-encoded, so it is a valid Location header).
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return '/';
  if (CONTROL.test(raw) || raw.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse to a leading "//" ("/.//evil.example"), another site again.
  return url.origin === BASE && !path.startsWith('//') ? path : '/';
}
