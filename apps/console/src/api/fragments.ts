import { graphql } from '../gql';
import type { PageInfoFieldsFragment } from '../gql/graphql';

// Where a page of a connection ends, for the pager: every list spreads it (`...PageInfoFields`)
// inside its `pageInfo`, and codegen adds the fragment to each document that does.
graphql(`
  fragment PageInfoFields on PageInfo {
    hasNextPage
    endCursor
  }
`);

export type PageInfoFields = PageInfoFieldsFragment;
