/**
 * The YOLO head layouts and the check that an output tensor has one of them.
 * A tensor of the wrong size would otherwise be read past its end (undefined
 * → NaN boxes) or decoded as garbage; here it is refused with a sentence that
 * says what was expected.
 *  - v5:            [B, N, 5 + C]  cx, cy, w, h, objectness, C class scores per anchor
 *  - v8 and v11:    [B, 4 + C, N]  cx, cy, w, h, C class scores (anchor-free, anchors last)
 * Only the first image of a batch is decoded.
 */
export type YoloLayout = 'yolo-v5' | 'yolo-v8' | 'yolo-v11';

export const yoloLayouts: readonly YoloLayout[] = ['yolo-v5', 'yolo-v8', 'yolo-v11'];

export interface YoloOutput {
  data: Float32Array;
  dims: readonly number[];
}

/** Anchor count and per-anchor stride of the first image, or throws naming what is wrong. */
export function checkYoloOutput(layout: YoloLayout, output: YoloOutput, classCount: number): { anchors: number } {
  const { data, dims } = output;
  const expected = layout === 'yolo-v5' ? `[1, N, ${5 + classCount}]` : `[1, ${4 + classCount}, N]`;
  const fail = (why: string) => new Error(`${layout} output ${JSON.stringify(dims)} with ${data.length} values does not fit ${expected} for ${classCount} classes: ${why}`);
  if (!Number.isInteger(classCount) || classCount < 1) throw fail('the model needs at least one class');
  if (dims.length !== 3) throw fail(`expected 3 dimensions, got ${dims.length}`);
  if (!dims.every((d) => Number.isInteger(d) && d >= 0)) throw fail('dimensions must be non-negative integers');
  const [batch, a, b] = dims as [number, number, number];
  if (batch < 1) throw fail('the batch is empty');
  if (data.length !== batch * a * b) throw fail(`the data holds ${data.length} values, the dimensions say ${batch * a * b}`);
  if (layout === 'yolo-v5') {
    if (b !== 5 + classCount) throw fail(`each anchor has ${b} values`);
    return { anchors: a };
  }
  if (a !== 4 + classCount) throw fail(`there are ${a} rows per anchor`);
  return { anchors: b };
}
