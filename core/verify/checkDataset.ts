import { formats, warningKindLabels, type FormatFile, type FormatId, type ImportWarningKind } from '../formats';
import type { DatasetBox } from '../formats/types';
import { BOX_FLAGS } from '../formats/boxFlags';
import { exportBox } from '../formats/shared/exportOrder';
import { compareText } from '../sync/canonicalLabels';
import type { LineageLine } from './exportFiles';
import type { Report } from './problems';

interface FlatBox {
  className: string;
  /** Attribute values as sorted-key JSON ('' when none), compared only for formats that carry them. */
  attributes: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Formats whose files carry a box's attributes with their types (YOLO and VOC do not; Label Studio only an OCR text). */
const CARRIES_ATTRIBUTES: readonly FormatId[] = ['coco', 'cvat'];

const order = (a: FlatBox, b: FlatBox) => compareText(a.className, b.className) || a.x - b.x || a.y - b.y || a.w - b.w || a.h - b.h || compareText(a.attributes, b.attributes);
const show = (b: FlatBox) => `${b.className} [x ${b.x}, y ${b.y}, w ${b.w}, h ${b.h}]${b.attributes ? ` ${b.attributes}` : ''}`;

/**
 * An unset flag (occluded, truncated, difficult) is the same as none: CVAT
 * writes occluded="0" on every box, so a class with one occluded box reads
 * back with occluded false on the others (core/formats/boxFlags.ts).
 */
const unsetFlag = (key: string, value: unknown) => value === false && (BOX_FLAGS as readonly string[]).includes(key);

function attributesText(attributes: Record<string, unknown> | undefined, carried: boolean): string {
  if (!carried || !attributes) return '';
  const keys = Object.keys(attributes)
    .filter((k) => !unsetFlag(k, attributes[k]))
    .sort(compareText);
  return keys.length === 0 ? '' : JSON.stringify(Object.fromEntries(keys.map((k) => [k, attributes[k]])));
}

/**
 * The dataset files say what the lineage's labels say: the folder is read
 * back with core/formats (the very importer of the workstation), and each
 * image's boxes must equal its item's labels as the format writes them
 * (clamped into the image, to 1/100 px; YOLO's relative coordinates allow
 * a rounding step more). Classes and boxes are compared, and attributes
 * where the format carries them with their types (COCO, CVAT); scores are
 * not (the lineage's label hashes cover what the files cannot).
 */
export function checkDataset(dir: string, format: FormatId, files: FormatFile[], lines: readonly LineageLine[], report: Report): number {
  const images = lines.map((l) => ({ fileName: l.image.fileName, width: l.image.width, height: l.image.height }));
  let result;
  try {
    result = formats[format].importDataset(files, { images });
  } catch (e) {
    report(null, 'dataset', `${dir}/ cannot be read as ${format}: ${(e as Error).message}`);
    return 0;
  }
  // A hub's export imports without a single warning: labels of an image no
  // lineage item has, a box outside its image or a polygon the importer
  // skips would otherwise vanish on import and pass unseen.
  for (const [kind, count] of Object.entries(result.warnings.counts) as [ImportWarningKind, number][]) {
    const first = result.warnings.examples.find((w) => w.kind === kind);
    const where = first ? ` (first: ${first.file}${first.location ? ` ${first.location}` : ''}: ${first.message})` : '';
    report(null, 'dataset', `${dir}/ has ${count} ${warningKindLabels[kind]} on import${where}; an export must read back whole`);
  }
  const { dataset } = result;
  const byFile = new Map(lines.map((l) => [l.image.fileName, l]));
  const seen = new Map<string, DatasetBox[]>();
  for (const image of dataset.images) {
    if (!byFile.has(image.fileName)) report(null, 'dataset', `${dir}/ has labels for image "${image.fileName}", which no item of the lineage has`);
    else seen.set(image.fileName, [...(seen.get(image.fileName) ?? []), ...image.boxes]);
  }
  let boxes = 0;
  const carried = CARRIES_ATTRIBUTES.includes(format);
  for (const line of lines) {
    const { width, height } = line.image;
    const tolerance = 0.011 + 1e-6 * Math.max(width, height);
    const expected = line.labels
      .map((s) => ({ className: s.className, attributes: attributesText(s.attributes, carried), ...exportBox(s.box, { fileName: line.image.fileName, width, height, boxes: [] }) }))
      .sort(order);
    const actual = (seen.get(line.image.fileName) ?? []).map((b) => ({ className: b.className, attributes: attributesText(b.attributes, carried), ...b.box })).sort(order);
    boxes += actual.length;
    const where = `${dir}/ image "${line.image.fileName}"`;
    if (actual.length !== expected.length) {
      report(line.itemId, 'dataset', `${where} has ${actual.length} boxes, the lineage's labels have ${expected.length}`);
      continue;
    }
    expected.forEach((e, i) => {
      const a = actual[i]!;
      const off = Math.max(Math.abs(a.x - e.x), Math.abs(a.y - e.y), Math.abs(a.w - e.w), Math.abs(a.h - e.h));
      if (a.className !== e.className || a.attributes !== e.attributes || off > tolerance) report(line.itemId, 'dataset', `${where}: the dataset has ${show(a)} where the lineage's labels have ${show(e)}`);
    });
  }
  return boxes;
}
