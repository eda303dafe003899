import { coerceAttributeValue } from '../model/attributes';
import type { Item } from '../model/item';
import type { AttributeValue, LabelClass } from '../model/labelSchema';
import type { Project } from '../model/project';
import type { Shape, ShapeSource } from '../model/shape';
import { createBoxShape } from '../model/shapeFactory';
import { createImageLookup } from './shared/imageLookup';
import type { DatasetBox, ImportContext, LabelDataset } from './types';

/** Model id given to imported boxes that carry a score (COCO results, Label Studio predictions). */
export const IMPORTED_MODEL_ID = 'imported';

/** What an import may refer to: the project's images by relative path and size. */
export function importContextFor(items: Item[]): ImportContext {
  return { images: items.map((i) => ({ fileName: i.relPath, width: i.width, height: i.height })) };
}

/**
 * The project's labels in exchange form. Class names come from the label
 * schema (in its order); attribute ids become attribute names; boxes keep the
 * order they were drawn in, so exports are stable.
 */
export function toDataset(project: Project, items: Item[], shapesByItem: Map<string, Shape[]>): LabelDataset {
  const classes = new Map(project.labelSchema.classes.map((c) => [c.id, c]));
  return {
    classes: project.labelSchema.classes.map((c) => c.name),
    images: items.map((item) => ({
      fileName: item.relPath,
      width: item.width,
      height: item.height,
      boxes: [...(shapesByItem.get(item.id) ?? [])]
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((shape) => {
          const cls = classes.get(shape.classId);
          if (!cls) throw new Error(`shape ${shape.id} on "${item.relPath}" has class id ${shape.classId}, which is not in the project's label schema`);
          return datasetBox(shape, cls);
        }),
    })),
  };
}

function datasetBox(shape: Shape, cls: LabelClass): DatasetBox {
  const out: DatasetBox = { className: cls.name, box: shape.box };
  const attributes: Record<string, AttributeValue> = {};
  for (const spec of cls.attributes) {
    const value = shape.attributes[spec.id];
    if (value !== undefined) attributes[spec.name] = value;
  }
  if (Object.keys(attributes).length > 0) out.attributes = attributes;
  if (shape.source.kind === 'model') out.score = shape.source.score;
  return out;
}

export interface FromDatasetResult {
  /** New shapes for boxes whose class is in the schema; the store decides whether they replace or add. */
  shapes: Shape[];
  /** Class names the file uses that the schema lacks, in order of first use. Their boxes are not in `shapes`:
   * add the classes and map again, or refuse the import. */
  newClasses: string[];
  /** Things left out, for the user to read: unmatched images, attribute values that do not fit. */
  warnings: string[];
  /**
   * Attributes the file's boxes carry that their class does not declare
   * (e.g. `occluded`, `truncated`, `difficult` from VOC or CVAT), with the
   * type their values suggest. Add them to the classes and map again to keep
   * them; otherwise they are left out, with a warning.
   */
  newAttributes: NewAttribute[];
}

export interface NewAttribute {
  className: string;
  name: string;
  type: 'checkbox' | 'number' | 'text';
}

/** Turns an imported dataset into shapes of this project. Images match items by relative path, then by a unique base name. */
export function fromDataset(dataset: LabelDataset, project: Project, items: Item[], author: string, now: number): FromDatasetResult {
  const classes = new Map(project.labelSchema.classes.map((c) => [c.name, c]));
  const lookup = createImageLookup(items, (i) => i.relPath);
  const shapes: Shape[] = [];
  const newClasses: string[] = [];
  const warnings: string[] = [];
  for (const image of dataset.images) {
    const found = lookup.find(image.fileName);
    if (found.length !== 1) {
      warnings.push(`"${image.fileName}": ${found.length === 0 ? 'no item of this project has this name' : 'several items have this name'}; its ${image.boxes.length} boxes were skipped`);
      continue;
    }
    const item = found[0]!;
    for (const [n, box] of image.boxes.entries()) {
      const cls = classes.get(box.className);
      if (!cls) {
        if (!newClasses.includes(box.className)) newClasses.push(box.className);
        continue;
      }
      const where = `"${image.fileName}" box ${n + 1}`;
      shapes.push(
        createBoxShape({
          projectId: project.id,
          itemId: item.id,
          cls,
          box: box.box,
          author,
          now,
          attributes: attributeValues(cls, box.attributes ?? {}, where, warnings),
          source: sourceOf(box, where, warnings),
        }),
      );
    }
  }
  return { shapes, newClasses, warnings };
}

function attributeValues(cls: LabelClass, byName: Record<string, AttributeValue>, where: string, warnings: string[]): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(byName)) {
    const spec = cls.attributes.find((a) => a.name === name);
    const coerced = spec ? coerceAttributeValue(spec, value) : undefined;
    if (spec && coerced !== undefined) out[spec.id] = coerced;
    else warnings.push(`${where}: attribute "${name}" = ${JSON.stringify(value)} ${spec ? 'does not fit its type; the default was used' : `is not an attribute of class "${cls.name}"; it was left out`}`);
  }
  return out;
}

function sourceOf(box: DatasetBox, where: string, warnings: string[]): ShapeSource {
  if (box.score === undefined) return { kind: 'human' };
  if (box.score >= 0 && box.score <= 1) return { kind: 'model', modelId: IMPORTED_MODEL_ID, score: box.score };
  warnings.push(`${where}: score ${box.score} is not between 0 and 1; imported as a human box`);
  return { kind: 'human' };
}
