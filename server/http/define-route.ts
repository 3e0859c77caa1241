// The one wrapper for route handlers: it loads the session, checks the route's action in the
// permission matrix, parses the path parameters and query, and answers errors with the status of
// the one error table (server/errors.ts), as tRPC does for procedures.
import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { awaitsPasswordChange, can, type Action, type OpenAction } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/session';
import { BusyError, DomainError, ForbiddenError, HTTP_STATUS, UnauthorizedError, ValidationError } from '@/server/errors';
import { requestLocale } from '@/server/auth/locale';
import { readerMessage } from '@/server/error-text';
import { contextFromHeaders } from '@/server/trpc/context';
import { zodFieldErrors, type Context } from '@/server/trpc/init';
import { DEFAULT_LOCALE } from '@/i18n/config';

export type Method = 'GET' | 'POST';
type Params = Record<string, string | string[] | undefined>;

/** What a handler gets: the caller is signed in unless the matrix opens the action to everyone. */
export type RouteContext<A extends Action, I> = {
  db: Db;
  user: A extends OpenAction ? SessionUser | null : SessionUser;
  input: I;
  request: Request;
  /** Checks a further action, for a handler whose work depends on the request (import vs check). */
  authorize(action: Action): void;
};

export type Route = {
  readonly method: Method;
  /** The path as the folders under app/ spell it, e.g. /api/scorecards/[id]/export. */
  readonly path: string;
  readonly action: Action;
  /** Answers with a given context; the permission test calls this without cookies. */
  run(ctx: Context, request: Request, params?: Params): Promise<Response>;
  /** The Next.js route handler. */
  handle(request: Request, segment?: { params: Promise<Params> }): Promise<Response>;
};

function authorize(user: SessionUser | null, action: Action): void {
  if (!can(user?.role ?? null, action)) {
    throw user ? new ForbiddenError(`Your role (${user.role}) may not ${action}.`) : new UnauthorizedError();
  }
  if (awaitsPasswordChange(user, action)) {
    throw new ForbiddenError('Choose your own password first (your administrator set the current one).', 'password_change_required');
  }
}

/**
 * A refusal as JSON: the reader's sentence (in the language of the request), reason and code as
 * tRPC would send them, with the table's status.
 */
export function errorResponse(e: unknown, where: string, request?: Request): Response {
  const noStore = { 'cache-control': 'no-store' };
  const locale = request ? requestLocale(request.headers) : DEFAULT_LOCALE;
  if (e instanceof DomainError) {
    const headers = e instanceof BusyError ? { ...noStore, 'retry-after': String(e.retryAfterSeconds) } : noStore;
    const message = readerMessage(locale, { reason: e.reason, code: e.code, params: e.params, detail: e.detail });
    return Response.json({ error: { message, reason: e.reason, code: e.code } }, { status: HTTP_STATUS[e.code], headers });
  }
  console.error(`${where} failed:`, e);
  const error = { message: readerMessage(locale, { code: 'INTERNAL_SERVER_ERROR' }), reason: 'internal', code: 'INTERNAL_SERVER_ERROR' };
  return Response.json({ error }, { status: 500, headers: noStore });
}

/** A 303 redirect to a path of this site (a form post then loads that page with GET). */
export function seeOther(path: string, headers?: Record<string, string>): Response {
  return new Response(null, { status: 303, headers: { ...headers, location: path } });
}

export function defineRoute<A extends Action, S extends z.ZodType = z.ZodObject>(def: {
  method: Method;
  path: string;
  action: A;
  /** Path parameters and query string, parsed together (a form body is the handler's). */
  input?: S;
  handler: (ctx: RouteContext<A, z.output<S>>) => Response | Promise<Response>;
}): Route {
  const schema: z.ZodType = def.input ?? z.object({});
  const where = `${def.method} ${def.path}`;
  const route: Route = {
    method: def.method,
    path: def.path,
    action: def.action,
    async run(ctx, request, params = {}) {
      try {
        // Refused callers are stopped before their input is looked at.
        authorize(ctx.user, def.action);
        const parsed = schema.safeParse({ ...Object.fromEntries(new URL(request.url).searchParams), ...params });
        if (!parsed.success) {
          const said = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
          throw new ValidationError(`The request is not valid (${said}).`, zodFieldErrors(parsed.error), 'bad_request');
        }
        return await def.handler({
          db: ctx.db,
          // Checked just above: null only when the action is open.
          user: ctx.user as RouteContext<A, unknown>['user'],
          input: parsed.data as z.output<S>,
          request,
          authorize: (action) => authorize(ctx.user, action),
        });
      } catch (e) {
        return errorResponse(e, where, request);
      }
    },
    async handle(request, segment) {
      let ctx: Context;
      try {
        ctx = await contextFromHeaders(request.headers);
      } catch (e) {
        return errorResponse(e, where, request);
      }
      return route.run(ctx, request, segment ? await segment.params : {});
    },
  };
  return route;
}
