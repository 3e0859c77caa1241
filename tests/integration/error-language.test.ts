// Refusals reach people in their language: tRPC's answer carries the sentence of the error's reason
// (or of zod's own problem, as a catalog key at the field) in the language of the request's
// cookie, Chinese without one; the route handlers' JSON does the same.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { catalogs } from '@/i18n/messages';
import { programFileRoute, trpcPostRoute } from '@/server/http';
import type { SessionUser } from '@/server/auth/session';
import { freshDb, makeUser } from './helpers';

let db: Db;
let admin: SessionUser;

beforeEach(() => {
  db = freshDb();
  admin = makeUser(db, 'admin');
});

type TrpcError = { message: string; data: { code: string; reason: string | null; fields: Record<string, string[]> | null } };

async function callTrpc(path: string, input: unknown, locale?: 'en' | 'zh-CN'): Promise<TrpcError> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (locale) headers.cookie = `NEXT_LOCALE=${locale}`;
  const request = new Request(`http://localhost/api/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify({ json: input }) });
  const res = await trpcPostRoute.run({ db, user: admin }, request, { trpc: path });
  const body = (await res.json()) as { error: { json: TrpcError } };
  return body.error.json;
}

describe('refusals in the reader’s language', () => {
  it('a domain error answers the sentence of its reason in the language of the cookie', async () => {
    const en = await callTrpc('periods.close', { id: 999 }, 'en');
    expect(en.data).toMatchObject({ code: 'NOT_FOUND', reason: 'not_found' });
    expect(en.message).toBe(catalogs.en.errors.reason.not_found);
    const zh = await callTrpc('periods.close', { id: 999 }, 'zh-CN');
    expect(zh.message).toBe(catalogs['zh-CN'].errors.reason.not_found);
    // The English message of the error ("Period 999 does not exist.") stays for the logs.
    expect(zh.message).not.toMatch(/does not exist/);
  });

  it("zod's own problems reach the field as catalog keys, and the form's sentence is in Chinese without a cookie", async () => {
    const zh = await callTrpc('periods.close', { id: -1 });
    expect(zh.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'validation' });
    expect(zh.data.fields).toEqual({ id: ['validation.zod.number.greaterThan::{"min":0}'] });
    expect(zh.message).toBe(catalogs['zh-CN'].errors.reason.validation);
  });

  it('a zod/mini schema (the forms check with those in the browser) puts its problems at the fields the same way', async () => {
    const user = await callTrpc('users.create', { username: 'x', name: ' ', password: 'short', role: 'assessor' }, 'en');
    expect(user.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'validation' });
    expect(user.data.fields).toEqual({
      username: ['validation.username'],
      name: ['validation.required'],
      password: ['validation.password.min::{"min":10}'],
      regionIds: ['validation.scope.regions'],
    });
    const period = await callTrpc('periods.create', { kind: 'quarter', year: 1999 }, 'en');
    expect(period.data).toMatchObject({ code: 'BAD_REQUEST', reason: 'validation' });
    expect(Object.keys(period.data.fields ?? {}).sort()).toEqual(['quarter', 'year']);
  });

  it("a route handler's JSON error says it in the language of the cookie", async () => {
    const request = new Request('http://localhost/api/eligibility/programs/999', { headers: { cookie: 'NEXT_LOCALE=en' } });
    const res = await programFileRoute.run({ db, user: admin }, request, { id: '999' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', reason: 'not_found', message: catalogs.en.errors.reason.not_found } });
  });
});
