// Local ESLint rule `layers/arrows`: a module in src/<layer>/ may import only the layers its
// arrows in DESIGN.md ("Layers (src/) and who may import whom") allow.
//
// Why not import/no-restricted-paths: it cannot allow a layer for types only, and its node
// resolver does not map `./x.js` to `./x.ts`, so such imports went unchecked. This rule resolves
// relative specifiers itself (`.js`/`.jsx`/`.mjs` -> `.ts`/`.tsx`/`.mts`, extensionless, index
// files) and checks `import`, `export ... from`, `import()` and `typeof import()` with a literal,
// and `new URL('./x.ts', import.meta.url)` (worker entries). Unresolvable paths are still checked
// by their folder, so a typo cannot slip past.
//
// Options: { srcDir: absolute path of src/, arrows: { <layer>: [<entry>...] } } where an entry is
// '<layer>' (any import), '<layer>/<module>' (that module only, path without extension), and a
// 'type:' prefix allows only `import type` / `export type` / imports whose every specifier is
// inline `type`. Any import within one layer is fine.
import fs from 'node:fs';
import path from 'node:path';

const EXTENSION_SWAPS = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.js', '.jsx', '.mjs'];

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Resolves a relative specifier as TypeScript's bundler resolution would; null if no file. */
export function resolveSpecifier(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier.replace(/[?#].*$/, ''));
  const ext = path.extname(base);
  const candidates = [];
  for (const swap of EXTENSION_SWAPS[ext] ?? []) candidates.push(base.slice(0, -ext.length) + swap);
  candidates.push(base);
  for (const e of EXTENSIONS) candidates.push(base + e);
  for (const e of EXTENSIONS) candidates.push(path.join(base, 'index' + e));
  return candidates.find(isFile) ?? null;
}

function stripExtension(p) {
  return p.replace(/(\.d)?\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
}

/** `{ layer, module }` of a file under srcDir ('module' is its path in src/ without extension). */
function locate(srcDir, file) {
  const rel = path.relative(srcDir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.length < 2) return { layer: null, module: stripExtension(parts.join('/')) };
  return { layer: parts[0], module: stripExtension(parts.join('/')) };
}

function parseEntry(entry) {
  const typeOnly = entry.startsWith('type:');
  const target = typeOnly ? entry.slice('type:'.length) : entry;
  const slash = target.indexOf('/');
  return slash < 0
    ? { typeOnly, layer: target, module: null }
    : { typeOnly, layer: target.slice(0, slash), module: target };
}

export function describeArrows(entries) {
  if (entries.length === 0) return 'nothing';
  return entries.map((e) => (e.startsWith('type:') ? `${e.slice(5)} (types only)` : e)).join(', ');
}

function isTypeOnly(node) {
  switch (node.type) {
    case 'ImportDeclaration':
      if (node.importKind === 'type') return true;
      return node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type');
    case 'ExportNamedDeclaration':
      if (node.exportKind === 'type') return true;
      return node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === 'type');
    case 'ExportAllDeclaration':
      return node.exportKind === 'type';
    case 'TSImportType':
      return true;
    default:
      return false;
  }
}

function literalString(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  if (node.type === 'TSLiteralType') return literalString(node.literal);
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Enforce DESIGN.md's layer arrows: which src/ folder may import which." },
    schema: [
      {
        type: 'object',
        properties: {
          srcDir: { type: 'string' },
          arrows: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        required: ['srcDir', 'arrows'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden:
        "src/{{from}} may not import '{{specifier}}' (src/{{target}}): no arrow {{from}} -> {{targetLayer}} in DESIGN.md. src/{{from}} may import: {{allowed}}.",
      typesOnly:
        "src/{{from}} may import src/{{target}} for types only (DESIGN.md: {{from}} -> {{targetLayer}} types): use `import type` / `export type`. src/{{from}} may import: {{allowed}}.",
      unlisted: 'src/{{from}} is not a layer in DESIGN.md: add it there and to the arrows in eslint.config.js.',
      unknownLayer:
        "'{{specifier}}' resolves to src/{{target}}, which is in no layer of DESIGN.md; src/{{from}} may import: {{allowed}}.",
    },
  },
  create(context) {
    const { srcDir, arrows } = context.options[0];
    const filename = context.filename;
    const here = locate(srcDir, filename);
    if (!here || !here.layer) return {};
    if (!(here.layer in arrows)) {
      return { Program: (node) => context.report({ node, messageId: 'unlisted', data: { from: here.layer } }) };
    }
    const entries = arrows[here.layer].map(parseEntry);
    const allowed = describeArrows(arrows[here.layer]);

    function check(sourceNode, typeOnly) {
      const specifier = literalString(sourceNode);
      if (specifier === null || !(specifier.startsWith('./') || specifier.startsWith('../'))) return;
      const resolved = resolveSpecifier(filename, specifier) ?? path.resolve(path.dirname(filename), specifier);
      const there = locate(srcDir, resolved);
      if (!there || there.layer === here.layer) return;
      const data = { from: here.layer, specifier, target: path.relative(srcDir, resolved).split(path.sep).join('/'), targetLayer: there.layer, allowed };
      if (!there.layer || !(there.layer in arrows)) {
        context.report({ node: sourceNode, messageId: 'unknownLayer', data });
        return;
      }
      const matching = entries.filter((e) => e.layer === there.layer && (e.module === null || e.module === there.module));
      if (matching.length === 0) {
        context.report({ node: sourceNode, messageId: 'forbidden', data });
      } else if (!typeOnly && matching.every((e) => e.typeOnly)) {
        context.report({ node: sourceNode, messageId: 'typesOnly', data });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node.source, isTypeOnly(node)),
      ImportExpression: (node) => check(node.source, false),
      TSImportType: (node) => check(node.source ?? node.argument, true),
      NewExpression(node) {
        const [url, base] = node.arguments;
        const isImportMetaUrl =
          base?.type === 'MemberExpression' &&
          base.object.type === 'MetaProperty' &&
          base.object.meta.name === 'import' &&
          base.property.type === 'Identifier' &&
          base.property.name === 'url';
        if (node.callee.type === 'Identifier' && node.callee.name === 'URL' && isImportMetaUrl) check(url, false);
      },
    };
  },
};

export default { meta: { name: 'stackscope-layers' }, rules: { arrows: rule } };
