import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console: built into dist/web (served by the service at /); `npm run dev:web` serves it with
 * hot reload and passes the API through to a running service (VITE_API, default
 * http://127.0.0.1:4000).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Nothing is loaded from elsewhere: every asset is a hashed file of this build.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The UI libraries mark their modules "use client" for React Server Components: nothing to
      // keep in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/schema.graphql'].map((p) => [
        p,
        process.env.VITE_API ?? 'http://127.0.0.1:4000',
      ]),
    ),
  },
});
