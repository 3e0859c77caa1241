// Talking to a running app as a user: sign in through the form route, read pages and call tRPC
// procedures over HTTP (superjson, as the browser does), timing each response to its last byte.
import { performance } from 'node:perf_hooks';
import superjson from 'superjson';
import { DEMO_PASSWORD } from '@/core/domain/demo-users';

export interface Session {
  base: string;
  username: string;
  cookie: string;
}

export interface Timed {
  status: number;
  ms: number;
  bytes: number;
  body: string;
}

/** Fails the bench step loudly: what was asked, what came back. */
export class BenchError extends Error {}

/** Signs in with the demo password; the session is the cookies the sign-in route sets. */
export async function signIn(base: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await fetch(`${base}/api/session/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ username, password, next: '/' }),
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (response.status >= 400 || !cookies.some((c) => c.includes('session'))) {
    throw new BenchError(`sign-in as ${username} at ${base} failed: HTTP ${response.status}, location ${response.headers.get('location') ?? '-'}`);
  }
  return { base, username, cookie: cookies.join('; ') };
}

/** GET a path as the session's user, timed to the last byte (redirects are not followed: they count as answers). */
export async function timedGet(session: Session, path: string): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${session.base}${path}`, { headers: { cookie: session.cookie }, redirect: 'manual' });
  const buffer = Buffer.from(await response.arrayBuffer());
  return { status: response.status, ms: performance.now() - started, bytes: buffer.length, body: buffer.toString('utf8') };
}

export function queryPath(procedure: string, input: unknown): string {
  return `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
}

/** The result of a tRPC response body (throws with the server's message on an error). */
export function trpcResult<T>(procedure: string, timed: Timed): T {
  const parsed = JSON.parse(timed.body) as { result?: { data: { json: unknown; meta?: unknown } }; error?: { json?: { message?: string } } };
  if (!parsed.result) throw new BenchError(`${procedure}: HTTP ${timed.status}: ${parsed.error?.json?.message ?? timed.body.slice(0, 200)}`);
  return superjson.deserialize(parsed.result.data as Parameters<typeof superjson.deserialize>[0]) as T;
}

export async function query<T>(session: Session, procedure: string, input: unknown = undefined): Promise<T> {
  return trpcResult<T>(procedure, await timedGet(session, queryPath(procedure, input)));
}

export async function mutate<T>(session: Session, procedure: string, input: unknown): Promise<T> {
  const started = performance.now();
  const response = await fetch(`${session.base}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/json', origin: session.base },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const body = await response.text();
  return trpcResult<T>(procedure, { status: response.status, ms: performance.now() - started, bytes: body.length, body });
}

/** The p-th percentile (0…100) by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
