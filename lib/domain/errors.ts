/**
 * Typed errors with a stable `code`. Channels map them to replies in one place each
 * (lib/http/responses.ts for HTTP); only `ClientError`s carry a message meant for the caller.
 */
export abstract class HotlineError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller sent something wrong: shown to the caller (4xx). */
export class ClientError extends HotlineError {
  readonly code: string;
  readonly status: number;
  readonly fields: Record<string, string>;
  constructor(code: string, status: number, message: string, fields: Record<string, string> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

export class ValidationError extends ClientError {
  constructor(fields: Record<string, string>, options?: { cause?: unknown }) {
    super('VALIDATION', 400, `Invalid ${Object.keys(fields).join(', ')}`, fields, options);
  }
}

export class ForbiddenError extends ClientError {
  constructor(message = 'Forbidden') {
    super('FORBIDDEN', 403, message);
  }
}

export class PayloadTooLargeError extends ClientError {
  constructor(limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', 413, `Body larger than ${limitBytes} bytes`);
  }
}

export class RateLimitedError extends ClientError {
  constructor(readonly scope: string) {
    super('RATE_LIMITED', 429, 'Too many requests, try again later');
  }
}

/** Two writers raced on one case; the loser retries with fresh state. */
export class ConcurrentUpdateError extends HotlineError {
  readonly code = 'CONCURRENT_UPDATE';
}

/** A dependency (DynamoDB, KMS, the SMS gateway) failed: never shown to callers. */
export class DependencyError extends HotlineError {
  readonly code = 'DEPENDENCY_FAILED';
}

/** The drawn reference exists already; the use case draws another. */
export class ReferenceTakenError extends HotlineError {
  readonly code = 'REFERENCE_TAKEN';
}

/**
 * A web token already filed a different report. Tokens are idempotency keys: the second report is
 * refused loudly (409) rather than answered with the first report's reference and lost.
 */
export class IntakeConflictError extends ClientError {
  constructor() {
    super('TOKEN_REUSED', 409, 'This form token was already used for a different report. Reload the form (or use a new token) and send the report again.');
  }
}

/** Another report of the same reporter was filed meanwhile; the caller decides again with fresh state. */
export class ReporterChangedError extends HotlineError {
  readonly code = 'REPORTER_CHANGED';
}
