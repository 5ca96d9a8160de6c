/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';

// Exported charts and reports name the stackscope that drew them (src/lib/version.ts).
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The built page may run scripts and workers from its own origin only and talk to nobody:
// profiles hold production data. Dev mode keeps Vite's inline HMR helpers, so the policy is
// added at build time.
const contentSecurityPolicy = [
  "default-src 'self'",
  // Graphviz (the call graph's layout) is WebAssembly bundled in the worker: compiling it needs this.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspPlugin(): Plugin {
  return {
    name: 'stackscope-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
      );
    },
  };
}

// `vite build --mode single` (run by `npm run build` after the served build) writes
// dist/stackscope.html: one file that works opened from disk (file://) or served under any path.
// vite-plugin-singlefile inlines the page's script and styles; the two steps below do what it
// does not: the workers, and the policy's permission for the one inline script.

/**
 * The file's worker and the parse helpers are `new Worker(new URL('./x.ts', import.meta.url), …)`,
 * a separate file, which a page from disk cannot load. Here each becomes Vite's `?worker&inline`
 * import: the worker's code as a string in its parent's bundle, started from a blob: URL (which
 * the policy's `worker-src blob:` allows) as a classic worker (see `worker` below). The helpers are started by the file's worker, so this
 * runs in the worker bundles too. A `new Worker(` of any other shape stops the build: it would
 * be a file the single page cannot reach.
 */
function inlineWorkersPlugin(): Plugin {
  const workerCall = /new Worker\(new URL\((['"])(\.{1,2}\/[^'"]+)\1, import\.meta\.url\),/g;
  return {
    name: 'stackscope-inline-workers',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || !code.includes('new Worker(')) return null;
      const imports: string[] = [];
      const out = code.replace(workerCall, (_m, _q, path: string) => {
        const name = `__stackscopeInlineWorker${imports.length}`;
        imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
        return `new ${name}(`;
      });
      if (out.includes('new Worker(')) {
        this.error(`${id}: a Worker not started as new Worker(new URL('./file.ts', import.meta.url), …) cannot be inlined into stackscope.html`);
      }
      return { code: `${imports.join('\n')}\n${out}`, map: null };
    },
  };
}

/**
 * After vite-plugin-singlefile has inlined the page's script: the served page's policy, word for
 * word, but for the one inline script, allowed by its SHA-256 (no 'unsafe-inline' for scripts);
 * and the page is named stackscope.html. (The policy goes in here rather than before the
 * inlining, so that the plugin does not warn about a policy it cannot see completed.)
 */
function singleFileCspPlugin(): Plugin {
  return {
    name: 'stackscope-single-file-csp',
    apply: 'build',
    // After vite-plugin-singlefile, which is itself 'post'.
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const html = bundle['index.html'];
        if (!html || html.type !== 'asset' || typeof html.source !== 'string') {
          this.error('single-file build: index.html is missing from the bundle');
        }
        const rest = Object.keys(bundle).filter((k) => k !== 'index.html');
        if (rest.length > 0) this.error(`single-file build: files left beside stackscope.html: ${rest.join(', ')}`);
        const page = html.source as string;
        const hashes: string[] = [];
        for (const m of page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
          hashes.push(`'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
        }
        if (hashes.length === 0) this.error('single-file build: no inline script to allow');
        const policy = contentSecurityPolicy.replace("script-src 'self'", `script-src 'self' ${hashes.join(' ')}`);
        const charset = '<meta charset="UTF-8" />';
        if (!page.includes(charset)) this.error(`single-file build: index.html has no ${charset} to put the policy after`);
        delete bundle['index.html'];
        this.emitFile({
          type: 'asset',
          fileName: 'stackscope.html',
          source: page.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
        });
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    plugins: single ? [react(), inlineWorkersPlugin(), viteSingleFile(), singleFileCspPlugin()] : [react(), cspPlugin()],
    base: './',
    worker: single
      ? // Classic workers: Chromium refuses a module worker from a blob: URL made by a page opened
        // from disk (its origin is opaque), and runs a classic one. One chunk per worker (the call
        // graph's Graphviz is a dynamic import), inlined whole.
        { format: 'iife', plugins: () => [inlineWorkersPlugin()], rolldownOptions: { output: { codeSplitting: false } } }
      : { format: 'es' },
    // The single file lists the samples from its own copy of their index; the samples themselves
    // stay out of it (see src/state/intake.ts).
    define: {
      __STACKSCOPE_VERSION__: JSON.stringify(version),
      ...(single ? { 'import.meta.env.STACKSCOPE_INLINED_SAMPLE_INDEX': JSON.stringify(readFileSync('public/samples/index.json', 'utf8')) } : {}),
    },
    build: single
      ? { target: 'es2022', sourcemap: false, outDir: 'dist', emptyOutDir: false, copyPublicDir: false }
      : { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
    preview: { host: '127.0.0.1', port: 4173, strictPort: false },
    server: { host: '127.0.0.1' },
    test: {
      include: ['test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
      pool: 'forks',
    },
  };
});
