import type ort from 'onnxruntime-node';
import type { ModelManifest } from '../types';

/**
 * Compares a manifest with the model it describes, using the session's own
 * input/output metadata. Each function returns a sentence naming what does
 * not match, or undefined when it matches.
 */

type Dims = ReadonlyArray<number | string>;

export function inputProblem(manifest: ModelManifest, session: ort.InferenceSession): string | undefined {
  const { name, width, height, size } = manifest.input;
  if (!session.inputNames.includes(name)) {
    return `manifest says the input is named '${name}' but the model's inputs are ${session.inputNames.map((n) => `'${n}'`).join(', ')}`;
  }
  const meta = session.inputMetadata.find((m) => m.name === name);
  if (!meta || !meta.isTensor) return `the model's input '${name}' is not a tensor`;
  const dims = meta.shape;
  if (dims.length !== 4) return `manifest describes an image input [1, 3, ${height}, ${width}] but the model's input '${name}' has shape ${showDims(dims)}`;
  if (typeof dims[1] === 'number' && dims[1] !== 3) return `the model's input '${name}' has ${dims[1]} channels; the engine feeds 3 (shape ${showDims(dims)})`;
  const [h, w] = [dims[2], dims[3]];
  if (size === 'fixed' && typeof h === 'number' && typeof w === 'number' && (h !== height || w !== width)) {
    return `manifest says input '${name}' is ${width}×${height} but the model's input '${name}' is ${w}×${h}`;
  }
  if (size === 'dynamic' && typeof h === 'number' && typeof w === 'number') {
    return `manifest says input '${name}' has a dynamic size but the model's input '${name}' is fixed at ${w}×${h}`;
  }
  // A dynamic input may still fix one side (PP-OCR recognition: height 48, any width); it must be the manifest's.
  if (size === 'dynamic' && typeof h === 'number' && h !== height) return `manifest says input '${name}' is ${height} high but the model's input '${name}' is fixed at height ${h}`;
  if (size === 'dynamic' && typeof w === 'number' && w !== width) return `manifest says input '${name}' is ${width} wide but the model's input '${name}' is fixed at width ${w}`;
  return undefined;
}

/** The shape each decoder reads, as text for messages. */
export function expectedLayout(manifest: ModelManifest): string {
  const c = manifest.classes.length;
  switch (manifest.decoder) {
    case 'yolo-v8':
    case 'yolo-v11':
      return `[1, ${4 + c}, N] (4 box values + ${c} classes, anchors last)`;
    case 'yolo-v5':
      return `[1, N, ${5 + c}] (4 box values + objectness + ${c} classes per anchor)`;
    case 'ppocr-det':
      return '[N, 1, H, W] (a probability map)';
    case 'ppocr-rec':
      return '[N, T, C] (per-step character probabilities)';
  }
}

/** Checks output dims against the decoder; symbolic dims pass here and are checked again on the first run's real dims. */
export function outputLayoutProblem(manifest: ModelManifest, outputName: string, dims: Dims): string | undefined {
  const c = manifest.classes.length;
  const wrong = (hint = '') =>
    `manifest says decoder '${manifest.decoder}' with ${c} classes, so output '${outputName}' should be ${expectedLayout(manifest)}, but the model's output is ${showDims(dims)}${hint}`;
  switch (manifest.decoder) {
    case 'yolo-v8':
    case 'yolo-v11':
      if (dims.length !== 3 || !fits(dims[1], 4 + c)) return wrong(yoloHint(dims, manifest.decoder));
      return undefined;
    case 'yolo-v5':
      if (dims.length !== 3 || !fits(dims[2], 5 + c)) return wrong(yoloHint(dims, 'yolo-v5'));
      return undefined;
    case 'ppocr-det':
      return dims.length === 4 && fits(dims[1], 1) ? undefined : wrong();
    case 'ppocr-rec':
      return dims.length === 3 ? undefined : wrong();
  }
}

/** When the dims fit the other YOLO layout, say so: the likeliest lie is the decoder name. */
function yoloHint(dims: Dims, decoder: 'yolo-v5' | 'yolo-v8' | 'yolo-v11'): string {
  if (dims.length !== 3) return '';
  const [, a, b] = dims;
  if (decoder !== 'yolo-v5' && typeof b === 'number' && b > 5 && typeof a === 'number' && a > b) return ` (that looks like the yolo-v5 layout with ${b - 5} classes)`;
  if (decoder === 'yolo-v5' && typeof a === 'number' && a > 4 && typeof b === 'number' && b > a) return ` (that looks like the yolo-v8 layout with ${a - 4} classes)`;
  return '';
}

function fits(dim: number | string | undefined, expected: number): boolean {
  return typeof dim === 'string' || dim === expected;
}

export function showDims(dims: Dims): string {
  return `[${dims.map(showDim).join(', ')}]`;
}

function showDim(dim: number | string | undefined): string {
  return typeof dim === 'number' ? String(dim) : `'${dim ?? '?'}'`;
}
