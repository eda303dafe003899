import type { ItemPredictions } from '../../electron/common/services/inferenceService';

export interface OutputBox {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  score: number;
  /** OCR models: the recognised text of the box. */
  text?: string;
}

/** One image of preds.json. A failed image has `error`, no boxes, and null sizes (it was never decoded). */
export interface OutputEntry {
  file: string;
  width: number | null;
  height: number | null;
  boxes: OutputBox[];
  error?: string;
}

/** The engine's outcome for one image in the operator's JSON form: boxes in the image's pixels (EXIF orientation applied). */
export function toOutputEntry(file: string, result: ItemPredictions): OutputEntry {
  if (!result.ok) return { file, width: null, height: null, boxes: [], error: result.error };
  return {
    file,
    width: result.width,
    height: result.height,
    boxes: result.predictions.map((p) => {
      const text = p.attributes?.text;
      return { ...p.box, label: p.className, score: p.score, ...(typeof text === 'string' ? { text } : {}) };
    }),
  };
}
