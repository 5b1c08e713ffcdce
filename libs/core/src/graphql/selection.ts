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
