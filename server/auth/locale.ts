// The language cookie that i18n/request.ts reads: set when someone picks a language, and at
// sign-in from the profile (whose choice then wins over the browser's).
import 'server-only';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from '@/i18n/config';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The Set-Cookie header value; readable by scripts is fine, it holds no secret. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax`;
}

/** The reader's language for an answer built outside a page: the cookie, else the browser's. */
export function requestLocale(headers: Headers): Locale {
  const fromCookie = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(headers.get('cookie') ?? '')?.[1];
  return isLocale(fromCookie) ? fromCookie : localeFromAcceptLanguage(headers.get('accept-language'));
}
