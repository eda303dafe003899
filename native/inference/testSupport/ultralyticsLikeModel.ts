import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INTS = onnx.AttributeProto.AttributeType.INTS;
const INT = onnx.AttributeProto.AttributeType.INT;
const TENSOR = onnx.AttributeProto.AttributeType.TENSOR;

/** The grid cell size of the toy head, Ultralytics' largest stride. */
export const STRIDE = 32;

/** The classes the toy head detects: a cell whose mean colour is pure red, green or blue. */
export const colourClasses = ['red', 'green', 'blue'];

export interface UltralyticsLikeOptions {
  head: 'v5' | 'v8';
  /** Fixed input [height, width]; ignored for the graph's dims when `dynamic`. */
  imgsz: [number, number];
  /** As `yolo export dynamic=True`: batch, height and width symbolic, anchors symbolic. */
  dynamic?: boolean;
  /** metadata_props, as the exporter writes them (str() of each value). */
  metadata: Record<string, string>;
}

/**
 * The metadata `yolo export format=onnx` writes (ultralytics/engine/exporter.py:
 * every value is str() of the Python value).
 */
export function ultralyticsMetadata(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    description: 'Ultralytics YOLOv8n model trained on colours.yaml',
    author: 'Ultralytics',
    date: '2025-01-01T00:00:00.000000',
    version: '8.3.0',
    license: 'AGPL-3.0 License (https://ultralytics.com/license)',
    docs: 'https://docs.ultralytics.com',
    stride: '32',
    task: 'detect',
    batch: '1',
    imgsz: '[640, 640]',
    names: "{0: 'red', 1: 'green', 2: 'blue'}",
    ...overrides,
  };
}

/**
 * A real ONNX graph laid out as Ultralytics exports a detector: input
 * `images` [1, 3, H, W], output `output0` [1, 4 + C, N] (v8/v11) or
 * [1, N, 5 + C] (v5), metadata in metadata_props. Unlike a constant-output
 * model its output is computed from the pixels, so decoding is tested on
 * what session.run really returns:
 *  - one anchor per 32×32 cell (AveragePool), N = (H/32)·(W/32), in raster order;
 *  - box = the cell (centre, 32 × 32), from the grid size at run time (Shape, Range), so any input size works;
 *  - class c score = clip(1.5 × (channel c − mean of the channels), 0, 1):
 *    1 for a pure red/green/blue cell, 0 for grey or white;
 *  - v5 objectness = the best class score, so score = objectness × class = best².
 */
