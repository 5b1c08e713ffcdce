import { buildSchema, parse } from 'graphql';
import {
  MAX_ALIASES,
  MAX_QUERY_COMPLEXITY,
  MAX_ROOT_FIELDS,
  operationComplexity,
  operationLimitError,
} from './complexity.plugin.js';

const schema = buildSchema(`
  type Query {
    items(first: Int = 20, after: String): ItemConnection!
    item(id: ID!): Item
    recent(first: Int = 10): [Item!]!
    search: SearchResult
  }
  type Subscription { itemChanged: Item! }
  type ItemConnection { edges: [ItemEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ItemEdge { cursor: String! node: Item! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Item { id: ID! name: String! parent: Item children(first: Int = 20): ItemConnection! }
  type Other { id: ID! a: String b: String c: String }
  union SearchResult = Item | Other
`);

const cost = (query: string, variables?: Record<string, unknown>): number | undefined =>
  operationComplexity(schema, parse(query), undefined, variables);

const refusal = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  operationLimitError(schema, parse(query), operationName, variables);

describe('operationComplexity', () => {
  it('multiplies only the rows of a page by `first`: pageInfo and totalCount are there once', () => {
    // items 1 + totalCount 1 + pageInfo 3 + 100 rows × (edges 1 + cursor 1 + node 1 + id 1 + name 1)
    expect(
      cost(`{ items(first: 100) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } }
      } }`),
    ).toBe(1 + 1 + 3 + 100 * 5);
  });

  it('takes `first` from variables, and the default when it is left out', () => {
    const page = 'query Items($first: Int) { items(first: $first) { edges { node { id } } } }';
    expect(cost(page, { first: 7 })).toBe(1 + 7 * 3);
    expect(cost('{ items { edges { node { id } } } }')).toBe(1 + 20 * 3);
  });

  it('multiplies every field of a plain list that takes `first`', () => {
    expect(cost('{ recent(first: 4) { id name } }')).toBe(1 + 4 * 2);
  });

  it('prices a page nested in a page as the product of both', () => {
    expect(
      cost('{ items(first: 100) { edges { node { children(first: 100) { edges { node { id } } } } } } }'),
    ).toBe(1 + 100 * (1 + 1 + 1 + 100 * 3));
  });

  it('runs a field spread twice once, as execution does, and skips what @skip or @include leave out', () => {
    expect(cost('{ item(id: "1") { ...F ...F id } } fragment F on Item { id name }')).toBe(1 + 2);
    const optional =
      'query Q($no: Boolean!) { item(id: "1") { id name @skip(if: $no) parent @include(if: $no) { id } } }';
    expect(cost(optional, { no: true })).toBe(1 + 1 + 2);
    expect(cost(optional, { no: false })).toBe(1 + 1 + 1);
  });

  it('prices a union as its costliest member', () => {
    expect(cost('{ search { ... on Item { id } ... on Other { id a b c } } }')).toBe(1 + 4);
  });
});

describe('operationLimitError', () => {
  it('lets a full page through and refuses a page nested in a page', () => {
    expect(refusal('{ items(first: 100) { totalCount edges { cursor node { id name } } } }')).toBeUndefined();
    const nested = refusal(
      '{ items(first: 100) { edges { node { children(first: 100) { edges { node { id } } } } } } }',
    );
    expect(nested?.message).toBe(`Query complexity is 30301; at most ${MAX_QUERY_COMPLEXITY} is allowed`);
    expect(nested?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('refuses a page size out of range, naming `first`, before anything runs', () => {
    for (const [first, message] of [
      [101, 'must not be greater than 100'],
      [0, 'must not be less than 1'],
      [-5, 'must not be less than 1'],
    ] as const) {
      const error = refusal('query Items($first: Int) { items(first: $first) { totalCount } }', { first });
      expect(error?.originalError).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'first', message }],
      });
      expect(error?.locations).toEqual([{ line: 1, column: 34 }]);
    }
    expect(
      refusal('{ item(id: "1") { children(first: 1000) { totalCount } } }')?.originalError,
    ).toMatchObject({
      fields: [{ path: 'first', message: 'must not be greater than 100' }],
    });
    expect(refusal('{ recent(first: 0) { id } }')).toBeDefined();
  });

  it('refuses a document deeper than the limit, also when a fragment spreads itself (not validated yet)', () => {
    const deep =
      '{ item(id: "1") { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } }';
    expect(refusal(deep)?.message).toBe('Query is nested 11 levels deep; at most 10 are allowed');
    expect(refusal('{ item(id: "1") { ...F } } fragment F on Item { parent { ...F } }')?.message).toBe(
      'Query is nested more than 10 levels deep',
    );
    expect(
      refusal(
        '{ item(id: "1") { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } }',
      ),
    ).toBeUndefined();
  });

  it('measures a fragment spread ever more often once per level, as execution runs it', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, index) =>
        `fragment F${index} on Item { id ${index < 39 ? `...F${index + 1} ...F${index + 1}` : ''} }`,
    ).join(' ');
    expect(cost(`{ item(id: "1") { ...F0 } } ${fragments}`)).toBe(1 + 1);
  });

  it(`refuses more than ${MAX_ALIASES} aliases, counted as often as a fragment runs them`, () => {
    const aliases = (count: number): string =>
      Array.from({ length: count }, (_, index) => `a${index}: name`).join(' ');
    expect(refusal(`{ item(id: "1") { ${aliases(MAX_ALIASES)} } }`)).toBeUndefined();
    expect(refusal(`{ item(id: "1") { ${aliases(MAX_ALIASES + 1)} } }`)?.message).toBe(
      `The operation uses more than ${MAX_ALIASES} aliases`,
    );
    expect(
      refusal(`{ item(id: "1") { ...F parent { ...F } } } fragment F on Item { ${aliases(16)} }`)?.message,
    ).toBe(`The operation uses more than ${MAX_ALIASES} aliases`);
  });

  it(`refuses more than ${MAX_ROOT_FIELDS} root fields`, () => {
    const roots = (count: number): string =>
      Array.from({ length: count }, (_, index) => `r${index}: item(id: "${index}") { id }`).join(' ');
    expect(refusal(`{ ${roots(MAX_ROOT_FIELDS)} }`)).toBeUndefined();
    expect(refusal(`{ ${roots(MAX_ROOT_FIELDS + 1)} }`)?.message).toBe(
      `The operation asks for ${MAX_ROOT_FIELDS + 1} root fields; at most ${MAX_ROOT_FIELDS} are allowed`,
    );
  });

  it('measures the operation named, and leaves a document with several and no name to GraphQL', () => {
    const document = `query Small { item(id: "1") { id } }
      query Big { items(first: 100) { edges { node { children(first: 100) { totalCount edges { node { id } } } } } } }`;
    expect(refusal(document, {}, 'Small')).toBeUndefined();
    expect(refusal(document, {}, 'Big')).toBeDefined();
    expect(refusal(document)).toBeUndefined();
  });

  it('leaves variables that do not fit, and unknown fields, to execution and validation', () => {
    expect(
      refusal('query Items($first: Int) { items(first: $first) { totalCount } }', { first: 'many' }),
    ).toBeUndefined();
    expect(refusal('{ nothing { here } }')).toBeUndefined();
  });
});
