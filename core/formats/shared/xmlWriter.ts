/** A small deterministic XML writer: fixed attribute order, two-space indent, escaped text. */
export interface XmlNode {
  tag: string;
  attrs?: [string, string | number][];
  text?: string | number;
  children?: XmlNode[];
}

export function el(tag: string, content?: string | number | XmlNode[], attrs?: [string, string | number][]): XmlNode {
  if (Array.isArray(content)) return { tag, children: content, attrs };
  return { tag, text: content, attrs };
}

export function renderXml(root: XmlNode): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  write(root, 0, lines);
  return lines.join('\n') + '\n';
}

function write(node: XmlNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = (node.attrs ?? []).map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`).join('');
  const open = `${pad}<${node.tag}${attrs}`;
  if (node.children && node.children.length > 0) {
    lines.push(`${open}>`);
    for (const child of node.children) write(child, depth + 1, lines);
    lines.push(`${pad}</${node.tag}>`);
  } else if (node.text !== undefined && String(node.text) !== '') {
    lines.push(`${open}>${escapeText(String(node.text))}</${node.tag}>`);
  } else {
    lines.push(`${open}/>`);
  }
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
