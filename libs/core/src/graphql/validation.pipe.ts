import { Injectable, type ArgumentMetadata, type PipeTransform, type Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { InvalidInputError, type FieldError } from '../errors/domain-error.js';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * Runs class-validator on GraphQL arguments and answers BAD_USER_INPUT with the path and message
 * of every bad field (`input.nik`), instead of Nest's HTTP "Bad Request Exception".
 */
@Injectable()
export class GraphqlValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the client sent: Nest reports @Args() as 'body'; the parent object, the context and
    // custom decorators' values (the principal) pass untouched.
    if (metadata.type !== 'body') return value;
    const unsafe = unsafeText(value, metadata.data);
    if (unsafe.length > 0) throw new InvalidInputError(unsafe);
    const metatype = metadata.metatype as Type<object> | undefined;
    if (!metatype || PRIMITIVES.has(metatype) || value === null || value === undefined) return value;
    return validInput(metatype, value, metadata.data);
  }
}

/**
 * `value` as an instance of `metatype`, checked by its class-validator rules; BAD_USER_INPUT with
 * every bad field otherwise, each at its path under `path` (`filter.from`), or at its own name
 * when there is none. For GraphQL arguments (above) and for what a plain HTTP route reads.
 */
export async function validInput<T extends object>(
  metatype: Type<T>,
  value: unknown,
  path?: string,
): Promise<T> {
  const instance = plainToInstance(metatype, value);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new InvalidInputError(flatten(errors, path));
  return instance;
}

function flatten(errors: ValidationError[], parent: string | undefined): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

// PostgreSQL refuses NUL in text, and no form field needs control characters; tab and newlines stay.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// Half of a surrogate pair is not text: JSON carries it, but it reaches PostgreSQL as U+FFFD (what
// was sent is not what is stored) and breaks what encodes it on the way (an INTERNAL error).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string the client sent that no field takes, whatever its rules: at its path, with why. */
function unsafeText(value: unknown, path: string | undefined): FieldError[] {
  if (typeof value === 'string') {
    const at = path ?? 'value';
    if (CONTROL_CHARACTER.test(value)) return [{ path: at, message: 'must not contain control characters' }];
    if (LONE_SURROGATE.test(value)) return [{ path: at, message: 'must be well-formed Unicode text' }];
    return [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => unsafeText(inner, path ? `${path}.${key}` : key));
}
