import path from 'node:path';
import { layers, mayImport, forbiddenPackages, forbiddenModules, forbiddenTableAccess, anyLayer } from './layerRules.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

function repoPath(absFile) {
  const rel = path.relative(repoRoot, absFile).split(path.sep).join('/');
  return rel.startsWith('..') ? null : rel;
}

function layerOf(rel) {
  return rel === null ? null : (layers.find((l) => l.match.test(rel)) ?? null);
}

/** `x.db.table` or `x.db['table']`: a Dexie table read off the store's database. */
function isTableAccess(node) {
  const db = node.object;
  return db.type === 'MemberExpression' && !db.computed && db.property.type === 'Identifier' && db.property.name === 'db';
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
    const rel = repoPath(file);
    const layer = layerOf(rel);
    if (!layer) return {};
    const from = layer.name;
    if (layer.unassigned) {
      const folder = rel.split('/').slice(0, 2).join('/');
      return {
        Program: (node) => context.report({ node, message: `${folder}/ is in no layer: add it to scripts/eslint/layerRules.js (and renderer/README.md)` }),
      };
    }
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const targetRel = repoPath(path.resolve(path.dirname(file), spec));
        const target = layerOf(targetRel)?.name;
        if (!target) return;
        const module = targetRel.replace(/\.(tsx?|jsx?|mjs)$/, '');
        for (const rule of forbiddenModules[from] ?? []) {
          if (rule.match.test(module)) context.report({ node, message: `${from} may not import ${module} ("${spec}"): ${rule.why}` });
        }
        if (target === from) return;
        const allowed = mayImport[from] ?? [];
        if (allowed.includes(anyLayer) || allowed.includes(target)) return;
        context.report({ node, message: `${from} may not import ${target} ("${spec}"); see ARCHITECTURE.md "may import" and scripts/eslint/layerRules.js` });
        return;
      }
      for (const rule of forbiddenPackages[from] ?? []) {
        if (rule.match.test(spec)) context.report({ node, message: `${from} may not import "${spec}": ${rule.why}` });
      }
    }
    const tableRule = forbiddenTableAccess[from];
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      ...(tableRule
        ? {
            MemberExpression: (node) => {
              if (isTableAccess(node)) context.report({ node, message: `${from} may not use Dexie tables ("${context.sourceCode.getText(node)}"): ${tableRule}` });
            },
          }
        : {}),
    };
  },
};
