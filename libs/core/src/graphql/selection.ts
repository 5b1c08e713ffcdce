import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects `field` on the value being resolved, directly or through a
 * fragment: work nobody asked for — a COUNT over every row a filter matches — is left undone.
 * A field under @skip or @include counts as selected: the work is then merely not saved.
 */
export function selectsField(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && inSelection(info, node.selectionSet, field),
  );
}

function inSelection(info: GraphQLResolveInfo, selectionSet: SelectionSetNode, field: string): boolean {
  return selectionSet.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === field;
      case Kind.INLINE_FRAGMENT:
        return inSelection(info, selection.selectionSet, field);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        return fragment !== undefined && inSelection(info, fragment.selectionSet, field);
      }
    }
  });
}

/**
 * The names of the fields the operation selects on the value being resolved, directly or through
 * fragments (an alias counts by its field's name): a list reads only the columns they need.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          names.add(selection.name.value);
          break;
        case Kind.INLINE_FRAGMENT:
          collect(selection.selectionSet);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          if (fragment) collect(fragment.selectionSet);
        }
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) collect(node.selectionSet);
  return names;
}
