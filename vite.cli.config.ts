// Builds the `stackscope` command: the same parse/analysis core as the app, bundled for Node.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    rollupOptions: { output: { entryFileNames: 'stackscope.js', format: 'es' } },
  },
  ssr: { noExternal: true },
});
