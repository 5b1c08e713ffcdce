import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Every GraphQL answer is `cache-control: no-store` (it holds personal data and is scoped to the
 * caller), as Apollo's default cache-control plugin already answered, since Lintas sets no cache
 * hints. That plugin computes the answer per field, though: its `willResolveField` hook makes
 * Apollo wrap every resolver of the schema, a cost paid by each of the thousands of fields of a
 * nested page. These two plugins give the same header once per response.
 */
export function noStorePlugins(): ApolloServerPlugin[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    {
      requestDidStart: () =>
        Promise.resolve({
          willSendResponse: ({ response }) => {
            response.http.headers.set('cache-control', 'no-store');
            return Promise.resolve();
          },
        }),
    },
  ];
}
