import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../pagination/connection.js';
import { HTTP_STATUS } from './http-error.filter.js';

export const MAX_QUERY_COMPLEXITY = 2000;
export const MAX_QUERY_DEPTH = 10;

/** Every field costs 1; a page costs its rows' cost once per row it may return (`first`). */
const pageAwareEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const rows = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE) : 1;
  return 1 + childComplexity * rows;
};

function refused(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: HTTP_STATUS.BAD_USER_INPUT } },
  });
}

/**
 * Why an operation is refused, before anything runs: deeper or costlier than any client of Lintas
 * needs. Undefined when it may run. Shared by HTTP (the plugin below) and live subscriptions.
 */
export function operationLimitError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  const depth = operation ? selectionDepth(operation.selectionSet, fragmentsOf(document), new Set()) : 0;
  if (depth > MAX_QUERY_DEPTH) {
    return refused(`Query is nested ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed`);
  }
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      operationName: operationName ?? undefined,
      query: document,
      variables: variables ?? undefined,
      estimators: [pageAwareEstimator],
    });
  } catch {
    // Variables that do not fit the operation: execution refuses them next, naming the
    // field, before any resolver runs. Nothing is spent, so there is nothing to limit.
    return undefined;
  }
  if (complexity > MAX_QUERY_COMPLEXITY) {
    return refused(`Query complexity is ${complexity}; at most ${MAX_QUERY_COMPLEXITY} is allowed`);
  }
  return undefined;
}

/** Applies `operationLimitError` to every HTTP operation. */
export function complexityLimitPlugin(schema: () => GraphQLSchema): ApolloServerPlugin {
  return {
    requestDidStart: async (): Promise<GraphQLRequestListener<object>> => ({
      didResolveOperation: async ({ request, document }) => {
        const error = operationLimitError(schema(), document, request.operationName, request.variables);
        if (error) throw error;
      },
    }),
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** Field depth, following fragments (each at most once per path, so cycles cannot loop). */
export function selectionDepth(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const below = selection.selectionSet ? selectionDepth(selection.selectionSet, fragments, visiting) : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, visiting));
      visiting.delete(fragment.name.value);
    }
  }
  return deepest;
}
