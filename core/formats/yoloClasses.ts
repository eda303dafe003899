import { parseDocument, stringify } from 'yaml';
import { FormatError } from './formatError';
import type { FormatFile } from './types';
import { clipReason, lineOfOffset, textLines, withoutBom } from './shared/text';
import { MAX_YAML_DEPTH, yamlTooDeepOffset } from './shared/yamlDepth';

export const YOLO_DATA_FILE = 'data.yaml';
export const YOLO_CLASSES_FILE = 'classes.txt';

/** What data.yaml says besides the class list: where the dataset is and which image folders train and val read. */
export interface DataYamlPaths {
  /** The dataset folder's name (see the comment written above it). */
  path: string;
  /** Image folders relative to `path`, e.g. "images/train". */
  train: string;
  val: string;
}

// Ultralytics resolves a relative `path` against its datasets_dir setting, not
// against this file's folder (ultralytics/data/utils.py check_det_dataset), so
// "." would point into datasets_dir itself. The folder's own name is their
// convention (coco8.yaml says `path: coco8`); a zip given as data=… is
// unpacked and its folder used whatever `path` says.
const PATH_NOTE = [
  '# Ultralytics YOLO detection dataset, written by Groundwork.',
  '# `path` is resolved against Ultralytics\' datasets_dir (see `yolo settings`):',
  '# keep this folder there under this name, set `path` to its absolute location,',
  '# or train from the zip directly (yolo train data=<this zip>).',
  '# Each images/…/<name>.<ext> has its boxes in labels/…/<name>.txt.',
];

/** Ultralytics' data.yaml: path, train, val and `names` as a mapping id → name (the form its own tools write). */
export function writeDataYaml(classes: string[], paths: DataYamlPaths): string {
  const body = stringify({ path: paths.path, train: paths.train, val: paths.val, nc: classes.length, names: new Map(classes.map((c, i) => [i, c])) });
  return `${PATH_NOTE.join('\n')}\n${body}`;
}

/**
 * The class list: data.yaml `names` (list or id mapping), or a darknet-style
 * classes.txt (one name a line) when there is no yaml.
 */
export function readYoloClasses(files: FormatFile[]): { file: string; names: Map<number, string>; splitFolders: string[] } {
  const yamls = files.filter((f) => /\.ya?ml$/i.test(f.path));
  const yaml = yamls.find((f) => /(^|\/)data\.ya?ml$/i.test(f.path)) ?? (yamls.length === 1 ? yamls[0] : undefined);
  if (yaml) {
    const doc = parseYaml(yaml);
    return { file: yaml.path, names: readNames(yaml, doc), splitFolders: splitFoldersOf(doc) };
  }
  const classesTxt = files.find((f) => f.path === YOLO_CLASSES_FILE || f.path.endsWith(`/${YOLO_CLASSES_FILE}`));
  if (classesTxt) return { file: classesTxt.path, names: readClassesTxt(classesTxt), splitFolders: [] };
  throw new FormatError(YOLO_DATA_FILE, '', 'missing: a YOLO dataset needs data.yaml with the class names (or classes.txt)');
}

/**
 * How many alias references (`*name`) data.yaml may resolve. A real one
 * has none; a "billion laughs" file nests aliases of aliases so a few
 * hundred bytes expand to gigabytes. yaml counts resolved references
 * against this and stops.
 */
export const MAX_YAML_ALIASES = 100;

/** data.yaml as plain values; a syntax error, an alias bomb or any other failure of the reader is a FormatError with a line. */
function parseYaml(file: FormatFile): unknown {
  const text = withoutBom(file.content);
  const fail = (line: number, reason: string): never => {
    throw new FormatError(file.path, `line ${line}`, clipReason(reason));
  };
  const tooDeep = yamlTooDeepOffset(text);
  if (tooDeep >= 0) fail(lineOfOffset(text, tooDeep), `invalid YAML: nested more than ${MAX_YAML_DEPTH} levels deep`);
  try {
    const doc = parseDocument(text);
    const error = doc.errors[0];
    if (error) fail(error.linePos?.[0].line ?? 1, `invalid YAML: ${error.message.split('\n')[0]!}`);
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (e instanceof FormatError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    // Alias errors (the limit, an unknown anchor) are ReferenceErrors without a position: point at the first alias.
    const line = /alias/i.test(message) ? firstAliasLine(text) : 1;
    if (/excessive alias count/i.test(message)) fail(line, `invalid YAML: aliases expand too far (more than ${MAX_YAML_ALIASES} references): refused as an alias bomb`);
    return fail(line, `invalid YAML: ${message}`);
  }
}

function firstAliasLine(text: string): number {
  const alias = /(^|[\s,[{:-])\*[^\s,\]}]+/m.exec(text);
  return alias ? lineOfOffset(text, alias.index + alias[1]!.length) : 1;
}

/**
 * The split folders train/val/test name as `images/<folder>` (e.g. "train"),
 * so labels/<folder>/x.txt is read as the label file of image x, not of
 * an image in a sub-folder called <folder>.
 */
function splitFoldersOf(doc: unknown): string[] {
  if (!doc || typeof doc !== 'object') return [];
  const record = doc as Record<string, unknown>;
  const entries = ['train', 'val', 'test'].flatMap((k) => (Array.isArray(record[k]) ? (record[k] as unknown[]) : [record[k]]));
  const folders = entries.flatMap((v) => (typeof v === 'string' ? [/^(?:\.\/)?images\/([^/]+)\/?$/.exec(v)?.[1]] : [])).filter((f): f is string => !!f);
  return [...new Set(folders)];
}

function readNames(file: FormatFile, doc: unknown): Map<number, string> {
  const names = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).names : undefined;
  const entries: [unknown, unknown][] = Array.isArray(names)
    ? names.map((n, i) => [i, n])
    : names && typeof names === 'object'
      ? Object.entries(names)
      : [];
  if (entries.length === 0) throw new FormatError(file.path, 'names', 'missing: `names` must list the classes (a list or a mapping id: name)');
  const out = new Map<number, string>();
  for (const [key, value] of entries) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0) throw new FormatError(file.path, `names.${String(key)}`, `class id "${String(key)}" is not a whole number`);
    if (typeof value !== 'string' || value.trim() === '') throw new FormatError(file.path, `names.${id}`, 'class name must be a non-empty string');
    if ([...out.values()].includes(value)) throw new FormatError(file.path, `names.${id}`, `duplicate class name "${value}"`);
    out.set(id, value);
  }
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
}

function readClassesTxt(file: FormatFile): Map<number, string> {
  const out = new Map<number, string>();
  const lines = textLines(file.content);
  for (const [i, raw] of lines.entries()) {
    const name = raw.trim();
    if (name === '') {
      if (lines.slice(i).some((l) => l.trim() !== '')) throw new FormatError(file.path, `line ${i + 1}`, 'empty class name (class ids are line numbers, so blank lines would shift them)');
      break;
    }
    out.set(out.size, name);
  }
  if (out.size === 0) throw new FormatError(file.path, '', 'missing: classes.txt lists no classes');
  return out;
}
