import { useMutation, type MutationState } from '../../api/client';
import type { TypedDocumentString } from '../../gql/graphql';

/**
 * A change to the placement: the mutation, its state, and the retry its refusal offers. The
 * refusal is cleared and the placement read again first, since a conflict means its version moved
 * and the change must be sent with the new one.
 */
export function usePlacementChange<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  onChanged: () => void,
): [(variables: Variables) => Promise<Result | undefined>, MutationState, () => void] {
  const [run, state, reset] = useMutation(document);
  const retry = (): void => {
    reset();
    onChanged();
  };
  return [run, state, retry];
}
