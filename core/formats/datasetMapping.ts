import { coerceAttributeValue } from '../model/attributes';
import type { Item } from '../model/item';
import type { AttributeValue, LabelClass } from '../model/labelSchema';
import type { Project } from '../model/project';
import type { Shape, ShapeSource } from '../model/shape';
import { createBoxShape } from '../model/shapeFactory';
import { createImageLookup } from './shared/imageLookup';
import { WarningCollector, type ImportWarnings } from './importWarnings';
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
  /** Things left out or changed, for the user to read before anything is written: unmatched images
   * ('unknown-media'), attribute values that do not fit or have no attribute ('attribute'), scores out of range. */
  warnings: ImportWarnings;
  /**
   * Attributes the file's boxes carry that their class does not declare
   * (e.g. `occluded`, `truncated`, `difficult` from VOC or CVAT), with the
   * type their values suggest. Add them to the classes and map again to keep
   * them; otherwise they are left out, with a warning. Attributes of boxes
   * whose class is new are listed too, so adding the class can add them.
   */
  newAttributes: NewAttribute[];
  /** How many of the file's images matched an item of the project (once each). */
  matchedImages: number;
  /** Boxes on matched images left out because their class is new: they come in once the classes are added. */
  newClassBoxes: number;
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
  const warnings = new WarningCollector();
  const undeclared = new UndeclaredAttributes();
  const matched = new Set<string>();
  let newClassBoxes = 0;
  for (const image of dataset.images) {
    const found = lookup.find(image.fileName);
    if (found.length !== 1) {
      const why = found.length === 0 ? 'no item of this project has this name' : 'several items have this name';
      warnings.add('unknown-media', image.fileName, '', `${why}; its ${image.boxes.length} ${image.boxes.length === 1 ? 'box was' : 'boxes were'} skipped`);
      continue;
    }
    const item = found[0]!;
    matched.add(item.id);
    for (const [n, box] of image.boxes.entries()) {
      const cls = classes.get(box.className);
      if (!cls) {
        newClassBoxes++;
        if (!newClasses.includes(box.className)) newClasses.push(box.className);
        // Remembered so that adding the class can add these attributes with it.
        for (const [name, value] of Object.entries(box.attributes ?? {})) undeclared.add(box.className, name, value);
        continue;
      }
      const where = { file: image.fileName, location: `box ${n + 1}` };
      shapes.push(
        createBoxShape({
          projectId: project.id,
          itemId: item.id,
          cls,
          box: box.box,
          author,
          now,
          attributes: attributeValues(cls, box.attributes ?? {}, where, warnings, undeclared),
          source: sourceOf(box, where, warnings),
        }),
      );
    }
  }
  return { shapes, newClasses, warnings: warnings.result(), newAttributes: undeclared.list(), matchedImages: matched.size, newClassBoxes };
}

type Where = { file: string; location: string };

function attributeValues(cls: LabelClass, byName: Record<string, AttributeValue>, where: Where, warnings: WarningCollector, undeclared: UndeclaredAttributes): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(byName)) {
    const spec = cls.attributes.find((a) => a.name === name);
    const coerced = spec ? coerceAttributeValue(spec, value) : undefined;
    if (spec && coerced !== undefined) out[spec.id] = coerced;
    else if (spec) warnings.add('attribute', where.file, where.location, `attribute "${name}" = ${JSON.stringify(value)} does not fit its type; the default was used`);
    else {
      undeclared.add(cls.name, name, value);
      warnings.add('attribute', where.file, where.location, `attribute "${name}" = ${JSON.stringify(value)} is not an attribute of class "${cls.name}"; it was left out`);
    }
  }
  return out;
}

function sourceOf(box: DatasetBox, where: Where, warnings: WarningCollector): ShapeSource {
  if (box.score === undefined) return { kind: 'human' };
  if (box.score >= 0 && box.score <= 1) return { kind: 'model', modelId: IMPORTED_MODEL_ID, score: box.score };
  warnings.add('value-changed', where.file, where.location, `score ${box.score} is not between 0 and 1; imported as a human box`);
  return { kind: 'human' };
}

/** Attributes seen on boxes whose class lacks them, in order of first use, with the type every value so far allows. */
class UndeclaredAttributes {
  private readonly seen = new Map<string, NewAttribute>();

  add(className: string, name: string, value: AttributeValue): void {
    const key = JSON.stringify([className, name]);
    const type = typeOf(value);
    const known = this.seen.get(key);
    // One value that is not a boolean (or number) makes the attribute text: text holds every value.
    if (!known) this.seen.set(key, { className, name, type });
    else if (known.type !== type) known.type = 'text';
  }

  list(): NewAttribute[] {
    return [...this.seen.values()].map((a) => ({ ...a }));
  }
}

function typeOf(value: AttributeValue): NewAttribute['type'] {
  return typeof value === 'boolean' ? 'checkbox' : typeof value === 'number' ? 'number' : 'text';
}
