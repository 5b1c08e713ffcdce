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
    const metatype = metadata.metatype as Type<object> | undefined;
    if (!metatype || PRIMITIVES.has(metatype) || value === null || value === undefined) return value;
    const instance: object = plainToInstance(metatype, value);
    const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
    if (errors.length > 0) throw new InvalidInputError(flatten(errors, metadata.data));
    return instance;
  }
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
