import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedInputType,
} from 'graphql';
import {
  BOOLEAN,
  COUNTRY_CODE,
  DATE,
  DATE_TIME,
  FLOAT,
  hostileString,
  idValues,
  INT,
  enumValues,
  STRING,
  type Broken,
  type LeafValues,
} from './hostile-values.js';

/** A field or argument left out of the input altogether (as opposed to an explicit null). */
export const ABSENT = Symbol('absent');

/** One generated input: the arguments of the mutation, and how they were broken. */
export interface FuzzInput {
  args: Record<string, unknown>;
  how: string;
}

/** Fields a caller might try to set by mass assignment; none belongs to an input of Lintas. */
const UNKNOWN_NAMES = [
  'stage',
  'procedural',
  'id',
  'version',
  'createdById',
  'roles',
  'isAdmin',
  'agencyId',
  'deletedAt',
  'constructor',
  '__typename',
  '__proto__',
];

/** Sets `key` on a copy, as an own property even for `__proto__`; ABSENT removes it. */
function withValue(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(object)) {
    if (name !== key)
      Object.defineProperty(copy, name, {
        value: inner,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  if (value !== ABSENT) {
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Generators for every mutation of a schema, read from its argument types: a mutation added to
 * the API is fuzzed without a change here, and a type with no leaf values fails `cover` by name.
 */
export class MutationInputs {
  private readonly ids: LeafValues;

  constructor(worldIds: string[]) {
    this.ids = idValues(worldIds);
  }

  /** Throws, naming the type, when some argument of `field` reaches a type with no generator. */
  cover(field: GraphQLField<unknown, unknown>): void {
    const visit = (type: GraphQLInputType, seen: Set<string>): void => {
      const named = getNamedType(type);
      if (seen.has(named.name)) return;
      seen.add(named.name);
      if (isInputObjectType(named)) {
        for (const inner of Object.values(named.getFields())) visit(inner.type, seen);
      } else {
        this.leaf(named, field.name);
      }
    };
    for (const argument of field.args) visit(argument.type, new Set());
  }

  /** Arguments of any shape with exactly one certainly invalid part (or every item of a list broken). */
  malformed(
    field: GraphQLField<unknown, unknown>,
    pinned: Record<string, unknown> = {},
  ): fc.Arbitrary<FuzzInput> {
    return this.fillerArgs(field)
      .map((base) =>
        Object.entries(pinned).reduce((args, [name, value]) => withValue(args, name, value), base),
      )
      .chain((base) => this.brokenArgs(field, base, false));
  }

  /** A valid input with one field broken: the refusal must come from that field. */
  almostRight(
    field: GraphQLField<unknown, unknown>,
    valid: Record<string, unknown>,
  ): fc.Arbitrary<FuzzInput> {
    return this.brokenArgs(field, valid, true);
  }

  private leaf(type: GraphQLNamedInputType, mutation = ''): LeafValues {
    if (isEnumType(type)) return enumValues(type.getValues().map((value) => value.name));
    if (!isScalarType(type)) throw new Error(`${type.name} is not a leaf type`);
    switch (type.name) {
      case 'String':
        return STRING;
      case 'ID':
        return this.ids;
      case 'Int':
        return INT;
      case 'Float':
        return FLOAT;
      case 'Boolean':
        return BOOLEAN;
      case 'Date':
        return DATE;
      case 'DateTime':
        return DATE_TIME;
      case 'CountryCode':
        return COUNTRY_CODE;
      default:
        throw new Error(
          `no fuzz generator for the scalar ${type.name}${mutation && ` (used by ${mutation})`}`,
        );
    }
  }

  private fillerArgs(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Record<string, unknown>> {
    return this.fillerFields(field.args);
  }

  private fillerFields(
    fields: readonly Pick<GraphQLArgument, 'name' | 'type'>[],
  ): fc.Arbitrary<Record<string, unknown>> {
    return fc
      .tuple(...fields.map((inner) => this.filler(inner.type)))
      .map((values) =>
        fields.reduce<Record<string, unknown>>(
          (object, inner, index) => withValue(object, inner.name, values[index]),
          {},
        ),
      );
  }

  /** A value of the type's shape, hostile but perhaps valid; never null or ABSENT where required. */
  private filler(type: GraphQLInputType): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return this.present(type.ofType);
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant(ABSENT) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 3, arbitrary: this.present(type) },
    );
  }

  /** A filler that is there: no null, no ABSENT. */
  private present(type: GraphQLInputType): fc.Arbitrary<unknown> {
    const nullable = isNonNullType(type) ? type.ofType : type;
    if (isListType(nullable)) return fc.array(this.filler(nullable.ofType), { maxLength: 3 });
    if (isInputObjectType(nullable)) return this.fillerFields(Object.values(nullable.getFields()));
    return this.leaf(nullable).fillers;
  }

  private brokenArgs(
    field: GraphQLField<unknown, unknown>,
    base: Record<string, unknown>,
    valid: boolean,
  ): fc.Arbitrary<FuzzInput> {
    const kind = valid ? 'almost right' : 'malformed';
    const known = new Set(field.args.map((argument) => argument.name));
    // Most inputs break an argument GraphQL lets through to validation and the services.
    const options: fc.WeightedArbitrary<FuzzInput>[] = field.args.map((argument) => ({
      weight: 6,
      arbitrary: this.brokenAt(
        argument.type,
        base[argument.name] ?? ABSENT,
        argument.name,
        argument.defaultValue !== undefined,
        valid,
      ).map((broken) => ({
        args: withValue(base, argument.name, broken.value),
        how: `${kind}: ${broken.how}`,
      })),
    }));
    const unknown = UNKNOWN_NAMES.filter((name) => !known.has(name) && name !== '__proto__');
    options.push({
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...unknown), hostileString).map(([name, value]) => ({
        args: withValue(base, name, value),
        how: `${kind}: an unknown argument ${name}`,
      })),
    });
    return fc.oneof(...options);
  }

  /**
   * A certainly invalid value where `base` stands (ABSENT when the base has none): null or nothing
   * where a value is required, a broken leaf, an unknown or missing field, or every item of a list broken.
   */
  private brokenAt(
    type: GraphQLInputType,
    base: unknown,
    path: string,
    hasDefault: boolean,
    valid: boolean,
  ): fc.Arbitrary<Broken> {
    if (isNonNullType(type)) {
      const missing: Broken[] = [{ value: null, how: `null for ${path}, which is required` }];
      if (!hasDefault) missing.push({ value: ABSENT, how: `${path} left out, though required` });
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(...missing) },
        { weight: 3, arbitrary: this.brokenAt(type.ofType, base, path, hasDefault, valid) },
      );
    }
    if (isListType(type)) return this.brokenList(type.ofType, base, path, valid);
    if (isInputObjectType(type)) return this.brokenObject(type, base, path, valid);
    const leaf = this.leaf(type).breakers.map((broken) => ({
      value: broken.value,
      how: `${path} ← ${broken.how}`,
    }));
    // Only a version read from a valid input is known to be current; ahead of it, it is stale.
    if (valid && path.split('.').at(-1) === 'version' && typeof base === 'number') {
      return fc.oneof(
        leaf,
        fc
          .integer({ min: 1, max: 1000 })
          .map((ahead) => ({ value: base + ahead, how: `${path} ← a stale version` })),
      );
    }
    return leaf;
  }

  /** Lists are broken in every item: a batch answers each item on its own, so one bad item proves nothing. */
  private brokenList(
    item: GraphQLInputType,
    base: unknown,
    path: string,
    valid: boolean,
  ): fc.Arbitrary<Broken> {
    const items: fc.Arbitrary<unknown[]> =
      Array.isArray(base) && base.length > 0
        ? fc.constant(base)
        : fc.array(this.present(item), { minLength: 1, maxLength: 3 });
    const everyItem = items
      .chain((values) =>
        fc
          .tuple(
            ...values.map((value, index) =>
              this.brokenAt(item, value, `${path}.${index}`, false, valid && Array.isArray(base)),
            ),
          )
          .map((broken) => ({
            value: broken.map((one) => one.value).filter((value) => value !== ABSENT),
            how: broken.map((one) => one.how).join(', '),
          })),
      )
      .filter((broken) => broken.value.length > 0);
    const options: fc.Arbitrary<Broken>[] = [
      everyItem,
      this.present(item).map((value) => ({
        value: [[value]],
        how: `${path} ← a list of lists`,
      })),
    ];
    if (isNonNullType(item)) options.push(fc.constant({ value: [null], how: `${path} ← a null item` }));
    // GraphQL takes a single value for a list of one; an object is no leaf, so that value is wrong.
    if (!isInputObjectType(getNamedType(item))) {
      options.push(fc.constant({ value: { value: 'x' }, how: `${path} ← an object for a list` }));
    }
    return fc.oneof(...options);
  }

  private brokenObject(
    type: GraphQLInputObjectType,
    base: unknown,
    path: string,
    valid: boolean,
  ): fc.Arbitrary<Broken> {
    const fields = Object.values(type.getFields());
    const objects: fc.Arbitrary<Record<string, unknown>> = isPlainObject(base)
      ? fc.constant(base)
      : this.fillerFields(fields);
    const unknown = UNKNOWN_NAMES.filter((name) => !Object.hasOwn(type.getFields(), name));
    return fc.oneof(
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('x', 0, true, [1], [{}])
          .map((value) => ({ value, how: `${path} ← not an object` })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(objects, fc.constantFrom(...unknown), hostileString)
          .map(([object, name, value]) => ({
            value: withValue(object, name, value),
            how: `${path}.${name} ← an unknown field`,
          })),
      },
      {
        weight: 5,
        arbitrary: objects.chain((object) =>
          fc
            .constantFrom(...fields)
            .chain((inner) =>
              this.brokenAt(
                inner.type,
                object[inner.name] ?? ABSENT,
                `${path}.${inner.name}`,
                inner.defaultValue !== undefined,
                valid && isPlainObject(base),
              ).map((broken) => ({ value: withValue(object, inner.name, broken.value), how: broken.how })),
            ),
        ),
      },
    );
  }
}
