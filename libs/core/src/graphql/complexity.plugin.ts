import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { InvalidInputError } from '../errors/domain-error.js';
import { MAX_PAGE_SIZE } from '../pagination/connection.js';
import { HTTP_STATUS } from './http-error.filter.js';

/**
 * What one operation may cost: every field costs 1, and the rows of a page (a connection's
 * `edges`/`nodes`) cost once per row its `first` may return. A full page of the widest list — 100
 * placements with every field and the fields of each record they link to — costs about 17,400
 * (test/graphql-limits.e2e-spec.ts proves every list's full page fits); a page of 100 nested in a
 * page of 100 costs 30,000 and more, and is refused.
 */
export const MAX_QUERY_COMPLEXITY = 20_000;
export const MAX_QUERY_DEPTH = 10;
/**
 * Each alias runs its field once more: a screen may name a few lists and counts apart, but a
 * document that guesses a code or a NIK thirty times per request is an attack, not a client.
 */
export const MAX_ALIASES = 30;
/** A screen asks for a handful of things at once; more root fields only multiply one request's work. */
export const MAX_ROOT_FIELDS = 10;

/** The fields that hold a connection's rows; the rest of it (pageInfo, totalCount) is there once. */
const ROW_FIELDS = new Set(['edges', 'nodes']);

function refused(message: string, originalError?: InvalidInputError, nodes?: ASTNode): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    originalError,
    extensions: { code: 'BAD_USER_INPUT', http: { status: HTTP_STATUS.BAD_USER_INPUT } },
  });
}

/** Stops the walk at the first limit crossed: a cyclic or exploding document is never walked to its end. */
class LimitCrossed extends Error {
  constructor(readonly refusal: GraphQLError) {
    super(refusal.message);
  }
}

/**
 * Why an operation is refused, before anything runs: deeper, wider or costlier than any client of
 * Lintas needs, or a page size out of range. Undefined when it may run. Shared by HTTP (the plugin
 * below) and live subscriptions, whose documents are not validated yet when this runs.
 */
export function operationLimitError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | undefined {
  const measured = measure(schema, document, operationName, variables);
  if (measured instanceof GraphQLError) return measured;
  if (measured !== undefined && measured > MAX_QUERY_COMPLEXITY) {
    return refused(`Query complexity is ${measured}; at most ${MAX_QUERY_COMPLEXITY} is allowed`);
  }
  return undefined;
}

/** What an operation costs; undefined when it cannot run or another limit refuses it. */
export function operationComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string,
  variables?: Record<string, unknown>,
): number | undefined {
  const measured = measure(schema, document, operationName, variables);
  return typeof measured === 'number' ? measured : undefined;
}

