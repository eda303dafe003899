import { describe, expect, it } from 'vitest';
import { LabelSchemaSchema, type LabelSchema } from '../model/labelSchema';
import { describeAddedTextAttributes, shapeAttributesFor, textAttributeOf, unknownModelClasses, withModelClasses, withTextAttributes } from './classMapping';
import { ocrSchema } from './testKit';

/** A project made before OCR: its `Text` class has only a hand-made attribute, `logo` has none. */
const plainSchema: LabelSchema = {
  classes: [
    { id: 'cls_text', name: 'Text', color: '#ff0000', attributes: [{ id: 'att_lang', name: 'language', type: 'select', options: ['en', 'de'], default: 'en' }] },
    { id: 'cls_logo', name: 'logo', color: '#00ff00', attributes: [] },
  ],
};

describe('model classes', () => {
  it('lists model classes the project lacks, once each', () => {
    expect(unknownModelClasses(ocrSchema, ['text', 'car', 'LOGO', 'car'])).toEqual(['car']);
  });

  it('adds OCR classes with text and quad attributes, other tasks without', () => {
    const ocr = withModelClasses({ classes: [] }, ['text'], 'ocr');
    expect(ocr.classes[0]!.attributes.map((a) => [a.name, a.type])).toEqual([['text', 'text'], ['quad', 'text']]);
    const det = withModelClasses(ocrSchema, ['car'], 'detect');
    expect(det.classes.map((c) => c.name)).toEqual(['text', 'logo', 'car']);
    expect(det.classes[2]!.attributes).toEqual([]);
    expect(LabelSchemaSchema.safeParse(det).success).toBe(true);
  });
});

describe('withTextAttributes', () => {
  it('gives an existing class an OCR model maps to the text and quad attributes, keeping its own', () => {
    const { schema, added } = withTextAttributes(plainSchema, ['text'], 'ocr');
    expect(schema.classes[0]!.attributes.map((a) => [a.name, a.type])).toEqual([['language', 'select'], ['text', 'text'], ['quad', 'text']]);
    expect(schema.classes[0]!.attributes[0]).toBe(plainSchema.classes[0]!.attributes[0]);
    // A class the model does not map to is left alone.
    expect(schema.classes[1]).toBe(plainSchema.classes[1]);
    expect(added).toEqual([
      { classId: 'cls_text', className: 'Text', attribute: 'text' },
      { classId: 'cls_text', className: 'Text', attribute: 'quad' },
    ]);
    expect(LabelSchemaSchema.safeParse(schema).success).toBe(true);
  });

  it('adds only what is missing, matching names in any case, and nothing the second time', () => {
    const withText: LabelSchema = { classes: [{ ...plainSchema.classes[0]!, attributes: [{ id: 'att_t', name: 'TEXT', type: 'text', default: '' }] }] };
    const first = withTextAttributes(withText, ['text', 'unknown'], 'text-detect');
    expect(first.added.map((a) => a.attribute)).toEqual(['quad']);
    expect(first.schema.classes[0]!.attributes.map((a) => a.name)).toEqual(['TEXT', 'quad']);
    const again = withTextAttributes(first.schema, ['text'], 'ocr');
    expect(again.added).toEqual([]);
    expect(again.schema).toBe(first.schema);
    expect(withTextAttributes(ocrSchema, ['text'], 'ocr')).toEqual({ schema: ocrSchema, added: [] });
  });

  it('leaves the schema alone for a model that does not read text', () => {
    expect(withTextAttributes(plainSchema, ['text'], 'detect')).toEqual({ schema: plainSchema, added: [] });
  });

  it('says what it added, once per attribute', () => {
    expect(describeAddedTextAttributes([])).toBeNull();
    expect(describeAddedTextAttributes(withTextAttributes(plainSchema, ['text'], 'ocr').added)).toBe(
      'Class “Text” now has a “text” attribute that holds the recognised text, and a “quad” attribute with the detected outline.',
    );
    const two = withTextAttributes(plainSchema, ['text', 'logo'], 'ocr').added.filter((a) => a.attribute === 'text');
    expect(describeAddedTextAttributes(two)).toBe('Classes “Text”, “logo” now have a “text” attribute that holds the recognised text.');
    const quadOnly = [{ classId: 'cls_logo', className: 'logo', attribute: 'quad' }];
    expect(describeAddedTextAttributes([...two, ...quadOnly])).toBe('Classes “Text”, “logo” now have a “text” attribute that holds the recognised text. Class “logo” now has a “quad” attribute with the detected outline.');
  });

  it('then the recognised text lands on the shape, whatever the case of the attribute name', () => {
    const cls = withTextAttributes(plainSchema, ['text'], 'ocr').schema.classes[0]!;
    const text = textAttributeOf(cls)!;
    expect(text.name).toBe('text');
    const attributes = shapeAttributesFor(cls, { text: 'EXIT', quad: '[[0,0]]' }, { att_lang: 'en' });
    expect(attributes[text.id]).toBe('EXIT');
    const upper = { ...cls, attributes: [{ id: 'att_T', name: 'Text', type: 'text' as const, default: '' }] };
    expect(shapeAttributesFor(upper, { text: 'EXIT' }, {})).toEqual({ att_T: 'EXIT' });
    expect(textAttributeOf(plainSchema.classes[1])).toBeUndefined();
  });
});
