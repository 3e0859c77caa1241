// Typed domain errors. Services throw these; each names its code, and one table gives the code's
// HTTP status, so tRPC (server/trpc/init.ts) and the route handlers (server/http) answer alike.
// The English message is for the logs; the reader sees the sentence of its reason (with `params`)
// from the catalogs, in their language (core/domain/error-reasons.ts).
import 'server-only';
import type { TRPCError } from '@trpc/server';
import type { ErrorParams, ErrorReason } from '@/core/domain/error-reasons';

export type FieldErrors = Record<string, string[]>;

/**
 * The one error table: code (tRPC's name) → HTTP status. tRPC's HTTP adapter answers the same
 * status for the same code (a unit test holds them together).
 */
export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Partial<Record<TRPCError['code'], number>>;

export type ErrorCode = keyof typeof HTTP_STATUS;

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** The values the reason's sentence names (a period code, a count …). */
  params: ErrorParams = {};
  /** A catalog message (vmsg) more precise than the reason's sentence, e.g. the engine's own problem. */
  detail: string | null = null;

  constructor(
    message: string,
    /** A stable machine-readable reason, e.g. 'period_not_open' (the subclasses take only an ErrorReason; a relay passes one on). */
    readonly reason: ErrorReason | (string & {}),
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Adds the values the reason's sentence names: `throw new StateError(…).with({ period })`. */
  with(params: ErrorParams, detail?: string): this {
    this.params = { ...this.params, ...params };
    if (detail) this.detail = detail;
    return this;
  }
}

/** Input that passed the schema but breaks a domain rule; `fields` point at the form fields. */
export class ValidationError extends DomainError {
  readonly code = 'BAD_REQUEST';

  constructor(
    message: string,
    readonly fields: FieldErrors = {},
    reason: ErrorReason = 'validation',
  ) {
    super(message, reason);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(what: string, id: string | number) {
    super(`${what} ${id} does not exist.`, 'not_found');
  }
}

/** The caller is signed in but may not do this (role or scope). */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';

  constructor(message = 'You do not have permission to do this.', reason: ErrorReason = 'forbidden') {
    super(message, reason);
  }
}

export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';

  constructor(message = 'Please sign in.') {
    super(message, 'unauthorized');
  }
}

/** A write that collides with existing data (a duplicate, or a stale revision). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(message: string, reason: ErrorReason = 'conflict') {
    super(message, reason);
  }
}

/** The act is not allowed in the current state (e.g. editing a published version). */
export class StateError extends DomainError {
  readonly code = 'PRECONDITION_FAILED';

  constructor(message: string, reason: ErrorReason = 'invalid_state') {
    super(message, reason);
  }
}

/** An upload beyond the size the server accepts. */
export class TooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';

  constructor(message: string) {
    super(message, 'too_large');
  }
}

/** Too much of this work is waiting (PDF rendering): the answer says when to try again. */
export class BusyError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 'busy');
    this.params = { seconds: retryAfterSeconds };
  }
}
