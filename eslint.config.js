// Lint: TypeScript rules plus the layer arrows of DESIGN.md, so they cannot decay.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Who may import whom (src/<layer>): each layer lists the layers it may import.
const allowed = {
  model: [],
  lib: [],
  parse: ['model', 'lib'],
  analysis: ['model', 'lib'],
  knowledge: ['model', 'analysis', 'lib'],
  share: ['model', 'analysis', 'lib'],
  worker: ['model', 'parse', 'analysis', 'knowledge', 'share', 'lib'],
  state: ['model', 'worker', 'share', 'analysis', 'lib'],
  components: ['state', 'model', 'analysis', 'lib'],
  app: ['components', 'state', 'model', 'lib'],
  cli: ['model', 'parse', 'analysis', 'knowledge', 'share', 'lib'],
};
const layers = Object.keys(allowed);
const zones = layers.map((layer) => ({
  target: `./src/${layer}`,
  from: './src',
  except: [`./${layer}`, ...allowed[layer].map((l) => `./${l}`)],
  message: `src/${layer} may import only: ${allowed[layer].join(', ') || 'nothing'} (see DESIGN.md).`,
}));

// Pure layers run in the worker and in Node: no DOM, no React.
const pureLayers = ['model', 'parse', 'analysis', 'knowledge', 'share', 'lib'];

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'dist-cli/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', 'tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
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
