import path from 'node:path';
import type { ModelManifest } from '../types';
import type { OnnxModelInfo, OnnxTensorInfo } from './readOnnxMetadata';
import { classNamesFrom, imageSizeFrom } from './ultralyticsMetadata';
import { messageOf } from '../errors';

/** What was read from a model file, shown to the user to confirm or correct. */
export interface UltralyticsReading {
  /** The metadata as the file holds it (every key, verbatim). */
  metadata: Record<string, string>;
  input?: OnnxTensorInfo;
  output?: OnnxTensorInfo;
  classes?: string[];
  /** The size the image will be letterboxed to, and where it came from. */
  inputSize?: { width: number; height: number; from: 'model input' | 'imgsz metadata' | 'default' };
  decoder?: YoloDecoder;
  /** Why that decoder: the output shape and the metadata that decided it. */
  decoderReason?: string;
  /** Guesses the user should look at (not errors). */
  notes: string[];
}

type YoloDecoder = 'yolo-v5' | 'yolo-v8' | 'yolo-v11';

export interface ManifestProposal {
  /** Complete when nothing stopped it; the engine can load it as is. */
  manifest?: ModelManifest;
  read: UltralyticsReading;
  /** Why no manifest could be proposed (each names what is missing or wrong). */
  problems: string[];
}

/** Ultralytics' predict defaults are conf 0.25; 0.45 is the NMS IoU the YOLOv5 repo and our README use. */
const defaults = { confidence: 0.25, iou: 0.45 };
const defaultSide = 640;

/**
 * A manifest for a detection model exported by Ultralytics (`yolo export
 * format=onnx`, or the YOLOv5 repository's export.py), from the file alone:
 * class names from `names`, input size from the graph or `imgsz`, decoder
 * from the output shape (v5: [1, N, 5 + C]; v8/v11: [1, 4 + C, N]) with the
 * description telling YOLO11 from YOLOv8.
 */
export function manifestFromUltralytics(info: OnnxModelInfo, modelFile: { path: string; sha256: string }): ManifestProposal {
  const { metadata } = info;
  const read: UltralyticsReading = { metadata, notes: [] };
  const problems: string[] = [];
  const fileName = path.basename(modelFile.path);

  read.input = info.inputs.find((i) => i.name === 'images') ?? info.inputs.find((i) => i.dims.length === 4);
  read.output = info.outputs[0];
  if (!read.input) problems.push(`no image input (expected 'images' [1, 3, H, W]); inputs: ${describe(info.inputs)}`);
  if (!read.output) problems.push('the model has no outputs');

  const task = metadata.task;
  if (task !== undefined && task !== 'detect') problems.push(`task '${task}' is not supported: only detection models ('detect') can pre-label boxes`);
  if (metadata.end2end === 'True') problems.push('end-to-end (NMS-free) heads are not supported yet; export with end2end=False');
  if (info.outputs.length > 1 && task === undefined) read.notes.push(`the model has ${info.outputs.length} outputs; only '${read.output?.name}' is decoded`);

  if (metadata.names === undefined) problems.push("no class names: the model's metadata has no 'names' (was it exported by Ultralytics?)");
  else {
    try {
      read.classes = classNamesFrom(metadata.names);
    } catch (error) {
      problems.push(messageOf(error));
    }
  }

  if (read.input) read.inputSize = inputSize(read.input, metadata, read.notes, problems);
  if (read.output && read.classes) {
    const choice = chooseDecoder(read.output, read.classes.length, metadata);
    if ('problem' in choice) problems.push(choice.problem);
    else [read.decoder, read.decoderReason] = [choice.decoder, choice.reason];
  }

  if (problems.length || !read.input || !read.inputSize || !read.classes || !read.decoder) return { read, problems };
  const stem = path.basename(fileName, path.extname(fileName));
  return {
    read,
    problems,
    manifest: {
      id: idFrom(stem),
      name: metadata.description ? `${metadata.description} (${fileName})` : fileName,
      task: 'detect',
      file: fileName,
      sha256: modelFile.sha256,
      input: { name: read.input.name, width: read.inputSize.width, height: read.inputSize.height, size: 'fixed' },
      normalization: { mean: [0, 0, 0], std: [1, 1, 1], scale: 1 / 255, channelOrder: 'rgb' },
      decoder: read.decoder,
      classes: read.classes,
      defaults,
    },
  };
}

/** The graph's own size when it is fixed; `imgsz` when the export was dynamic; 640 as a last resort, flagged. */
function inputSize(input: OnnxTensorInfo, metadata: Record<string, string>, notes: string[], problems: string[]): UltralyticsReading['inputSize'] {
  const [, channels, h, w] = input.dims;
  if (input.dims.length !== 4 || (typeof channels === 'number' && channels !== 3)) {
    problems.push(`input '${input.name}' is ${describeDims(input.dims)}, not an image [1, 3, H, W]`);
    return undefined;
  }
  let fromMetadata: { width: number; height: number } | undefined;
  if (metadata.imgsz !== undefined) {
    try {
      fromMetadata = imageSizeFrom(metadata.imgsz);
    } catch (error) {
      notes.push(messageOf(error));
    }
  }
  if (typeof h === 'number' && typeof w === 'number') {
    if (fromMetadata && (fromMetadata.width !== w || fromMetadata.height !== h)) notes.push(`imgsz says ${fromMetadata.width}×${fromMetadata.height} but the model's input is fixed at ${w}×${h}; using the model's`);
    return { width: w, height: h, from: 'model input' };
  }
  if (fromMetadata) return { ...fromMetadata, from: 'imgsz metadata' };
  notes.push(`the input size is dynamic and the metadata has no imgsz; assuming ${defaultSide}×${defaultSide}`);
  return { width: defaultSide, height: defaultSide, from: 'default' };
}

function chooseDecoder(output: OnnxTensorInfo, classCount: number, metadata: Record<string, string>): { decoder: YoloDecoder; reason: string } | { problem: string } {
  const { dims } = output;
  const shape = describeDims(dims);
  const v8 = dims.length === 3 && dims[1] === 4 + classCount;
  const v5 = dims.length === 3 && dims[2] === 5 + classCount;
  // Both can only hold when N = 5 + C; the Ultralytics package (which writes 'task') exports v8-style heads.
  if (v8 && (!v5 || metadata.task !== undefined)) {
    const eleven = /YOLO\s?v?11/i.test(metadata.description ?? '');
    return {
      decoder: eleven ? 'yolo-v11' : 'yolo-v8',
      reason: `output '${output.name}' is ${shape} = [1, 4 + ${classCount} classes, anchors]${eleven ? `; the description names YOLO11` : ''}`,
    };
  }
  if (v5) return { decoder: 'yolo-v5', reason: `output '${output.name}' is ${shape} = [1, anchors, 5 + ${classCount} classes] (objectness × class)` };
  return {
    problem: `output '${output.name}' is ${shape}, which is neither [1, ${4 + classCount}, N] (YOLOv8/YOLO11) nor [1, N, ${5 + classCount}] (YOLOv5) for the ${classCount} classes in names`,
  };
}

/** A manifest id from a file stem: letters, digits, '.', '_', '-', starting with a letter or digit. */
export function idFrom(stem: string): string {
  const cleaned = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned || 'model';
}

function describe(tensors: OnnxTensorInfo[]): string {
  return tensors.map((t) => `'${t.name}' ${describeDims(t.dims)}`).join(', ') || 'none';
}

function describeDims(dims: (number | string)[]): string {
  return `[${dims.map((d) => (typeof d === 'number' ? d : `'${d}'`)).join(', ')}]`;
}
