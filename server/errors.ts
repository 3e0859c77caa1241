// Typed domain errors. Services throw these; the tRPC layer maps them to codes in one place
// (server/trpc/init.ts). Messages are written for the person who has to act on them.
import 'server-only';

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    message: string,
    /** A stable machine-readable reason, e.g. 'credit_code_invalid'. */
    readonly reason: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that passed the schema but breaks a domain rule; `fields` point at the form fields. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
    reason = 'validation',
  ) {
    super(message, reason);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string | number) {
    super(`${what} ${id} does not exist.`, 'not_found');
  }
}

/** The caller is signed in but may not do this (role or scope). */
export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do this.', reason = 'forbidden') {
    super(message, reason);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Please sign in.') {
    super(message, 'unauthorized');
  }
}

/** A write that collides with existing data (a duplicate, or a stale revision). */
export class ConflictError extends DomainError {
  constructor(message: string, reason = 'conflict') {
    super(message, reason);
  }
}

/** The act is not allowed in the current state (e.g. editing a published version). */
export class StateError extends DomainError {
  constructor(message: string, reason = 'invalid_state') {
    super(message, reason);
  }
}

export class RateLimitedError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, 'rate_limited');
  }
}
