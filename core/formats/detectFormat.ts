import type { AnnotationFormat, FormatFile } from './types';

export type FormatId = AnnotationFormat['id'];

/**
 * Guesses the format of a bundle of files from their names and a glance at
 * their content; null when nothing fits. Import still validates everything.
 */
export function detectFormat(files: FormatFile[]): FormatId | null {
  const lower = (f: FormatFile) => f.path.toLowerCase();
  const xml = files.filter((f) => lower(f).endsWith('.xml'));
  if (xml.some((f) => /<annotations[\s>]/.test(f.content))) return 'cvat';
  if (xml.some((f) => /<annotation[\s>]/.test(f.content))) return 'voc';
  if (files.some((f) => /(^|\/)(data\.ya?ml|classes\.txt)$/.test(lower(f)) || /(^|\/)labels\/.*\.txt$/.test(lower(f)))) return 'yolo';
  for (const f of files.filter((f) => lower(f).endsWith('.json'))) {
    const json = tryParse(f.content);
    if (Array.isArray(json) && json.some((t) => t && typeof t === 'object' && 'data' in t)) return 'labelstudio';
    if (json && typeof json === 'object' && 'images' in json && 'annotations' in json) return 'coco';
  }
  return null;
}

function tryParse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}
