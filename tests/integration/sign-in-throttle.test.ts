// Throttling of sign-in attempts that a third party cannot turn into a lock-out of the owner:
// limits per address and per (username, address) with growing delays, a cap per address, bounded
// memory for any number of usernames, and the client address taken from the socket.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { resetAuth } from '@/server/auth/auth';
import { CLIENT_ADDRESS_HEADER, clientAddress, normalizeAddress, UNKNOWN_ADDRESS } from '@/server/auth/client-address';
import { signIn } from '@/server/auth/sign-in';
import { delayAfter, SignInThrottle, signInThrottle, THROTTLE } from '@/server/auth/sign-in-throttle';
import { signInRoute } from '@/server/http';
import { auditLog } from '@/db/schema';
import type { Db } from '@/db/client';
import { callerFor, freshDb, makeUser, smallWorld } from './helpers';

let db: Db;
const from = (address: string, extra: Record<string, string> = {}) => new Headers({ [CLIENT_ADDRESS_HEADER]: address, ...extra });
const ATTACKER = '203.0.113.9';
const OWNER = '198.51.100.7';

beforeEach(async () => {
  db = freshDb();
  resetAuth();
  smallWorld(db);
  const root = makeUser(db, 'admin', { username: 'root' });
  await callerFor(db, root).users.create({ username: 'admin', name: 'Admin', password: 'owner-passphrase', role: 'admin', regionIds: [] });
});

describe('a third party cannot lock the owner out', () => {
  it('the owner signs in from another address while the attacker address is throttled', async () => {
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await signIn({ username: 'admin', password: `guess-${i}-guess` }, from(ATTACKER)));
    expect(results.slice(0, THROTTLE.pair.free).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
    // Even the right password waits at the attacker's address: it is not checked there.
    expect(await signIn({ username: 'admin', password: 'owner-passphrase' }, from(ATTACKER))).toMatchObject({ ok: false, reason: 'throttled' });
    // The owner, elsewhere, is not affected.
    expect(await signIn({ username: 'admin', password: 'owner-passphrase' }, from(OWNER))).toMatchObject({ ok: true });
  });

  it('claiming another address in X-Forwarded-For does not escape the throttle', async () => {
    for (let i = 0; i < 8; i++) await signIn({ username: 'admin', password: `guess-${i}-guess` }, from(ATTACKER, { 'x-forwarded-for': `10.0.0.${i}` }));
    expect(await signIn({ username: 'admin', password: 'guess-x-guess' }, from(ATTACKER, { 'x-forwarded-for': OWNER }))).toMatchObject({ reason: 'throttled' });
    expect(await signIn({ username: 'admin', password: 'owner-passphrase' }, from(OWNER))).toMatchObject({ ok: true });
  });

  it('a burst of parallel guesses is throttled as it arrives, not after all were checked', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn({ username: 'admin', password: `burst-${i}-guess` }, from(ATTACKER))));
    const checked = burst.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.pair.free + 1);
    expect(burst.filter((r) => !r.ok && r.reason === 'throttled').length).toBeGreaterThanOrEqual(20 - THROTTLE.pair.free - 1);
    const audited = db.select().from(auditLog).where(eq(auditLog.action, 'session.signInFailed')).all();
    expect(audited).toHaveLength(checked);
  });
});

describe('growing delays and caps', () => {
  const t0 = 1_800_000_000_000;

  it('each failure past the free ones doubles the wait of the pair, up to its maximum', () => {
    const throttle = new SignInThrottle();
    const waits: number[] = [];
    let now = t0;
    for (let i = 0; i < 16; i++) {
      now += throttle.retryAfterSeconds('admin', ATTACKER, now) * 1000;
      throttle.begin('admin', ATTACKER, now);
      waits.push(throttle.retryAfterSeconds('admin', ATTACKER, now));
    }
    expect(waits.slice(0, THROTTLE.pair.free)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(THROTTLE.pair.free, THROTTLE.pair.free + 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(Math.max(...waits)).toBe(THROTTLE.pair.maxDelayMs / 1000);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    // Another username from the same address is still free, and so is this one elsewhere.
    expect(throttle.retryAfterSeconds('other', ATTACKER, now)).toBe(0);
    expect(throttle.retryAfterSeconds('admin', OWNER, now)).toBe(0);
  });

  it('spraying many usernames from one address meets the address delays, then its cap', () => {
    const throttle = new SignInThrottle();
    let now = t0;
    for (let i = 0; i < THROTTLE.address.cap; i++) {
      now += throttle.retryAfterSeconds(`user${i}`, ATTACKER, now) * 1000;
      throttle.begin(`user${i}`, ATTACKER, now);
    }
    expect(delayAfter(THROTTLE.address.free + 1, THROTTLE.address)).toBe(THROTTLE.address.baseMs);
    // Capped: a fresh username waits until the address is forgotten.
    expect(throttle.retryAfterSeconds('fresh', ATTACKER, now)).toBe(THROTTLE.forgetAfterMs / 1000);
    expect(throttle.retryAfterSeconds('fresh', OWNER, now)).toBe(0);
    expect(throttle.retryAfterSeconds('fresh', ATTACKER, now + THROTTLE.forgetAfterMs)).toBe(0);
  });

  it('a success clears the pair but gives the address back one attempt only', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < THROTTLE.address.free; i++) throttle.begin(`user${i}`, ATTACKER, t0);
    throttle.begin('admin', ATTACKER, t0);
    expect(throttle.retryAfterSeconds('someone', ATTACKER, t0)).toBe(1);
    throttle.succeeded('admin', ATTACKER, t0);
    expect(throttle.retryAfterSeconds('admin', ATTACKER, t0)).toBe(0);
    throttle.begin('user0', ATTACKER, t0);
    expect(throttle.retryAfterSeconds('someone', ATTACKER, t0)).toBe(1);
  });
});

