import { parsePythonLiteral, type PyLiteral } from './pythonLiteral';

/**
 * The keys Ultralytics' ONNX exporter writes into metadata_props, each the
 * Python str() of its value: names `{0: 'person', …}`, imgsz `[640, 640]`
 * ([height, width]), stride `32`, task `detect`, batch `1`, and description,
 * author, version, date, license, docs. The YOLOv5 repository's exporter
 * writes only stride and names.
 */

/** Class names in index order from the `names` dict (or list); throws naming what is wrong. */
export function classNamesFrom(text: string): string[] {
  const value = parsePythonLiteral(text);
  if (Array.isArray(value)) {
    if (!value.length || !value.every((v): v is string => typeof v === 'string' && v.length > 0)) throw new Error(`names ${text} is not a list of class names`);
    return value;
  }
  if (!isDict(value) || !value.entries.length) throw new Error(`names ${abbreviate(text)} is not a dict of class index → name`);
  const names: string[] = [];
  for (const [key, name] of value.entries) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0) throw new Error(`names has a key ${JSON.stringify(key)} that is not a class index`);
    if (typeof name !== 'string' || !name) throw new Error(`names[${key}] is not a class name`);
    if (names[key] !== undefined) throw new Error(`names has class ${key} twice`);
    names[key] = name;
  }
  const missing = [...names.keys()].filter((i) => names[i] === undefined);
  if (missing.length) throw new Error(`names skips class ${missing.join(', ')}; the classes must be numbered 0…${names.length - 1}`);
  return names;
}

/** Input [height, width] from `imgsz` (`[640, 640]`, `[480, 640]` or `640`). */
export function imageSizeFrom(text: string): { height: number; width: number } {
  const value = parsePythonLiteral(text);
  const sides = typeof value === 'number' ? [value, value] : Array.isArray(value) ? value : [];
  if (sides.length !== 2 || !sides.every((s): s is number => typeof s === 'number' && Number.isInteger(s) && s > 0)) {
    throw new Error(`imgsz ${abbreviate(text)} is not [height, width] in pixels`);
  }
  return { height: sides[0]!, width: sides[1]! };
}

function isDict(value: PyLiteral): value is Extract<PyLiteral, { kind: 'dict' }> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'dict';
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
