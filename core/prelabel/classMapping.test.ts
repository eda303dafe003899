import { describe, expect, it } from 'vitest';
import { LabelSchemaSchema } from '../model/labelSchema';
import { unknownModelClasses, withModelClasses } from './classMapping';
import { ocrSchema } from './testKit';

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
