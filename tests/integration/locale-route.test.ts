// The language switcher's form post (POST /api/session/locale): the cookie for everyone, the
// profile's language when signed in, and back to the page the form was on, never to another site.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSessionUser } from '@/server/auth/session';
import { localeRoute } from '@/server/http';
import { freshDb, makeUser, smallWorld } from './helpers';
import type { Db } from '@/db/client';

let db: Db;
beforeEach(() => {
  db = freshDb();
  smallWorld(db);
});

const post = (fields: Record<string, string>, referer?: string) =>
  new Request('http://localhost/api/session/locale', {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(referer ? { referer } : {}) },
  });

describe('POST /api/session/locale', () => {
  it('sets the language cookie without a session and goes back to the page', async () => {
    const res = await localeRoute.run({ db, user: null }, post({ locale: 'zh-CN' }, 'http://localhost/sign-in?next=%2Fevaluations'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fevaluations');
    expect(res.headers.get('set-cookie')).toBe('NEXT_LOCALE=zh-CN; Path=/; Max-Age=31536000; SameSite=Lax');
  });

  it('saves the choice in the profile of a signed-in user', async () => {
    const u = makeUser(db, 'assessor', { username: 'ann' });
    const res = await localeRoute.run({ db, user: loadSessionUser(db, u.id) }, post({ locale: 'en' }, 'http://localhost/evaluations?page=2'));
    expect(res.headers.get('location')).toBe('/evaluations?page=2');
    expect(loadSessionUser(db, u.id)?.locale).toBe('en');
  });

  it('ignores a language it does not know, and never sends the browser to another site', async () => {
    const bad = await localeRoute.run({ db, user: null }, post({ locale: 'fr' }, 'http://localhost/me'));
    expect(bad.headers.get('location')).toBe('/me');
    expect(bad.headers.get('set-cookie')).toBeNull();
    const elsewhere = await localeRoute.run({ db, user: null }, post({ locale: 'en' }, 'https://evil.example//evil.example/x'));
    expect(elsewhere.headers.get('location')).toBe('/');
    const none = await localeRoute.run({ db, user: null }, post({ locale: 'en' }));
    expect(none.headers.get('location')).toBe('/');
  });
});
