import type { NewAttribute } from '../../core/formats/datasetMapping';
import { paletteColor, type AttributeSpec, type LabelSchema } from '../../core/model/labelSchema';
import { newId } from '../../core/util/ids';

/** The schema plus one class per new name, with palette colours continuing after the existing classes. */
export function withAddedClasses(schema: LabelSchema, names: readonly string[]): LabelSchema {
  const start = schema.classes.length;
  return { classes: [...schema.classes, ...names.map((name, i) => ({ id: newId('cls_'), name, color: paletteColor(start + i), attributes: [] }))] };
}

/**
 * The schema with the file's new classes and the attributes its boxes
 * carry (VOC's difficult, CVAT's occluded…) declared, so mapping again
 * keeps their values. An attribute of a class the schema does not have
 * (and that is not added) is skipped; one the class already has is kept as is.
 */
export function withImportAdditions(schema: LabelSchema, classNames: readonly string[], attributes: readonly NewAttribute[]): LabelSchema {
  const grown = withAddedClasses(schema, classNames);
  return {
    classes: grown.classes.map((cls) => {
      const added = attributes.filter((a) => a.className === cls.name && !cls.attributes.some((s) => s.name === a.name));
      return added.length === 0 ? cls : { ...cls, attributes: [...cls.attributes, ...added.map(attributeSpec)] };
    }),
  };
}

function attributeSpec(attribute: NewAttribute): AttributeSpec {
  const id = newId('att_');
  switch (attribute.type) {
    case 'checkbox':
      return { id, name: attribute.name, type: 'checkbox', default: false };
    case 'number':
      return { id, name: attribute.name, type: 'number', default: 0 };
    case 'text':
      return { id, name: attribute.name, type: 'text', default: '' };
  }
}
