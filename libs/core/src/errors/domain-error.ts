import { IntrinsicException } from '@nestjs/common';

/**
 * Errors the domain throws. Services never throw HTTP or GraphQL errors: the GraphQL edge maps
 * these codes once (see graphql/error-formatter.ts), and anything else is masked as INTERNAL.
 * Intrinsic: Nest does not log them as failures — they are the client's mistakes, answered as such.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'RATE_LIMITED';

export interface FieldError {
  /** Dotted path of the field at fault, from the operation's argument: `input.nik`. */
  path: string;
  message: string;
}

export abstract class DomainError extends IntrinsicException {
  abstract readonly code: ErrorCode;

  /** Safe, client-facing details added to `extensions` (never PII, never internals). */
  get details(): Record<string, unknown> {
    return {};
  }
}

export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';

  constructor(readonly fields: FieldError[]) {
    super(fields.map((field) => `${field.path}: ${field.message}`).join('; '));
  }

  static of(path: string, message: string): InvalidInputError {
    return new InvalidInputError([{ path, message }]);
  }

  override get details(): Record<string, unknown> {
    return { fields: this.fields };
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';

  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';

  constructor(message = 'Not allowed for your role') {
    super(message);
  }
}

/** Also what an out-of-scope record answers: its existence must not leak. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  /** `path`: the argument that named the missing record, when the client should fix that field. */
  constructor(
    entity: string,
    id: string,
    readonly path?: string,
  ) {
    super(`${entity} ${id} not found`);
  }

  override get details(): Record<string, unknown> {
    return this.path ? { fields: [{ path: this.path, message: this.message }] } : {};
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }

  override get details(): Record<string, unknown> {
    return this.path ? { fields: [{ path: this.path, message: this.message }] } : {};
  }
}

export class PreconditionFailedError extends DomainError {
  readonly code = 'PRECONDITION_FAILED';

  /** `unmet`: each condition that is not met, e.g. `{ kind: 'MEDICAL_FIT', reason: 'not yet verified' }`. */
  constructor(
    message: string,
    readonly unmet: readonly Record<string, string | null>[],
  ) {
    super(message);
  }

  override get details(): Record<string, unknown> {
    return { unmet: this.unmet };
  }
}

/**
 * Too many attempts: failed logins for a username or from an address, or an API key's requests in
 * a minute. `retryAfterSeconds` says when asking again can succeed.
 */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  override get details(): Record<string, unknown> {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}
