import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API's own schema file (`npm run lintas -- schema` writes it; a test
 * keeps it equal to the served schema). Documents are sent as strings: the console never parses
 * GraphQL in the browser, so graphql-js stays out of the bundle. Paths are from the repository
 * root, where the npm scripts run it.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['apps/console/src/**/*.{ts,tsx}', '!apps/console/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'apps/console/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { CountryCode: 'string', Date: 'string', DateTime: 'string' },
      },
    },
  },
};

export default config;
