import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/console, which the api serves at `/` in production. In
 * development `npm run console:dev` serves it here with the api behind /graphql and /reports.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // The NIK's structure and encoded birth date and sex, checked as typed by the same code the API runs.
  resolve: {
    alias: {
      '@lintas/nik': fileURLToPath(new URL('../../libs/registry/src/worker/nik.ts', import.meta.url)),
    },
  },
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: process.env.LINTAS_API_URL ?? 'http://127.0.0.1:3000', ws: true },
      '/reports': { target: process.env.LINTAS_API_URL ?? 'http://127.0.0.1:3000' },
    },
  },
});
