import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { selectionDepth } from './complexity.plugin.js';

function depthOf(query: string): number {
  const document = parse(query);
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  return selectionDepth(operation.selectionSet, fragments, new Set());
}

describe('selectionDepth', () => {
  it('counts nested fields', () => {
    expect(depthOf('{ workers { edges { node { originRegency { name } } } } }')).toBe(5);
  });

  it('follows fragments, which cannot hide depth', () => {
    expect(depthOf('{ a { ...F } } fragment F on T { b { c { d } } }')).toBe(4);
  });

  it('stops on a fragment cycle', () => {
    expect(depthOf('{ a { ...F } } fragment F on T { b { ...F } }')).toBe(2);
  });
});
