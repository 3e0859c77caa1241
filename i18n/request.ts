// Locale for each request: the user's choice (cookie, set from the switcher and from the profile
// at sign-in), else the browser's Accept-Language.
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from './config';
import { messagesFor } from './messages';

export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : localeFromAcceptLanguage((await headers()).get('accept-language'));
  return { locale, messages: messagesFor(locale), timeZone: 'Asia/Shanghai' };
});