describe('bounded memory', () => {
  it('any number of unknown usernames keeps the maps at their fixed size', () => {
    const throttle = signInThrottle();
    for (let i = 0; i < THROTTLE.capacity * 2; i++) throttle.begin(`nobody-${i}`, `192.0.${(i >> 8) & 255}.${i & 255}`);
    expect(throttle.pairs.size).toBe(THROTTLE.capacity);
    expect(throttle.addresses.size).toBeLessThanOrEqual(THROTTLE.capacity);
  });

  it('the least recently used entry goes first', () => {
    const throttle = new SignInThrottle(2);
    throttle.begin('a', ATTACKER, 0);
    throttle.begin('b', ATTACKER, 0);
    throttle.retryAfterSeconds('a', ATTACKER, 0); // touches a
    throttle.begin('c', ATTACKER, 0);
    expect(throttle.pairs.size).toBe(2);
    expect(throttle.pairs.get(`${ATTACKER}\u0000a`)).toBeDefined();
    expect(throttle.pairs.get(`${ATTACKER}\u0000b`)).toBeUndefined();
  });
});

describe('the client address', () => {
  it('is the socket peer our server reports; X-Forwarded-For is ignored without a trusted proxy', () => {
    expect(clientAddress(from(OWNER, { 'x-forwarded-for': '10.9.9.9' }), [])).toBe(OWNER);
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.9.9.9' }), [])).toBe(UNKNOWN_ADDRESS);
  });

  it('comes from X-Forwarded-For only when the peer is a trusted proxy, from the right', () => {
    const proxies = ['10.0.0.0/8'];
    const via = (xff: string) => clientAddress(from('10.1.2.3', { 'x-forwarded-for': xff }), proxies);
    expect(via(`${OWNER}`)).toBe(OWNER);
    // The client wrote the left part itself: the first hop not ours, from the right, counts.
    expect(via(`1.2.3.4, ${OWNER}, 10.4.4.4`)).toBe(OWNER);
    expect(clientAddress(from(ATTACKER, { 'x-forwarded-for': OWNER }), proxies)).toBe(ATTACKER);
  });

  it('is normalized: IPv4 mapped into IPv6 as IPv4, IPv6 by its /64', () => {
    expect(normalizeAddress('::ffff:198.51.100.7')).toBe(OWNER);
    expect(normalizeAddress('2001:db8:1:2:aaaa::1')).toBe(normalizeAddress('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(normalizeAddress('2001:db8:1:3::1')).not.toBe(normalizeAddress('2001:db8:1:2::1'));
    expect(normalizeAddress('not an address')).toBeNull();
  });
});

describe('the sign-in route when throttled', () => {
  const post = (headers: Headers) => {
    const body = new FormData();
    body.set('username', 'admin');
    body.set('password', 'one-more-guess');
    body.set('next', '/admin/users');
    return signInRoute.run({ db, user: null }, new Request('http://localhost/api/session/sign-in', { method: 'POST', body, headers }));
  };

  it('answers 429 with Retry-After and the message in the reader language, then back to the form', async () => {
    for (let i = 0; i <= THROTTLE.pair.free; i++) await post(from(ATTACKER));
    const zh = await post(from(ATTACKER, { 'accept-language': 'zh-CN,zh;q=0.9' }));
    expect(zh.status).toBe(429);
    expect(Number(zh.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await zh.text();
    expect(html).toContain('失败次数过多');
    expect(html).toContain('url=/sign-in?error=throttled&#38;username=admin&#38;retry=');
    const en = await post(from(ATTACKER, { cookie: 'NEXT_LOCALE=en' }));
    expect(en.status).toBe(429);
    expect(await en.text()).toContain('Too many failed attempts');
  });
});
