import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../../../core/model/labelSchema';
import type { Shape } from '../../../core/model/shape';
import { createTestEditor, testShape } from '../testing/testEditor';

/** A text class as `withTextAttributes` leaves it, and two pending OCR pre-labels with their read text. */
const schema: LabelSchema = {
  classes: [{ id: 'text', name: 'text', color: '#ff0000', attributes: [{ id: 'att_text', name: 'text', type: 'text', default: '' }, { id: 'att_quad', name: 'quad', type: 'text', default: '' }] }],
};

function ocrBox(id: string, x: number, text: string): Shape {
  const box = { x, y: 100, w: 100, h: 50 };
  return {
    ...testShape(id, box, 'text'),
    attributes: { att_text: text, att_quad: '[[0,0]]' },
    source: { kind: 'model', modelId: 'ppocr', score: 0.9 },
    prelabel: { runId: 'run', predictionId: `p_${id}`, modelId: 'ppocr', score: 0.9, predictedBox: box, predictedClassId: 'text', review: 'pending' },
  };
}

describe('OCR text on pre-labels', () => {
  it('accepting keeps the recognised text; fixing the text of a pending one makes it corrected', () => {
    const t = createTestEditor({ schema, shapes: [ocrBox('a', 100, 'EXIT'), ocrBox('b', 300, 'PUSH')] });
    t.click(150, 120).expectSelected(['a']).keyDown('Enter');
    expect(t.shape('a')).toMatchObject({ attributes: { att_text: 'EXIT', att_quad: '[[0,0]]' }, prelabel: { review: 'accepted' } });

    t.editor.setAttributes('b', { att_text: 'PULL' });
    expect(t.shape('b')).toMatchObject({ attributes: { att_text: 'PULL', att_quad: '[[0,0]]' }, prelabel: { review: 'corrected' } });
    // One undo step: the model's text and the pending state come back together.
    t.keyDown('z', { ctrl: true });
    expect(t.shape('b')).toMatchObject({ attributes: { att_text: 'PUSH' }, prelabel: { review: 'pending' } });
  });
});