function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number | GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  const rootType = operation && schema.getRootType(operation.operation);
  // No single operation to run (several and no operationName, or a wrong one): GraphQL refuses it.
  if (!operation || !rootType) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depth = selectionDepth(operation.selectionSet, fragments, new Set(), new Map());
  if (depth > MAX_QUERY_DEPTH) {
    return refused(`Query is nested ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed`);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  // Variables that do not fit the operation: execution refuses them next, naming the field, before
  // any resolver runs. Nothing is spent, so there is nothing to limit.
  if (coerced.errors) return undefined;
  const walk = new OperationWalk(schema, fragments, coerced.coerced);
  try {
    const rootFields = walk.collect(rootType, [operation.selectionSet]);
    if (rootFields.size > MAX_ROOT_FIELDS) {
      return refused(
        `The operation asks for ${rootFields.size} root fields; at most ${MAX_ROOT_FIELDS} are allowed`,
      );
    }
    return walk.selectionCost(rootType, rootFields, undefined, 1);
  } catch (error) {
    if (error instanceof LimitCrossed) return error.refusal;
    // An argument or directive value that is not valid GraphQL: validation refuses it by name.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
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

/**
 * Walks an operation the way execution would run it — fields merged by response key, fragments
 * applied by type, @skip/@include honoured — adding up its cost, and counting its depth and aliases.
 */
class OperationWalk {
  private aliases = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  /** The fields a selection runs on an object of `type`, by response key, as execution collects them. */
  collect(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
    const fields = new Map<string, FieldNode[]>();
    // Once per level, as in execution: spreading a fragment twice runs its fields once.
    const spread = new Set<string>();
    const visit = (selectionSet: SelectionSetNode): void => {
      for (const selection of selectionSet.selections) {
        if (!this.included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          fields.set(key, [...(fields.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(selection.typeCondition?.name.value, type)) visit(selection.selectionSet);
        } else if (!spread.has(selection.name.value)) {
          spread.add(selection.name.value);
          const fragment = this.fragments.get(selection.name.value);
          if (fragment && this.applies(fragment.typeCondition.name.value, type)) visit(fragment.selectionSet);
        }
      }
    };
    selectionSets.forEach(visit);
    return fields;
  }

  /**
   * The cost of `fields` on an object of `type`, at `depth` (root fields are at 1). Under a page of
   * `rows`, the row fields — or, below a plain list that takes `first`, every field — cost once per row.
   */
  selectionCost(
    type: GraphQLObjectType,
    fields: ReadonlyMap<string, FieldNode[]>,
    page: { rows: number; connection: boolean } | undefined,
    depth: number,
  ): number {
    let cost = 0;
    for (const nodes of fields.values()) {
      const fieldCost = this.fieldCost(type, nodes, depth);
      const perRow = page && (!page.connection || ROW_FIELDS.has(nodes[0]?.name.value ?? ''));
      cost += perRow ? fieldCost * page.rows : fieldCost;
    }
    return cost;
  }

  private fieldCost(parent: GraphQLObjectType, nodes: FieldNode[], depth: number): number {
    const [node] = nodes;
    const definition = node && this.definition(parent, node.name.value);
    // A field the type does not have: validation refuses the operation by name.
    if (!node || !definition) return 0;
    // Past the depth measured above only when fragments spread one another in a cycle, which
    // validation refuses later: the walk must stop before it.
    if (depth > MAX_QUERY_DEPTH) {
      throw new LimitCrossed(refused(`Query is nested more than ${MAX_QUERY_DEPTH} levels deep`));
    }
    if (node.alias && node.alias.value !== node.name.value && ++this.aliases > MAX_ALIASES) {
      throw new LimitCrossed(refused(`The operation uses more than ${MAX_ALIASES} aliases`));
    }
    const type = getNamedType(definition.type);
    const rows = this.pageSize(definition, node);
    const page = rows === undefined ? undefined : { rows, connection: isConnection(type) };
    const selectionSets = nodes.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
    if (selectionSets.length === 0) return 1;
    // An interface or union costs as much as its costliest object type.
    const objectTypes = isObjectType(type)
      ? [type]
      : isAbstractType(type)
        ? this.schema.getPossibleTypes(type)
        : [];
    let below = 0;
    for (const objectType of objectTypes) {
      const fields = this.collect(objectType, selectionSets);
      below = Math.max(below, this.selectionCost(objectType, fields, page, depth + 1));
    }
    return 1 + below;
  }

  /**
   * How many rows a field with `first` may return, refused with the argument's name when out of
   * range: checked here, before any resolver or guard, for every list of the schema alike.
   */
  private pageSize(definition: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined {
    if (!definition.args.some((argument) => argument.name === 'first')) return undefined;
    const first: unknown = getArgumentValues(definition, node, this.variables).first;
    // Left out without a default, or null: the resolver refuses it or picks its own size.
    if (typeof first !== 'number') return MAX_PAGE_SIZE;
    const at = node.arguments?.find((argument) => argument.name.value === 'first') ?? node;
    if (first > MAX_PAGE_SIZE) throw pageSizeRefused(`must not be greater than ${MAX_PAGE_SIZE}`, at);
    if (first < 1) throw pageSizeRefused('must not be less than 1', at);
    return first;
  }

  private definition(parent: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (parent === this.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return parent.getFields()[name];
  }

  private included(selection: SelectionNode): boolean {
    if (getDirectiveValues(GraphQLSkipDirective, selection, this.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, this.variables)?.if !== false;
  }

  /** Whether a fragment with this type condition applies to an object of `type`. */
  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (condition === undefined || condition === type.name) return true;
    const conditionType = this.schema.getType(condition);
    return (
      conditionType !== undefined &&
      isAbstractType(conditionType) &&
      this.schema.isSubType(conditionType, type)
    );
  }
}

function isConnection(type: ReturnType<typeof getNamedType>): boolean {
  return isObjectType(type) && Object.keys(type.getFields()).some((name) => ROW_FIELDS.has(name));
}

function pageSizeRefused(message: string, at: ASTNode): LimitCrossed {
  const error = InvalidInputError.of('first', message);
  return new LimitCrossed(refused(error.message, error, at));
}

/**
 * Field depth as written, following fragments: each at most once per path, so a cycle cannot loop,
 * and measured once, so a fragment spread many times is not walked again each time.
 */
function selectionDepth(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  measured: Map<string, number>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const below = selection.selectionSet
        ? selectionDepth(selection.selectionSet, fragments, visiting, measured)
        : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting, measured));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      if (!measured.has(name)) {
        visiting.add(name);
        measured.set(name, selectionDepth(fragment.selectionSet, fragments, visiting, measured));
        visiting.delete(name);
      }
      deepest = Math.max(deepest, measured.get(name) ?? 0);
    }
  }
  return deepest;
}
