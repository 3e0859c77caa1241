// Signing in and out as plain form posts answered with a 303 redirect, so both work without
// JavaScript. A refused sign-in goes back to the form with the reason in the query string.
import 'server-only';
import { safeNextPath } from '@/core/domain/sign-in';
import { localeCookie } from '@/server/auth/locale';
import { profileLocale, signIn, signOut } from '@/server/auth/sign-in';
import { defineRoute, seeOther } from '../define-route';

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
      return seeOther(`/sign-in?${back}`);
    }
    // The profile's language wins over the browser's from now on.
    const locale = profileLocale(username);
    return seeOther(next, locale ? { 'set-cookie': localeCookie(locale) } : undefined);
  },
});

export const signOutRoute = defineRoute({
  method: 'POST',
  path: '/api/session/sign-out',
  action: 'session.signOut',
  handler: async ({ request }) => {
    await signOut(request.headers);
    return seeOther('/sign-in');
  },
});
