/** A field the API refused, by its path in the operation's variables (`input.nik`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * What a failed operation tells a person: the API's `extensions.code`, its message, each refused
 * field, and the rest of its extensions (`unmet` of a refused clearance, `retryAfterSeconds` of a
 * lockout). `NETWORK` is the console's own code: the API could not be reached at all.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one field, matched by its full path or by its last part (`nik` for `input.nik`). */
  fieldMessage(path: string): string | undefined {
    const problem = this.fields.find((field) => field.path === path || field.path.split('.').at(-1) === path);
    return problem?.message;
  }

  /** Seconds until a lockout or a rate limit ends, when the API said. */
  get retryAfterSeconds(): number | undefined {
    const seconds = this.extensions['retryAfterSeconds'];
    return typeof seconds === 'number' ? seconds : undefined;
  }

  /** Each unmet condition of a refused clearance: its kind and why, as the API listed them. */
  get unmet(): UnmetCondition[] {
    const unmet = this.extensions['unmet'];
    if (!Array.isArray(unmet)) return [];
    return unmet.filter(isRecord).map((condition) => ({
      kind: typeof condition['kind'] === 'string' ? condition['kind'] : '',
      reason: typeof condition['reason'] === 'string' ? condition['reason'] : null,
    }));
  }
}

/** One unmet condition of a refused operation (`PRECONDITION_FAILED`). */
export interface UnmetCondition {
  kind: string;
  reason: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: Record<string, unknown>;
}

/** The first error of a GraphQL response, as an ApiError. */
export function toApiError(errors: readonly GraphQLErrorShape[]): ApiError {
  const [first] = errors;
  const extensions = first?.extensions ?? {};
  const code = typeof extensions['code'] === 'string' ? extensions['code'] : 'INTERNAL';
  const fields = Array.isArray(extensions['fields'])
    ? (extensions['fields'] as unknown[]).filter(isFieldProblem)
    : [];
  const message = typeof first?.message === 'string' ? first.message : code;
  return new ApiError(code, message, fields, extensions);
}

/** Whether a value from an answer is a field problem as the API sends one (`{ path, message }`). */
export function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldProblem).path === 'string' &&
    typeof (value as FieldProblem).message === 'string'
  );
}
