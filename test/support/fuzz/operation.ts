import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

/** A GraphQL request body: the query text and, when sent the way clients must, its variables. */
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** What the mutation answers is beside the point: only whether it refused, so `__typename` will do. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  return isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
}

/**
 * Every argument of the mutation as a variable, declared with its own type (an unknown argument
 * as a String), so a required one left out of `args` is a variable not provided.
 */
export function withVariables(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): Operation {
  const declared = new Map(field.args.map((argument) => [argument.name, String(argument.type)]));
  for (const name of Object.keys(args)) if (!declared.has(name)) declared.set(name, 'String');
  const names = [...declared.keys()];
  const definitions = names.map((name) => `$${name}: ${declared.get(name)}`).join(', ');
  const call = names.length > 0 ? `(${names.map((name) => `${name}: $${name}`).join(', ')})` : '';
  return {
    query: `mutation Fuzz${definitions && `(${definitions})`} { ${field.name}${call}${selectionOf(field)} }`,
    variables: args,
  };
}

/** The same arguments written into the query text: each literal goes through the scalars' parseLiteral. */
export function inlined(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): Operation {
  const types = new Map(field.args.map((argument) => [argument.name, argument.type]));
  const written = Object.entries(args).map(([name, value]) => `${name}: ${literal(value, types.get(name))}`);
  const call = written.length > 0 ? `(${written.join(', ')})` : '';
  return { query: `mutation { ${field.name}${call}${selectionOf(field)} }` };
}

function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const nullable = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const item = nullable && isListType(nullable) ? nullable.ofType : nullable;
    return `[${value.map((inner) => literal(inner, item)).join(', ')}]`;
  }
  const named = nullable && getNamedType(nullable);
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    const written = Object.entries(value).map(
      ([name, inner]) =>
        `${name}: ${literal(inner, Object.hasOwn(fields, name) ? fields[name]?.type : undefined)}`,
    );
    return `{${written.join(', ')}}`;
  }
  if (typeof value === 'string') {
    const bare = named && isEnumType(named) && NAME.test(value) && !['true', 'false', 'null'].includes(value);
    return bare ? value : JSON.stringify(value);
  }
  // What remains is a number or a boolean, written as GraphQL writes them.
  return JSON.stringify(value);
}
