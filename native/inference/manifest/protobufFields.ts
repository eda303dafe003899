/**
 * Just enough of the protobuf wire format to walk an ONNX file's fields
 * without a protobuf library at run time (onnx-proto is a dev dependency
 * only). A field is its number, wire type, and where its bytes lie.
 */
export interface Field {
  number: number;
  wireType: number;
  /** Varint fields: the value (exact below 2^53). */
  value: number;
  /** Length-delimited fields: the payload's absolute start and length. */
  start: number;
  length: number;
  /** Absolute offset just past the field. */
  end: number;
}

export class NotProtobufError extends Error {}

/** Reads a varint at `pos` from `bytes`; returns the value and the offset after it. */
export function readVarint(bytes: Uint8Array, pos: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= bytes.length) throw new NotProtobufError('a varint runs past the end of the data');
    const b = bytes[pos + i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return { value, next: pos + i + 1 };
  }
  throw new NotProtobufError('a varint is longer than 10 bytes');
}

/**
 * Decodes the field header at `pos` of `head` (a window of the data that
 * starts at absolute offset `base`); `limit` is where the enclosing message
 * ends, so a length that points past it is refused.
 */
export function readField(head: Uint8Array, base: number, limit: number): Field {
  const tag = readVarint(head, 0);
  const number = Math.floor(tag.value / 8);
  const wireType = tag.value % 8;
  if (number < 1) throw new NotProtobufError(`field number ${number} at offset ${base}`);
  let field: Field;
  switch (wireType) {
    case 0: {
      const v = readVarint(head, tag.next);
      field = { number, wireType, value: v.value, start: base + tag.next, length: v.next - tag.next, end: base + v.next };
      break;
    }
    case 1:
      field = { number, wireType, value: 0, start: base + tag.next, length: 8, end: base + tag.next + 8 };
      break;
    case 5:
      field = { number, wireType, value: 0, start: base + tag.next, length: 4, end: base + tag.next + 4 };
      break;
    case 2: {
      const len = readVarint(head, tag.next);
      field = { number, wireType, value: 0, start: base + len.next, length: len.value, end: base + len.next + len.value };
      break;
    }
    default:
      throw new NotProtobufError(`unsupported wire type ${wireType} at offset ${base}`);
  }
  if (field.end > limit) throw new NotProtobufError(`field ${number} at offset ${base} runs past the end of its message`);
  return field;
}

/** Every field of a message held in memory. */
export function fieldsOf(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    const field = readField(bytes.subarray(pos), pos, bytes.length);
    fields.push(field);
    pos = field.end;
  }
  return fields;
}

export function utf8(bytes: Uint8Array, field: Field): string {
  return new TextDecoder().decode(bytes.subarray(field.start, field.start + field.length));
}
