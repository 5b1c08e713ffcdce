import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { selectedFields, selectsField } from './selection.js';

/**
 * What a resolver of the root field `placements` is handed for `document`: the nodes of that field
 * (one per time the operation names it) and the document's fragments, the only parts of the info
 * `selectsField` reads.
 */
function infoOfPlacements(document: string): GraphQLResolveInfo {
  const definitions = parse(document).definitions;
  const operation = definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fieldNodes = (operation?.selectionSet.selections ?? []).filter(
    (selection): selection is FieldNode =>
      selection.kind === Kind.FIELD && selection.name.value === 'placements',
  );
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> = { fieldNodes, fragments };
  return info as GraphQLResolveInfo;
}

const selectsTotal = (document: string): boolean => selectsField(infoOfPlacements(document), 'totalCount');

describe('selectsField', () => {
  it('finds a field selected directly', () => {
    expect(selectsTotal('{ placements { totalCount edges { node { id } } } }')).toBe(true);
  });

  it('finds a field under an alias, by its name', () => {
    expect(selectsTotal('{ placements { n: totalCount } }')).toBe(true);
  });

  it('finds a field in a named fragment', () => {
    expect(
      selectsTotal('{ placements { ...Counted } } fragment Counted on PlacementConnection { totalCount }'),
    ).toBe(true);
  });

  it('finds a field in an inline fragment nested in another', () => {
    expect(
      selectsTotal('{ placements { ... on PlacementConnection { ... @include(if: true) { totalCount } } } }'),
    ).toBe(true);
  });

  it('finds a field in a fragment spread inside a fragment', () => {
    expect(
      selectsTotal(`{ placements { ...Page } }
        fragment Page on PlacementConnection { edges { cursor } ...Counted }
        fragment Counted on PlacementConnection { totalCount }`),
    ).toBe(true);
  });

  it('finds a field asked for by one of several nodes of the same field', () => {
    expect(selectsTotal('{ placements { edges { cursor } } placements { totalCount } }')).toBe(true);
  });

  it('finds nothing when the field is absent, named only as an alias, or asked for deeper down', () => {
    expect(selectsTotal('{ placements { edges { node { id } } pageInfo { hasNextPage } } }')).toBe(false);
    expect(selectsTotal('{ placements { totalCount: pageInfo { hasNextPage } } }')).toBe(false);
    expect(selectsTotal('{ placements { edges { node { totalCount } } } }')).toBe(false);
    expect(selectsTotal('{ placements { ...Missing } }')).toBe(false);
  });
});

describe('selectedFields', () => {
  const fieldsOf = (document: string): string[] => [...selectedFields(infoOfPlacements(document))].sort();

  it('names each field selected directly, an aliased one by its name', () => {
    expect(fieldsOf('{ placements { totalCount n: pageInfo { hasNextPage } } }')).toEqual([
      'pageInfo',
      'totalCount',
    ]);
  });

  it('names fields of inline and named fragments, and of every node of the same field', () => {
    expect(
      fieldsOf(`{ placements { ... on PlacementConnection { edges { cursor } } ...Counted }
        placements { pageInfo { hasNextPage } } }
        fragment Counted on PlacementConnection { totalCount }`),
    ).toEqual(['edges', 'pageInfo', 'totalCount']);
  });

  it('names no field asked for deeper down, nor any of a fragment the document lacks', () => {
    expect(fieldsOf('{ placements { edges { node { id } } ...Missing } }')).toEqual(['edges']);
  });
});
