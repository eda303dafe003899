import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

export interface ConstantModelOptions {
  inputName?: string;
  outputName?: string;
  /** Input shape; strings are symbolic dims. Default [1, 3, 640, 640]. */
  inputDims?: (number | string)[];
  /**
   * Declare the output with symbolic dims and compute its shape at run time
   * from the input (Reshape to a data-dependent shape), so onnxruntime cannot
   * infer it at load: outputMetadata then reports the symbolic dims.
   */
  symbolicOutputDims?: string[];
}

/**
 * A real ONNX model whose output is a known constant: the image input is
 * reduced to a scalar, multiplied by 0 and added to the constant, so
 * onnxruntime runs a genuine graph on a genuine tensor and returns exactly
 * `values`. Lets tests check decoding against outputs they chose.
 */
export function constantOutputModel(values: Float32Array, dims: number[], options: ConstantModelOptions = {}): Uint8Array {
  const { inputName = 'images', outputName = 'output0', inputDims = [1, 3, 640, 640], symbolicOutputDims } = options;
  const valueInfo = (name: string, shape: (number | string)[]) => ({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'groundwork-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'constant_head',
      input: [valueInfo(inputName, inputDims)],
      output: [valueInfo(outputName, symbolicOutputDims ?? dims)],
      initializer: [
        { name: 'K', dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) },
        { name: 'zero', dataType: FLOAT, dims: [], floatData: [0] },
        { name: 'shape', dataType: FLOAT, dims: [dims.length], floatData: dims },
      ],
      node: [
        { opType: 'ReduceMean', input: [inputName], output: ['m'], attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
        { opType: 'Mul', input: ['m', 'zero'], output: ['z'] },
        ...(symbolicOutputDims
          ? [
              { opType: 'Add', input: ['K', 'z'], output: ['sum'] },
              { opType: 'Add', input: ['shape', 'z'], output: ['shapeF'] },
              { opType: 'Cast', input: ['shapeF'], output: ['shapeI'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.INT64 }] },
              { opType: 'Reshape', input: ['sum', 'shapeI'], output: [outputName] },
            ]
          : [{ opType: 'Add', input: ['K', 'z'], output: [outputName] }]),
      ],
    },
  }).finish();
}

/** One anchor of a YOLO head, in model-input pixels. */
export interface Anchor {
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** Class scores, one per class. */
  scores: number[];
  /** v5 only. */
  objectness?: number;
}

/** v8/v11 layout [1, 4 + C, N]: row r of anchor i at r * N + i. */
export function yoloV8Output(anchors: Anchor[], classCount: number): { values: Float32Array; dims: number[] } {
  const n = anchors.length;
  const values = new Float32Array((4 + classCount) * n);
  anchors.forEach((a, i) => {
    [a.cx, a.cy, a.w, a.h, ...a.scores].forEach((v, r) => (values[r * n + i] = v));
  });
  return { values, dims: [1, 4 + classCount, n] };
}

/** v5 layout [1, N, 5 + C]: anchor i at i * (5 + C). */
export function yoloV5Output(anchors: Anchor[], classCount: number): { values: Float32Array; dims: number[] } {
  const stride = 5 + classCount;
  const values = new Float32Array(stride * anchors.length);
  anchors.forEach((a, i) => values.set([a.cx, a.cy, a.w, a.h, a.objectness ?? 1, ...a.scores], i * stride));
  return { values, dims: [1, anchors.length, stride] };
}
