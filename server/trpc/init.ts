// The one tRPC init: context, error mapping, and procedures that declare their action.
import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
// The core's error class: thrown by full and zod/mini schemas alike (core/schemas/org.ts is mini).
import { $ZodError } from 'zod/v4/core';
import type { Db } from '@/db';
import { awaitsPasswordChange, can, type OpenAction, type SignedInAction } from '@/server/auth/permissions';
import type { SessionUser } from '@/server/auth/session';
import { DomainError, ForbiddenError, ValidationError, type FieldErrors } from '@/server/errors';
import { installZodMessages } from '@/core/domain/zod-messages';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/config';
import { readerMessage } from '@/server/error-text';

// Zod's own problems reach the forms as catalog keys (core/domain/zod-messages.ts).
installZodMessages();

/**
 * `resHeaders`: the HTTP response's headers, when there is one (not in the server caller);
 * `locale`: the reader's language, for the sentences of refusals.
 */
export type Context = { db: Db; user: SessionUser | null; resHeaders?: Headers; locale?: Locale };

/** Zod issues as `{ "field.path": ["message", …] }` so forms can show each at its field. */
export function zodFieldErrors(error: $ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const fields =
      cause instanceof $ZodError ? zodFieldErrors(cause) : cause instanceof ValidationError ? cause.fields : null;
    const domain = cause instanceof DomainError ? cause : null;
    const reason = domain?.reason ?? (cause instanceof $ZodError ? 'validation' : null);
    // The reader's sentence: the English message of the error is for the logs only.
    const message = readerMessage(ctx?.locale ?? DEFAULT_LOCALE, {
      reason,
      code: error.code,
      params: domain?.params,
      detail: domain?.detail,
    });
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        // Never leak stack traces to clients.
        stack: undefined,
        fields,
        reason,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Domain errors thrown anywhere below carry their code (server/errors.ts); tRPC keeps it. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

const procedure = t.procedure.use(mapDomainErrors);

/** A procedure for one action of the permission matrix: signed in, and in one of its roles. */
export function procedureFor(action: SignedInAction) {
  return procedure
    .use(({ ctx, next }) => {
      if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
      return next({ ctx: { ...ctx, user: ctx.user } });
    })
    .use(({ ctx, next }) => {
      if (!can(ctx.user.role, action)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${ctx.user.role}) may not ${action}.` });
      }
      if (awaitsPasswordChange(ctx.user, action)) {
        const cause = new ForbiddenError('Choose your own password first (your administrator set the current one).', 'password_change_required');
        throw new TRPCError({ code: 'FORBIDDEN', message: cause.message, cause });
      }
      return next();
    });
}

/** A procedure for an action the matrix opens to everyone; `ctx.user` may be null. */
export function openProcedureFor(action: OpenAction) {
  return procedure.use(({ next }) => {
    // The matrix is the one place that says an action is open; this keeps the two in step.
    if (!can(null, action)) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `${action} is not open.` });
    return next();
  });
}
