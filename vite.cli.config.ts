// Builds the `stackscope` command: the same parse/analysis core as the app, bundled for Node
// into one file, dist-cli/stackscope.js. `--mode worker` builds the helper thread that parses
// parts of large goroutine dumps (src/cli/parseWorker.ts) into dist-cli/parse-worker.js, a file
// of its own so that the command's start loads one file only.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig(({ mode }) => {
  const worker = mode === 'worker';
  return {
    publicDir: false,
    build: {
      ssr: worker ? 'src/cli/parseWorker.ts' : 'src/cli/main.ts',
      outDir: 'dist-cli',
      emptyOutDir: !worker,
      target: 'node20',
      sourcemap: false,
      rollupOptions: { output: { entryFileNames: worker ? 'parse-worker.js' : 'stackscope.js', format: 'es' } },
    },
    ssr: { noExternal: true },
    define: { __STACKSCOPE_VERSION__: JSON.stringify(version) },
  };
});
