// The one tRPC init: context, error mapping, and procedures that declare their action.
import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Db } from '@/db';
import { can, type Action } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/session';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  StateError,
  UnauthorizedError,
  ValidationError,
  type FieldErrors,
} from '@/server/errors';

export type Context = { db: Db; user: SessionUser | null };

/** Zod issues as `{ "field.path": ["message", …] }` so forms can show each at its field. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function codeFor(e: DomainError): TRPCError['code'] {
  if (e instanceof ValidationError) return 'BAD_REQUEST';
  if (e instanceof NotFoundError) return 'NOT_FOUND';
  if (e instanceof ForbiddenError) return 'FORBIDDEN';
  if (e instanceof UnauthorizedError) return 'UNAUTHORIZED';
  if (e instanceof ConflictError) return 'CONFLICT';
  if (e instanceof StateError) return 'PRECONDITION_FAILED';
  if (e instanceof RateLimitedError) return 'TOO_MANY_REQUESTS';
  return 'BAD_REQUEST';
}

/** Every procedure names its action so tests can walk the router against the matrix. */
export type Meta = { action?: Action };

const t = initTRPC.context<Context>().meta<Meta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fields =
      cause instanceof ZodError ? zodFieldErrors(cause) : cause instanceof ValidationError ? cause.fields : null;
    return {
      ...shape,
      message: cause instanceof ZodError ? 'Some fields are not valid; see each field.' : shape.message,
      data: {
        ...shape.data,
        // Never leak stack traces to clients.
        stack: undefined,
        fields,
        reason: cause instanceof DomainError ? cause.reason : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Domain errors thrown anywhere below become the right tRPC code, mapped here only. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeFor(cause), message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

/** A procedure for one action of the permission matrix: signed in, and in one of its roles. */
export function procedureFor(action: Action) {
  return publicProcedure
    .meta({ action })
    .use(({ ctx, next }) => {
      if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
      return next({ ctx: { ...ctx, user: ctx.user } });
    })
    .use(({ ctx, next }) => {
      if (!can(ctx.user.role, action)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${ctx.user.role}) may not ${action}.` });
      }
      return next({ ctx: { ...ctx, action } });
    });
}
