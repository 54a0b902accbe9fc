// The few domain errors every door maps once: a GOV.UK error page, problem+json, an exit code, a job retry.
export type DomainErrorCode = 'not_found' | 'forbidden' | 'conflict' | 'validation' | 'unauthenticated';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFound extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class Forbidden extends DomainError {
  constructor(message = 'You do not have permission to do that.') {
    super('forbidden', message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class ValidationFailed extends DomainError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super('validation', message, { fieldErrors });
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'Sign in to continue.') {
    super('unauthenticated', message);
  }
}

export function httpStatusOf(error: DomainError): number {
  switch (error.code) {
    case 'not_found': return 404;
    case 'forbidden': return 403;
    case 'conflict': return 409;
    case 'validation': return 400;
    case 'unauthenticated': return 401;
  }
}