export function ultralyticsLikeModel(options: UltralyticsLikeOptions): Uint8Array {
  const { head, imgsz, dynamic = false, metadata } = options;
  const [h, w] = imgsz;
  const anchors = (h / STRIDE) * (w / STRIDE);
  const classCount = colourClasses.length;
  const dim = (d: number | string) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });
  const valueInfo = (name: string, shape: (number | string)[]) => ({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: shape.map(dim) } } } });
  const inputDims = dynamic ? ['batch', 3, 'height', 'width'] : [1, 3, h, w];
  const outputDims = head === 'v8' ? (dynamic ? ['batch', 4 + classCount, 'anchors'] : [1, 4 + classCount, anchors]) : dynamic ? ['batch', 'anchors', 5 + classCount] : [1, anchors, 5 + classCount];
  const f32 = (name: string, values: number[], dims: number[] = [values.length]) => ({ name, dataType: FLOAT, dims, floatData: values });
  const i64 = (name: string, values: number[], dims: number[] = [values.length]) => ({ name, dataType: INT64, dims, int64Data: values });
  const node = (opType: string, input: string[], output: string, attribute: object[] = []) => ({ opType, input, output: [output], attribute });
  const ints = (name: string, values: number[]) => ({ name, type: INTS, ints: values });

  const nodes = [
    // Scores per cell.
    node('AveragePool', ['images'], 'pooled', [ints('kernel_shape', [STRIDE, STRIDE]), ints('strides', [STRIDE, STRIDE])]),
    node('ReduceMean', ['pooled'], 'grey', [ints('axes', [1]), { name: 'keepdims', type: INT, i: 1 }]),
    node('Sub', ['pooled', 'grey'], 'colourfulness'),
    node('Mul', ['colourfulness', 'gain'], 'gained'),
    node('Clip', ['gained', 'zeroF', 'oneF'], 'scoreGrid'),
    node('Reshape', ['scoreGrid', 'scoreShape'], 'scores'),
    // Cell boxes from the grid's run-time size.
    node('Shape', ['pooled'], 'pooledShape'),
    node('Slice', ['pooledShape', 'two', 'four'], 'gridHW'),
    node('Gather', ['pooledShape', 'idx2'], 'gridH'),
    node('Gather', ['pooledShape', 'idx3'], 'gridW'),
    node('Range', ['zeroI', 'gridW', 'oneI'], 'colI'),
    node('Range', ['zeroI', 'gridH', 'oneI'], 'rowI'),
    node('Cast', ['colI'], 'colF', [{ name: 'to', type: INT, i: FLOAT }]),
    node('Cast', ['rowI'], 'rowF', [{ name: 'to', type: INT, i: FLOAT }]),
    node('Add', ['colF', 'half'], 'colMid'),
    node('Add', ['rowF', 'half'], 'rowMid'),
    node('Mul', ['colMid', 'stride'], 'cxRow'),
    node('Mul', ['rowMid', 'stride'], 'cyCol1'),
    node('Unsqueeze', ['cyCol1', 'one'], 'cyCol'),
    node('Expand', ['cxRow', 'gridHW'], 'cx'),
    node('Expand', ['cyCol', 'gridHW'], 'cy'),
    node('ConstantOfShape', ['gridHW'], 'side', [{ name: 'value', type: TENSOR, t: f32('v', [STRIDE], [1]) }]),
    ...['cx', 'cy', 'side'].map((n) => node('Unsqueeze', [n, 'zero'], `${n}1`)),
    node('Concat', ['cx1', 'cy1', 'side1', 'side1'], 'boxGrid', [{ name: 'axis', type: INT, i: 0 }]),
    node('Reshape', ['boxGrid', 'boxShape'], 'boxes1'),
    // Repeat the boxes over the batch.
    node('Shape', ['images'], 'imageShape'),
    node('Slice', ['imageShape', 'zero', 'one'], 'batch'),
    node('Concat', ['batch', 'one', 'one'], 'batchShape', [{ name: 'axis', type: INT, i: 0 }]),
    node('Expand', ['boxes1', 'batchShape'], 'boxes'),
    ...(head === 'v8'
      ? [node('Concat', ['boxes', 'scores'], 'output0', [{ name: 'axis', type: INT, i: 1 }])]
      : [
          node('ReduceMax', ['scores'], 'objectness', [ints('axes', [1]), { name: 'keepdims', type: INT, i: 1 }]),
          node('Concat', ['boxes', 'objectness', 'scores'], 'rows', [{ name: 'axis', type: INT, i: 1 }]),
          node('Transpose', ['rows'], 'output0', [ints('perm', [0, 2, 1])]),
        ]),
  ];

  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'pytorch',
    producerVersion: '2.3.0',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'main_graph',
      input: [valueInfo('images', inputDims)],
      output: [valueInfo('output0', outputDims)],
      initializer: [
        f32('gain', [1.5], []),
        f32('zeroF', [0], []),
        f32('oneF', [1], []),
        f32('half', [0.5], []),
        f32('stride', [STRIDE], []),
        i64('scoreShape', [0, classCount, -1]),
        i64('boxShape', [1, 4, -1]),
        i64('zero', [0]),
        i64('one', [1]),
        i64('two', [2]),
        i64('four', [4]),
        i64('idx2', [2], []),
        i64('idx3', [3], []),
        i64('zeroI', [0], []),
        i64('oneI', [1], []),
      ],
      node: nodes,
    },
  }).finish();
}
