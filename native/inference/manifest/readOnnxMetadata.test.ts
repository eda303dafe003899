import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempModelsDir } from '../testSupport/modelFixture';
import { ultralyticsLikeModel, ultralyticsMetadata } from '../testSupport/ultralyticsLikeModel';
import { readOnnxModelInfo } from './readOnnxMetadata';

const { onnx } = onnxProto;

describe('readOnnxModelInfo', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempModelsDir()));
  afterEach(() => cleanup());

  it('finds metadata, inputs and outputs on either side of megabytes of weights (the metadata follows the graph in the file)', async () => {
    const model = onnx.ModelProto.decode(ultralyticsLikeModel({ head: 'v8', imgsz: [640, 640], metadata: ultralyticsMetadata() }));
    // 4 MB of weights (an unused initializer) between the graph's start and its inputs.
    model.graph!.initializer!.unshift({ name: 'weights', dataType: onnx.TensorProto.DataType.FLOAT, dims: [1 << 20], rawData: new Uint8Array(4 << 20) });
    const file = path.join(dir, 'heavy.onnx');
    await writeFile(file, onnx.ModelProto.encode(model).finish());
    const info = await readOnnxModelInfo(file);
    expect(info.metadata).toEqual(ultralyticsMetadata());
    expect(info.inputs).toEqual([{ name: 'images', dims: [1, 3, 640, 640] }]);
    expect(info.outputs).toEqual([{ name: 'output0', dims: [1, 7, 400] }]);
  });

  it('a truncated or foreign file is a clear error', async () => {
    const bytes = ultralyticsLikeModel({ head: 'v5', imgsz: [640, 640], metadata: ultralyticsMetadata() });
    const truncated = path.join(dir, 'truncated.onnx');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readOnnxModelInfo(truncated)).rejects.toThrow(`${truncated} is not a readable ONNX model`);
    const text = path.join(dir, 'text.onnx');
    await writeFile(text, 'hello world, this is not protobuf');
    await expect(readOnnxModelInfo(text)).rejects.toThrow('is not a readable ONNX model');
  });
});
