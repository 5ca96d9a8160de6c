// Lint: TypeScript rules plus the layer arrows of DESIGN.md, so they cannot decay.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import layers from './eslint-rules/layers.js';

// Who may import whom (src/<layer>): exactly the arrows of DESIGN.md, "Layers (src/) and who may
// import whom", enforced by the local rule in eslint-rules/layers.js. An entry is a layer, a
// single module ('worker/client'), or 'type:<layer>' for `import type` only. Imports within a
// layer are always fine.
// - lib is the domain-free leaf: it imports nothing, and every layer may import it (but model,
//   which imports nothing at all).
// - state reaches the worker only through worker/client, which re-exports the protocol types
//   and the analysis values state needs.
// - cli is the Node front end (not in DESIGN.md): the same core the worker uses.
const arrows = {
  model: [],
  lib: [],
  parse: ['model', 'lib'],
  analysis: ['model', 'lib'],
  knowledge: ['model', 'analysis', 'lib'],
  share: ['model', 'type:analysis', 'lib'],
  worker: ['model', 'parse', 'analysis', 'knowledge', 'lib'],
  state: ['type:model', 'worker/client', 'share', 'lib'],
  components: ['state', 'type:model', 'lib'],
  app: ['components', 'state', 'lib'],
  cli: ['model', 'parse', 'analysis', 'knowledge', 'lib'],
};

// Pure layers run in the worker and in Node: no DOM, no React.
const pureLayers = ['model', 'parse', 'analysis', 'knowledge', 'share', 'lib'];

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'dist-cli/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', 'tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { layers, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'layers/arrows': ['error', { srcDir: fileURLToPath(new URL('./src', import.meta.url)), arrows }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Playwright fixtures call their continuation `use`; it is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: pureLayers.map((l) => `src/${l}/**/*.ts`),
    rules: {
      'no-restricted-imports': ['error', { paths: ['react', 'react-dom', 'd3', 'd3-flame-graph', 'zustand'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
);
