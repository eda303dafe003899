import path from 'node:path';
import { layers, mayImport, forbiddenPackages, anyLayer } from './layerRules.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

function layerOf(absFile) {
  const rel = path.relative(repoRoot, absFile).split(path.sep).join('/');
  if (rel.startsWith('..')) return null;
  return layers.find((l) => l.match.test(rel))?.name ?? null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the import rules of ARCHITECTURE.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = layerOf(path.resolve(path.dirname(file), spec));
        if (!target || target === from) return;
        const allowed = mayImport[from] ?? [];
        if (allowed.includes(anyLayer) || allowed.includes(target)) return;
        context.report({ node, message: `${from} may not import ${target} ("${spec}"); see ARCHITECTURE.md "may import"` });
        return;
      }
      for (const rule of forbiddenPackages[from] ?? []) {
        if (rule.match.test(spec)) context.report({ node, message: `${from} may not import "${spec}": ${rule.why}` });
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
