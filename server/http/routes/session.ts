// Signing in and out as plain form posts answered with a 303 redirect, so both work without
// JavaScript. A refused sign-in goes back to the form with the reason in the query string; a
// throttled one is answered 429 with Retry-After, and its page sends the browser on to the form,
// which shows the wait in the reader's language.
import 'server-only';
import { createTranslator } from 'use-intl/core';
import { safeNextPath } from '@/core/domain/sign-in';
import { messagesFor } from '@/i18n/messages';
import { isLocale } from '@/i18n/config';
import { localeCookie, requestLocale } from '@/server/auth/locale';
import { signIn, signOut } from '@/server/auth/sign-in';
import { setOwnLocale } from '@/server/services/users';
import { defineRoute, seeOther } from '../define-route';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function throttled(request: Request, back: string, seconds: number): Response {
  const locale = requestLocale(request.headers);
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'auth.signIn' });
  const title = escapeHtml(t('errors.throttled.title'));
  const body = escapeHtml(seconds < 120 ? t('errors.throttled.bodySeconds', { seconds }) : t('errors.throttled.body', { minutes: Math.ceil(seconds / 60) }));
  const url = escapeHtml(back);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p><p><a href="${url}">${escapeHtml(t('title'))}</a></p></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': String(seconds), 'cache-control': 'no-store' },
  });
}

export const signInRoute = defineRoute({
  method: 'POST',
  path: '/api/session/sign-in',
  action: 'session.signIn',
  handler: async ({ request }) => {
    const form = await request.formData().catch(() => new FormData());
    const username = String(form.get('username') ?? '');
    const next = safeNextPath(form.get('next'));
    const result = await signIn({ username, password: String(form.get('password') ?? '') }, request.headers);
    if (!result.ok) {
      const back = new URLSearchParams({ error: result.reason, username });
      if (result.retryAfterSeconds) back.set('retry', String(result.retryAfterSeconds));
      if (next !== '/') back.set('next', next);
      if (result.reason === 'throttled') return throttled(request, `/sign-in?${back}`, result.retryAfterSeconds ?? 1);
      return seeOther(`/sign-in?${back}`);
    }
    const to = result.mustChangePassword ? `/change-password${next === '/' ? '' : `?${new URLSearchParams({ next })}`}` : next;
    // The profile's language wins over the browser's from now on.
    return seeOther(to, result.locale ? { 'set-cookie': localeCookie(result.locale) } : undefined);
  },
});

export const signOutRoute = defineRoute({
  method: 'POST',
  path: '/api/session/sign-out',
  action: 'session.signOut',
  handler: async ({ request, user }) => {
    await signOut(request.headers, user);
    return seeOther('/sign-in');
  },
});

/**
 * The language switcher's form: sets the language cookie and, when signed in, the profile's
 * language, then sends the browser back to the page it was on. A plain
 * form post, so it works without JavaScript and the public pages need no tRPC client.
 */
export const localeRoute = defineRoute({
  method: 'POST',
  path: '/api/session/locale',
  action: 'session.setLocale',
  handler: async ({ request, db, user }) => {
    const form = await request.formData().catch(() => new FormData());
    const locale = form.get('locale');
    const back = backTo(request.headers.get('referer'));
    if (!isLocale(locale)) return seeOther(back);
    if (user) setOwnLocale(db, user, locale);
    return seeOther(back, { 'set-cookie': localeCookie(locale) });
  },
});

/** The path of the page the form was on (only the path: the answer never leaves this site). */
function backTo(referer: string | null): string {
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return safeNextPath(`${url.pathname}${url.search}`);
  } catch {
    return '/';
  }
}
