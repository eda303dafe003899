import { open, stat, type FileHandle } from 'node:fs/promises';
import { fieldsOf, NotProtobufError, readField, utf8, type Field } from './protobufFields';

/** A graph input or output: its name and dims (a string is a symbolic dim, '?' an unknown one). */
export interface OnnxTensorInfo {
  name: string;
  dims: (number | string)[];
}

/** What an ONNX file says about itself without being run. */
export interface OnnxModelInfo {
  /** ModelProto.metadata_props: Ultralytics writes names, imgsz, stride, task… here. */
  metadata: Record<string, string>;
  inputs: OnnxTensorInfo[];
  outputs: OnnxTensorInfo[];
}

// ModelProto, GraphProto, ValueInfoProto… field numbers (onnx/onnx.proto).
const MODEL_GRAPH = 7;
const MODEL_METADATA_PROPS = 14;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;

/**
 * Reads the metadata and the graph's inputs and outputs of an ONNX file.
 * Only field headers are read on the way: the weights (graph initializers)
 * and nodes are skipped by seeking, so a 200 MB model costs a few reads, not
 * a full load, and no onnxruntime session is created. Results are cached by
 * path, mtime and size because the model list is scanned on every picker open.
 * Throws an Error saying the file is not ONNX when its bytes do not parse.
 */
export async function readOnnxModelInfo(filePath: string): Promise<OnnxModelInfo> {
  const info = await stat(filePath);
  const cached = cache.get(filePath);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.result;
  const handle = await open(filePath, 'r');
  try {
    const result = await walkModel(new WindowedReader(handle, info.size), info.size);
    cache.set(filePath, { mtimeMs: info.mtimeMs, size: info.size, result });
    return result;
  } catch (error) {
    if (error instanceof NotProtobufError) throw new Error(`${filePath} is not a readable ONNX model (${error.message})`);
    throw error;
  } finally {
    await handle.close();
  }
}

const cache = new Map<string, { mtimeMs: number; size: number; result: OnnxModelInfo }>();

async function walkModel(reader: WindowedReader, size: number): Promise<OnnxModelInfo> {
  const result: OnnxModelInfo = { metadata: {}, inputs: [], outputs: [] };
  let sawGraph = false;
  for await (const field of reader.fields(0, size)) {
    if (field.number === MODEL_METADATA_PROPS && field.wireType === 2) {
      const entry = await reader.bytes(field);
      let key = '';
      let value = '';
      for (const f of fieldsOf(entry)) {
        if (f.number === 1) key = utf8(entry, f);
        if (f.number === 2) value = utf8(entry, f);
      }
      if (key) result.metadata[key] = value;
    } else if (field.number === MODEL_GRAPH && field.wireType === 2) {
      sawGraph = true;
      for await (const g of reader.fields(field.start, field.end)) {
        if ((g.number === GRAPH_INPUT || g.number === GRAPH_OUTPUT) && g.wireType === 2) {
          (g.number === GRAPH_INPUT ? result.inputs : result.outputs).push(valueInfo(await reader.bytes(g)));
        }
      }
    }
  }
  if (!sawGraph) throw new NotProtobufError('no graph found');
  return result;
}

/** ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1; shape = 2 { dim = 1 { dim_value = 1 | dim_param = 2 } } } } } */
function valueInfo(bytes: Uint8Array): OnnxTensorInfo {
  let name = '';
  const dims: (number | string)[] = [];
  const sub = (f: Field) => bytes.subarray(f.start, f.start + f.length);
  for (const f of fieldsOf(bytes)) {
    if (f.number === 1 && f.wireType === 2) name = utf8(bytes, f);
    if (f.number !== 2 || f.wireType !== 2) continue;
    const type = sub(f);
    for (const t of fieldsOf(type)) {
      if (t.number !== 1 || t.wireType !== 2) continue;
      const tensor = type.subarray(t.start, t.start + t.length);
      for (const s of fieldsOf(tensor)) {
        if (s.number !== 2 || s.wireType !== 2) continue;
        const shape = tensor.subarray(s.start, s.start + s.length);
        for (const d of fieldsOf(shape)) {
          if (d.number !== 1 || d.wireType !== 2) continue;
          const dim = shape.subarray(d.start, d.start + d.length);
          let value: number | string = '?';
          for (const v of fieldsOf(dim)) {
            if (v.number === 1 && v.wireType === 0) value = v.value <= Number.MAX_SAFE_INTEGER ? v.value : '?';
            if (v.number === 2 && v.wireType === 2) value = utf8(dim, v);
          }
          dims.push(value);
        }
      }
    }
  }
  return { name, dims };
}

/**
 * Random access to a file through one 64 KB window, so walking many small
 * fields (graph nodes) costs one read per window, and a large field (weights)
 * is skipped without being read.
 */
class WindowedReader {
  private static readonly SIZE = 64 * 1024;
  private window = new Uint8Array(0);
  private windowStart = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly fileSize: number,
  ) {}

  async *fields(start: number, end: number): AsyncGenerator<Field> {
    for (let pos = start; pos < end; ) {
      const head = await this.at(pos, Math.min(20, end - pos));
      const field = readField(head, pos, end);
      yield field;
      pos = field.end;
    }
  }

  /** A whole length-delimited field's payload (metadata entries, value infos: small). */
  async bytes(field: Field): Promise<Uint8Array> {
    if (field.length > 16 * 1024 * 1024) throw new NotProtobufError(`field ${field.number} is ${field.length} bytes, too large to be metadata`);
    return (await this.at(field.start, field.length)).slice();
  }

  private async at(pos: number, length: number): Promise<Uint8Array> {
    if (pos + length > this.fileSize) throw new NotProtobufError('the data ends early (truncated file?)');
    if (pos < this.windowStart || pos + length > this.windowStart + this.window.length) {
      const size = Math.min(Math.max(WindowedReader.SIZE, length), this.fileSize - pos);
      const buffer = new Uint8Array(size);
      const { bytesRead } = await this.handle.read(buffer, 0, size, pos);
      this.window = buffer.subarray(0, bytesRead);
      this.windowStart = pos;
    }
    return this.window.subarray(pos - this.windowStart, pos - this.windowStart + length);
  }
}
