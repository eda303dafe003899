import { declareAttributes, readAttributeValue, type CvatInputType } from './cvatAttributes';
import { FormatError } from './formatError';
import { classIndexer, exportBox, sortByFileName, sortedImages } from './shared/exportOrder';
import { checkImageSize, contextLookup, importedBox, resolveImage, singleFile, type ContextImage } from './shared/importChecks';
import { parseNumber } from './shared/numbers';
import { childText, parseXmlFile, requireNumber, requireText, xmlAttr, xmlChild, xmlChildren, xmlText, type XmlElement } from './shared/xmlFile';
import { el, renderXml } from './shared/xmlWriter';
import type { AnnotationFormat, DatasetBox, DatasetImage, FormatFile, ImportContext, LabelDataset } from './types';

export const CVAT_FILE = 'annotations.xml';

function exportCvat(dataset: LabelDataset): FormatFile[] {
  const classIndex = classIndexer(dataset);
  const images = sortedImages(dataset);
  const allBoxes = images.flatMap((i) => i.boxes);
  const labels = dataset.classes.map((name) => {
    const attributes = declareAttributes(allBoxes.filter((b) => b.className === name));
    return el('label', [el('name', name), ...(attributes.length > 0 ? [el('attributes', attributes)] : [])]);
  });
  const meta = el('meta', [el('task', [el('name', 'Groundwork export'), el('size', images.length), el('mode', 'annotation'), el('labels', labels)])]);
  const imageNodes = images.map((image, i) =>
    el(
      'image',
      image.boxes.map((b) => {
        classIndex(b.className);
        const box = exportBox(b.box, image);
        const attrs = Object.entries(b.attributes ?? {}).map(([name, value]) => el('attribute', String(value), [['name', name]]));
        return el('box', attrs, [
          ['label', b.className],
          ['source', b.score === undefined ? 'manual' : 'auto'],
          ['occluded', 0],
          ['xtl', box.x],
          ['ytl', box.y],
          ['xbr', box.x2],
          ['ybr', box.y2],
          ['z_order', 0],
        ]);
      }),
      [['id', i], ['name', image.fileName], ['width', image.width], ['height', image.height]],
    ),
  );
  return [{ path: CVAT_FILE, content: renderXml(el('annotations', [el('version', '1.1'), meta, ...imageNodes])) }];
}

export interface DeclaredLabels {
  names: string[];
  inputTypes: Map<string, CvatInputType>;
}

/** Labels from <meta><task|project|job><labels>; undefined when the file declares none. */
export function readLabels(file: string, root: XmlElement): DeclaredLabels | undefined {
  const meta = xmlChild(root, 'meta');
  const owner = xmlChild(meta, 'task') ?? xmlChild(meta, 'project') ?? xmlChild(meta, 'job');
  const labelsNode = xmlChild(owner, 'labels');
  if (!labelsNode) return undefined;
  const names: string[] = [];
  const inputTypes = new Map<string, CvatInputType>();
  for (const [i, label] of xmlChildren(labelsNode, 'label').entries()) {
    const name = requireText(file, `meta label ${i + 1}`, 'label <name>', childText(label, 'name'));
    if (names.includes(name)) throw new FormatError(file, `meta label ${i + 1}`, `duplicate label "${name}"`);
    names.push(name);
    for (const attr of xmlChildren(xmlChild(label, 'attributes'), 'attribute')) {
      const type = childText(attr, 'input_type') as CvatInputType | undefined;
      inputTypes.set(`${name}\u0000${childText(attr, 'name') ?? ''}`, type ?? 'text');
    }
  }
  return { names, inputTypes };
}

function importCvat(files: FormatFile[], context: ImportContext): LabelDataset {
  const file = singleFile(files, ['.xml'], CVAT_FILE, 'CVAT annotations');
  const root = xmlChild(parseXmlFile(file, ['image', 'box', 'label', 'attribute']), 'annotations');
  if (!root) throw new FormatError(file.path, 'line 1', 'not a CVAT for images file: the root element <annotations> is missing');
  const declared = readLabels(file.path, root);
  const classes = [...(declared?.names ?? [])];
  const lookup = contextLookup(context);
  const images = new Map<string, DatasetImage>();
  for (const [i, node] of xmlChildren(root, 'image').entries()) {
    const name = requireText(file.path, `image ${i + 1}`, 'image name', xmlAttr(node, 'name'));
    const where = `image '${name}'`;
    const source = resolveImage(lookup, file.path, where, [name]);
    if (images.has(source.fileName)) throw new FormatError(file.path, where, `image "${source.fileName}" is listed twice`);
    checkImageSize(file.path, where, source, parseNumber(xmlAttr(node, 'width')), parseNumber(xmlAttr(node, 'height')));
    // Only <box> is read: polygons, points and tags are other tools' shapes, not errors.
    const boxes = xmlChildren(node, 'box').map((box, b) => readBox(file.path, `${where}, box ${b + 1}`, box, source, declared, classes));
    images.set(source.fileName, { fileName: source.fileName, width: source.width, height: source.height, boxes });
  }
  return { classes, images: sortByFileName(images.values()) };
}

function readBox(file: string, location: string, node: unknown, image: ContextImage, declared: DeclaredLabels | undefined, classes: string[]): DatasetBox {
  const className = requireText(file, location, 'label', xmlAttr(node, 'label'));
  if (declared && !declared.names.includes(className)) {
    throw new FormatError(file, location, `unknown label "${className}": the file declares ${declared.names.join(', ')}`);
  }
  if (!classes.includes(className)) classes.push(className);
  const [xtl, ytl, xbr, ybr] = (['xtl', 'ytl', 'xbr', 'ybr'] as const).map((k) => requireNumber(file, location, k, xmlAttr(node, k))) as [
    number,
    number,
    number,
    number,
  ];
  const result: DatasetBox = { className, box: importedBox(file, location, { x: xtl, y: ytl, w: xbr - xtl, h: ybr - ytl }, image) };
  const attributes: NonNullable<DatasetBox['attributes']> = {};
  for (const attr of xmlChildren(node, 'attribute')) {
    const name = requireText(file, location, 'attribute name', xmlAttr(attr, 'name'));
    attributes[name] = readAttributeValue(file, location, name, xmlText(attr) ?? '', declared?.inputTypes.get(`${className}\u0000${name}`));
  }
  if (Object.keys(attributes).length > 0) result.attributes = attributes;
  return result;
}

export const cvatFormat: AnnotationFormat = {
  id: 'cvat',
  label: 'CVAT for images 1.1 XML',
  exportDataset: exportCvat,
  importDataset: importCvat,
};
